//! Calls to action: the block each post shows (its own `cta:`, else its first
//! tag's default, else its stage's, else the site's), where it goes, what it links
//! to, and everywhere it must never appear (feeds, summaries, JSON-LD).

use std::fs;

use scraper::{ElementRef, Html};
use serde_json::Value;

use crate::common::{self, TestSite, attrs, sel, stderr, texts};

const BASE: &str = "https://blog.example.com/";
const WEBINAR: &str = "Join the <live> webinar & \"ask\"";

fn built() -> TestSite {
    let site = TestSite::new("calls_to_action");
    site.build_ok(&[]);
    site
}

fn post(site: &TestSite, slug: &str) -> Html {
    site.html(&format!("posts/{slug}/index.html"))
}

/// The headings of the calls to action on a page, in order.
fn blocks(page: &Html) -> Vec<String> {
    texts(page, "section.cta .cta-heading")
}

/// How many files the build on stdout says it rendered.
fn rendered(out: &std::process::Output) -> usize {
    let text = String::from_utf8_lossy(&out.stdout);
    let (before, _) = text.split_once(" rendered").unwrap_or_else(|| panic!("no count in {text}"));
    before.rsplit('(').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no count in {text}"))
}

#[test]
fn each_post_shows_the_block_its_choice_tag_stage_or_the_site_gives() {
    let site = built();
    let want: &[(&str, &[&str])] = &[
        ("tagged", &[WEBINAR]),                  // its tag's default beats its stage's
        ("decision", &["Talk to Ada Lovelace"]), // its stage's
        ("plain", &["Get the newsletter"]),      // the site's
        ("named", &[WEBINAR]),                   // `cta: webinar`
        ("off", &[]),                            // `cta: false`
        ("internal", &["Read our guide"]),
        ("long", &["Get the newsletter", "Get the newsletter"]), // in the middle too
    ];
    for (slug, headings) in want {
        assert_eq!(blocks(&post(&site, slug)), *headings, "{slug}");
    }
}

#[test]
fn talk_to_the_author_writes_to_them_and_falls_back_with_a_warning_when_they_give_no_contact() {
    let site = built();
    let page = post(&site, "decision");
    assert_eq!(attrs(&page, "section.cta-author a.cta-button", "href"), ["mailto:ada@example.com"]);
    assert_eq!(blocks(&post(&site, "nocontact")), ["Get the newsletter"], "Bob gives no contact");
    let out =
        common::byline().args(["check", site.root().to_str().unwrap(), "--format", "json"]).output().unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&Value> = findings.iter().filter(|f| f["code"] == "cta-no-contact").collect();
    assert_eq!(found.len(), 1, "{findings:#?}");
    assert_eq!(found[0]["severity"], "warning");
    assert!(found[0]["file"].as_str().unwrap_or_default().ends_with("nocontact.md"), "{:#?}", found[0]);
    assert!(
        found[0]["message"].as_str().unwrap().contains("`newsletter` is shown instead"),
        "{:#?}",
        found[0]
    );
}

#[test]
fn calls_to_action_never_reach_feeds_summaries_or_json_ld() {
    let site = built();
    let words = ["Get the newsletter", "live", "Save my seat", "Talk to Ada", "Read our guide", "cta"];
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let parsed = feed_rs::parser::parse(site.read(feed).as_bytes()).expect(feed);
        assert!(!parsed.entries.is_empty(), "{feed}");
        for e in &parsed.entries {
            let content = e.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
            let summary = e.summary.as_ref().map(|s| s.content.clone()).unwrap_or_default();
            assert!(content.contains("first paragraph") || content.contains("word"), "{feed}: {content}");
            for w in words {
                assert!(!content.contains(w) && !summary.contains(w), "{feed} carries `{w}`: {content}");
            }
        }
    }
    for list in ["index.html", "tags/security/index.html", "authors/ada/index.html"] {
        let page = site.html(list);
        assert!(blocks(&page).is_empty(), "{list}");
        let cards = texts(&page, ".card").join(" ");
        assert!(!cards.contains("Get the newsletter") && !cards.contains("Save my seat"), "{list}: {cards}");
    }
    for slug in ["tagged", "decision", "plain", "long"] {
        let page = post(&site, slug);
        assert!(!blocks(&page).is_empty(), "{slug}");
        for ld in texts(&page, "script[type=\"application/ld+json\"]") {
            let _: Value = serde_json::from_str(&ld).unwrap();
            for w in words {
                assert!(!ld.contains(w), "{slug}: JSON-LD carries `{w}`: {ld}");
            }
        }
    }
}

/// The element's parent element.
fn parent(e: ElementRef<'_>) -> ElementRef<'_> {
    e.parent().and_then(ElementRef::wrap).unwrap()
}

#[test]
fn the_mid_article_block_stands_between_top_level_paragraphs_never_inside_a_list_table_code_or_quote() {
    let site = built();
    let page = post(&site, "long");
    let mid = page.select(&sel("section.cta-mid")).next().expect("a block in the middle");
    assert_eq!(parent(mid).value().attr("class"), Some("prose"), "a child of the post's body itself");
    let before = mid.prev_siblings().find_map(ElementRef::wrap).unwrap();
    let after = mid.next_siblings().find_map(ElementRef::wrap).unwrap();
    assert_eq!(before.value().name(), "p");
    assert!(
        before.text().collect::<String>().starts_with("Middle"),
        "after the paragraph nearest the middle"
    );
    assert_eq!(after.value().name(), "p");
    for a in mid.ancestors().filter_map(ElementRef::wrap) {
        assert!(!["li", "ul", "ol", "blockquote", "table", "pre", "p"].contains(&a.value().name()));
    }
    let end = page.select(&sel("section.cta-end")).next().expect("a block after the post");
    assert_eq!(parent(end).value().name(), "article");
    let ids: Vec<String> = attrs(&page, "[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids unique on the page: {ids:?}");
    assert!(
        post(&site, "plain").select(&sel("section.cta-mid")).next().is_none(),
        "short posts: at the end only"
    );
}

/// axe's `landmark-unique`: the blocks in the middle and at the end of a post were
/// two regions of the same name.
#[test]
fn two_blocks_on_one_page_are_regions_of_different_names() {
    let site = built();
    let page = post(&site, "long");
    let (mid, end) = (sel("section.cta-mid"), sel("section.cta-end"));
    let (mid, end) = (page.select(&mid).next().unwrap(), page.select(&end).next().unwrap());
    // Each a region named by its heading, the two by different names.
    let names: Vec<String> = [mid, end]
        .iter()
        .map(|s| {
            let ids: Vec<&str> = s.value().attr("aria-labelledby").unwrap().split_whitespace().collect();
            let heading = s.select(&sel(".cta-heading")).next().unwrap();
            assert_eq!(heading.value().attr("id"), Some(ids[0]));
            let by_id =
                |id: &str| page.select(&sel(&format!("#{id}"))).next().unwrap().text().collect::<String>();
            ids.iter().map(|id| by_id(id)).collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert_ne!(names[0], names[1]);
}

#[test]
fn the_newsletter_form_works_without_javascript_and_escapes_its_fields() {
    let site = built();
    let page = post(&site, "plain");
    let form = page.select(&sel("section.cta-form form")).next().expect("a form");
    assert_eq!(form.value().attr("method"), Some("post"));
    assert_eq!(form.value().attr("action"), Some("https://lists.example.net/subscribe?u=1&id=2"), "no UTM");
    let input = form.select(&sel("input[type=email]")).next().unwrap().value();
    assert_eq!(
        (input.attr("name"), input.attr("required"), input.attr("autocomplete")),
        (Some("EMAIL"), Some(""), Some("email"))
    );
    let label = form.select(&sel("label")).next().unwrap();
    assert_eq!(label.value().attr("for"), input.attr("id"));
    assert_eq!(label.text().collect::<String>(), "Your e-mail address");
    let hidden: Vec<(String, String)> = form
        .select(&sel("input[type=hidden]"))
        .map(|i| (i.value().attr("name").unwrap().into(), i.value().attr("value").unwrap().into()))
        .collect();
    assert_eq!(hidden, [("list".into(), "blog \"main\"".into()), ("tag".into(), "<b>&".into())]);
    let button = form.select(&sel("button")).next().unwrap();
    assert_eq!(
        (button.value().attr("type"), button.text().collect::<String>().as_str()),
        (Some("submit"), "Sign me up")
    );
    assert_eq!(page.select(&sel("section.cta script, section.cta [onclick]")).count(), 0);
}

#[test]
fn text_written_in_a_block_is_escaped() {
    let site = built();
    let raw = site.read("posts/named/index.html");
    assert!(raw.contains("Join the &lt;live&gt; webinar &amp; &quot;ask&quot;"), "{raw}");
    assert!(!raw.contains("<live>") && !raw.contains("<questions>"));
    let page = post(&site, "named");
    assert_eq!(texts(&page, "section.cta .cta-text"), ["Bring <questions> & more."]);
    assert_eq!(attrs(&page, "section.cta img", "alt"), ["A \"chart\" & more"]);
    assert_eq!(attrs(&page, "section.cta img", "src"), [format!("{BASE}images/webinar.png")]);
}

#[test]
fn cta_links_carry_campaign_parameters_only_when_campaign_links_is_on() {
    let site = built();
    let href = |site: &TestSite, slug: &str| attrs(&post(site, slug), "section.cta a.cta-button", "href");
    assert_eq!(
        href(&site, "tagged"),
        [
            "https://events.example.net/webinar?ref=blog&utm_medium=cta&utm_campaign=tagged&utm_content=webinar#top"
        ]
    );
    assert_eq!(href(&site, "decision"), ["mailto:ada@example.com"], "an e-mail address is not counted");
    assert_eq!(
        href(&site, "internal"),
        [format!("{BASE}posts/plain/")],
        "a link within the blog is not counted"
    );
    for slug in ["tagged", "named", "plain"] {
        let page = post(&site, slug);
        let canonical = attrs(&page, "link[rel=canonical]", "href");
        let og = attrs(&page, "meta[property=\"og:url\"]", "content");
        assert_eq!((canonical.clone(), og), (vec![format!("{BASE}posts/{slug}/")], canonical), "{slug}");
        assert!(!site.read(&format!("posts/{slug}/index.html")).contains("utm_source=cta"));
    }
    let yaml = site.root().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, text.replace("campaign_links: true", "campaign_links: false")).unwrap();
    site.build_ok(&[]);
    assert_eq!(href(&site, "tagged"), ["https://events.example.net/webinar?ref=blog#top"]);
    assert!(!site.read("posts/named/index.html").contains("utm_"));
}

#[test]
fn an_unknown_stage_or_call_to_action_is_an_error_at_its_line_with_the_closest_name() {
    let site = TestSite::new("calls_to_action");
    site.write(
        "content/posts/bad.md",
        "---\ntitle: Bad\ndate: 2024-02-01\nauthors: [ada]\nstage: decison\ncta: webnar\n---\nBody.\n",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/posts/bad.md:5:8: `decison` is not one of the site's buying stages"),
        "{err}"
    );
    assert!(err.contains("did you mean `decision`?"), "{err}");
    assert!(err.contains("error: content/posts/bad.md:6:6: there is no call to action `webnar`"), "{err}");
    assert!(err.contains("did you mean `webinar`?"), "{err}");
}

#[test]
fn a_script_address_in_a_call_to_action_is_an_error_at_its_line() {
    let site = TestSite::new("calls_to_action");
    let yaml = site.root().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    let text = text.replace("url: /posts/plain/", "url: javascript:alert(1)");
    let text = text.replace("site: newsletter", "site: newsleter");
    let text = text.replace("image: /images/webinar.png", "image: /images/missing.png");
    fs::write(&yaml, text).unwrap();
    let line = |needle: &str| {
        fs::read_to_string(&yaml).unwrap().lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    let out = site.build(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let at = |needle: &str, column: usize| format!("error: site.yaml:{}:{column}: ", line(needle));
    assert!(
        err.contains(&format!("{}`javascript:alert(1)` cannot be used as `url`", at("javascript:", 10))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}there is no call to action `newsleter`", at("site: newsleter", 9))),
        "{err}"
    );
    assert!(err.contains("did you mean `newsletter`?"), "{err}");
    assert!(!err.contains("missing.png"), "files are looked at once site.yaml can be read: {err}");
}

#[test]
fn a_call_to_action_image_must_be_a_file_of_the_site() {
    let site = TestSite::new("calls_to_action");
    let yaml = site.root().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap().replace("/images/webinar.png", "/images/missing.png");
    fs::write(&yaml, text).unwrap();
    let out = site.build(&[]);
    let err = stderr(&out);
    let line =
        fs::read_to_string(&yaml).unwrap().lines().position(|l| l.contains("missing.png")).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "error: site.yaml:{line}:12: `image` names `/images/missing.png`, which is not a file of the site"
        )),
        "{err}"
    );
}

#[test]
fn the_calendar_counts_posts_by_stage() {
    let site = TestSite::new("calls_to_action");
    let out = common::byline()
        .args(["calendar", site.root().to_str().unwrap(), "--today", "2026-11-30", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, u64, u64)> = c["stages"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap().into(),
                s["published"].as_u64().unwrap(),
                s["upcoming"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [("awareness", 3, 0), ("consideration", 0, 1), ("decision", 5, 0)];
    assert_eq!(got, want.map(|(s, p, u)| (s.to_string(), p, u)));
    assert_eq!(c["stages"]["without_stage"]["published"], 0);
}

#[test]
fn editing_one_call_to_action_re_renders_only_the_posts_that_show_it() {
    let site = built();
    let before = common::tree(&site.out());
    let yaml = site.root().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, text.replace("Bring <questions> & more.", "Bring your questions.")).unwrap();
    let out = site.build_ok(&[]);
    let after = common::tree(&site.out());
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, bytes)| before.get(*p) != Some(bytes))
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p != ".byline-manifest.json") // the build's own record of the files
        .collect();
    assert_eq!(changed, ["posts/named/index.html", "posts/tagged/index.html"]);
    assert_eq!(rendered(&out), 2, "{}", String::from_utf8_lossy(&out.stdout));
}

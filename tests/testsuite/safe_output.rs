//! Nothing unsafe or invalid in the output (issue 12): script URLs written in
//! markdown never become an href or src, characters XML and HTML forbid never reach
//! a file, every page has a favicon, and summaries on list pages carry no footnote
//! links. `byline check` points at each thing the build changed, with its line.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use scraper::Html;
use serde_json::Value;

use crate::common::{self, NOW, TestSite, attrs, sel, texts, tree};

/// `(code, file, line)` of every finding of `byline check --format json`, sorted.
fn check(site: &TestSite) -> Vec<(String, String, Option<u64>)> {
    let out = Command::cargo_bin("byline")
        .unwrap()
        .args(["check", site.root().to_str().unwrap(), "--format", "json", "--now", NOW])
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let mut found: Vec<_> = findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap().into(), f["file"].as_str().unwrap().into(), f["line"].as_u64()))
        .collect();
    found.sort();
    found
}

/// `(file, line)` of each finding with `code`, sorted.
fn with_code(found: &[(String, String, Option<u64>)], code: &str) -> Vec<(String, Option<u64>)> {
    found.iter().filter(|(c, _, _)| c == code).map(|(_, f, l)| (f.clone(), *l)).collect()
}

/// True when a browser following or loading `url` could run a script. Written
/// apart from byline's own rule, from what browsers do: controls and spaces go,
/// the scheme is read in any case.
fn runs_script(url: &str, image: bool) -> bool {
    let url: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let url = url.to_lowercase();
    let inline_image =
        ["png", "jpeg", "gif", "webp"].iter().any(|t| url.starts_with(&format!("data:image/{t}")));
    url.starts_with("javascript:")
        || url.starts_with("vbscript:")
        || (url.starts_with("data:") && !(image && inline_image))
}

/// Every href and src in `doc` that could run a script.
fn script_targets(doc: &Html) -> Vec<String> {
    let mut bad: Vec<String> =
        attrs(doc, "[href]", "href").into_iter().filter(|u| runs_script(u, false)).collect();
    bad.extend(attrs(doc, "img[src]", "src").into_iter().filter(|u| runs_script(u, true)));
    bad
}

#[test]
fn script_urls_in_markdown_links_never_reach_an_href_or_src() {
    let site = TestSite::new("safe-output");
    site.build_ok(&[]);
    for page in [
        "posts/script-links/index.html",
        "index.html",
        "tags/security/index.html",
        "authors/sam-lee/index.html",
    ] {
        assert_eq!(script_targets(&site.html(page)), Vec::<String>::new(), "{page}");
    }
    let doc = site.html("posts/script-links/index.html");
    let body = texts(&doc, ".prose").join(" ");
    for text in [
        "plain",
        "mixed case",
        "javascript:alert(3)",
        "reference",
        "entity",
        "hex",
        "tabbed",
        "vb",
        "page",
        "svg image",
    ] {
        assert!(body.contains(text), "the text `{text}` is kept: {body}");
    }
    let hrefs = attrs(&doc, ".prose a", "href");
    assert_eq!(hrefs, ["https://example.org/", "https://safe.example.com/blog/about/"]);
    let srcs = attrs(&doc, ".prose img", "src");
    assert_eq!(srcs.len(), 1);
    assert!(srcs[0].starts_with("data:image/png;base64,"), "an inline PNG stays: {srcs:?}");
    // Feeds carry the same body (the raw HTML post keeps its raw HTML, as documented).
    let this_post = "https://safe.example.com/blog/posts/script-links/";
    let mut in_feeds = 0;
    for feed in ["rss.xml", "atom.xml", "authors/sam-lee/rss.xml", "tags/security/rss.xml"] {
        let parsed = feed_rs::parser::parse(site.read(feed).as_bytes()).expect(feed);
        for entry in parsed.entries.into_iter().filter(|e| e.links.iter().any(|l| l.href == this_post)) {
            let html =
                entry.content.and_then(|c| c.body).or(entry.summary.map(|s| s.content)).unwrap_or_default();
            assert!(html.contains("mixed case"), "{feed}: {html}");
            assert_eq!(script_targets(&Html::parse_fragment(&html)), Vec::<String>::new(), "{feed}");
            in_feeds += 1;
        }
    }
    assert_eq!(in_feeds, 4);
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = json["items"].as_array().unwrap().iter().find(|i| i["url"] == this_post).unwrap();
    let html = Html::parse_fragment(item["content_html"].as_str().unwrap());
    assert_eq!(script_targets(&html), Vec::<String>::new());
}

#[test]
fn check_warns_about_each_dropped_script_url_with_its_line() {
    let site = TestSite::new("safe-output");
    let found = check(&site);
    let post = "content/posts/script-links.md".to_string();
    let mut want: Vec<(String, Option<u64>)> =
        [8, 8, 10, 10, 12, 12, 14, 14, 16, 18].iter().map(|&l| (post.clone(), Some(l))).collect();
    want.insert(0, ("authors/sam-lee.md".into(), Some(7)));
    assert_eq!(with_code(&found, "script-url"), want);
}

#[test]
fn raw_html_passes_through_and_check_warns_about_its_scripts_with_the_line() {
    let site = TestSite::new("safe-output");
    site.build_ok(&[]);
    let raw = site.read("posts/raw-html/index.html");
    assert!(raw.contains("<script>window.tracked = true;</script>"), "raw HTML is published as written");
    assert!(raw.contains("onclick=\"steal()\""));
    let file = "content/posts/raw-html.md".to_string();
    let want: Vec<(String, Option<u64>)> = [11, 14, 17].iter().map(|&l| (file.clone(), Some(l))).collect();
    assert_eq!(with_code(&check(&site), "raw-html-script"), want);
}

/// A site whose title, body, role, bio, description, tags and settings hold
/// characters XML 1.0 forbids, some written as YAML escapes, some raw.
fn control_character_site() -> TestSite {
    let site = TestSite::new("safe-output");
    site.write(
        "site.yaml",
        "title: \"Safe\\x01 Output\"\nbase_url: https://safe.example.com/blog/\ndescription: \"Controls\\e here\"\norganization:\n  name: \"Safe\\0 Inc\"\n",
    );
    site.write(
        "content/posts/control.md",
        "---\ntitle: \"Bell\\a NUL\\0 one\\x01 esc\\e nonchar\\uFFFE end\"\ndate: 2024-03-04\nauthors: [cy-ctrl]\n\
         tags: [\"Tag\\x01 one\", Security]\nkeywords: [\"kw\\e\"]\n\
         description: \"Desc\\0 with\\x01 controls\\e and\\uFFFE enough words to be a description.\"\n---\n\
         Body with NUL \u{0}, one \u{1}, escape \u{1b}[31m, nonchar \u{fffe} and &#2; a reference.\n\n\
         ## Heading \u{1} here\n\n<p title=\"raw &#0; ref\">raw \u{2} html</p>\n\n`code \u{1}`\n",
    );
    site.write(
        "authors/cy-ctrl.md",
        "---\nname: \"Cy\\x01 Ctrl\"\nrole: \"Role\\0 with\\e controls\\uFFFE\"\nlocation: \"Place\\x01\"\n\
         expertise: [\"Exp\\x01\"]\nsocial:\n  github: cyctrl\n---\nBio with \u{1} and \u{1b} and \u{fffe} here.\n",
    );
    site.write("content/about.md", "---\ntitle: \"About\\x01\"\n---\nAbout \u{7} us.\n");
    site.build_ok(&[]);
    site
}

/// What XML 1.0 allows as a character (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn json_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

#[test]
fn xml_forbidden_characters_reach_no_output_file_and_every_file_parses() {
    let site = control_character_site();
    let files = tree(&site.out());
    let text_kinds = ["html", "xml", "opml", "json", "txt", "css", "svg"];
    let mut checked = 0;
    for (path, bytes) in &files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !text_kinds.contains(&ext) || path.starts_with(".byline-manifest.json") {
            continue;
        }
        checked += 1;
        let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Some(c) = text.chars().find(|&c| !xml_char(c)) {
            panic!("{} holds U+{:04X}", path.display(), c as u32);
        }
        match ext {
            "xml" | "opml" | "svg" => {
                roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
            "json" => {
                let v: Value = serde_json::from_str(text).unwrap();
                let mut strings = Vec::new();
                json_strings(&v, &mut strings);
                assert!(strings.iter().all(|s| s.chars().all(xml_char)), "{}", path.display());
            }
            _ => {}
        }
        if path.file_name().is_some_and(|n| n == "rss.xml") || path == Path::new("atom.xml") {
            feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
    assert!(checked > 20, "only {checked} files");
    // Replaced, not dropped: the reader sees where something was.
    let doc = site.html("posts/control/index.html");
    assert_eq!(texts(&doc, "h1"), ["Bell\u{fffd} NUL\u{fffd} one\u{fffd} esc\u{fffd} nonchar\u{fffd} end"]);
    let body = texts(&doc, ".prose").join(" ");
    assert!(
        body.contains("NUL \u{fffd}, one \u{fffd}, escape \u{fffd}[31m, nonchar \u{fffd} and \u{fffd} a"),
        "{body}"
    );
    assert_eq!(attrs(&doc, ".prose p[title]", "title"), ["raw \u{fffd} ref"]);
    for script in doc.select(&sel("script[type='application/ld+json']")) {
        let ld: Value = serde_json::from_str(&script.text().collect::<String>()).expect("JSON-LD parses");
        let mut strings = Vec::new();
        json_strings(&ld, &mut strings);
        assert!(strings.iter().all(|s| s.chars().all(xml_char)));
    }
    let author = site.html("authors/cy-ctrl/index.html");
    assert_eq!(texts(&author, ".author-role"), ["Role\u{fffd} with\u{fffd} controls\u{fffd}"]);
    let opml = site.read("authors.opml");
    let opml = roxmltree::Document::parse(&opml).unwrap();
    assert!(opml.descendants().any(|n| n.attribute("text").is_some_and(|t| t.contains("Cy\u{fffd} Ctrl"))));
}

#[test]
fn check_warns_about_each_forbidden_character_with_file_and_line() {
    let site = control_character_site();
    let found = with_code(&check(&site), "forbidden-character");
    let at = |file: &str, line: Option<u64>| found.iter().filter(|f| f.0 == file && f.1 == line).count();
    let post = "content/posts/control.md";
    assert_eq!(at(post, Some(2)), 5, "the title's five characters at its line: {found:?}");
    assert_eq!(at(post, Some(7)), 4, "the description's four: {found:?}");
    assert_eq!(at(post, Some(9)), 5, "the body's first line, the reference included: {found:?}");
    assert_eq!(at(post, Some(11)), 1, "the heading: {found:?}");
    assert_eq!(at(post, Some(13)), 2, "the raw HTML's character and reference: {found:?}");
    assert_eq!(at(post, Some(15)), 1, "the code: {found:?}");
    assert!(at(post, None) >= 2, "tags and keywords, whose lines the model does not keep: {found:?}");
    assert_eq!(at("authors/cy-ctrl.md", Some(9)), 3, "the bio: {found:?}");
    assert!(at("authors/cy-ctrl.md", None) >= 5, "name, role, location, expertise: {found:?}");
    assert_eq!(at("content/about.md", Some(4)), 1, "{found:?}");
    assert_eq!(at("site.yaml", None), 3, "{found:?}");
}

#[test]
fn every_page_links_a_favicon_the_build_writes() {
    let site = TestSite::new("safe-output");
    site.build_ok(&[]);
    let out = site.out();
    let mut pages = 0;
    for (path, bytes) in tree(&out) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let doc = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let icons = attrs(&doc, "head link[rel=icon]", "href");
        assert_eq!(
            icons,
            ["https://safe.example.com/blog/favicon.png", "https://safe.example.com/blog/favicon.svg"],
            "{}",
            path.display()
        );
    }
    assert!(pages > 5);
    let svg = site.read("favicon.svg");
    let svg = roxmltree::Document::parse(&svg).expect("the SVG icon is XML");
    assert_eq!(svg.root_element().tag_name().name(), "svg");
    let png = std::fs::read(out.join("favicon.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    assert_eq!((&png[16..20], &png[20..24]), (&32u32.to_be_bytes()[..], &32u32.to_be_bytes()[..]), "32 x 32");
}

#[test]
fn a_favicon_in_the_sites_static_folder_replaces_the_themes() {
    let site = TestSite::new("safe-output");
    let own_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>\n";
    site.write("static/favicon.svg", own_svg);
    site.write("static/favicon.png", b"\x89PNG own");
    site.build_ok(&[]);
    assert_eq!(site.read("favicon.svg"), own_svg);
    assert_eq!(std::fs::read(site.out().join("favicon.png")).unwrap(), b"\x89PNG own");
}

#[test]
fn summaries_on_list_pages_have_no_dead_footnote_links() {
    let site = TestSite::new("safe-output");
    site.build_ok(&[]);
    let post = site.html("posts/footnotes/index.html");
    assert_eq!(post.select(&sel(".prose sup.footnote-reference a")).count(), 2, "the post keeps them");
    for page in ["index.html", "tags/security/index.html", "authors/sam-lee/index.html"] {
        let doc = site.html(page);
        let ids: BTreeSet<String> = attrs(&doc, "[id]", "id").into_iter().collect();
        let dead: Vec<String> =
            attrs(&doc, "a[href^='#']", "href").into_iter().filter(|h| !ids.contains(&h[1..])).collect();
        assert_eq!(dead, Vec::<String>::new(), "{page}");
        let summary = texts(&doc, ".card-summary").into_iter().find(|t| t.starts_with("Most incidents"));
        assert_eq!(summary.as_deref(), Some("Most incidents start small and grow quietly."), "{page}");
        assert_eq!(doc.select(&sel(".card-summary sup")).count(), 0, "{page}");
    }
}

#[test]
fn script_urls_in_photo_image_and_the_organizations_logo_and_url_are_refused_where_written() {
    let site = TestSite::new("basic");
    let ada = std::fs::read_to_string(site.root().join("authors/ada-lovelace.md")).unwrap();
    site.write(
        "authors/ada-lovelace.md",
        ada.replace("photo: /images/ada.svg", "photo: \"javascript:alert(3)\""),
    );
    let post = std::fs::read_to_string(site.root().join("content/posts/joint.md")).unwrap();
    site.write(
        "content/posts/joint.md",
        post.replacen("title:", "image: \" JaVaScRiPt:alert(1)\"\ntitle:", 1),
    );
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace(
        "logo: /images/logo.svg",
        "logo: \"data:text/html,<script>alert(2)</script>\"\n  url: \"vbscript:x\"",
    );
    site.write("site.yaml", yaml);
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    for (at, what) in [
        ("authors/ada-lovelace.md:4:9", "`javascript:alert(3)` cannot be used as `photo`"),
        (
            "content/posts/joint.md:2:9",
            "` JaVaScRiPt:alert(1)` cannot be used as `image`: `javascript:` addresses",
        ),
        ("site.yaml:7:10", "`data:text/html,<script>alert(2)</script>` cannot be used as `logo`: `data:`"),
        ("site.yaml:8:9", "`vbscript:x` cannot be used as `url`"),
    ] {
        assert!(err.contains(&format!("error: {at}: {what}")), "{at} {what}\n{err}");
    }
    assert!(!site.out().exists(), "nothing was written");
    // `check` refuses the same, at the same places.
    let found = check(&site);
    for file in ["authors/ada-lovelace.md", "content/posts/joint.md", "site.yaml"] {
        assert!(found.iter().any(|(_, f, _)| f == file), "{file}: {found:?}");
    }
}

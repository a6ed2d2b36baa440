//! `byline report keywords`: the focus-keyword report's counts for a fixture with
//! known answers, its three formats, the `check` note, and its serve page.

use scraper::{Html, Selector};
use serde_json::{Value, json};

use super::{byline, stdout};
use crate::common::{NOW, TestSite, stderr};

fn report(site: &TestSite, extra: &[&str]) -> std::process::Output {
    let root = site.root();
    let mut args = vec!["report", "keywords", root.to_str().unwrap(), "--now", NOW];
    args.extend_from_slice(extra);
    byline(&args)
}

fn json_report(site: &TestSite) -> Value {
    let out = report(site, &["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn slugs(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|p| p["slug"].as_str().unwrap()).collect()
}

#[test]
fn the_keyword_report_counts_each_part_of_each_published_post() {
    let site = TestSite::new("keywords");
    let r = json_report(&site);
    assert_eq!(r["as_of"], "2026-11-30");
    assert_eq!(r["posts"], 4, "the draft and the scheduled post are not published");
    let k: Vec<&Value> = r["keywords"].as_array().unwrap().iter().collect();
    assert_eq!(
        k.iter().map(|k| k["term"].as_str().unwrap()).collect::<Vec<_>>(),
        ["data contracts", "pipeline monitoring", "pricing"]
    );

    let contracts = k[0];
    assert_eq!(slugs(&contracts["posts"]), ["contracts-intro", "contracts-teams"], "newest first");
    // Title, description ("data contract"), the tag, the heading ("Schema
    // contracts"), and three times in the body; the code block does not count.
    assert_eq!(
        contracts["posts"][0]["uses"],
        json!({"title": 1, "description": 1, "tags": 1, "headings": 1, "body": 3})
    );
    assert_eq!(
        contracts["posts"][1]["uses"],
        json!({"title": 0, "description": 0, "tags": 0, "headings": 0, "body": 1})
    );
    assert_eq!(
        contracts["posts_by_part"],
        json!({"title": 1, "description": 1, "tags": 1, "headings": 1, "body": 2})
    );
    assert_eq!(
        contracts["experts"],
        json!([{"id": "ada", "name": "Ada Lovelace", "posts": 2}, {"id": "bo", "name": "Bo Diddley", "posts": 1}])
    );
    assert_eq!(contracts["newest"], "2026-10-01");
    assert_eq!(contracts["scheduled"], 1);
    assert_eq!(
        contracts["flags"],
        json!({"no_recent_post": false, "one_expert": false, "never_in_title": false})
    );

    let monitoring = k[1];
    assert_eq!(slugs(&monitoring["posts"]), ["monitoring"]);
    assert_eq!(monitoring["newest"], "2025-01-10");
    assert_eq!(
        monitoring["flags"],
        json!({"no_recent_post": true, "one_expert": true, "never_in_title": false})
    );

    let pricing = k[2];
    assert_eq!(pricing["posts"], json!([]));
    assert_eq!(pricing["newest"], Value::Null);
    assert_eq!(pricing["scheduled"], 1, "the scheduled post has it in its title");
    assert_eq!(
        pricing["flags"],
        json!({"no_recent_post": true, "one_expert": false, "never_in_title": true})
    );

    assert_eq!(slugs(&r["posts_without_keywords"]), ["team-news"]);
    // No post of the fixture names a stage; the draft and the scheduled post are to come.
    assert_eq!(r["stages"]["without_stage"]["published"], 4);
    assert_eq!(r["stages"]["without_stage"]["upcoming"], 2);
    assert_eq!(contracts["stages"], json!({}));
}

#[test]
fn the_keyword_report_counts_posts_by_buying_stage() {
    let site = TestSite::new("keywords");
    let post = site.root().join("content/posts/contracts-intro.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, text.replacen("tags:", "stage: consideration\ntags:", 1)).unwrap();
    let r = json_report(&site);
    assert_eq!(r["keywords"][0]["stages"], json!({"consideration": 1}));
    let consideration =
        r["stages"]["stages"].as_array().unwrap().iter().find(|s| s["stage"] == "consideration").unwrap();
    assert_eq!(consideration["published"], 1);
    assert!(stdout(&report(&site, &[])).contains("  by stage: consideration 1\n"));
}

#[test]
fn weeks_decide_which_keywords_have_gone_quiet() {
    let site = TestSite::new("keywords");
    let out = report(&site, &["--format", "json", "--weeks", "200"]);
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["keywords"][1]["flags"]["no_recent_post"], false, "2025-01-10 is within 200 weeks");
    for weeks in ["0", "1001", "-2"] {
        let bad = report(&site, &[&format!("--weeks={weeks}")]);
        assert_eq!(bad.status.code(), Some(1), "{weeks}");
        assert!(stderr(&bad).contains("weeks cannot be used"), "{}", stderr(&bad));
    }
}

#[test]
fn the_keyword_report_reads_as_text_and_as_a_page() {
    let site = TestSite::new("keywords");
    let text = stdout(&report(&site, &[]));
    assert!(text.contains("data contracts (also: schema contracts)\n  2 posts: 1 in the title"), "{text}");
    assert!(text.contains("pipeline monitoring\n  1 post: 1 in the title, 1 in the body"), "{text}");
    assert!(text.contains("  ! only one expert writes about it\n"), "{text}");
    assert!(
        text.contains("pricing\n  no published post uses it\n  newest post: never, 1 scheduled\n"),
        "{text}"
    );
    assert!(
        text.contains("Posts that use no focus keyword (1):\n  2026-11-01  Our new office  (Bo Diddley)"),
        "{text}"
    );

    let page = Html::parse_document(&stdout(&report(&site, &["--format", "html"])));
    let heads: Vec<String> =
        page.select(&Selector::parse("section > h2").unwrap()).map(|h| h.text().collect()).collect();
    assert_eq!(
        heads,
        [
            "data contracts also: schema contracts",
            "pipeline monitoring",
            "pricing",
            "Posts that use no focus keyword"
        ]
    );
    let robots = Selector::parse("meta[name=robots]").unwrap();
    assert_eq!(page.select(&robots).next().unwrap().value().attr("content"), Some("noindex"));
}

#[test]
fn focus_keywords_are_escaped_on_the_report_page() {
    let site = TestSite::new("keywords");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml"))
        .unwrap()
        .replace("  - pricing\n", "  - \"<script>alert(1)</script> & pricing\"\n");
    site.write("site.yaml", &yaml);
    let html = stdout(&report(&site, &["--format", "html"]));
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; pricing"));
}

#[test]
fn check_notes_posts_without_a_focus_keyword_up_front() {
    let site = TestSite::new("keywords");
    let out = byline(&["check", site.root().to_str().unwrap(), "--now", NOW, "--format", "json"]);
    let found: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let notes: Vec<(&str, u64, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "seo-focus-keyword")
        .map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    // contracts-teams uses "data contract" only in its body; team-news uses none.
    assert_eq!(
        notes,
        [("content/posts/contracts-teams.md", 2, "info"), ("content/posts/team-news.md", 2, "info")]
    );
    assert!(out.status.success(), "a note is not an error: {}", stderr(&out));
    let strict = byline(&["check", site.root().to_str().unwrap(), "--now", NOW, "--strict"]);
    assert!(stdout(&strict).contains("the post uses none of the focus keywords"), "{}", stdout(&strict));
}

#[test]
fn a_site_without_focus_keywords_is_told_how_to_add_them() {
    let site = TestSite::new("calendar");
    let out = byline(&["report", "keywords", site.root().to_str().unwrap(), "--now", NOW]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the site has no focus keywords to report on"), "{}", stderr(&out));
    assert!(stderr(&out).contains("focus_keywords: ["), "{}", stderr(&out));
}

#[test]
fn bad_focus_keywords_are_said_at_their_line() {
    let site = TestSite::new("keywords");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap().replace(
        "  - pricing\n",
        "  - pricing\n  - {also: [x]}\n  - \"Data Contracts\"\n  - {term: ok, colour: red}\n  - \"--\"\n",
    );
    site.write("site.yaml", &yaml);
    let out = byline(&["check", site.root().to_str().unwrap(), "--now", NOW]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out) + &stdout(&out);
    for (line, said) in [
        ("site.yaml:8:5", "a focus keyword written as a group needs `term:`"),
        ("site.yaml:9:6", "`Data Contracts` is already a focus keyword (under `data contracts`)"),
        ("site.yaml:10:16", "unknown key `colour` in `focus_keywords`"),
        ("site.yaml:11:6", "a focus keyword needs at least one letter or digit"),
    ] {
        assert!(
            err.contains(&format!("{line}: {said}")) || err.contains(said) && err.contains(line),
            "{line} {said}:\n{err}"
        );
    }
}

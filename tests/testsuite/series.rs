//! Series (`series:`, `series_part:`): the order of their parts, the box each part
//! shows, the series' pages and feeds, JSON-LD and breadcrumbs, the warnings of
//! `byline check` about their numbering, what a rebuild re-renders when a post
//! leaves a series, and the escaping of a series' name wherever it lands.

use std::fs;

use scraper::Html;
use serde_json::Value;

use crate::common::{NOW, TestSite, attrs, byline, sel, stderr, texts};

const BASE: &str = "https://series.example.com/";

fn built() -> TestSite {
    let site = TestSite::new("series");
    site.build_ok(&[]);
    site
}

/// The titles of the cards of a series page, in order.
fn card_titles(doc: &Html) -> Vec<String> {
    texts(doc, ".series-parts > li .card-title")
}

/// The JSON-LD graph of a page.
fn graph(doc: &Html) -> Vec<Value> {
    let script = doc.select(&sel(r#"script[type="application/ld+json"]"#)).next().expect("JSON-LD");
    let v: Value = serde_json::from_str(&script.text().collect::<String>()).expect("JSON-LD parses");
    v["@graph"].as_array().unwrap().clone()
}

fn node<'a>(g: &'a [Value], kind: &str) -> &'a Value {
    g.iter().find(|n| n["@type"] == kind).unwrap_or_else(|| panic!("no {kind} in {g:?}"))
}

#[test]
fn parts_are_in_part_order_then_by_date_and_drafts_are_held_back() {
    let site = built();
    let first = site.html("series/data-pipelines/index.html");
    assert_eq!(card_titles(&first), ["Pipes, part one", "Pipes, part two"]);
    let second = site.html("series/data-pipelines/page/2/index.html");
    // The afterword has no part number: it follows the numbered parts, though older.
    assert_eq!(card_titles(&second), ["Pipes, part three", "Pipes, an afterword"]);
    assert_eq!(attrs(&second, "ol.series-parts", "start"), ["3"]);
    // Without part numbers, by date, oldest first.
    let notes = site.html("series/field-notes/index.html");
    assert_eq!(card_titles(&notes), ["Field notes from April", "Field notes from May"]);
    assert!(!site.out().join("posts/pipes-draft").exists());
    assert!(!site.read("series/data-pipelines/page/2/index.html").contains("draft part"));
}

#[test]
fn each_part_shows_the_series_with_the_current_part_and_its_neighbours() {
    let site = built();
    let doc = site.html("posts/pipes-two/index.html");
    let parts = attrs(&doc, ".series-box ol a", "href");
    let want: Vec<String> = ["pipes-one", "pipes-two", "pipes-three", "pipes-afterword"]
        .iter()
        .map(|s| format!("{BASE}posts/{s}/"))
        .collect();
    assert_eq!(parts, want);
    assert_eq!(attrs(&doc, r#".series-box [aria-current="page"]"#, "href"), [want[1].clone()]);
    assert_eq!(attrs(&doc, ".series-box h2 a", "href"), [format!("{BASE}series/data-pipelines/")]);
    assert_eq!(attrs(&doc, ".series-box .series-prev", "href"), [want[0].clone()]);
    assert_eq!(attrs(&doc, ".series-box .series-next", "href"), [want[2].clone()]);
    assert_eq!(texts(&doc, ".series-line"), ["Part 2 of 4 in the series Data pipelines"]);
    let crumbs = texts(&doc, r#"nav[aria-label="Breadcrumb"] li"#);
    assert_eq!(crumbs, ["Home", "Series", "Data pipelines", "Pipes, part two"]);
    // The first part has no previous part, the last no next one.
    let one = site.html("posts/pipes-one/index.html");
    assert!(attrs(&one, ".series-prev", "href").is_empty());
    let last = site.html("posts/pipes-afterword/index.html");
    assert!(attrs(&last, ".series-next", "href").is_empty());
    assert_eq!(texts(&last, ".series-line"), ["Part 4 of 4 in the series Data pipelines"]);
    // A post of no series has neither box nor breadcrumbs.
    let plain = site.html("posts/plain/index.html");
    assert_eq!(plain.select(&sel(".series-box, .breadcrumbs")).count(), 0);
}

#[test]
fn the_series_page_lists_every_series_with_its_part_count_newest_first() {
    let site = built();
    let doc = site.html("series/index.html");
    let names = texts(&doc, ".series-index h2");
    assert_eq!(names, [r#"Say "hi" & <script>alert('x')</script>"#, "Field notes", "Data pipelines"]);
    let counts: Vec<String> =
        texts(&doc, ".series-index p").iter().map(|t| t.split(" · ").next().unwrap().to_string()).collect();
    assert_eq!(counts, ["1 part", "2 parts", "4 parts"]);
    assert_eq!(attrs(&doc, ".series-index h2 a", "href")[2], format!("{BASE}series/data-pipelines/"));
}

#[test]
fn series_pages_are_paginated_with_rel_links_and_in_the_sitemap() {
    let site = built();
    let first = site.html("series/data-pipelines/index.html");
    assert_eq!(
        attrs(&first, r#".pager a[rel="next"]"#, "href"),
        [format!("{BASE}series/data-pipelines/page/2/")]
    );
    assert!(attrs(&first, r#".pager a[rel="prev"]"#, "href").is_empty());
    let second = site.html("series/data-pipelines/page/2/index.html");
    assert_eq!(attrs(&second, r#".pager a[rel="prev"]"#, "href"), [format!("{BASE}series/data-pipelines/")]);
    let sitemap = roxmltree::Document::parse(&site.read("sitemap.xml"))
        .unwrap()
        .root_element()
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect::<Vec<_>>();
    for page in ["series/", "series/data-pipelines/", "series/data-pipelines/page/2/", "series/field-notes/"]
    {
        assert!(sitemap.contains(&format!("{BASE}{page}")), "{page} not in {sitemap:?}");
    }
    assert!(!sitemap.iter().any(|u| u.ends_with(".xml")));
}

#[test]
fn each_series_has_rss_and_atom_feeds_of_its_posts_without_the_series_box() {
    let site = built();
    let doc = site.html("series/data-pipelines/index.html");
    let alternates = attrs(&doc, r#"link[rel="alternate"]"#, "href");
    for feed in ["rss.xml", "atom.xml"] {
        let url = format!("{BASE}series/data-pipelines/{feed}");
        assert!(alternates.contains(&url), "{url} not linked from the series page: {alternates:?}");
        let xml = site.read(&format!("series/data-pipelines/{feed}"));
        let parsed = feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let mut titles: Vec<String> =
            parsed.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
        titles.sort();
        assert_eq!(
            titles,
            ["Pipes, an afterword", "Pipes, part one", "Pipes, part three", "Pipes, part two"],
            "{feed}"
        );
        assert!(!xml.contains("series-box") && !xml.contains("Previous part"), "{feed} carries the box");
    }
    assert!(!site.read("rss.xml").contains("series-box"));
}

#[test]
fn a_part_is_part_of_a_creative_work_series_in_json_ld_with_breadcrumbs_through_it() {
    let site = built();
    let g = graph(&site.html("posts/pipes-three/index.html"));
    let post = node(&g, "BlogPosting");
    let part_of = post["isPartOf"].as_array().expect("isPartOf the site and the series");
    let series = part_of.iter().find(|n| n["@type"] == "CreativeWorkSeries").expect("a CreativeWorkSeries");
    assert_eq!(series["name"], "Data pipelines");
    assert_eq!(series["url"], format!("{BASE}series/data-pipelines/"));
    assert_eq!(post["position"], 3);
    let crumbs = node(&g, "BreadcrumbList")["itemListElement"].as_array().unwrap().clone();
    let items: Vec<(&str, &str)> =
        crumbs.iter().map(|c| (c["name"].as_str().unwrap(), c["item"].as_str().unwrap())).collect();
    assert_eq!(
        items,
        [
            ("Series Fixture", BASE),
            ("Series", &*format!("{BASE}series/")),
            ("Data pipelines", &*format!("{BASE}series/data-pipelines/")),
            ("Pipes, part three", &*format!("{BASE}posts/pipes-three/")),
        ]
    );
    let page = graph(&site.html("series/data-pipelines/index.html"));
    let names: Vec<&str> = node(&page, "BreadcrumbList")["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Series Fixture", "Series", "Series: Data pipelines"]);
    let plain = graph(&site.html("posts/plain/index.html"));
    assert!(
        node(&plain, "BlogPosting")["isPartOf"].is_object(),
        "a post of no series is part of the site only"
    );
}

/// `(severity, file, line, message)` of every finding of `byline check --format json`.
fn check(site: &TestSite) -> Vec<(String, String, u64, String)> {
    let out = byline()
        .args(["check", site.root().to_str().unwrap(), "--format", "json", "--now", NOW])
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    findings
        .iter()
        .filter(|f| f["code"] == "series-part")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("severity"), s("file"), f["line"].as_u64().unwrap_or(0), s("message"))
        })
        .collect()
}

fn part(site: &TestSite, file: &str, series: &str, n: u32) {
    site.write(
        &format!("content/posts/{file}.md"),
        format!("---\ntitle: {file}\ndate: 2024-07-01\nauthors: [ada]\nseries: {series}\nseries_part: {n}\n---\nText.\n"),
    );
}

#[test]
fn check_warns_of_a_gap_and_of_a_duplicate_part_at_its_line() {
    let site = TestSite::new("series");
    assert_eq!(check(&site), [], "the fixture's numbering is whole");
    part(&site, "gap-one", "Gaps", 1);
    part(&site, "gap-two", "Gaps", 2);
    part(&site, "gap-four", "Gaps", 4);
    part(&site, "dup-a", "Twice", 1);
    part(&site, "dup-b", "Twice", 1);
    // By file, as the report sorts its findings.
    let found = check(&site);
    let w = |file: &str, message: &str| {
        ("warning".to_string(), format!("content/posts/{file}.md"), 6, message.to_string())
    };
    assert_eq!(
        found,
        [
            w("dup-b", "content/posts/dup-a.md is part 1 of the series `Twice` too"),
            w(
                "gap-four",
                "the series `Gaps` has no part 3: this post is part 4, the one before it \
                 (content/posts/gap-two.md) part 2",
            ),
        ]
    );
    // The build says so too, and builds.
    let out = site.build_ok(&[]);
    let said = stderr(&out);
    assert!(said.contains("content/posts/gap-four.md:6"), "{said}");
    assert!(said.contains("is part 1 of the series `Twice` too"), "{said}");
}

#[test]
fn a_wrong_series_part_is_an_error_at_its_line() {
    let site = TestSite::new("series");
    site.write(
        "content/posts/bad.md",
        "---\ntitle: Bad\ndate: 2024-07-01\nauthors: [ada]\nseries: Pipes\nseries_part: first\n---\n",
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains("content/posts/bad.md:6"), "{said}");
    assert!(said.contains("`series_part` must be a whole number from 1 up, like `series_part: 2`"), "{said}");
}

/// Each output file's fingerprint, from the cache's manifest.
fn fingerprints(cache: &std::path::Path) -> serde_json::Map<String, Value> {
    let manifest: Value = serde_json::from_slice(&fs::read(cache.join("manifest.json")).unwrap()).unwrap();
    manifest["files"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v["inputs"].clone())).collect()
}

#[test]
fn a_post_leaving_a_series_re_renders_that_series_pages_and_no_other_series() {
    let site = TestSite::new("series");
    let cache = site.dir.path().join("cache");
    let cache_arg = ["--cache-dir", cache.to_str().unwrap()];
    site.build_ok(&cache_arg);
    let before = fingerprints(&cache);
    let old = site.read("series/data-pipelines/page/2/index.html");
    let path = site.root().join("content/posts/pipes-three.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("series: Data Pipelines\nseries_part: 3\n", "")).unwrap();
    site.build_ok(&cache_arg);
    let after = fingerprints(&cache);
    let changed = |f: &str| before[f] != after[f];
    for f in
        ["series/data-pipelines/index.html", "series/data-pipelines/page/2/index.html", "series/index.html"]
    {
        assert!(changed(f), "{f} kept its fingerprint");
    }
    for f in ["series/data-pipelines/rss.xml", "posts/pipes-one/index.html", "posts/pipes-three/index.html"] {
        assert!(changed(f), "{f} kept its fingerprint");
    }
    for f in [
        "series/field-notes/index.html",
        "series/field-notes/rss.xml",
        "series/field-notes/atom.xml",
        "posts/notes-early/index.html",
    ] {
        assert!(!changed(f), "{f} was re-rendered for another series' edit");
    }
    let new = site.html("series/data-pipelines/page/2/index.html");
    assert_ne!(old, site.read("series/data-pipelines/page/2/index.html"));
    assert_eq!(card_titles(&new), ["Pipes, an afterword"]);
    let three = site.html("posts/pipes-three/index.html");
    assert_eq!(three.select(&sel(".series-box")).count(), 0);
}

#[test]
fn a_series_name_with_markup_and_quotes_is_escaped_in_html_xml_and_json_ld() {
    let site = built();
    let name = r#"Say "hi" & <script>alert('x')</script>"#;
    let href = attrs(&site.html("posts/hostile/index.html"), ".series-box h2 a", "href");
    let slug_path = href[0].strip_prefix(BASE).unwrap().to_string();
    assert!(!slug_path.contains(['<', '>', '"', '\'', '&']), "{slug_path}");
    for page in ["posts/hostile/index.html", &format!("{slug_path}index.html"), "series/index.html"] {
        let raw = site.read(page);
        assert!(!raw.contains("<script>alert"), "{page} carries the name unescaped");
        assert_eq!(raw.matches("</script>").count(), 1, "{page}: only the JSON-LD block's own end tag");
    }
    let doc = site.html("posts/hostile/index.html");
    assert_eq!(texts(&doc, ".series-box h2 a"), [name]);
    let g = graph(&doc);
    let part_of = node(&g, "BlogPosting")["isPartOf"].as_array().unwrap().clone();
    assert_eq!(part_of[1]["name"], name);
    for feed in ["rss.xml", "atom.xml"] {
        let xml = site.read(&format!("{slug_path}{feed}"));
        let parsed = feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{feed}: {e}"));
        assert_eq!(parsed.title.unwrap().content, format!("{name} · Series Fixture"), "{feed}");
    }
}

#[test]
fn a_page_cannot_take_the_address_of_the_series_index() {
    let site = TestSite::new("series");
    site.write("content/series.md", "---\ntitle: Our series\n---\nText.\n");
    let out = site.build(&[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("a page cannot be called `series`"), "{}", stderr(&out));
}

//! The example site builds, every internal link resolves, and its pages, authors,
//! tags and feed are wired together as a reader would expect.

use std::collections::BTreeSet;

use crate::common::{self, TestSite, attrs, broken_links, texts};

const BASE: &str = "https://fieldnotes.fernhill.example/";

#[test]
fn example_site_builds_with_no_broken_links() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    assert_eq!(broken_links(&site.out(), BASE), Vec::<(String, String)>::new());
}

#[test]
fn example_site_links_resolve_under_a_base_path() {
    let site = TestSite::new("example-site");
    site.build_ok(&["--base-url", "https://www.fernhill.example/field-notes/"]);
    assert_eq!(
        broken_links(&site.out(), "https://www.fernhill.example/field-notes/"),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn every_post_is_credited_on_each_authors_page() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    let mut coauthored = 0;
    for entry in std::fs::read_dir(site.out().join("posts")).unwrap() {
        let slug = entry.unwrap().file_name().to_string_lossy().into_owned();
        let post = site.html(&format!("posts/{slug}/index.html"));
        let authors = attrs(&post, ".post-header .byline a", "href");
        assert!(!authors.is_empty(), "{slug} has no byline");
        assert_eq!(
            post.select(&common::sel(".post-header .byline .avatar")).count(),
            authors.len(),
            "{slug}: a photo per author"
        );
        coauthored += usize::from(authors.len() > 1);
        for author_url in authors {
            let rel = author_url.strip_prefix(BASE).unwrap();
            // The post is on one of the author's pages.
            let mut found = false;
            let mut page = 1;
            loop {
                let file = if page == 1 {
                    format!("{rel}index.html")
                } else {
                    format!("{rel}page/{page}/index.html")
                };
                if !site.out().join(&file).exists() {
                    break;
                }
                found |= attrs(&site.html(&file), ".card-title a", "href")
                    .contains(&format!("{BASE}posts/{slug}/"));
                page += 1;
            }
            assert!(found, "{slug} is not listed on {author_url}");
        }
    }
    assert!(coauthored >= 2, "the example site has co-authored posts");
}

#[test]
fn example_site_has_the_promised_content() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    let authors = site.html("authors/index.html");
    let tiles = texts(&authors, ".author-tile h2");
    assert!(tiles.len() >= 6, "{tiles:?}");
    assert_eq!(
        authors.select(&common::sel(".author-tile img.avatar")).count(),
        tiles.len(),
        "every expert has a photo"
    );
    let feed = feed_rs::parser::parse(site.read("rss.xml").as_bytes()).unwrap();
    assert!(feed.entries.len() >= 18);
    let names: BTreeSet<String> =
        feed.entries.iter().flat_map(|e| e.authors.iter().filter_map(|a| a.name.clone())).collect();
    assert!(names.len() >= 6, "{names:?}");
    assert!(feed.entries.iter().all(|e| e.links[0].href.starts_with(BASE)));
    assert!(!site.out().join("posts/notes-on-exactly-once").exists(), "the draft stays out");
    assert!(!site.out().join("posts/planning-renewals-2027").exists(), "the future post stays out");
    assert!(site.out().join("about/index.html").exists());
    let archive = site.html("archive/index.html");
    assert!(texts(&archive, ".archive-year h2").len() >= 2);
}

#[test]
fn the_scheduled_post_is_published_from_its_time_on_and_not_before() {
    // 2027-03-02T09:00:00-06:00 is 15:00 UTC.
    let page = "posts/planning-renewals-2027/index.html";
    for (now, published) in [("2027-03-02T14:59:59Z", false), ("2027-03-02T15:00:00Z", true)] {
        let site = TestSite::new("example-site");
        site.build_ok(&["--now", now]);
        assert_eq!(site.out().join(page).exists(), published, "--now {now}");
        let in_feed = site.read("rss.xml").contains("/posts/planning-renewals-2027/");
        let in_sitemap = site.read("sitemap.xml").contains("/posts/planning-renewals-2027/");
        assert_eq!((in_feed, in_sitemap), (published, published), "--now {now}");
    }
    // SOURCE_DATE_EPOCH does the same (1804000000 is in 2027-03-02's future).
    let site = TestSite::new("example-site");
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .args(["build", "--quiet"])
        .arg(site.root())
        .arg("--output")
        .arg(site.out())
        .env("SOURCE_DATE_EPOCH", "1804000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(site.out().join(page).exists());
    let bad = site.build(&["--now", "next tuesday"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(common::stderr(&bad).contains("`--now next tuesday` is not a moment"));
}

//! `byline build` on a small fixture: which pages exist, how they link to each
//! other, feeds, sitemap, and what the output folder looks like after rebuilds.

use crate::common::{TestSite, attrs, broken_links, sel, texts};
#[test]
fn renders_every_kind_of_page() {
    let site = TestSite::new("basic");
    let out = site.build_ok(&[]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("3 posts, 2 authors, 2 tags"), "{summary}");
    for page in [
        "index.html",
        "page/2/index.html",
        "posts/first-post/index.html",
        "posts/second-post/index.html",
        "posts/joint/index.html",
        "about/index.html",
        "authors/index.html",
        "authors/ada-lovelace/index.html",
        "authors/chris-koch/index.html",
        "tags/index.html",
        "tags/engines/index.html",
        "tags/pipelines/index.html",
        "archive/index.html",
        "404.html",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "css/style.css",
        "css/syntax.css",
        "images/logo.svg",
    ] {
        assert!(site.out().join(page).is_file(), "missing {page}");
    }
    assert!(!site.out().join("posts/unfinished").exists(), "drafts are left out by default");
    assert!(!site.out().join("posts/future").exists(), "future posts are left out by default");
}

#[test]
fn posts_and_authors_link_both_ways() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let joint = site.html("posts/joint/index.html");
    let bylines = attrs(&joint, ".post-header .byline a", "href");
    assert_eq!(
        bylines,
        ["https://blog.example.com/authors/ada-lovelace/", "https://blog.example.com/authors/chris-koch/"]
    );
    assert_eq!(texts(&joint, ".post-header .byline a > span:not(.avatar)"), ["Ada Lovelace", "Chris Koch"]);
    for author in ["ada-lovelace", "chris-koch"] {
        let page = site.html(&format!("authors/{author}/index.html"));
        let posts = attrs(&page, ".card-title a", "href");
        assert!(posts.contains(&"https://blog.example.com/posts/joint/".to_string()), "{author}: {posts:?}");
    }
    // post → tag → post
    let tags = attrs(&joint, ".post-header .tags a", "href");
    assert_eq!(tags, ["https://blog.example.com/tags/pipelines/"]);
    let tag = site.html("tags/pipelines/index.html");
    assert_eq!(
        attrs(&tag, ".card-title a", "href"),
        ["https://blog.example.com/posts/joint/", "https://blog.example.com/posts/second-post/"]
    );
    // Author page: profile, social links, count.
    let ada = site.html("authors/ada-lovelace/index.html");
    assert_eq!(texts(&ada, "h1"), ["Ada Lovelace"]);
    assert_eq!(attrs(&ada, ".author-header img", "alt"), ["Photo of Ada Lovelace"]);
    let social = attrs(&ada, ".author-header .social-links a", "href");
    assert_eq!(social, ["https://x.com/ada", "https://github.com/ada"]);
    let index = site.html("authors/index.html");
    let counts = texts(&index, ".author-tile .count");
    assert!(counts.len() == 2 && counts.iter().all(|c| c.starts_with("2 posts ·")), "{counts:?}");
    assert_eq!(
        attrs(&index, ".author-tile .count a", "href"),
        [
            "https://blog.example.com/authors/ada-lovelace/rss.xml",
            "https://blog.example.com/authors/chris-koch/rss.xml"
        ]
    );
}

#[test]
fn every_page_has_title_description_one_canonical_and_lang() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    for entry in walkdir::WalkDir::new(site.out()).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = entry.path().strip_prefix(site.out()).unwrap().to_string_lossy().into_owned();
        let doc = site.html(&rel);
        assert_eq!(attrs(&doc, "html", "lang"), ["en"], "{rel}");
        assert_eq!(texts(&doc, "title").len(), 1, "{rel}");
        let desc = attrs(&doc, "meta[name=description]", "content");
        assert!(desc.len() == 1 && !desc[0].is_empty(), "{rel}: {desc:?}");
        let canonical = attrs(&doc, "link[rel=canonical]", "href");
        assert_eq!(canonical.len(), 1, "{rel}");
        assert!(canonical[0].starts_with("https://blog.example.com/"), "{rel}");
    }
    let first = site.html("posts/first-post/index.html");
    assert_eq!(attrs(&first, "meta[name=description]", "content"), ["The first post of the fixture."]);
    let second = site.html("posts/second-post/index.html");
    assert_eq!(attrs(&second, "meta[name=description]", "content"), ["Written by Chris."]);
}

#[test]
fn no_broken_internal_links_with_a_base_path() {
    let site = TestSite::new("basic");
    site.build_ok(&["--base-url", "https://example.org/team/blog/"]);
    assert_eq!(broken_links(&site.out(), "https://example.org/team/blog/"), Vec::<(String, String)>::new());
    let first = site.html("posts/first-post/index.html");
    let body_links = attrs(&first, ".prose a", "href");
    assert_eq!(body_links, ["https://example.org/team/blog/posts/second-post/"]);
}

#[test]
fn pagination_links_pages_together() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let home = site.html("index.html");
    assert_eq!(attrs(&home, ".pager a[rel=next]", "href"), ["https://blog.example.com/page/2/"]);
    assert_eq!(texts(&home, ".card-title").len(), 2);
    let page2 = site.html("page/2/index.html");
    assert_eq!(attrs(&page2, ".pager a[rel=prev]", "href"), ["https://blog.example.com/"]);
    assert_eq!(texts(&page2, ".card-title"), ["First post"]);
}

#[test]
fn drafts_and_future_posts_are_built_on_request_and_marked() {
    let site = TestSite::new("basic");
    site.build_ok(&["--drafts", "--future"]);
    let draft = site.html("posts/draft/index.html");
    assert_eq!(attrs(&draft, "meta[name=robots]", "content"), ["noindex"]);
    assert!(texts(&draft, ".notice")[0].contains("draft"));
    let future = site.html("posts/future/index.html");
    assert_eq!(attrs(&future, "meta[name=robots]", "content"), ["noindex"]);
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/posts/draft/"), "unpublished posts stay out of the sitemap");
}

#[test]
fn rss_feed_has_items_authors_and_categories() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let feed = feed_rs::parser::parse(site.read("rss.xml").as_bytes()).expect("rss parses");
    assert_eq!(feed.entries.len(), 3);
    let joint = &feed.entries[0];
    assert_eq!(joint.title.as_ref().unwrap().content, "A joint post");
    assert_eq!(joint.links[0].href, "https://blog.example.com/posts/joint/");
    let names: Vec<&str> = joint.authors.iter().filter_map(|p| p.name.as_deref()).collect();
    assert_eq!(names, ["Ada Lovelace", "Chris Koch"]);
    assert_eq!(joint.categories.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(), ["Pipelines"]);
    let content = joint.content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(content.contains("<p>Two authors wrote this.</p>"), "{content}");
    assert!(joint.published.is_some());
}

#[test]
fn sitemap_lists_pages_with_lastmod_and_robots_points_at_it() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is XML");
    let urls: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    for u in [
        "https://blog.example.com/",
        "https://blog.example.com/posts/joint/",
        "https://blog.example.com/authors/chris-koch/",
        "https://blog.example.com/tags/engines/",
        "https://blog.example.com/about/",
    ] {
        assert!(urls.contains(&u), "{u} missing from {urls:?}");
    }
    let lastmods = doc.descendants().filter(|n| n.has_tag_name("lastmod")).count();
    assert_eq!(lastmods, urls.len());
    assert!(site.read("robots.txt").contains("Sitemap: https://blog.example.com/sitemap.xml"));
}

#[test]
fn markdown_features_render() {
    let site = TestSite::new("basic");
    site.write(
        "content/posts/features.md",
        "---\ntitle: Features\ndate: 2024-04-01\nauthors: [ada-lovelace]\n---\nIntro \"quoted\" -- text.\n\n<!-- more -->\n\n## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ and a note[^1].\n\n[^1]: The note.\n\n```nosuchlang\n<b>x</b>\n```\n\n<aside class=\"raw\">raw html</aside>\n",
    );
    site.build_ok(&[]);
    let doc = site.html("posts/features/index.html");
    assert_eq!(attrs(&doc, ".prose h2", "id"), ["a-heading"]);
    assert_eq!(doc.select(&sel(".prose table td")).count(), 2);
    assert_eq!(doc.select(&sel(".prose input[type=checkbox][checked]")).count(), 1);
    assert_eq!(texts(&doc, ".prose del"), ["gone"]);
    assert_eq!(doc.select(&sel(".prose .footnote-definition")).count(), 1);
    assert!(texts(&doc, ".prose p")[0].contains('“'), "smart quotes");
    assert_eq!(texts(&doc, ".prose pre code"), ["<b>x</b>"]);
    assert_eq!(texts(&doc, ".prose aside.raw"), ["raw html"]);
    let home = site.html("index.html");
    let summary = texts(&home, ".card-summary")[0].clone();
    assert!(summary.contains("Intro") && !summary.contains("A heading"), "{summary}");
}

#[test]
fn rebuild_writes_only_changes_and_removes_stale_files() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let again = site.build_ok(&[]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("; 0 written"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    site.remove("content/posts/second-post.md");
    site.build_ok(&[]);
    assert!(!site.out().join("posts/second-post").exists());
    assert!(!site.read("index.html").contains("Second post"));
}

#[test]
fn templates_in_the_site_override_the_theme() {
    let site = TestSite::new("basic");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock content %}");
    site.build_ok(&[]);
    assert_eq!(texts(&site.html("about/index.html"), "p.custom"), ["About"]);
}

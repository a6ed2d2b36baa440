//! Search and social metadata, structured data, feeds and cross references, checked
//! on the parsed output of the `seo` fixture.

use std::collections::BTreeMap;

use scraper::Html;
use serde_json::Value;

use crate::common::{TestSite, attrs, sel, texts};

const BASE: &str = "https://seo.example.com/blog/";

fn built() -> TestSite {
    let site = TestSite::new("seo");
    site.build_ok(&[]);
    site
}

/// `property`/`name` → every content value, in order.
fn metas(doc: &Html) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in doc.select(&sel("meta[content]")) {
        if let Some(key) = e.value().attr("property").or(e.value().attr("name")) {
            map.entry(key.to_string()).or_default().push(e.value().attr("content").unwrap_or("").to_string());
        }
    }
    map
}

fn one(m: &BTreeMap<String, Vec<String>>, key: &str) -> String {
    let v = m.get(key).unwrap_or_else(|| panic!("no {key}"));
    assert_eq!(v.len(), 1, "{key}: {v:?}");
    v[0].clone()
}

/// The page's single JSON-LD graph.
fn graph(doc: &Html) -> Vec<Value> {
    let blocks: Vec<String> =
        doc.select(&sel("script[type=\"application/ld+json\"]")).map(|e| e.text().collect()).collect();
    assert_eq!(blocks.len(), 1, "one JSON-LD block per page");
    let v: Value = serde_json::from_str(&blocks[0]).expect("JSON-LD parses");
    assert_eq!(v["@context"], "https://schema.org");
    v["@graph"].as_array().unwrap().clone()
}

fn node<'a>(graph: &'a [Value], ty: &str) -> &'a Value {
    graph.iter().find(|n| n["@type"] == ty).unwrap_or_else(|| panic!("no {ty} in {graph:?}"))
}

#[test]
fn post_has_opengraph_cards_and_meta_tags() {
    let site = built();
    let m = metas(&site.html("posts/joint/index.html"));
    assert_eq!(one(&m, "og:title"), "Engines and compilers");
    assert_eq!(one(&m, "og:description"), "Two authors on machines that follow instructions.");
    assert_eq!(one(&m, "og:type"), "article");
    assert_eq!(one(&m, "og:url"), format!("{BASE}posts/joint/"));
    // The post's own image, 1200×630: shared at its own size (its variants are
    // narrower), which byline read and so states.
    assert_eq!(one(&m, "og:image"), format!("{BASE}images/cover.png"));
    assert_eq!((one(&m, "og:image:width"), one(&m, "og:image:height")), ("1200".into(), "630".into()));
    assert_eq!(one(&m, "og:image:type"), "image/png");
    assert_eq!(one(&m, "og:image:alt"), "A cover picture");
    assert_eq!(one(&m, "og:site_name"), "SEO Fixture");
    assert_eq!(one(&m, "og:locale"), "en_GB");
    assert_eq!(one(&m, "article:published_time"), "2024-05-01T09:00:00+02:00");
    assert_eq!(one(&m, "article:modified_time"), "2024-05-03T10:00:00+02:00");
    assert_eq!(m["article:author"], [format!("{BASE}authors/ada/"), format!("{BASE}authors/grace/")]);
    assert_eq!(m["article:tag"], ["Engines", "Compilers"]);
    assert_eq!(one(&m, "twitter:card"), "summary_large_image");
    assert_eq!(one(&m, "twitter:site"), "@examplecorp");
    assert_eq!(one(&m, "twitter:creator"), "@ada");
    assert_eq!(one(&m, "twitter:image"), format!("{BASE}images/cover.png"));
    assert_eq!(one(&m, "keywords"), "Engines, Compilers, machine code, history of computing");
    assert_eq!(one(&m, "author"), "Ada Lovelace, Grace Brewster Hopper");
    assert!(!m.contains_key("robots"));
}

#[test]
fn og_image_without_a_post_image_is_the_posts_social_card() {
    let site = built();
    let solo = metas(&site.html("posts/solo/index.html"));
    assert_eq!(one(&solo, "og:image"), format!("{BASE}posts/solo/card.png"));
    assert_eq!(one(&solo, "og:image:type"), "image/png");
    assert_eq!(one(&solo, "og:image:width"), "1200");
    assert_eq!(one(&solo, "og:image:height"), "630");
    assert_eq!(one(&solo, "og:image:alt"), "Notes on the engine");
    let quiet = metas(&site.html("posts/quiet/index.html"));
    assert_eq!(one(&quiet, "og:image"), format!("{BASE}posts/quiet/card.png"));
    assert!(!quiet.contains_key("twitter:creator"), "an author with no X handle has no creator");
}

#[test]
fn og_image_falls_back_to_author_photo_then_logo_without_cards() {
    let site = TestSite::new("seo");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}social_cards: false\n"));
    site.build_ok(&[]);
    let solo = metas(&site.html("posts/solo/index.html"));
    assert_eq!(one(&solo, "og:image"), format!("{BASE}images/ada.png"));
    assert!(!solo.contains_key("og:image:width"), "byline does not read the photo to know its size");
    let quiet = metas(&site.html("posts/quiet/index.html"));
    assert_eq!(one(&quiet, "og:image"), format!("{BASE}images/logo.png"));
}

#[test]
fn canonical_url_is_honoured() {
    let site = built();
    let doc = site.html("posts/quiet/index.html");
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), ["https://elsewhere.example.org/original-post"]);
    assert_eq!(one(&metas(&doc), "og:url"), "https://elsewhere.example.org/original-post");
    assert!(
        !site.read("sitemap.xml").contains("/posts/quiet/"),
        "a post canonical elsewhere is not in our sitemap"
    );
}

#[test]
fn blog_posting_credits_every_author_as_a_person() {
    let site = built();
    let g = graph(&site.html("posts/joint/index.html"));
    let post = node(&g, "BlogPosting");
    assert_eq!(post["headline"], "Engines and compilers");
    assert_eq!(post["datePublished"], "2024-05-01T09:00:00+02:00");
    assert_eq!(post["dateModified"], "2024-05-03T10:00:00+02:00");
    assert_eq!(post["url"], format!("{BASE}posts/joint/"));
    assert_eq!(post["mainEntityOfPage"]["@id"], format!("{BASE}posts/joint/"));
    assert_eq!(post["image"], format!("{BASE}images/cover.png"));
    assert_eq!(
        post["keywords"],
        serde_json::json!(["Engines", "Compilers", "machine code", "history of computing"])
    );
    assert!(post["wordCount"].as_u64().unwrap() > 5);
    assert_eq!(post["articleSection"], "Engines");
    assert_eq!(post["inLanguage"], "en-GB");
    assert_eq!(post["publisher"]["name"], "Example Corp");
    assert_eq!(post["publisher"]["logo"]["url"], format!("{BASE}images/logo.png"));
    let authors = post["author"].as_array().unwrap();
    assert_eq!(authors.len(), 2);
    assert_eq!(authors[0]["@type"], "Person");
    assert_eq!(authors[0]["name"], "Ada Lovelace");
    assert_eq!(authors[0]["url"], format!("{BASE}authors/ada/"));
    assert_eq!(authors[0]["image"], format!("{BASE}images/ada.png"));
    assert_eq!(authors[0]["jobTitle"], "Chief Analyst");
    assert_eq!(authors[0]["sameAs"].as_array().unwrap().len(), 7);
    assert_eq!(authors[1]["name"], "Grace Brewster Hopper");
    assert_eq!(
        authors[1]["sameAs"],
        serde_json::json!(["https://x.com/gracehopper", "https://github.com/grace"])
    );
    let crumbs = node(&g, "BreadcrumbList")["itemListElement"].as_array().unwrap().clone();
    let names: Vec<&str> = crumbs.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["SEO Fixture", "Engines", "Engines and compilers"]);
}

#[test]
fn hostile_text_stays_inside_json_ld() {
    let site = built();
    let raw = site.read("posts/hostile/index.html");
    assert_eq!(raw.matches("</script>").count(), 1, "only the JSON-LD block's own end tag");
    let g = graph(&site.html("posts/hostile/index.html"));
    assert_eq!(node(&g, "BlogPosting")["headline"], "Breaking </script> out & \"quoting\"");
    assert_eq!(node(&g, "BlogPosting")["description"], "<script>alert(1)</script> & more");
}

#[test]
fn author_page_is_a_profile_with_rel_me_links() {
    let site = built();
    let doc = site.html("authors/ada/index.html");
    let m = metas(&doc);
    assert_eq!(one(&m, "og:type"), "profile");
    assert_eq!(one(&m, "profile:first_name"), "Ada");
    assert_eq!(one(&m, "profile:last_name"), "Lovelace");
    let grace = metas(&site.html("authors/grace/index.html"));
    assert_eq!(one(&grace, "profile:last_name"), "Brewster Hopper");
    let g = graph(&doc);
    let person = &node(&g, "ProfilePage")["mainEntity"];
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Ada Lovelace");
    assert_eq!(person["jobTitle"], "Chief Analyst");
    assert_eq!(person["email"], "ada@example.com");
    assert_eq!(person["knowsAbout"], serde_json::json!(["Analytical engines", "Mathematics"]));
    assert_eq!(person["worksFor"]["name"], "Example Corp");
    assert_eq!(person["image"], format!("{BASE}images/ada.png"));
    assert!(person["description"].as_str().unwrap().starts_with("Ada writes about engines"));
    let me = attrs(&doc, ".author-header a[rel~=me]", "href");
    assert_eq!(
        me,
        [
            "https://x.com/ada",
            "https://www.linkedin.com/in/ada-lovelace",
            "https://github.com/ada",
            "https://math.example/@ada",
            "https://bsky.app/profile/ada.example.com",
            "https://ada.example.com",
            "https://youtube.com/@ada",
        ]
    );
    assert_eq!(person["sameAs"].as_array().unwrap().len(), me.len());
    // Writes with, topics, own feed.
    assert_eq!(attrs(&doc, ".coauthors a", "href"), [format!("{BASE}authors/grace/")]);
    let topics = texts(&doc, "#author-topics + .tags a");
    assert!(topics[0].starts_with("Engines"), "{topics:?}");
    assert_eq!(attrs(&doc, ".author-feed a", "href"), [format!("{BASE}authors/ada/rss.xml")]);
    let alternates = attrs(&doc, "link[rel=alternate]", "href");
    assert!(alternates.contains(&format!("{BASE}authors/ada/rss.xml")), "{alternates:?}");
}

#[test]
fn author_with_no_profiles_has_none() {
    let site = built();
    let doc = site.html("authors/nobody/index.html");
    assert_eq!(doc.select(&sel(".author-header a[rel~=me]")).count(), 0);
    let g = graph(&doc);
    assert_eq!(node(&g, "ProfilePage")["mainEntity"]["sameAs"], serde_json::json!([]));
}

#[test]
fn home_describes_the_website_and_organization() {
    let site = built();
    let doc = site.html("index.html");
    let g = graph(&doc);
    assert_eq!(node(&g, "WebSite")["url"], BASE);
    let org = node(&g, "Organization");
    assert_eq!(org["name"], "Example Corp");
    assert_eq!(
        org["sameAs"],
        serde_json::json!(["https://x.com/examplecorp", "https://www.linkedin.com/company/example-corp"])
    );
    assert_eq!(one(&metas(&doc), "og:type"), "website");
    // The organization's profiles are linked from every page's footer.
    assert_eq!(
        attrs(&doc, ".site-footer .social-links a", "href"),
        org["sameAs"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn every_page_advertises_the_site_feeds() {
    let site = built();
    for page in [
        "index.html",
        "posts/solo/index.html",
        "authors/index.html",
        "tags/engines/index.html",
        "archive/index.html",
        "tags/index.html",
    ] {
        let doc = site.html(page);
        let feeds: Vec<String> = attrs(&doc, "link[rel=alternate]", "type");
        for t in ["application/rss+xml", "application/atom+xml", "application/feed+json"] {
            assert!(feeds.iter().any(|f| f == t), "{page} lacks {t}");
        }
    }
    let tag = site.html("tags/engines/index.html");
    assert!(attrs(&tag, "link[rel=alternate]", "href").contains(&format!("{BASE}tags/engines/rss.xml")));
}

#[test]
fn share_links_are_plain_links_with_no_scripts() {
    let site = built();
    let doc = site.html("posts/joint/index.html");
    let links = attrs(&doc, ".share-links a", "href");
    assert_eq!(links.len(), 5);
    let url = "https%3A%2F%2Fseo.example.com%2Fblog%2Fposts%2Fjoint%2F";
    assert!(
        links[0].starts_with("https://x.com/intent/post?text=Engines%20and%20compilers&url=")
            && links[0].contains(url)
    );
    assert!(
        links[0].contains("&via=examplecorp")
            && links[0].contains("&hashtags=machinecode%2Chistoryofcomputing")
    );
    assert_eq!(links[1], format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"));
    assert!(links[2].contains("mastodon"));
    assert!(links[3].starts_with("https://bsky.app/intent/compose?text="));
    assert!(links[4].starts_with("mailto:?subject=Engines%20and%20compilers&body="));
    assert_eq!(doc.select(&sel("script[src]")).count(), 0, "no third-party scripts");
}

#[test]
fn related_posts_and_more_from_the_author() {
    let site = built();
    let doc = site.html("posts/joint/index.html");
    let related = attrs(&doc, ".related a", "href");
    assert!(!related.is_empty() && related.len() <= 3);
    assert!(!related.contains(&format!("{BASE}posts/joint/")), "never the post itself");
    // solo shares a tag and a keyword, so it ranks first.
    assert_eq!(related[0], format!("{BASE}posts/solo/"));
    let more = texts(&doc, ".more-from h2");
    assert_eq!(more, ["More from Ada Lovelace", "More from Grace Brewster Hopper"]);
    assert!(attrs(&doc, ".more-from a", "href").contains(&format!("{BASE}posts/grace-only/")));
    // Deterministic across builds.
    site.build_ok(&[]);
    assert_eq!(attrs(&site.html("posts/joint/index.html"), ".related a", "href"), related);
}

#[test]
fn author_and_tag_feeds_carry_their_posts_with_every_author() {
    let site = built();
    let ada = feed_rs::parser::parse(site.read("authors/ada/rss.xml").as_bytes()).unwrap();
    let titles: Vec<String> = ada.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
    assert_eq!(
        titles,
        ["Engines and compilers", "Notes on the engine", "Breaking </script> out & \"quoting\""]
    );
    let names: Vec<&str> = ada.entries[0].authors.iter().filter_map(|a| a.name.as_deref()).collect();
    assert_eq!(names, ["Ada Lovelace", "Grace Brewster Hopper"]);
    let compilers = feed_rs::parser::parse(site.read("tags/compilers/rss.xml").as_bytes()).unwrap();
    assert_eq!(compilers.entries.len(), 2);
    assert!(compilers.entries.iter().all(|e| e.categories.iter().any(|c| c.term == "Compilers")));
}

#[test]
fn atom_and_json_feed_name_every_author_and_use_absolute_links() {
    let site = built();
    let atom = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    let joint = atom
        .entries
        .iter()
        .find(|e| e.id == format!("{BASE}posts/joint/"))
        .expect("entry id is the permalink");
    let names: Vec<&str> = joint.authors.iter().filter_map(|a| a.name.as_deref()).collect();
    assert_eq!(names, ["Ada Lovelace", "Grace Brewster Hopper"]);
    assert_eq!(joint.authors[0].uri.as_deref(), Some(&*format!("{BASE}authors/ada/")));
    let body = joint.content.as_ref().and_then(|c| c.body.clone()).unwrap();
    for link in [
        format!("href=\"{BASE}posts/solo/\""),
        format!("href=\"{BASE}posts/quiet/\""),
        format!("src=\"{BASE}posts/joint/diagram.png\""),
    ] {
        assert!(body.contains(&link), "{link} missing in {body}");
    }
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    let item =
        json["items"].as_array().unwrap().iter().find(|i| i["id"] == format!("{BASE}posts/joint/")).unwrap();
    assert_eq!(item["authors"][0]["name"], "Ada Lovelace");
    assert_eq!(item["authors"][0]["url"], format!("{BASE}authors/ada/"));
    assert_eq!(item["authors"][0]["avatar"], format!("{BASE}images/ada.png"));
    assert_eq!(item["authors"][1]["name"], "Grace Brewster Hopper");
    assert_eq!(item["tags"], serde_json::json!(["Engines", "Compilers"]));
    let parsed = feed_rs::parser::parse(site.read("feed.json").as_bytes()).expect("JSON Feed parses");
    assert_eq!(parsed.entries.len(), 5);
}

#[test]
fn feed_ids_are_stable_across_rebuilds() {
    let site = built();
    let ids = |s: &TestSite| -> Vec<String> {
        feed_rs::parser::parse(s.read("atom.xml").as_bytes())
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let first = ids(&site);
    std::fs::remove_dir_all(site.out()).unwrap();
    site.build_ok(&[]);
    assert_eq!(ids(&site), first);
}

#[test]
fn opml_lists_every_author_feed_and_is_linked() {
    let site = built();
    let xml = site.read("authors.opml");
    let doc = roxmltree::Document::parse(&xml).expect("OPML is XML");
    let feeds: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("xmlUrl")).collect();
    assert_eq!(feeds.len(), 3);
    for f in &feeds {
        let rel = f.strip_prefix(BASE).unwrap();
        assert!(site.out().join(rel).is_file(), "{f}");
    }
    let authors = site.html("authors/index.html");
    assert!(attrs(&authors, "a", "href").contains(&format!("{BASE}authors.opml")));
}

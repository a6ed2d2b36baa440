//! Campaign parameters in the built site: on share links and (with
//! `campaign_feed_links`) feed item links, never on canonical addresses, `og:url`,
//! JSON-LD, the sitemap, feed ids or internal links.

use scraper::Html;

use super::SITE;
use crate::common::{TestSite, attrs, sel};

/// The value of `name` in the query of `url`, percent-decoded.
fn param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
    })
}

/// The post address each share link of a page carries, by network.
fn shared_addresses(doc: &Html) -> Vec<(String, String)> {
    doc.select(&sel(".share-links a"))
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            let class = a.value().attr("class").unwrap().trim_start_matches("share-").to_string();
            let carried = match class.as_str() {
                "bluesky" => param(href, "text").unwrap().rsplit(' ').next().unwrap().to_string(),
                "email" => param(href, "body").unwrap(),
                _ => param(href, "url").unwrap(),
            };
            (class, carried)
        })
        .collect()
}

/// Every canonical address a page declares: `link rel=canonical`, `og:url`, and
/// every string of its JSON-LD.
fn canonical_addresses(doc: &Html) -> Vec<String> {
    let mut found = attrs(doc, "link[rel=canonical]", "href");
    found.extend(attrs(doc, "meta[property='og:url']", "content"));
    for block in doc.select(&sel("script[type='application/ld+json']")) {
        let ld: serde_json::Value = serde_json::from_str(&block.inner_html()).unwrap();
        strings(&ld, &mut found);
    }
    found
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn campaign_parameters_reach_share_links_but_never_canonical_addresses_of_the_example_site() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    let base = "https://fieldnotes.fernhill.example/";
    let mut posts = 0;
    for entry in walkdir::WalkDir::new(site.out()).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = entry.path().display().to_string();
        let doc = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        for url in canonical_addresses(&doc) {
            assert!(!url.contains("utm_"), "{page}: {url}");
        }
        for url in attrs(&doc, "a[href]", "href").into_iter().filter(|u| u.starts_with(base)) {
            assert!(!url.contains("utm_"), "{page}: an internal link {url}");
        }
        let shared = shared_addresses(&doc);
        if shared.is_empty() {
            continue;
        }
        posts += 1;
        let slug = page.rsplit("/posts/").next().unwrap().trim_end_matches("/index.html").to_string();
        let canonical = attrs(&doc, "link[rel=canonical]", "href").remove(0);
        for (network, url) in shared {
            assert_eq!(
                url,
                format!("{canonical}?utm_source={network}&utm_medium=social&utm_campaign={slug}"),
                "{page}"
            );
        }
    }
    assert!(posts >= 18, "share links on every post: {posts}");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>") && !sitemap.contains("utm_"), "the sitemap has no campaign parameters");
}

#[test]
fn feed_item_links_are_tagged_and_their_ids_stay_canonical() {
    let site = TestSite::new("share-kit");
    site.build_ok(&[]);
    for (feed, source) in
        [("rss.xml", "rss"), ("atom.xml", "atom"), ("feed.json", "json"), ("authors/ada/rss.xml", "rss")]
    {
        let parsed =
            feed_rs::parser::parse(site.read(feed).as_bytes()).unwrap_or_else(|e| panic!("{feed}: {e}"));
        assert!(!parsed.entries.is_empty(), "{feed}");
        for e in &parsed.entries {
            let link = &e.links[0].href;
            let canonical = link.split('?').next().unwrap();
            assert!(canonical.starts_with(&format!("{SITE}posts/")), "{feed}: {link}");
            let slug = canonical.trim_end_matches('/').rsplit('/').next().unwrap();
            assert_eq!(
                link,
                &format!("{canonical}?utm_source={source}&utm_medium=feed&utm_campaign={slug}"),
                "{feed}"
            );
            assert_eq!(e.id, canonical, "{feed}: the id stays the post's own address");
        }
    }
    let page = site.html("posts/short/index.html");
    assert_eq!(attrs(&page, "link[rel=canonical]", "href"), [format!("{SITE}posts/short/")]);
    assert!(!site.read("sitemap.xml").contains("utm_"));
}

#[test]
fn feed_item_links_are_untagged_without_campaign_feed_links() {
    let site = TestSite::new("share-kit");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replace("campaign_feed_links: true", "campaign_feed_links: false"));
    site.build_ok(&[]);
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let parsed = feed_rs::parser::parse(site.read(feed).as_bytes()).unwrap();
        assert!(parsed.entries.iter().all(|e| e.links[0].href == e.id), "{feed}");
    }
    let page = site.html("posts/short/index.html");
    let shared = shared_addresses(&page);
    assert!(
        shared.iter().all(|(_, u)| u.contains("utm_medium=social")),
        "share links are still counted: {shared:?}"
    );
}

//! The share kits in `byline serve`: `/__byline/share/` lists the posts and
//! `/__byline/share/<slug>` shows each network's text with a copy button, escaped;
//! neither is ever a file of the built site.

use scraper::Html;

use super::{Server, header};
use crate::common::{attrs, byline, sel, texts};

fn body(response: &str) -> Html {
    Html::parse_document(response.split_once("\r\n\r\n").map_or("", |(_, b)| b))
}

#[test]
fn the_share_kit_page_is_served_and_never_built() {
    let server = Server::start("share-kit");
    let (status, index) = server.get("/__byline/share/");
    assert_eq!(status, 200);
    assert_eq!(header(&index, "content-type"), Some("text/html; charset=utf-8"));
    let links = attrs(&body(&index), "main li a", "href");
    for slug in ["long-description", "cjk-emoji", "short", "draft-note"] {
        assert!(links.contains(&format!("/__byline/share/{slug}")), "{slug} in {links:?}");
    }

    let (status, page) = server.get("/__byline/share/cjk-emoji");
    assert_eq!(status, 200);
    let doc = body(&page);
    let json =
        byline().args(["share", "cjk-emoji", "--format", "json"]).arg(server.site.root()).output().unwrap();
    let kit: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for n in kit["networks"].as_array().unwrap() {
        let id = format!("share-{}", n["network"].as_str().unwrap());
        let boxes: Vec<_> = doc.select(&sel(&format!("textarea#{id}[readonly]"))).collect();
        assert_eq!(boxes.len(), 1, "{id}");
        assert_eq!(
            boxes[0].text().collect::<String>(),
            n["text"].as_str().unwrap(),
            "{id}: the text, as byline share has it"
        );
        assert_eq!(texts(&doc, &format!("label[for={id}]")).len(), 1, "{id} is labelled");
        assert_eq!(
            attrs(&doc, &format!("button[data-copy={id}]"), "type"),
            ["button"],
            "{id} has a copy button"
        );
        let count = texts(&doc, &format!("#{id}-count")).remove(0);
        assert!(count.starts_with(&format!("{} of {}", n["length"], n["limit"])), "{count}");
    }
    assert!(page.contains("navigator.clipboard"), "the copy script");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert(1)"),
        "escaped"
    );
    assert_eq!(attrs(&doc, "meta[name=robots]", "content"), ["noindex"]);

    assert_eq!(server.get("/__byline/share/no-such-post").0, 404);
    assert_eq!(server.get("/__byline/share/%3Cb%3E").0, 404);
    let out = server.out_dir();
    assert!(out.join("index.html").is_file(), "the site was built into {}", out.display());
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        assert!(!rel.contains("__byline") && !rel.contains("share-kit"), "{rel} was written");
        if entry.file_type().is_file() && rel.ends_with(".html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("Share kit:"), "{rel} holds a share kit");
        }
    }
}

//! Social cards (issue 14): every post and author of the example site and of the
//! `seo` fixture has a 1200×630 PNG card; every page's `og:image` is a file of the
//! output that decodes with the size and type its tags claim, never an SVG; a title
//! edit redraws that post's card and no other; `social_cards: false` draws none.
//! What cards show of photos and the logo is in `pictures`; characters no font
//! can draw, in `glyphs`.

mod glyphs;
mod pictures;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use scraper::Html;
use serde_json::Value;

use crate::common::{TestSite, sel, url_to_file};

/// Decodes `path` as an image: (format, width, height).
fn decode(path: &Path) -> (image::ImageFormat, u32, u32) {
    let reader = image::ImageReader::open(path).unwrap().with_guessed_format().unwrap();
    let format = reader.format().unwrap_or_else(|| panic!("{}: not an image", path.display()));
    let img = reader.decode().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (format, img.width(), img.height())
}

fn base_url(site: &TestSite) -> String {
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let line = yaml.lines().find_map(|l| l.strip_prefix("base_url:")).unwrap();
    line.trim().trim_matches('"').to_string()
}

/// Every HTML page of the output, by path.
fn pages(out: &Path) -> Vec<(String, Html)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            (rel, Html::parse_document(&fs::read_to_string(e.path()).unwrap()))
        })
        .collect()
}

fn metas(doc: &Html, key: &str) -> Vec<String> {
    let s = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    doc.select(&sel(&s)).filter_map(|e| e.value().attr("content").map(String::from)).collect()
}

/// A card for every post folder and author folder, each a 1200×630 PNG.
fn every_post_and_author_has_a_card(site: &TestSite) {
    let out = site.out();
    let mut seen = 0;
    for dir in ["posts", "authors"] {
        for entry in fs::read_dir(out.join(dir)).unwrap() {
            let entry = entry.unwrap();
            if !entry.file_type().unwrap().is_dir() {
                continue;
            }
            let card = entry.path().join("card.png");
            assert_eq!(decode(&card), (image::ImageFormat::Png, 1200, 630), "{}", card.display());
            seen += 1;
        }
    }
    assert!(seen > 3, "only {seen} cards");
    assert_eq!(decode(&out.join("card.png")), (image::ImageFormat::Png, 1200, 630));
}

/// Every page's `og:image` is an output file that decodes as its tags say.
fn og_images_are_published_rasters(site: &TestSite) {
    let (out, base) = (site.out(), base_url(site));
    let mut checked = 0;
    for (page, doc) in pages(&out) {
        let images = metas(&doc, "og:image");
        assert!(images.len() <= 1, "{page}: {images:?}");
        let Some(url) = images.first() else { continue };
        assert!(!url.to_lowercase().ends_with(".svg"), "{page}: og:image is an SVG: {url}");
        assert_eq!(metas(&doc, "twitter:image"), std::slice::from_ref(url), "{page}");
        assert_eq!(metas(&doc, "twitter:card"), ["summary_large_image"], "{page}");
        assert_eq!(metas(&doc, "og:image:alt").len(), 1, "{page}: og:image:alt");
        let file =
            url_to_file(&out, &base, url).unwrap_or_else(|| panic!("{page}: {url} is not on the site"));
        let (format, w, h) = decode(&file);
        let mime = match format {
            image::ImageFormat::Png => "image/png",
            image::ImageFormat::Jpeg => "image/jpeg",
            image::ImageFormat::WebP => "image/webp",
            image::ImageFormat::Gif => "image/gif",
            other => panic!("{page}: {url} is {other:?}"),
        };
        assert_eq!(metas(&doc, "og:image:type"), [mime], "{page}: {url}");
        for (key, value) in [("og:image:width", w), ("og:image:height", h)] {
            let claimed = metas(&doc, key);
            assert!(
                claimed.is_empty() || claimed == [value.to_string()],
                "{page}: {key} {claimed:?}, file {value}"
            );
        }
        // JSON-LD of a post names the same image.
        for block in doc.select(&sel("script[type=\"application/ld+json\"]")) {
            let v: Value = serde_json::from_str(&block.text().collect::<String>()).unwrap();
            for node in v["@graph"].as_array().into_iter().flatten() {
                if node["@type"] == "BlogPosting" {
                    assert_eq!(node["image"], url.as_str(), "{page}: JSON-LD image");
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 10, "only {checked} pages have an og:image");
}

#[test]
fn the_example_site_has_a_card_for_every_post_and_author_and_every_og_image_is_one_of_its_files() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    every_post_and_author_has_a_card(&site);
    og_images_are_published_rasters(&site);
}

#[test]
fn the_seo_fixture_has_a_card_for_every_post_and_author_and_every_og_image_is_one_of_its_files() {
    let site = TestSite::new("seo");
    site.build_ok(&[]);
    every_post_and_author_has_a_card(&site);
    og_images_are_published_rasters(&site);
    // A post's own raster image wins over its card; the others point at theirs.
    let joint = site.html("posts/joint/index.html");
    assert_eq!(metas(&joint, "og:image"), ["https://seo.example.com/blog/images/cover.png"]);
    let solo = site.html("posts/solo/index.html");
    assert_eq!(metas(&solo, "og:image"), ["https://seo.example.com/blog/posts/solo/card.png"]);
    assert_eq!(metas(&solo, "og:image:width"), ["1200"]);
}

/// The fingerprint of every card, from the cache's manifest.
pub(super) fn card_fingerprints(cache: &Path) -> BTreeMap<String, String> {
    let manifest: Value = serde_json::from_slice(&fs::read(cache.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_object().unwrap();
    files
        .iter()
        .filter(|(path, _)| path.ends_with("card.png"))
        .map(|(path, entry)| (path.clone(), entry["inputs"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn a_title_edit_redraws_that_posts_card_and_no_other() {
    let site = TestSite::new("seo");
    let cache = site.dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    site.build_ok(&["--cache-dir", cache_arg]);
    let before = card_fingerprints(&cache);
    let bytes_before = fs::read(site.out().join("posts/solo/card.png")).unwrap();
    let post = fs::read_to_string(site.root().join("content/posts/solo.md")).unwrap();
    site.write(
        "content/posts/solo.md",
        post.replace("title: Notes on the engine", "title: Notes on the new engine"),
    );
    site.build_ok(&["--cache-dir", cache_arg]);
    let after = card_fingerprints(&cache);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    let changed: Vec<&String> = before.iter().filter(|(p, f)| after[*p] != **f).map(|(p, _)| p).collect();
    assert_eq!(changed, ["posts/solo/card.png"]);
    assert_ne!(fs::read(site.out().join("posts/solo/card.png")).unwrap(), bytes_before);
}

#[test]
fn social_cards_false_draws_none_and_pages_fall_back_to_raster_images() {
    let site = TestSite::new("seo");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}social_cards: false\n"));
    site.build_ok(&[]);
    let cards: Vec<_> = walkdir::WalkDir::new(site.out())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "card.png")
        .collect();
    assert!(cards.is_empty(), "{cards:?}");
    let solo = site.html("posts/solo/index.html");
    assert_eq!(metas(&solo, "og:image"), ["https://seo.example.com/blog/images/ada.png"]);
    og_images_are_published_rasters(&site);
}

#[test]
fn a_card_colour_that_is_not_a_colour_is_a_located_error() {
    let site = TestSite::new("seo");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}social_card:\n  accent: blue\n"));
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = crate::common::stderr(&out);
    assert!(err.contains("site.yaml") && err.contains("`accent` must be a colour"), "{err}");
}

//! Images that markdown shows: each raster image of the site (beside the post or in
//! `static/`) is a `<picture>` of variants the size its markup claims, the first
//! image of a page loads at once and the others lazily, nothing published carries
//! EXIF, and an image that names no file is an error at its line and column.
//! `make_example_charts` (ignored) drew the example site's charts.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use scraper::{ElementRef, Html};

use super::exif_write;
use crate::common::{TestSite, byline, sel, stderr, url_to_file};

const BASE: &str = "https://blog.example.com/";

fn png(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(img).unwrap();
    out
}

/// Vertical bars of `heights` (0 to 1) on a white or clear ground, with a base line.
fn bar_chart(w: u32, h: u32, heights: &[f32], colour: [u8; 3], clear: bool) -> RgbaImage {
    let slot = w / heights.len() as u32;
    let base = h - h / 10;
    RgbaImage::from_fn(w, h, |x, y| {
        let i = ((x / slot) as usize).min(heights.len() - 1);
        let top = base - (heights[i] * (base - h / 10) as f32) as u32;
        let inside = x % slot > slot / 6 && x % slot < slot * 5 / 6;
        if inside && y >= top && y < base {
            let shade = 1.0 - 0.12 * i as f32;
            let c = |v: u8| (v as f32 * shade) as u8;
            Rgba([c(colour[0]), c(colour[1]), c(colour[2]), 255])
        } else if (base..base + h / 200 + 2).contains(&y) {
            Rgba([70, 70, 70, 255])
        } else if clear {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([255, 255, 255, 255])
        }
    })
}

/// Four blue bars on a clear ground, each taller than the last and each filled with
/// its own pattern: solid, stripes, dots, checks.
fn patterned_bars(w: u32, h: u32) -> RgbaImage {
    let mut img = bar_chart(w, h, &[0.35, 0.55, 0.7, 0.95], [30, 100, 160], true);
    let slot = w / 4;
    for (x, y, p) in img.enumerate_pixels_mut() {
        let blue = p.0[3] == 255 && p.0[2] > 100;
        let (u, v) = (x % 40, y % 40);
        let gap = match x / slot {
            1 => (x + y) % 40 < 12,
            2 => (u as i32 - 20).pow(2) + (v as i32 - 20).pow(2) < 64,
            3 => (u < 20) != (v < 20),
            _ => false,
        };
        if blue && gap {
            *p = Rgba([235, 242, 250, 255]);
        }
    }
    img
}

/// The fixture with its images: a relative PNG chart, a static JPEG carrying GPS
/// EXIF, a GIF narrower than every width, and a PNG beside a folder post.
fn fixture() -> TestSite {
    let site = TestSite::new("markdown-images");
    site.write(
        "content/posts/images/revenue.png",
        png(&bar_chart(2000, 1000, &[0.4, 0.6, 0.8, 1.0], [40, 110, 170], false)),
    );
    let team = RgbImage::from_fn(1200, 800, |x, y| Rgb([(x / 5) as u8, (y / 4) as u8, 120]));
    site.write("static/images/team.jpg", exif_write::with_exif(&jpeg(&team), 1, "SN-TEAM-1", 38.72, -9.14));
    let mut gif = Vec::new();
    let frame = RgbaImage::from_fn(300, 200, |x, _| Rgba([(x % 255) as u8, 90, 160, 255]));
    image::codecs::gif::GifEncoder::new(&mut gif).encode_frame(image::Frame::new(frame)).unwrap();
    site.write("static/images/spinner.gif", gif);
    site.write(
        "content/posts/bundle/map.png",
        png(&bar_chart(1500, 900, &[0.3, 0.9, 0.5], [200, 120, 40], true)),
    );
    site
}

fn built() -> TestSite {
    let site = fixture();
    site.build_ok(&[]);
    site
}

/// The decoded size of the published file at `url`.
fn size_of(out: &Path, url: &str) -> (u32, u32) {
    let file = url_to_file(out, BASE, url).unwrap_or_else(|| panic!("{url} is not of the site"));
    let img = image::open(&file).unwrap_or_else(|e| panic!("{url}: {e}"));
    (img.width(), img.height())
}

fn page(site: &TestSite, rel: &str) -> Html {
    site.html(rel)
}

/// The `<img>` elements of a page's body (`.prose`).
fn body_imgs(doc: &Html) -> Vec<ElementRef<'_>> {
    doc.select(&sel(".prose img")).collect()
}

#[test]
fn every_markdown_image_is_a_picture_whose_sizes_match_its_files() {
    let site = built();
    let out = site.out();
    let doc = page(&site, "posts/charts/index.html");
    let imgs = body_imgs(&doc);
    assert_eq!(imgs.len(), 4, "{}", doc.html());
    let mut candidates = 0;
    for img in imgs.iter().filter(|i| i.value().attr("src").is_some_and(|s| !s.ends_with(".svg"))) {
        let src = img.value().attr("src").unwrap();
        let dim = |a| img.value().attr(a).and_then(|v: &str| v.parse::<u32>().ok()).expect(a);
        assert_eq!(size_of(&out, src), (dim("width"), dim("height")), "{src}");
        let picture = img.parent().and_then(ElementRef::wrap).expect("inside a picture");
        assert_eq!(picture.value().name(), "picture", "{src}");
        let source = picture.select(&sel("source")).next().expect("a WebP source");
        assert_eq!(source.value().attr("type"), Some("image/webp"));
        let sets = [img.value().attr("srcset").unwrap(), source.value().attr("srcset").unwrap()];
        for candidate in sets.iter().flat_map(|s| s.split(", ")) {
            let (url, width) = candidate.split_once(' ').expect("a width descriptor");
            let width: u32 = width.strip_suffix('w').unwrap().parse().unwrap();
            assert_eq!(size_of(&out, url).0, width, "{candidate}");
            candidates += 1;
        }
        assert!(img.value().attr("sizes").is_some() && source.value().attr("sizes").is_some());
    }
    // revenue: 480, 960, 1440; team: 480, 960; spinner: its own 300; each twice.
    assert_eq!(candidates, 12);
    let first = imgs[0].value();
    assert_eq!(first.attr("alt"), Some("Revenue by quarter, rising from 2 to 5 million"));
    assert_eq!(first.attr("title"), Some("Revenue, 2023"));
    assert_eq!(
        imgs[1].value().attr("alt"),
        Some("The team “in person” & <on site>"),
        "smart quotes, and inline HTML as text"
    );
    let svg = imgs[2].value();
    assert_eq!(svg.attr("src"), Some("https://blog.example.com/posts/charts/diagram.svg"), "left as it is");
    assert!(imgs.iter().all(|i| i.value().attr("alt").is_some_and(|a| !a.is_empty())));
}

#[test]
fn the_first_image_of_a_page_loads_at_once_and_later_ones_lazily() {
    let site = built();
    let lazy = |img: &ElementRef| img.value().attr("loading") == Some("lazy");
    // No post image: the first markdown image is the first image of the page.
    let charts = page(&site, "posts/charts/index.html");
    let imgs = body_imgs(&charts);
    assert!(!lazy(&imgs[0]), "{}", imgs[0].html());
    assert!(imgs[1..].iter().all(lazy), "later images are lazy");
    // With a post image above the body, every markdown image is lazy.
    let bundle = page(&site, "posts/bundle/index.html");
    let hero = bundle.select(&sel(".post-image img")).next().expect("the post's image");
    assert!(!lazy(&hero));
    let imgs = body_imgs(&bundle);
    assert_eq!(imgs.len(), 1);
    assert!(lazy(&imgs[0]));
    // A page: its first image is eager.
    let about = page(&site, "about/index.html");
    let imgs = body_imgs(&about);
    assert_eq!(imgs.len(), 2);
    assert!(!lazy(&imgs[0]) && lazy(&imgs[1]));
}

#[test]
fn images_beside_posts_are_published_under_the_post_address() {
    let site = built();
    let out = site.out();
    assert_eq!(image::open(out.join("posts/charts/images/revenue.png")).unwrap().width(), 2000);
    assert!(out.join("posts/charts/images/revenue-1440.webp").is_file());
    assert!(out.join("posts/bundle/map.png").is_file(), "beside a folder post's index.md");
    let svg = fs::read(site.root().join("content/posts/diagram.svg")).unwrap();
    assert_eq!(fs::read(out.join("posts/charts/diagram.svg")).unwrap(), svg, "an SVG as it is");
    assert!(!out.join("content").exists() && !out.join("posts/images").exists());
}

#[test]
fn published_markdown_images_carry_no_exif() {
    let source = fs::read(fixture().root().join("static/images/team.jpg")).unwrap();
    assert!(
        exif::Reader::new().read_from_container(&mut Cursor::new(&source)).is_ok(),
        "the fixture has EXIF"
    );
    let site = built();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(site.out()).into_iter().filter_map(Result::ok) {
        let p = entry.path();
        if !matches!(p.extension().and_then(|e| e.to_str()), Some("jpg" | "png" | "webp" | "gif")) {
            continue;
        }
        let bytes = fs::read(p).unwrap();
        image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&bytes));
        assert!(exif.is_err(), "{} carries EXIF", p.display());
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} images");
}

#[test]
fn list_pages_show_summary_images_in_variants_and_lazily() {
    let site = built();
    let home = page(&site, "index.html");
    let img = home.select(&sel(".card-summary img")).next().expect("the chart in the summary");
    assert!(
        img.value().attr("src").unwrap().ends_with("/posts/charts/images/revenue-960.png"),
        "{}",
        img.html()
    );
    assert_eq!(img.value().attr("loading"), Some("lazy"));
}

#[test]
fn two_missing_markdown_images_are_both_errors_at_their_line_and_column() {
    let site = fixture();
    site.write(
        "content/posts/broken.md",
        "---\ntitle: Broken\ndate: 2024-03-03T10:00:00+01:00\nauthor: ada\n---\nIntro.\n\nSee ![Gone](images/gone.png).\n\n  ![Also gone](/images/missing.png)\n",
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/posts/broken.md:8:5: the image `images/gone.png` is not a file: there is no content/posts/images/gone.png"), "{err}");
    assert!(err.contains("put the image at content/posts/images/gone.png, beside this file"), "{err}");
    assert!(
        err.contains(
            "content/posts/broken.md:10:3: the image `/images/missing.png` is not a file of the site"
        ),
        "{err}"
    );
    assert!(err.contains("put the image at static/images/missing.png"), "{err}");
    // `byline check` reports them the same way.
    let check = byline().arg("check").arg(site.root()).output().unwrap();
    assert!(!check.status.success());
    let text = String::from_utf8_lossy(&check.stdout).into_owned() + &stderr(&check);
    assert!(text.contains("broken.md:8:5") && text.contains("broken.md:10:3"), "{text}");
}

#[test]
fn an_oversized_markdown_image_is_refused_at_its_line_without_a_crash() {
    let site = fixture();
    let mut big = Vec::new();
    image::codecs::png::PngEncoder::new(&mut big)
        .write_image(image::GrayImage::new(16_001, 1).as_raw(), 16_001, 1, image::ExtendedColorType::L8)
        .unwrap();
    site.write("content/posts/images/revenue.png", big);
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("content/posts/charts.md:6:27: the image `images/revenue.png` (content/posts/images/revenue.png) cannot be used"), "{err}");
    assert!(err.contains("over the limit of 16000 pixels a side"), "{err}");
}

#[test]
fn a_resized_image_renders_the_pages_that_show_it_again() {
    let site = built();
    site.write("static/images/team.jpg", jpeg(&RgbImage::new(600, 300)));
    site.build_ok(&[]);
    let doc = page(&site, "posts/charts/index.html");
    let team = body_imgs(&doc)
        .into_iter()
        .find(|i| i.value().attr("alt").is_some_and(|a| a.starts_with("The team")));
    let team = team.expect("the team photo");
    assert_eq!((team.value().attr("width"), team.value().attr("height")), (Some("480"), Some("240")));
    assert_eq!(size_of(&site.out(), team.value().attr("src").unwrap()), (480, 240));
}

/// Draws the example site's charts (run with `--ignored` after a change here).
#[test]
#[ignore]
fn make_example_charts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let late = bar_chart(2000, 1125, &[1.0, 0.74, 0.43, 0.21, 0.1], [190, 80, 50], false);
    fs::create_dir_all(root.join("static/images/charts")).unwrap();
    fs::write(root.join("static/images/charts/late-shipments-by-warehouse.png"), png(&late)).unwrap();
    let bundle = root.join("content/posts/2026-03-10-accessible-charts");
    fs::write(bundle.join("patterned-bars.png"), png(&patterned_bars(2400, 1350))).unwrap();
    let contrast = bar_chart(1800, 900, &[0.15, 0.3, 0.45, 0.6, 0.75, 0.9], [150, 150, 150], false);
    fs::write(bundle.join("contrast-steps.png"), png(&contrast)).unwrap();
}

//! Photos and post images: every published raster image decodes at the size pages
//! claim and carries no EXIF; oversized and missing images are located errors; a
//! warm rebuild encodes nothing. `make_example_photos` (ignored) drew the example
//! site's photos.

mod exif_write;
mod markdown;

use std::fs;
use std::io::Cursor;
use std::path::Path;

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use scraper::ElementRef;

use crate::common::{TestSite, sel, stderr, url_to_file};

const BASE: &str = "https://fieldnotes.fernhill.example/";

/// A deterministic speckle of ±3, so the pictures compress like photos, not like
/// flat vector art.
fn grain(x: u32, y: u32) -> i32 {
    let h = x.wrapping_mul(374_761_393) ^ y.wrapping_mul(668_265_263);
    (h.wrapping_mul(1_274_126_177) >> 29) as i32 - 3
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32, g: i32) -> Rgb<u8> {
    let c = |i: usize| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t) as i32 + g;
    Rgb([c(0).clamp(0, 255) as u8, c(1).clamp(0, 255) as u8, c(2).clamp(0, 255) as u8])
}

/// A head-and-shoulders portrait: a backdrop gradient, shoulders and a face.
fn portrait(w: u32, h: u32, backdrop: [u8; 3], skin: [u8; 3], shirt: [u8; 3]) -> RgbImage {
    let (fw, fh) = (w as f32, h as f32);
    RgbImage::from_fn(w, h, |x, y| {
        let (px, py) = (x as f32 / fw, y as f32 / fh);
        let g = grain(x, y);
        let face = ((px - 0.5) / 0.17).powi(2) + ((py - 0.4) / (0.2 * fw / fh).min(0.24)).powi(2);
        let body = ((px - 0.5) / 0.42).powi(2) + ((py - 1.05) / 0.38).powi(2);
        if face < 1.0 {
            mix(skin, [skin[0] / 2, skin[1] / 2, skin[2] / 2], face * 0.35, g)
        } else if body < 1.0 {
            mix(shirt, [20, 20, 30], py * 0.5, g)
        } else {
            mix(backdrop, [235, 235, 240], py, g)
        }
    })
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88).encode_image(img).unwrap();
    out
}

/// Draws the example site's photos and post images (run with `--ignored` after a
/// change here): realistic sizes, and a 3000×4000 phone photo stored on its side
/// with EXIF orientation 6, a camera serial and a GPS position.
#[test]
#[ignore]
fn make_example_photos() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site/static/images");
    fs::create_dir_all(root.join("authors")).unwrap();
    let authors = [
        ("chris-koch", 1600, 1600, [70, 110, 150], [224, 186, 160], [40, 60, 90]),
        ("daniel-reyes", 1200, 1500, [150, 120, 90], [190, 140, 105], [120, 30, 40]),
        ("lena-virtanen", 2000, 2000, [90, 140, 110], [240, 205, 185], [60, 60, 60]),
        ("priya-raman", 1080, 1350, [160, 90, 120], [170, 120, 90], [30, 90, 110]),
        ("tomas-adeyemi", 900, 900, [200, 170, 80], [110, 75, 55], [50, 50, 120]),
    ];
    for (id, w, h, back, skin, shirt) in authors {
        fs::write(root.join(format!("authors/{id}.jpg")), jpeg(&portrait(w, h, back, skin, shirt))).unwrap();
    }
    // The phone photo: upright 3000×4000, stored turned a quarter to the left.
    let upright = portrait(3000, 4000, [60, 90, 130], [200, 150, 120], [140, 60, 30]);
    let stored = image::imageops::rotate270(&upright);
    let tagged = exif_write::with_exif(&jpeg(&stored), 6, "SN-4242-PHONE", 52.3731, 4.8922);
    fs::write(root.join("authors/maya-okafor.jpg"), tagged).unwrap();
    // A post photo, and a chart with a transparent background.
    let desk = portrait(2400, 1600, [120, 130, 140], [180, 160, 140], [90, 110, 70]);
    fs::write(root.join("first-ninety-days.jpg"), jpeg(&desk)).unwrap();
    let chart = RgbaImage::from_fn(1600, 900, |x, y| {
        let bar = x / 200;
        let top = 850 - (bar * 90 + 120).min(800);
        if x % 200 > 40 && x % 200 < 160 && y > top && y < 860 {
            Rgba([30 + (bar * 25) as u8, 110, 170, 255])
        } else if y == 860 || y == 861 {
            Rgba([60, 60, 60, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(chart.as_raw(), 1600, 900, image::ExtendedColorType::Rgba8)
        .unwrap();
    fs::write(root.join("backfill-chart.png"), png).unwrap();
}

fn built() -> TestSite {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    site
}

fn is_raster(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("jpg" | "jpeg" | "png" | "webp" | "gif"))
}

#[test]
fn the_example_photo_is_published_upright_and_without_its_gps_position() {
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site/static/images/authors/maya-okafor.jpg");
    let source = fs::read(src).unwrap();
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&source)).unwrap();
    assert!(exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY).is_some(), "the fixture has GPS");
    let site = built();
    let out = site.out().join("images/authors");
    let original = image::open(out.join("maya-okafor.jpg")).unwrap();
    assert_eq!((original.width(), original.height()), (3000, 4000), "upright");
    for (file, side) in [("maya-okafor-256.webp", 256), ("maya-okafor-32.jpg", 32)] {
        let v = image::open(out.join(file)).unwrap();
        assert_eq!((v.width(), v.height()), (side, side), "{file}");
    }
}

#[test]
fn every_published_raster_image_decodes_and_has_no_exif() {
    let site = built();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(site.out()).into_iter().filter_map(Result::ok) {
        let p = entry.path();
        if !is_raster(p) {
            continue;
        }
        let bytes = fs::read(p).unwrap();
        let format = image::guess_format(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let ext = p.extension().and_then(|e| e.to_str()).unwrap();
        assert!(format.extensions_str().contains(&ext), "{} is {format:?}", p.display());
        image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&bytes));
        assert!(exif.is_err(), "{} carries EXIF", p.display());
        seen += 1;
    }
    assert!(seen > 50, "only {seen} raster images");
}

/// (width, height) of the image at `url`, which must exist.
fn size_of(out: &Path, page: &Path, url: &str) -> (u32, u32) {
    let file =
        url_to_file(out, BASE, url).unwrap_or_else(|| panic!("{}: {url} is not of the site", page.display()));
    let img = image::open(&file).unwrap_or_else(|e| panic!("{}: {url}: {e}", page.display()));
    (img.width(), img.height())
}

#[test]
fn every_img_has_the_size_of_its_file_and_every_srcset_candidate_its_claimed_width() {
    let site = built();
    let out = site.out();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        let page = entry.path();
        if page.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&fs::read_to_string(page).unwrap());
        for img in doc.select(&sel("img")) {
            let src = img.value().attr("src").unwrap();
            if !src.starts_with(BASE) || !is_raster(Path::new(src)) {
                continue;
            }
            let attr = |a| img.value().attr(a).and_then(|v: &str| v.parse::<u32>().ok());
            let (w, h) = (attr("width").expect("width"), attr("height").expect("height"));
            assert_eq!(size_of(&out, page, src), (w, h), "{}: {src}", page.display());
            let mut sets: Vec<String> = img.value().attr("srcset").map(String::from).into_iter().collect();
            if let Some(picture) =
                img.parent().and_then(ElementRef::wrap).filter(|p| p.value().name() == "picture")
            {
                sets.extend(
                    picture.select(&sel("source")).filter_map(|s| s.value().attr("srcset").map(String::from)),
                );
            }
            for candidate in sets.iter().flat_map(|s| s.split(", ")) {
                let (url, descriptor) = candidate.split_once(' ').unwrap_or((candidate, "1x"));
                let (cw, _) = size_of(&out, page, url);
                let want = match descriptor.strip_suffix('w') {
                    Some(n) => n.parse::<u32>().unwrap(),
                    None => w * descriptor.trim_end_matches('x').parse::<u32>().unwrap(),
                };
                assert_eq!(cw, want, "{}: {candidate}", page.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} srcset candidates");
}

#[test]
fn an_image_over_the_size_limit_is_refused_at_its_file() {
    let site = TestSite::new("example-site");
    let mut png = Vec::new();
    let wide = image::GrayImage::new(16_001, 1);
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(wide.as_raw(), 16_001, 1, image::ExtendedColorType::L8)
        .unwrap();
    site.write("static/images/authors/chris-koch.jpg", png);
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("static/images/authors/chris-koch.jpg"), "{err}");
    assert!(err.contains("over the limit of 16000 pixels a side"), "{err}");
}

#[test]
fn a_missing_photo_is_an_error_at_its_line() {
    let site = TestSite::new("example-site");
    site.remove("static/images/authors/chris-koch.jpg");
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("authors/chris-koch.md:4"), "{err}");
    assert!(
        err.contains("`photo` names `/images/authors/chris-koch.jpg`, which is not a file of the site"),
        "{err}"
    );
}

#[test]
fn a_warm_rebuild_encodes_no_image() {
    let site = built();
    let again = site.build_ok(&[]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("(0 rendered"), "{text}");
}

#[test]
fn a_large_post_image_is_shared_as_its_1440_variant_with_its_size_not_the_original() {
    let site = built();
    let page = Path::new("posts/first-ninety-days/index.html");
    let html = scraper::Html::parse_document(&fs::read_to_string(site.out().join(page)).unwrap());
    let meta = |p: &str| {
        let s = sel(&format!("meta[property=\"{p}\"]"));
        html.select(&s)
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_else(|| panic!("no {p}"))
            .to_string()
    };
    let url = meta("og:image");
    assert_eq!(url, format!("{BASE}images/first-ninety-days-1440.jpg"), "the 2400 px original is not shared");
    let (w, h) = size_of(&site.out(), page, &url);
    assert_eq!((meta("og:image:width"), meta("og:image:height")), (w.to_string(), h.to_string()));
    assert_eq!((w, meta("og:image:type")), (1440, "image/jpeg".to_string()));
    // The page links to the original, which is much larger.
    let full = sel("figure.post-image figcaption a");
    let link = html.select(&full).next().expect("a link to the full-size image");
    assert_eq!(link.value().attr("href"), Some(format!("{BASE}images/first-ninety-days.jpg").as_str()));
}

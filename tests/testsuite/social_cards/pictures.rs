//! Photos on cards: an author's photo (raster or SVG) fills their avatar circles on
//! their posts' cards and the large circle on their own; a new photo redraws
//! exactly those cards.

use std::fs;
use std::path::Path;

use super::card_fingerprints;
use crate::common::TestSite;

/// A PNG of one colour.
fn solid_png(rgb: [u8; 3], side: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(side, side, image::Rgb(rgb));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The colour of the card at `path` at (x, y).
fn pixel(path: &Path, x: u32, y: u32) -> [u8; 3] {
    image::open(path).unwrap().to_rgb8().get_pixel(x, y).0
}

/// Whether two colours are within a few levels of each other (resampling, JPEG).
fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 12)
}

/// The middle of the first avatar of a post's card and of an author's own.
const POST_AVATAR: (u32, u32) = (120, 555);
const AUTHOR_AVATAR: (u32, u32) = (250, 315);

#[test]
fn an_author_photo_fills_the_avatars_of_their_cards_instead_of_initials() {
    let site = TestSite::new("seo");
    let red = [220, 30, 40];
    site.write("static/images/ada.png", solid_png(red, 400));
    site.build_ok(&[]);
    let out = site.out();
    // Ada's own post, the post with Grace (Ada first) and Ada's card.
    for card in ["posts/solo/card.png", "posts/joint/card.png"] {
        let got = pixel(&out.join(card), POST_AVATAR.0, POST_AVATAR.1);
        assert!(near(got, red), "{card}: {got:?}");
    }
    let got = pixel(&out.join("authors/ada/card.png"), AUTHOR_AVATAR.0, AUTHOR_AVATAR.1);
    assert!(near(got, red), "author card: {got:?}");
    // Clipped to the circle: its corner box stays the band's colour.
    let corner = pixel(&out.join("posts/solo/card.png"), POST_AVATAR.0 - 38, POST_AVATAR.1 - 38);
    assert!(!near(corner, red), "the photo is not clipped: {corner:?}");
    // Grace has no photo: her avatar (second on the joint post, 64 px on) keeps its
    // initials' pale circle (looked at above the letters).
    let grace = pixel(&out.join("posts/joint/card.png"), POST_AVATAR.0 + 64, POST_AVATAR.1 - 30);
    assert!(!near(grace, red) && grace.iter().all(|&c| c > 180), "{grace:?}");
}

#[test]
fn an_svg_photo_is_drawn_on_the_authors_cards() {
    let site = TestSite::new("seo");
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1060e0"/></svg>"##;
    site.write("static/images/grace.svg", svg);
    let grace = fs::read_to_string(site.root().join("authors/grace.md")).unwrap();
    site.write(
        "authors/grace.md",
        grace.replace("role: Rear Admiral", "role: Rear Admiral\nphoto: /images/grace.svg"),
    );
    site.build_ok(&[]);
    let got = pixel(&site.out().join("posts/grace-only/card.png"), POST_AVATAR.0, POST_AVATAR.1);
    assert!(near(got, [0x10, 0x60, 0xe0]), "{got:?}");
    let got = pixel(&site.out().join("authors/grace/card.png"), AUTHOR_AVATAR.0, AUTHOR_AVATAR.1);
    assert!(near(got, [0x10, 0x60, 0xe0]), "{got:?}");
}

#[test]
fn a_new_photo_redraws_exactly_the_cards_of_its_author_and_their_posts() {
    let site = TestSite::new("seo");
    let cache = site.dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    site.write("static/images/ada.png", solid_png([220, 30, 40], 300));
    site.build_ok(&["--cache-dir", cache_arg]);
    let before = card_fingerprints(&cache);
    site.write("static/images/ada.png", solid_png([30, 160, 60], 300));
    site.build_ok(&["--cache-dir", cache_arg]);
    let after = card_fingerprints(&cache);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    let changed: Vec<&str> =
        before.iter().filter(|(p, f)| after[*p] != **f).map(|(p, _)| p.as_str()).collect();
    // Ada writes solo, joint and hostile.
    assert_eq!(
        changed,
        ["authors/ada/card.png", "posts/hostile/card.png", "posts/joint/card.png", "posts/solo/card.png"]
    );
    let got = pixel(&site.out().join("posts/solo/card.png"), POST_AVATAR.0, POST_AVATAR.1);
    assert!(near(got, [30, 160, 60]), "{got:?}");
}

/// A PNG of one colour, `w` by `h`.
fn solid_rect_png(rgb: [u8; 3], w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb(rgb));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn the_logo_is_drawn_top_left_on_every_card_and_a_new_one_redraws_them_all() {
    let site = TestSite::new("seo");
    let cache = site.dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    // 2:1, so 112 × 56 in its box at (80, 65): its middle is (136, 93).
    let orange = [240, 140, 20];
    site.write("static/images/logo.png", solid_rect_png(orange, 200, 100));
    site.build_ok(&["--cache-dir", cache_arg]);
    let before = card_fingerprints(&cache);
    for card in ["card.png", "posts/solo/card.png", "authors/grace/card.png"] {
        let got = pixel(&site.out().join(card), 136, 93);
        assert!(near(got, orange), "{card}: {got:?}");
        // Beyond the logo's box (the gap before the blog's name): the background.
        let after_box = pixel(&site.out().join(card), 80 + 112 + 8, 93);
        assert!(!near(after_box, orange), "{card}: {after_box:?}");
    }
    // An SVG logo, taller than wide: 28 × 56, so it ends before x = 108.
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="50" height="100"><rect width="50" height="100" fill="#20a040"/></svg>"##;
    site.write("static/images/logo.svg", svg);
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replace("logo: /images/logo.png", "logo: /images/logo.svg"));
    site.build_ok(&["--cache-dir", cache_arg]);
    let got = pixel(&site.out().join("posts/solo/card.png"), 94, 93);
    assert!(near(got, [0x20, 0xa0, 0x40]), "{got:?}");
    let after = card_fingerprints(&cache);
    assert!(before.iter().all(|(p, f)| after[p] != *f), "every card shows the logo");
}

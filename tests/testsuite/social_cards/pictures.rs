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

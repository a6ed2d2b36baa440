//! Image variants: for each raster image of the site that an author's `photo`
//! names, squares at 1x and 2x of each avatar size the theme shows; for one that a
//! post's `image` names or markdown shows, widths of 480, 960 and 1440 (never more
//! than the image's); each as WebP and a JPEG (PNG with transparency) fallback:
//! `images/authors/maya-okafor-96.webp`.
//! The original is published at its own address re-encoded from its pixels (upright,
//! without its metadata) in place of the static file, which would carry its GPS
//! position and camera serial.
//!
//! A variant's content is [`Content::Image`]: the source file and the variant, which
//! the `write` stage reads and encodes, as it reads static files for
//! `Content::Asset`. So rendering still never reads the disk, and the model holds no
//! megabytes of photos: `load` read only what planning needs (each image's size,
//! transparency and the hash of its bytes, in `model::Image`). A variant's record is
//! that hash and the variant's parameters, so a rebuild with the same photos plans
//! no variant to encode.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

use crate::config::Config;
use crate::media::photo::{Format, Info, Shape, Variant};
use crate::model::Image;
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::support::diagnostic::Diagnostic;

/// The avatar sizes the default theme shows (byline 32, author card 64, author
/// index 96, author page 128), each made at 1x and 2x.
pub(crate) const AVATARS: [u32; 4] = [32, 64, 96, 128];
/// The widths of a post's image.
const WIDTHS: [u32; 3] = [480, 960, 1440];

/// The shapes made of `image`, smallest first.
pub(crate) fn shapes(image: &Image) -> Vec<Shape> {
    let mut out = Vec::new();
    if image.photo {
        let mut sides: Vec<u32> = AVATARS.iter().flat_map(|&s| [s, 2 * s]).collect();
        sides.sort_unstable();
        sides.dedup();
        out.extend(sides.into_iter().map(|side| Shape::Square(side, image.focus)));
    }
    if image.post || image.shown {
        out.extend(widths(image.info).into_iter().map(Shape::Width));
    }
    out
}

/// The widths of a post image's variants: those of [`WIDTHS`] it is as wide as,
/// or its own width when it is narrower than all of them.
pub(crate) fn widths(info: Info) -> Vec<u32> {
    let fit: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w <= info.width).collect();
    if fit.is_empty() { vec![info.width] } else { fit }
}

/// A variant's site path: the source's path with the size before the extension
/// (the original: the source's path).
pub(crate) fn path(image: &Image, v: Variant) -> String {
    let stem = image.path.rsplit_once('.').map_or(image.path.as_str(), |(s, _)| s);
    let n = match v.shape {
        Shape::Square(n, _) | Shape::Width(n) => n,
        Shape::Original => return image.path.clone(),
    };
    format!("{stem}-{n}.{}", v.format.extension(image.info))
}

/// What a URL's path may not hold as it is: a space or comma would split a
/// `srcset`. (`%` stays: photos' and post images' paths are as written in URLs.)
const IN_PATH: &AsciiSet = &CONTROLS.add(b' ').add(b',').add(b'"').add(b'<').add(b'>').add(b'`');

/// A variant's absolute URL.
pub(crate) fn url(config: &Config, image: &Image, v: Variant) -> String {
    config.url(&utf8_percent_encode(&path(image, v), IN_PATH).to_string())
}

/// What a variant is made from: the hash of the source's bytes, its size as `load`
/// read it and the variant's parameters.
#[derive(Serialize)]
pub(crate) struct VariantRecord<'r> {
    source: u128,
    info: Info,
    variant: Variant,
    #[serde(skip)]
    image: &'r Image,
}

pub(crate) struct Images;

impl Output for Images {
    /// The image's place in `Site::images`, and the variant.
    type Job = (usize, Variant);
    type Record<'r> = VariantRecord<'r>;
    const NAME: &'static str = "images";
    const USES_THEME: bool = false;

    fn jobs(&self, r: &Reads) -> Vec<(usize, Variant)> {
        let formats = [Format::WebP, Format::Fallback];
        let original = Variant { shape: Shape::Original, format: Format::Same };
        (r.site.images.iter().enumerate())
            .flat_map(|(i, image)| {
                let variants = shapes(image).into_iter().flat_map(move |shape| {
                    formats.into_iter().map(move |format| (i, Variant { shape, format }))
                });
                std::iter::once((i, original)).chain(variants)
            })
            .collect()
    }

    fn path(&self, r: &Reads, (i, v): (usize, Variant)) -> String {
        path(&r.site.images[i], v)
    }

    /// Images are not pages.
    fn sitemap(&self, _: &Reads, _: (usize, Variant)) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, (i, variant): (usize, Variant)) -> VariantRecord<'r> {
        let image = &r.site.images[i];
        VariantRecord { source: image.fingerprint, info: image.info, variant, image }
    }

    fn render(&self, _: &Env, rec: &VariantRecord) -> Result<Content, Diagnostic> {
        Ok(Content::Image(rec.image.file.clone(), rec.variant))
    }
}

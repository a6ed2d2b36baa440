//! Photo variants: decodes within limits (20 MB, 16,000 px a side: refused with a
//! message, never a crash), applies the EXIF orientation, crops and resizes (never
//! up), and encodes WebP plus a JPEG (or, with transparency, PNG) fallback. The
//! encoders are given pixels only, so no metadata (EXIF, GPS, XMP, ICC) leaves.

use std::io::Cursor;

use fast_image_resize as fir;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};
use serde::{Deserialize, Serialize};

pub use crate::decoded::Decoded;
use crate::orient;

/// The largest file accepted.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// The largest width or height accepted.
pub const MAX_SIDE: u32 = 16_000;
const WEBP_QUALITY: f32 = 80.0;
/// libwebp's effort: 1 takes a quarter of the time of its default (4) for 13 %
/// more bytes (measured in the prototype, `benches/README.md`).
const WEBP_METHOD: i32 = 1;
const JPEG_QUALITY: u8 = 82;

/// What a build needs to know of an image before making its variants: its size
/// as shown (orientation applied) and whether it has transparency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Info {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
}

/// Where a square crop of an image is centred, in percent of the room the crop
/// has to move in: (50, 50) the middle, (50, 0) the top, (0, 50) the left edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Focus {
    pub x: u8,
    pub y: u8,
}

impl Default for Focus {
    fn default() -> Focus {
        Focus { x: 50, y: 50 }
    }
}

impl Focus {
    /// `top`, `center` (or `centre`), `bottom`, `left`, `right`, or `x,y` in
    /// percent (`50,20`, `50%,20%`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Focus> {
        let text = text.trim().to_ascii_lowercase();
        let named = match text.as_str() {
            "top" => Some((50, 0)),
            "center" | "centre" | "middle" => Some((50, 50)),
            "bottom" => Some((50, 100)),
            "left" => Some((0, 50)),
            "right" => Some((100, 50)),
            _ => None,
        };
        let (x, y) = match named {
            Some(p) => p,
            None => {
                let (x, y) = text.split_once(',')?;
                let percent =
                    |s: &str| s.trim().trim_end_matches('%').trim().parse::<u8>().ok().filter(|&n| n <= 100);
                (percent(x)?, percent(y)?)
            }
        };
        Some(Focus { x, y })
    }

    /// The offset of a crop `side` long in a length `len`.
    fn offset(percent: u8, len: u32, side: u32) -> f64 {
        f64::from(len - side) * f64::from(percent) / 100.0
    }
}

/// The shape of a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Shape {
    /// Square, this many pixels a side (or the short side), cropped around the focus.
    Square(u32, Focus),
    /// This wide (or the image's width), in proportion.
    Width(u32),
    /// The whole image at its own size.
    Original,
}

/// The encoding of a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    WebP,
    /// JPEG, or PNG for an image with transparency.
    Fallback,
    /// The source's own format (GIF as its first frame).
    Same,
}

/// One file made from an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Variant {
    pub shape: Shape,
    pub format: Format,
}

impl Shape {
    /// The variant's size for an image of `info`: never larger than the image.
    pub fn size(self, info: Info) -> (u32, u32) {
        match self {
            Shape::Square(s, _) => {
                let side = s.min(info.width).min(info.height).max(1);
                (side, side)
            }
            Shape::Original => (info.width, info.height),
            Shape::Width(w) => {
                let width = w.min(info.width).max(1);
                let height = (u64::from(info.height) * u64::from(width) + u64::from(info.width) / 2)
                    / u64::from(info.width.max(1));
                (width, u32::try_from(height).unwrap_or(1).max(1))
            }
        }
    }
}

impl Format {
    /// The file name extension of this format for an image of `info` (none for
    /// [`Format::Same`], which keeps the source's name).
    pub fn extension(self, info: Info) -> &'static str {
        match (self, info.alpha) {
            (Format::WebP, _) => "webp",
            (Format::Fallback, false) => "jpg",
            (Format::Fallback, true) => "png",
            (Format::Same, _) => "",
        }
    }
}

fn decoder(bytes: &[u8]) -> Result<impl ImageDecoder + '_, String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "the image is {:.1} MB, over the limit of {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => format!("the image is over the limit of {MAX_SIDE} pixels a side"),
        e => format!("cannot read the image: {e}"),
    })
}

/// The size and transparency of an image, from its header (nothing is decoded).
pub fn probe(bytes: &[u8]) -> Result<Info, String> {
    let mut d = decoder(bytes)?;
    let (w, h) = d.dimensions();
    let orientation = d.orientation().map_err(|e| format!("cannot read the image: {e}"))?;
    let (width, height) = if orient::swaps(orientation) { (h, w) } else { (w, h) };
    Ok(Info { width, height, alpha: d.color_type().has_alpha() })
}

/// The pixels of an image as stored, as 8-bit RGB or (with transparency) RGBA,
/// and the orientation that turns them upright.
pub(crate) fn decode(bytes: &[u8]) -> Result<(DynamicImage, Orientation), String> {
    let mut d = decoder(bytes)?;
    let orientation = d.orientation().map_err(|e| format!("cannot read the image: {e}"))?;
    let alpha = d.color_type().has_alpha();
    let image = DynamicImage::from_decoder(d).map_err(|e| format!("cannot decode the image: {e}"))?;
    Ok((if alpha { image.into_rgba8().into() } else { image.into_rgb8().into() }, orientation))
}

/// The centred square or whole image, resized to `(width, height)` with `filter`.
pub(crate) fn resized(
    src: &DynamicImage,
    shape: Shape,
    (width, height): (u32, u32),
    filter: fir::FilterType,
) -> Result<DynamicImage, String> {
    let (w, h) = (src.width(), src.height());
    let mut options = fir::ResizeOptions::new().resize_alg(fir::ResizeAlg::Convolution(filter));
    if let Shape::Square(_, focus) = shape {
        let side = w.min(h);
        let (x, y) = (Focus::offset(focus.x, w, side), Focus::offset(focus.y, h, side));
        options = options.crop(x, y, side.into(), side.into());
    }
    let mut dst = DynamicImage::new(width, height, src.color());
    fir::Resizer::new()
        .resize(src, &mut dst, &options)
        .map_err(|e| format!("cannot resize the image: {e}"))?;
    Ok(dst)
}

pub(crate) fn encode(
    image: &DynamicImage,
    format: Format,
    source: Option<ImageFormat>,
) -> Result<Vec<u8>, String> {
    let alpha = image.color().has_alpha();
    let size = (image.width(), image.height());
    let format = match (format, source) {
        (Format::Same, Some(ImageFormat::WebP)) => Format::WebP,
        (Format::Same, Some(ImageFormat::Jpeg)) if !alpha => Format::Fallback,
        (Format::Same, Some(ImageFormat::Gif)) => {
            let mut out = Vec::new();
            image::codecs::gif::GifEncoder::new(&mut out)
                .encode(image.as_bytes(), size.0, size.1, image.color().into())
                .map_err(|e| format!("cannot encode the GIF: {e}"))?;
            return Ok(out);
        }
        (Format::Same, _) => return png(image),
        (f, _) => f,
    };
    match (format, alpha) {
        (Format::WebP, _) => super::webp::encode(image.as_bytes(), alpha, size, WEBP_QUALITY, WEBP_METHOD),
        (Format::Fallback, false) => {
            let (Ok(w), Ok(h)) = (u16::try_from(size.0), u16::try_from(size.1)) else {
                return Err("the image is too large for JPEG".into());
            };
            let mut out = Vec::new();
            jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
                .encode(image.as_bytes(), w, h, jpeg_encoder::ColorType::Rgb)
                .map_err(|e| format!("cannot encode the JPEG: {e}"))?;
            Ok(out)
        }
        _ => png(image),
    }
}

fn png(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(image.as_bytes(), image.width(), image.height(), image.color().into())
        .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok(out)
}

/// One variant of the image `bytes`: its file's bytes.
pub fn make(bytes: &[u8], variant: Variant) -> Result<Vec<u8>, String> {
    Decoded::new(bytes)?.make(variant)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut out).encode_image(&img).unwrap();
        out
    }

    #[test]
    fn sizes_never_upscale() {
        let info = Info { width: 600, height: 400, alpha: false };
        assert_eq!(Shape::Width(480).size(info), (480, 320));
        assert_eq!(Shape::Width(960).size(info), (600, 400));
        assert_eq!(Shape::Square(256, Focus::default()).size(info), (256, 256));
        assert_eq!(Shape::Square(512, Focus::default()).size(info), (400, 400));
    }

    #[test]
    fn variants_have_the_planned_size_and_format() {
        let src = jpeg(640, 480);
        let info = probe(&src).unwrap();
        for shape in [Shape::Width(480), Shape::Width(960), Shape::Square(96, Focus::default())] {
            let webp = make(&src, Variant { shape, format: Format::WebP }).unwrap();
            let out = image::load_from_memory(&webp).unwrap();
            assert_eq!((out.width(), out.height()), shape.size(info));
            let jpg = make(&src, Variant { shape, format: Format::Fallback }).unwrap();
            assert_eq!(image::guess_format(&jpg).unwrap(), image::ImageFormat::Jpeg);
        }
    }

    #[test]
    fn photo_focus_moves_the_square_crop() {
        // A tall image, red at the top and blue below: the top focus keeps red.
        let img = image::RgbImage::from_fn(40, 120, |_, y| {
            if y < 40 { image::Rgb([220, 0, 0]) } else { image::Rgb([0, 0, 220]) }
        });
        let mut src = Vec::new();
        img.write_to(&mut Cursor::new(&mut src), ImageFormat::Png).unwrap();
        let square = |focus| {
            let png = make(&src, Variant { shape: Shape::Square(20, focus), format: Format::Same }).unwrap();
            let out = image::load_from_memory(&png).unwrap().into_rgb8();
            *out.get_pixel(10, 10)
        };
        assert!(square(Focus::parse("top").unwrap())[0] > 200);
        assert!(square(Focus::default())[2] > 200);
        assert_eq!(Focus::parse("50%, 20"), Some(Focus { x: 50, y: 20 }));
        assert_eq!(Focus::parse("centre"), Some(Focus::default()));
        assert_eq!(Focus::parse("120,0"), None);
        assert_eq!(Focus::parse("up"), None);
    }

    #[test]
    fn oversized_images_are_refused() {
        let mut png = Vec::new();
        let img = image::GrayImage::new(MAX_SIDE + 1, 1);
        PngEncoder::new(&mut png)
            .write_image(img.as_raw(), MAX_SIDE + 1, 1, image::ExtendedColorType::L8)
            .unwrap();
        assert!(probe(&png).unwrap_err().contains("16000 pixels"));
        let big = vec![0u8; MAX_BYTES as usize + 1];
        assert!(probe(&big).unwrap_err().contains("over the limit of 20 MB"));
        assert!(probe(b"not an image").is_err());
    }

    /// All variants of one 4000×3000 phone photo (the example site's, stored
    /// sideways with an EXIF orientation), as byline makes them for a post image
    /// (3 widths × WebP and JPEG, one decode) and for an author photo (8 squares × 2),
    /// plus the re-encoded original. Method and figures: `benches/README.md`. Run
    /// `taskset -c 0 cargo test --release -p byline-media time_per_photo -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, not a test"]
    fn time_per_photo() {
        use std::time::Instant;
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../example-site/static/images/authors/maya-okafor.jpg");
        let bytes = std::fs::read(path).unwrap();
        let formats = [Format::WebP, Format::Fallback];
        let widths = [480, 960, 1440].map(Shape::Width);
        let squares = [32, 64, 96, 128, 192, 256].map(|n| Shape::Square(n, Focus::default()));
        let median = |shapes: &[Shape], original: bool| {
            let mut times: Vec<f64> = (0..11)
                .map(|_| {
                    let start = Instant::now();
                    let d = Decoded::new(&bytes).unwrap();
                    for &shape in shapes {
                        for format in formats {
                            d.make(Variant { shape, format }).unwrap();
                        }
                    }
                    if original {
                        d.make(Variant { shape: Shape::Original, format: Format::Same }).unwrap();
                    }
                    start.elapsed().as_secs_f64() * 1000.0
                })
                .skip(1)
                .collect();
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        };
        println!("post image, 3 widths x 2 formats: {:.0} ms", median(&widths, false));
        println!("post image and its original: {:.0} ms", median(&widths, true));
        println!("author photo, 6 squares x 2 formats: {:.0} ms", median(&squares, false));
        println!("author photo and its original: {:.0} ms", median(&squares, true));
    }
}

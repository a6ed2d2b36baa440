//! Photo variants: decodes within limits (20 MB, 16,000 px a side: refused with a
//! message, never a crash), applies the EXIF orientation, crops and resizes (never
//! up), and encodes WebP plus a JPEG (or, with transparency, PNG) fallback. The
//! encoders are given pixels only, so no metadata (EXIF, GPS, XMP, ICC) leaves.

use std::io::Cursor;

use fast_image_resize as fir;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};
use serde::Serialize;

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

/// The shape of a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Shape {
    /// Square, cropped at the centre, this many pixels a side (or the short side).
    Square(u32),
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
            Shape::Square(s) => {
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
    let swap = matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (width, height) = if swap { (h, w) } else { (w, h) };
    Ok(Info { width, height, alpha: d.color_type().has_alpha() })
}

/// The pixels of an image, upright, as 8-bit RGB or (with transparency) RGBA.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut d = decoder(bytes)?;
    let orientation = d.orientation().map_err(|e| format!("cannot read the image: {e}"))?;
    let alpha = d.color_type().has_alpha();
    let mut image = DynamicImage::from_decoder(d).map_err(|e| format!("cannot decode the image: {e}"))?;
    image.apply_orientation(orientation);
    Ok(if alpha { image.into_rgba8().into() } else { image.into_rgb8().into() })
}

/// The centred square or whole image, resized to `(width, height)` (Lanczos3).
fn resized(src: &DynamicImage, shape: Shape, (width, height): (u32, u32)) -> Result<DynamicImage, String> {
    let (w, h) = (src.width(), src.height());
    let mut options =
        fir::ResizeOptions::new().resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
    if let Shape::Square(_) = shape {
        let side = w.min(h);
        options =
            options.crop(f64::from((w - side) / 2), f64::from((h - side) / 2), side.into(), side.into());
    }
    let mut dst = DynamicImage::new(width, height, src.color());
    fir::Resizer::new()
        .resize(src, &mut dst, &options)
        .map_err(|e| format!("cannot resize the image: {e}"))?;
    Ok(dst)
}

fn encode(image: &DynamicImage, format: Format, source: Option<ImageFormat>) -> Result<Vec<u8>, String> {
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
    let image = decode(bytes)?;
    let info = Info { width: image.width(), height: image.height(), alpha: image.color().has_alpha() };
    let size = variant.shape.size(info);
    let whole = size == (info.width, info.height) && !matches!(variant.shape, Shape::Square(_));
    let image = if whole { image } else { resized(&image, variant.shape, size)? };
    encode(&image, variant.format, image::guess_format(bytes).ok())
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
        assert_eq!(Shape::Square(256).size(info), (256, 256));
        assert_eq!(Shape::Square(512).size(info), (400, 400));
    }

    #[test]
    fn variants_have_the_planned_size_and_format() {
        let src = jpeg(640, 480);
        let info = probe(&src).unwrap();
        for shape in [Shape::Width(480), Shape::Width(960), Shape::Square(96)] {
            let webp = make(&src, Variant { shape, format: Format::WebP }).unwrap();
            let out = image::load_from_memory(&webp).unwrap();
            assert_eq!((out.width(), out.height()), shape.size(info));
            let jpg = make(&src, Variant { shape, format: Format::Fallback }).unwrap();
            assert_eq!(image::guess_format(&jpg).unwrap(), image::ImageFormat::Jpeg);
        }
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
}

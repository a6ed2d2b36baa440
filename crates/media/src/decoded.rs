//! An image decoded once for all the variants made of it.

use std::sync::OnceLock;

use fast_image_resize as fir;
use image::metadata::Orientation;
use image::{DynamicImage, ImageFormat};

use crate::orient;
use crate::photo::{Info, Shape, Variant, decode, encode, resized};

/// The short side of [`Decoded`]'s reduced copy: at least the largest variant any
/// theme asks for (1440 wide), so no variant is made from a blurrier copy.
const REDUCED_SIDE: u32 = 1440;

/// An image decoded once for all its variants: a copy reduced to a short side of
/// [`REDUCED_SIDE`] that the smaller variants are resized from (resizing 12
/// megapixels once instead of once per variant), and the whole image for the
/// original. Only the reduced copy is turned upright at once: turning the whole
/// image costs as much as decoding it, and only the original needs it.
pub struct Decoded {
    stored: DynamicImage,
    orientation: Orientation,
    full: OnceLock<DynamicImage>,
    reduced: Option<DynamicImage>,
    source: Option<ImageFormat>,
}

impl Decoded {
    /// Decodes `bytes` within the limits.
    pub fn new(bytes: &[u8]) -> Result<Decoded, String> {
        let (stored, orientation) = decode(bytes)?;
        let short = stored.width().min(stored.height());
        let reduced = if short > REDUCED_SIDE {
            let scale = f64::from(REDUCED_SIDE) / f64::from(short);
            let side = |n: u32| ((f64::from(n) * scale).round() as u32).max(REDUCED_SIDE);
            let size = (side(stored.width()), side(stored.height()));
            // Catmull-Rom, as sharp as Lanczos at this ratio, for two thirds of its time.
            let reduced = resized(&stored, Shape::Original, size, fir::FilterType::CatmullRom)?;
            Some(orient::upright(reduced, orientation))
        } else {
            None
        };
        let source = image::guess_format(bytes).ok();
        Ok(Decoded { stored, orientation, full: OnceLock::new(), reduced, source })
    }

    /// The whole image, upright (turned on first use).
    fn full(&self) -> &DynamicImage {
        if self.orientation == Orientation::NoTransforms {
            return &self.stored;
        }
        self.full.get_or_init(|| orient::turned(&self.stored, self.orientation))
    }

    /// The size and transparency of the upright image.
    pub fn info(&self) -> Info {
        let (w, h) = (self.stored.width(), self.stored.height());
        let (width, height) = if orient::swaps(self.orientation) { (h, w) } else { (w, h) };
        Info { width, height, alpha: self.stored.color().has_alpha() }
    }

    /// One variant: its file's bytes.
    pub fn make(&self, variant: Variant) -> Result<Vec<u8>, String> {
        let info = self.info();
        let size = variant.shape.size(info);
        let whole = size == (info.width, info.height) && !matches!(variant.shape, Shape::Square(..));
        if whole {
            return encode(self.full(), variant.format, self.source);
        }
        // The reduced copy serves when it still has every pixel the variant needs.
        let from = match &self.reduced {
            Some(r) if fits(r, variant.shape, size) => r,
            _ => self.full(),
        };
        encode(&resized(from, variant.shape, size, fir::FilterType::Lanczos3)?, variant.format, self.source)
    }
}

/// Whether `image` is at least as large as a `size` variant of `shape` needs.
fn fits(image: &DynamicImage, shape: Shape, (width, height): (u32, u32)) -> bool {
    match shape {
        Shape::Square(..) => image.width().min(image.height()) >= width,
        _ => image.width() >= width && image.height() >= height,
    }
}

//! Raster images: decoding within limits, orientation, resizing and encoding, on
//! bytes handed in (never the disk). Wraps `image`, `fast_image_resize`,
//! `jpeg-encoder` and libwebp so the rest of the program sees none of them.

pub(crate) mod photo;
mod webp;

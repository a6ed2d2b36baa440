//! Raster images: decoding within limits, orientation, resizing and encoding, on
//! bytes handed in (never the disk). The work is in the `byline-media` crate
//! (`crates/media`), which debug builds optimise; the rest of the program sees
//! none of `image`, `fast_image_resize`, `jpeg-encoder` or libwebp.

pub(crate) use byline_media::photo;

//! byline's raster images, in a crate of their own so that debug builds can
//! optimise them: `fast_image_resize` and `image` are generic, so their pixel loops
//! are compiled into the caller, and unoptimised they made a debug build of the
//! example site take minutes. Works on bytes handed in, never the disk.

mod decoded;
mod orient;
pub mod photo;
mod webp;

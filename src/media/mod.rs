//! Images: photos and post images (decoding within limits, orientation, resizing
//! and encoding, in the `byline-media` crate, `crates/media`, which debug builds
//! optimise), and the social cards byline draws itself (`card` places, with the
//! text measuring it needs in `text`; `draw` draws). Pure: bytes and what to draw
//! come in, bytes go out; no disk.

pub(crate) use byline_media::photo;

pub(crate) mod card;
pub(crate) mod draw;
pub(crate) mod text;

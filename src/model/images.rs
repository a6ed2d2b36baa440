//! The images `load` found: the raster images published in variants, and the
//! pictures social cards draw.

use std::path::PathBuf;

use serde::Serialize;

/// A raster image of the site that an author's `photo` or a post's `image` names
/// (a static file), or that markdown shows (a static file, or a file beside the
/// document in `content/`), as `load` found it: published in variants.
#[derive(Debug, Clone)]
pub struct Image {
    /// Its absolute URL, as `photo` and `image` hold it: the base URL and `path`.
    pub url: String,
    /// Its site path: `images/authors/maya-okafor.jpg`.
    pub path: String,
    pub file: PathBuf,
    /// Its size as shown (orientation applied), and whether it has transparency.
    pub info: crate::media::photo::Info,
    /// The hash of its bytes.
    pub fingerprint: u128,
    /// Whether an author's `photo` names it (square variants).
    pub photo: bool,
    /// Whether a post's `image` names it (variants by width).
    pub post: bool,
    /// Where its squares are cropped: the `photo_focus` of the author whose photo
    /// it is (the first, by id, if two share it).
    pub focus: crate::media::photo::Focus,
    /// Whether the markdown of a post, page or bio shows it (variants by width).
    pub shown: bool,
}

/// How a [`Picture`] is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PictureFormat {
    /// JPEG, PNG, WebP or GIF (its first frame).
    Raster,
    Svg,
}

/// An image of the site (a static file) that a social card draws: an author's
/// photo or the organization's logo, as `load` found it (read, never kept).
#[derive(Debug, Clone)]
pub struct Picture {
    /// Its absolute URL, as `photo` and the logo's address hold it.
    pub url: String,
    pub file: PathBuf,
    pub format: PictureFormat,
    /// Its size as shown, in pixels (an SVG's own width and height).
    pub width: f32,
    pub height: f32,
    /// The hash of its bytes.
    pub fingerprint: u128,
    /// Where a square of it is cropped (an author's `photo_focus`).
    pub focus: crate::media::photo::Focus,
}

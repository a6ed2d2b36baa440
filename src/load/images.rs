//! The raster images that authors' `photo` and posts' `image` name, and those that
//! markdown shows (see `shown`): each found among the static files (or beside its
//! document) and its header read (size, orientation, transparency), so that pages
//! know their variants' sizes before anything is encoded. A name that is no file,
//! or an image over the limits, is an error at the field or image that names it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use super::{Asset, read_text, shown};
use crate::config::Config;
use crate::markdown::Rendered;
use crate::media::photo;
use crate::model::{Author, Image, Post};
use crate::support::diagnostic::{Diagnostic, display_path};

/// Whether a site path is of an image byline makes variants of.
fn is_raster(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif")
}

/// An error at the line of `key` in the file `source` (at the file when the line
/// cannot be found).
fn at_key(root: &Path, source: &Path, key: &str, message: String, hint: &str) -> Diagnostic {
    let shown = display_path(root, source);
    let d = Diagnostic::error(&shown, message).with_hint(hint);
    let Ok(text) = read_text(root, &root.join(&shown)) else { return d };
    let prefix = format!("{key}:");
    match text.lines().position(|l| l.trim_start().starts_with(&prefix)) {
        Some(i) => d.at(&text, i + 1, 1),
        None => d,
    }
}

/// What names an image: a field of a file's front matter, or its markdown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Photo,
    PostImage,
    Shown,
}

/// The images found so far, by site path, and the paths refused (reported once).
#[derive(Default)]
struct Found {
    images: BTreeMap<String, Image>,
    refused: BTreeSet<String>,
}

impl Found {
    /// Notes one more use of the image at `path` when it was found or refused
    /// before: true when there is nothing more to do.
    fn known(&mut self, path: &str, used: Use) -> bool {
        if let Some(image) = self.images.get_mut(path) {
            image.photo |= used == Use::Photo;
            image.post |= used == Use::PostImage;
            image.shown |= used == Use::Shown;
            return true;
        }
        self.refused.contains(path)
    }

    /// Reads the header of the image at `path` in `file`; the message when it cannot be used.
    fn add(&mut self, config: &Config, path: &str, file: &Path, used: Use) -> Result<(), String> {
        match probe(file) {
            Ok((info, fingerprint)) => {
                let image = Image {
                    url: config.url(path),
                    path: path.to_string(),
                    file: file.to_path_buf(),
                    info,
                    fingerprint,
                    photo: used == Use::Photo,
                    post: used == Use::PostImage,
                    shown: used == Use::Shown,
                    focus: Default::default(),
                };
                self.images.insert(path.to_string(), image);
                Ok(())
            }
            Err(message) => {
                self.refused.insert(path.to_string());
                Err(message)
            }
        }
    }
}

/// The hint for an image over the limits.
fn too_large() -> String {
    format!(
        "images may be up to {} MB and {} pixels a side: export a smaller JPEG, PNG or WebP",
        photo::MAX_BYTES / 1_048_576,
        photo::MAX_SIDE
    )
}

/// The documents whose markdown shows images: each one's file and body.
pub(super) type Shown<'a> = Vec<(&'a Path, &'a Rendered)>;

/// Every raster image of the site that a photo or post image names or markdown
/// shows. The files beside documents that markdown shows are added to `assets`.
pub(super) fn images(
    root: &Path,
    config: &Config,
    (authors, posts): (&[Author], &[Post]),
    shown: Shown,
    assets: &mut BTreeMap<String, Asset>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Image> {
    let named = authors
        .iter()
        .filter_map(|a| Some((a.photo.as_deref()?, &a.source, Use::Photo)))
        .chain(posts.iter().filter_map(|p| Some((p.image.as_deref()?, &p.source, Use::PostImage))));
    let mut found = Found::default();
    for (url, source, used) in named {
        let Some(path) = url.strip_prefix(config.base_url.as_str()).filter(|p| is_raster(p)) else {
            continue;
        };
        if found.known(path, used) {
            continue;
        }
        let key = if used == Use::Photo { "photo" } else { "image" };
        let file = match assets.get(path) {
            Some(Asset::File(file)) => file,
            Some(Asset::Embedded(_)) => continue,
            None => {
                let message = format!("`{key}` names `/{path}`, which is not a file of the site");
                let hint = format!("put the image at static/{path}, or correct the path");
                errors.push(at_key(root, source, key, message, &hint));
                found.refused.insert(path.to_string());
                continue;
            }
        };
        if let Err(message) = found.add(config, path, file, used) {
            errors.push(Diagnostic::error(display_path(root, file), message).with_hint(too_large()));
        }
    }
    for (source, body) in shown {
        for image in &body.images {
            if found.known(&image.path, Use::Shown) {
                continue;
            }
            let file = match shown::locate(root, source, image, assets) {
                Ok(Some(file)) => file,
                Ok(None) => continue,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            if !is_raster(&image.path) {
                continue;
            }
            if let Err(message) = found.add(config, &image.path, &file, Use::Shown) {
                let file = display_path(root, &file);
                let message =
                    format!("the image `{}` ({}) cannot be used: {message}", image.written, file.display());
                errors.push(shown::at_image(root, source, image, message).with_hint(too_large()));
            }
        }
    }
    found.images.into_values().collect()
}

/// The image's size and transparency and the hash of its bytes. Its size is checked
/// before it is read.
fn probe(file: &Path) -> Result<(photo::Info, u128), String> {
    let meta = fs::metadata(file).map_err(|e| format!("cannot read the image: {e}"))?;
    if meta.len() > photo::MAX_BYTES {
        return Err(format!(
            "the image is {:.1} MB, over the limit of {} MB",
            meta.len() as f64 / 1_048_576.0,
            photo::MAX_BYTES / 1_048_576
        ));
    }
    let bytes = fs::read(file).map_err(|e| format!("cannot read the image: {e}"))?;
    Ok((photo::probe(&bytes)?, xxhash_rust::xxh3::xxh3_128(&bytes)))
}

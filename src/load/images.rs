//! The raster images that authors' `photo` and posts' `image` name: each found among
//! the static files and its header read (size, orientation, transparency), so that
//! pages know their variants' sizes before anything is encoded. A name that is no
//! file, or an image over the limits, is an error at the field that names it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{Asset, read_text};
use crate::config::Config;
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

/// Every raster image of the site that a photo or post image names.
pub(super) fn images(
    root: &Path,
    config: &Config,
    authors: &[Author],
    posts: &[Post],
    assets: &BTreeMap<String, Asset>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Image> {
    let named = authors
        .iter()
        .filter_map(|a| Some((a.photo.as_deref()?, &a.source, "photo")))
        .chain(posts.iter().filter_map(|p| Some((p.image.as_deref()?, &p.source, "image"))));
    let mut found: BTreeMap<&str, Image> = BTreeMap::new();
    let mut refused: BTreeMap<&str, ()> = BTreeMap::new();
    for (url, source, key) in named {
        let Some(path) = url.strip_prefix(config.base_url.as_str()).filter(|p| is_raster(p)) else {
            continue;
        };
        if let Some(image) = found.get_mut(url) {
            image.photo |= key == "photo";
            image.post |= key == "image";
            continue;
        }
        if refused.contains_key(url) {
            continue;
        }
        let file = match assets.get(path) {
            Some(Asset::File(file)) => file,
            Some(Asset::Embedded(_)) => continue,
            None => {
                let message = format!("`{key}` names `/{path}`, which is not a file of the site");
                let hint = format!("put the image at static/{path}, or correct the path");
                errors.push(at_key(root, source, key, message, &hint));
                refused.insert(url, ());
                continue;
            }
        };
        match probe(file) {
            Ok((info, fingerprint)) => {
                let (photo, post) = (key == "photo", key == "image");
                let image = Image {
                    url: url.to_string(),
                    path: path.to_string(),
                    file: file.clone(),
                    info,
                    fingerprint,
                    photo,
                    post,
                    focus: Default::default(),
                };
                found.insert(url, image);
            }
            Err(message) => {
                let hint = format!(
                    "images may be up to {} MB and {} pixels a side: export a smaller JPEG, PNG or WebP",
                    photo::MAX_BYTES / 1_048_576,
                    photo::MAX_SIDE
                );
                errors.push(Diagnostic::error(display_path(root, file), message).with_hint(hint));
                refused.insert(url, ());
            }
        }
    }
    found.into_values().collect()
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

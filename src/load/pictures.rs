//! What social cards draw of the authors' photos and the organization's logo
//! (raster or SVG): each a static file of the site, its size and the hash of its
//! bytes. A raster photo was probed already (`images`); the logo and SVG photos
//! are read here.
//! A picture a card cannot draw (an address elsewhere, an SVG usvg cannot read) is
//! left out, and the card shows initials instead.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::Asset;
use crate::config::Config;
use crate::media::{draw, photo};
use crate::model::{Author, Image, Picture, PictureFormat};

/// The pictures of the site's photos and logo.
pub(super) fn pictures(
    config: &Config,
    authors: &[Author],
    images: &[Image],
    assets: &BTreeMap<String, Asset>,
) -> Vec<Picture> {
    let mut found: BTreeMap<&str, Option<Picture>> = BTreeMap::new();
    let logo = config.logo_url();
    for url in authors.iter().filter_map(|a| a.photo.as_deref()).chain(logo.as_deref()) {
        if !found.contains_key(url) {
            found.insert(url, picture(config, url, images, assets));
        }
    }
    found.into_values().flatten().collect()
}

/// The picture at `url`, if it is a raster image `load` probed or an SVG file
/// of the site.
fn picture(
    config: &Config,
    url: &str,
    images: &[Image],
    assets: &BTreeMap<String, Asset>,
) -> Option<Picture> {
    if let Some(image) = images.iter().find(|i| i.url == url) {
        return Some(Picture {
            url: url.to_string(),
            file: image.file.clone(),
            format: PictureFormat::Raster,
            width: image.info.width as f32,
            height: image.info.height as f32,
            fingerprint: image.fingerprint,
            focus: Default::default(),
        });
    }
    let path = url.strip_prefix(config.base_url.as_str())?;
    let Some(Asset::File(file)) = assets.get(path) else { return None };
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let format = match ext.as_str() {
        "svg" => PictureFormat::Svg,
        "jpg" | "jpeg" | "png" | "webp" | "gif" => PictureFormat::Raster,
        _ => return None,
    };
    read(url, file, format)
}

/// A picture read (if not over the size limit of photos) and measured: a raster
/// image's header, an SVG parsed.
fn read(url: &str, file: &Path, format: PictureFormat) -> Option<Picture> {
    if fs::metadata(file).ok()?.len() > photo::MAX_BYTES {
        return None;
    }
    let bytes = fs::read(file).ok()?;
    let (width, height) = match format {
        PictureFormat::Svg => draw::svg_size(&bytes).ok()?,
        PictureFormat::Raster => {
            let info = photo::probe(&bytes).ok()?;
            (info.width as f32, info.height as f32)
        }
    };
    Some(Picture {
        url: url.to_string(),
        file: file.to_path_buf(),
        format,
        width,
        height,
        fingerprint: xxhash_rust::xxh3::xxh3_128(&bytes),
        focus: Default::default(),
    })
}

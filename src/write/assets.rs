//! Static files (the theme's and the site's `static/`) go out through the same
//! stager as rendered pages: read here, at publish time, never half-copied.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::Path;

use anyhow::Result;

use super::{Stager, io_error};
use crate::load::Asset;
use crate::render::{Content, Rendered};
use crate::support::diagnostic::{Diagnostic, display_path};

/// The bytes of one asset. Only regular files are read (a FIFO would hang).
pub(super) fn read(asset: &Asset) -> Result<Vec<u8>> {
    let path = match asset {
        Asset::Embedded(b) => return Ok(b.to_vec()),
        Asset::File(f) => f,
    };
    let mut file =
        fs::File::open(path).map_err(|e| io_error(e, format!("cannot read {}", path.display())))?;
    let meta = file.metadata().map_err(|e| io_error(e, format!("cannot read {}", path.display())))?;
    if !meta.is_file() {
        anyhow::bail!("cannot publish {}: it is not a regular file", path.display());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(|e| io_error(e, format!("cannot read {}", path.display())))?;
    Ok(bytes)
}

/// A file of the site's own `static/` at a path a page is generated at would lose to
/// the page without a word: an error naming both. (The theme's static files may be
/// replaced by pages: `css/syntax.css` is generated on purpose.)
pub(crate) fn clashes(
    site_dir: &Path,
    assets: &BTreeMap<String, Asset>,
    outputs: &HashSet<String>,
) -> Vec<Diagnostic> {
    assets
        .iter()
        // The generated `_redirects` keeps the static one's lines at its top.
        .filter(|(path, _)| outputs.contains(*path) && *path != "_redirects")
        .filter_map(|(path, asset)| match asset {
            Asset::File(file) => Some(
                Diagnostic::error(
                    display_path(site_dir, file),
                    format!("byline generates `{path}` itself, so this static file would never be published"),
                )
                .with_hint(
                    "rename or remove the static file; to change the generated page, override its template in `templates/`",
                ),
            ),
            Asset::Embedded(_) => None,
        })
        .collect()
}

impl Stager {
    /// Stages one rendered file: its bytes, or a static file read now (an image
    /// variant encoded, a card drawn).
    pub(crate) fn accept_rendered(&self, r: &Rendered) -> Result<()> {
        match &r.content {
            Content::Bytes(bytes) => self.accept(&r.path, bytes, r.inputs),
            Content::Asset(asset) => self.accept(&r.path, &read(asset)?, r.inputs),
            Content::Image(file, variant) => {
                let read = || read(&Asset::File(file.clone())).map_err(|e| format!("{e:#}"));
                let bytes = (self.sources.get(file, read).and_then(|d| d.make(*variant)))
                    .map_err(|m| anyhow::anyhow!("cannot make {} from {}: {m}", r.path, file.display()))?;
                self.accept(&r.path, &bytes, r.inputs)
            }
            Content::Card(card) => {
                self.accept(&r.path, &self.pictures.draw(&r.path, card, &self.sources)?, r.inputs)
            }
        }
    }
}

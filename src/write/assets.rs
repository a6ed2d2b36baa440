//! Static files (the theme's and the site's `static/`) go out through the same
//! stager as rendered pages: read here, at publish time, never half-copied.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use super::{Stager, io_error};
use crate::diagnostic::{Diagnostic, display_path};
use crate::load::Asset;

/// The bytes of one asset. Only regular files are read (a FIFO would hang).
fn read(asset: &Asset) -> Result<Vec<u8>> {
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
pub fn clashes(
    site_dir: &Path,
    assets: &BTreeMap<String, Asset>,
    outputs: &HashSet<String>,
) -> Vec<Diagnostic> {
    assets
        .iter()
        .filter(|(path, _)| outputs.contains(*path))
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

/// Stages every static file whose path no rendered page has, adding the paths to
/// `all` (every output file of the build).
pub fn stage_assets(
    stager: &Stager,
    assets: &BTreeMap<String, Asset>,
    all: &mut HashSet<String>,
) -> Result<()> {
    let todo: Vec<(&String, &Asset)> = assets.iter().filter(|(path, _)| !all.contains(*path)).collect();
    all.extend(todo.iter().map(|(p, _)| (*p).clone()));
    todo.into_par_iter().try_for_each(|(path, asset)| {
        let inputs = asset.fingerprint();
        if stager.holds(path, inputs) {
            return Ok(());
        }
        stager.accept(path, &read(asset)?, inputs)
    })
}

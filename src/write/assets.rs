//! Static files (the theme's and the site's `static/`) go out through the same
//! stager as rendered pages: read here, at publish time, never half-copied.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read as _;

use anyhow::Result;
use rayon::prelude::*;

use super::{Stager, io_error};
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

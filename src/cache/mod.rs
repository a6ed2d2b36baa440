//! Everything byline keeps between builds, and its verification: the parsed files
//! (`parsed`, on disk in `shards`), the highlighted code blocks (`highlight`), the
//! fingerprints of the output's files (`manifest`), the framing that lets no
//! damaged byte of a cache file through (`sealed`), and what the preview server
//! keeps in memory between rebuilds (`memory`). Each cache is only an optimisation:
//! a missing, foreign or damaged one costs time, never a wrong page, and one that
//! cannot be saved is a warning. Parsing and rendering are not done here; the
//! stages that do them hand their results over.

pub(crate) mod highlight;
pub(crate) mod manifest;
pub(crate) mod memory;
pub(crate) mod parsed;
mod sealed;
mod shards;

use std::fs;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::config::Config;
use crate::model::Input;
use crate::support::diagnostic::Diagnostic;
pub use highlight::Highlights;
pub(crate) use memory::{Kept, Unsettled};
pub(crate) use parsed::{Parsed, ToSave};

/// The highlight cache's file inside a cache folder.
fn highlight_file(dir: &Path) -> PathBuf {
    dir.join("highlight.bin")
}

/// The manifest's file inside a cache folder.
pub(crate) fn manifest_file(dir: &Path) -> PathBuf {
    dir.join("manifest.json")
}

/// The parsed-file cache for this program and configuration: `kept` in memory by
/// the last build of this process when it is for them, else what `dir` holds.
pub(crate) fn parsed_for(config: &Config, kept: Option<Parsed>, dir: Option<&Path>) -> Parsed {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (crate::support::stamp::program(), config).hash(&mut h);
    let key = h.digest128();
    if let Some(p) = kept.filter(|p| p.key() == key) {
        return p;
    }
    match dir {
        Some(dir) => Parsed::read(dir, key),
        None => Parsed::empty(key),
    }
}

/// The highlighted blocks the last build saved in `dir`; an empty cache when there
/// are none that can be used.
pub(crate) fn read_highlights(dir: &Path) -> Highlights {
    fs::read(highlight_file(dir)).map(|b| Highlights::from_bytes(&b)).unwrap_or_default()
}

/// Saves what this build parsed, for the next one: the shards whose files changed.
/// `input` holds the items in the order the loader gave them (see [`ToSave::save`]).
pub(crate) fn save_parsed(dir: &Path, parsed: &ToSave, input: &Input) -> Option<Diagnostic> {
    parsed.save(input, |n, bytes| save_file(&shards::file(dir, n), bytes)).err().map(|e| warning(dir, &e))
}

/// Saves the highlighted blocks, when this build changed them.
pub(crate) fn save_highlights(dir: &Path, highlights: &Highlights) -> Option<Diagnostic> {
    if !highlights.changed() {
        return None;
    }
    save_file(&highlight_file(dir), &highlights.to_bytes()).err().map(|e| warning(dir, &e))
}

/// Writes a cache file through a temporary file and a rename, so that a killed
/// build leaves the old file or the new one, never half of one.
pub(crate) fn save_file(path: &Path, data: &[u8]) -> Result<()> {
    crate::support::files::replace(path, data)
        .with_context(|| format!("cannot write the cache file {}", path.display()))
}

/// The cache could not be saved: a warning, never a failure.
pub(crate) fn warning(path: &Path, e: &anyhow::Error) -> Diagnostic {
    Diagnostic::warning(path, format!("the cache cannot be saved ({e:#}); the site was built all the same"))
        .with_code("cache")
        .with_hint("the next build will be a cold one; pick a writable cache folder with --cache-dir or BYLINE_CACHE_DIR")
}

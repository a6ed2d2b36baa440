//! The only stage that writes the output. Rendered files arrive one by one while the
//! site renders (so a build never holds the whole site in memory) and are staged in
//! a hidden folder inside the output (`.byline-staging/`, on the output's own
//! filesystem; for an output that does not exist yet, beside it, to be renamed
//! into place whole). Only [`Stager::commit`], once every page rendered, moves them into
//! place and removes stale files; a stager dropped without `commit` removes what it
//! staged, so any early return leaves the output exactly as it was.
//!
//! byline replaces or removes only files it wrote itself, as recorded in the
//! output's [`owned`] record; every other file in the folder is left alone.

mod assets;
mod cards;
mod decoded;
mod owned;
pub(crate) use owned::published_pages;
pub(crate) mod place;
mod publish;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;
use xxhash_rust::xxh3::xxh3_128;

use crate::cache::manifest::{Entry, Manifest, stat};
use crate::support::diagnostic::Diagnostic;
use owned::Found;
pub(crate) use owned::Owned;

/// Counts of what a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Files byline had no record of, replaced at paths it generates (the first
    /// build into a folder that already had files).
    pub replaced: usize,
    /// Files in the output that byline did not write, or changed since: kept.
    pub left_alone: usize,
}

/// The staging folder's name inside the output.
const STAGING: &str = ".byline-staging";

/// What the last build in this process left (the preview server's own folder,
/// which nothing else writes to).
pub(crate) struct Previous {
    pub manifest: Manifest,
    pub owned: Owned,
}

/// Receives rendered files during a build and publishes them at the end.
pub(crate) struct Stager {
    out: PathBuf,
    staging: PathBuf,
    /// The output did not exist: it is staged whole beside where it goes.
    fresh: bool,
    cache_file: PathBuf,
    old: Manifest,
    /// The files earlier builds wrote here; `None` when there is no record.
    owned: Option<Owned>,
    /// The manifest came from the previous build in this process, and nothing
    /// else writes to the output: files are not checked on disk, the output is not
    /// walked, and the manifest is not saved to the cache.
    trusted: bool,
    /// Files staged, with their entries (size and time filled in on commit).
    pending: Mutex<Vec<(String, Entry)>>,
    /// Files found unchanged, with their manifest entries.
    kept: Mutex<Vec<(String, Entry)>>,
    /// Files with no record replaced by this build (counted, and then owned).
    replaced: Mutex<usize>,
    /// Paths this build must write but may not: files byline did not write, folders,
    /// special files. Reported together at commit.
    blocked: Mutex<Vec<Diagnostic>>,
    /// Warnings for the summary (an unreadable record, a cache that cannot be saved).
    pub warnings: Vec<Diagnostic>,
    /// Folders created for the output itself, removed again if nothing is published.
    created: Vec<PathBuf>,
    committed: bool,
    /// Photos decoded for their variants, shared by the variants of one photo.
    sources: decoded::Sources,
    /// Photos and logos made for social cards, shared by every card that shows them.
    pictures: cards::Pictures,
}

/// The error for a failed write, in plain words, with what byline was doing.
pub(crate) fn io_error(e: io::Error, doing: String) -> anyhow::Error {
    let hint = match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "\n  = hint: the disk is full: free some space (or build elsewhere with --output) and build again"
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "\n  = hint: byline may not write there: check the folder's permissions, or build elsewhere with --output"
        }
        _ => "",
    };
    anyhow::anyhow!("{doing}: {e}{hint}")
}

/// Creates `dir` and its missing parents, returning the ones it created.
fn create_dirs(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = dir.ancestors().take_while(|a| !a.exists()).map(Path::to_path_buf).collect();
    if !missing.is_empty() {
        fs::create_dir_all(dir)?;
    }
    Ok(missing)
}

impl Stager {
    /// Prepares to publish into `out`, with what the last build in this process
    /// left (see `trusted`), or else the manifest saved in `cache_dir` and the
    /// output's own record. Removes staging a killed build left behind.
    pub(crate) fn new(out: &Path, cache_dir: &Path, previous: Option<Previous>) -> Result<Stager> {
        if out.exists() && !out.is_dir() {
            anyhow::bail!("`{}` is a file; the output must be a folder", out.display());
        }
        // A new output is staged beside it whole and moved into place in one rename.
        let beside = match (out.parent(), out.file_name()) {
            (Some(parent), Some(name)) => Some(parent.join(format!(".{}{STAGING}", name.to_string_lossy()))),
            _ => None,
        };
        if let Some(b) = &beside {
            let _ = fs::remove_dir_all(b); // what a killed build of a new output left
        }
        let fresh = beside.is_some() && fs::symlink_metadata(out).is_err();
        let (staging, made) = match beside.filter(|_| fresh) {
            Some(b) => (b, out.parent().map(create_dirs).transpose()),
            None => (out.join(STAGING), Some(create_dirs(out)).transpose()),
        };
        let created =
            made.map_err(|e| io_error(e, format!("cannot create {}", out.display())))?.unwrap_or_default();
        let _ = fs::remove_dir_all(&staging); // what a killed build left
        let mut stager = Stager {
            out: out.to_path_buf(),
            staging,
            fresh,
            cache_file: crate::cache::manifest_file(cache_dir),
            old: Manifest::default(),
            owned: None,
            trusted: previous.is_some(),
            pending: Mutex::default(),
            kept: Mutex::default(),
            replaced: Mutex::new(0),
            blocked: Mutex::default(),
            warnings: Vec::new(),
            created,
            committed: false,
            sources: decoded::Sources::default(),
            pictures: cards::Pictures::default(),
        };
        match previous {
            Some(p) => (stager.old, stager.owned) = (p.manifest, Some(p.owned)),
            None => stager.read_records(),
        }
        fs::create_dir_all(&stager.staging)
            .map_err(|e| io_error(e, format!("cannot create {}", stager.staging.display())))?;
        Ok(stager)
    }

    fn read_records(&mut self) {
        match Owned::read(&self.out) {
            Found::Record(o) => {
                self.owned = Some(o);
                self.old = Manifest::read(&self.cache_file);
            }
            Found::None => {}
            Found::Unreadable(why) => self.warnings.push(
                Diagnostic::warning(
                    self.out.join(owned::FILE),
                    format!("byline's record of the files it wrote here cannot be read: {why}"),
                )
                .with_hint(
                    "nothing is removed from the output this time; the next build writes a new record",
                ),
            ),
        }
    }

    /// Creates the staging folders the given output files need, before rendering,
    /// so parallel writers do not contend for their parent folders' locks.
    pub(crate) fn make_dirs<'a>(&mut self, files: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut dirs: Vec<&Path> = files.into_iter().filter_map(|f| Path::new(f).parent()).collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            let d = self.staging.join(d);
            fs::create_dir_all(&d).map_err(|e| io_error(e, format!("cannot create {}", d.display())))?;
        }
        Ok(())
    }

    fn owns(&self, rel: &str) -> bool {
        self.owned.as_ref().is_some_and(|o| o.contains(rel))
    }

    /// True when the output already holds `rel` as the last build made it from
    /// the same `inputs`: then it need not even be rendered, and is kept.
    pub(crate) fn holds(&self, rel: &str, inputs: u128) -> bool {
        if !self.owns(rel) {
            return false;
        }
        let same = |e: &Entry| e.inputs == inputs && inputs != 0;
        let entry = match self.trusted {
            true => self.old.files.get(rel).filter(|e| same(e)).copied(),
            false => self.old.unchanged(&self.out, rel, same),
        };
        let Some(entry) = entry else {
            return false;
        };
        self.keep(rel, entry);
        true
    }

    fn block(&self, rel: &str, why: &str, hint: &str) {
        let d = Diagnostic::error(self.out.join(rel), why.to_string()).with_hint(hint.to_string());
        if let Ok(mut b) = self.blocked.lock() {
            b.push(d);
        }
    }

    fn keep(&self, rel: &str, entry: Entry) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.push((rel.to_string(), entry));
        }
    }

    /// Takes one rendered file, made from `inputs`, unless the output already holds
    /// these bytes.
    pub(crate) fn accept(&self, rel: &str, bytes: &[u8], inputs: u128) -> Result<()> {
        let hash = xxh3_128(bytes);
        let target = self.out.join(rel);
        let entry = |(size, mtime)| Entry { hash, inputs, size, mtime };
        if self.owns(rel) && self.old.unchanged(&self.out, rel, |e| e.hash == hash).is_some() {
            self.keep(rel, entry(stat(&target).unwrap_or_default()));
            return Ok(());
        }
        match fs::symlink_metadata(&target) {
            Err(_) => {}
            Ok(m) if !m.is_file() => {
                let what = if m.is_dir() { "a folder" } else { "a link or special file" };
                self.block(
                    rel,
                    &format!("byline must write a file here, but there is {what}"),
                    "remove it (or move it elsewhere), then build again",
                );
                return Ok(());
            }
            Ok(_) if self.owned.is_some() && !self.owns(rel) => {
                self.block(
                    rel,
                    "byline must write this file, but it is not one that byline wrote",
                    "move it into the site's `static/` folder so byline publishes it, or delete it",
                );
                return Ok(());
            }
            Ok(_) => {
                let known = self.old.files.contains_key(rel);
                if !known && fs::read(&target).is_ok_and(|old| old == bytes) {
                    self.keep(rel, entry(stat(&target).unwrap_or_default()));
                    return Ok(());
                }
                if self.owned.is_none()
                    && let Ok(mut n) = self.replaced.lock()
                {
                    *n += 1;
                }
            }
        }
        let staged = self.staging.join(rel);
        fs::write(&staged, bytes)
            .or_else(|e| match e.kind() {
                io::ErrorKind::NotFound => {
                    staged.parent().map_or(Ok(()), fs::create_dir_all)?;
                    fs::write(&staged, bytes)
                }
                _ => Err(e),
            })
            .map_err(|e| io_error(e, format!("cannot write {}", staged.display())))?;
        if let Ok(mut all) = self.pending.lock() {
            all.push((rel.to_string(), entry((0, 0))));
        }
        Ok(())
    }

    /// Puts every staged file in place, removes stale files byline wrote, saves the
    /// records. `all` is every output path of this build. Returns the new manifest
    /// and record too (for the next build in this process).
    pub(crate) fn commit(mut self, all: &HashSet<String>) -> Result<Committed, Failed> {
        let blocked = std::mem::take(&mut *self.blocked.lock().map_err(|_| Failed::poisoned())?);
        if !blocked.is_empty() {
            return Err(Failed::Blocked(blocked));
        }
        let result = publish::publish(&mut self, all);
        self.committed = result.is_ok();
        result
    }
}

/// What a commit produced.
pub(crate) struct Committed {
    pub stats: WriteStats,
    pub previous: Previous,
    pub warnings: Vec<Diagnostic>,
}

/// Why a commit published nothing (or, for `Io` in the rename phase, not all).
#[derive(Debug)]
pub(crate) enum Failed {
    /// Paths this build must write that hold something byline may not replace.
    Blocked(Vec<Diagnostic>),
    /// Nothing was published.
    Io(anyhow::Error),
    /// Some files were moved into place, not all.
    Partial(anyhow::Error),
}

impl Failed {
    fn poisoned() -> Failed {
        Failed::Io(anyhow::anyhow!("a writer thread failed"))
    }
}

impl crate::render::Held for Stager {
    fn holds(&self, file: &str, inputs: u128) -> bool {
        Stager::holds(self, file, inputs)
    }

    fn under(&self, dir: &str) -> Vec<(String, u128)> {
        let files = self.old.files.iter().filter(|(rel, _)| rel.starts_with(dir) && self.owns(rel));
        files.map(|(rel, e)| (rel.clone(), e.inputs)).collect()
    }
}

impl Drop for Stager {
    /// Unless committed, removes what was staged and the folders made for the
    /// output, so the output is as it was.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
        if !self.committed {
            for d in &self.created {
                let _ = fs::remove_dir(d); // only when empty, as it is unless published
            }
        }
    }
}

pub(crate) use assets::clashes;

#[cfg(test)]
mod tests;

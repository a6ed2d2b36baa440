//! Publishing a staged build: checks that every file can be put in place, records
//! what byline is about to own, moves the staged files into place, then removes
//! the stale files earlier builds wrote. The moves are the only moment an
//! interruption can leave old and new files mixed; the record written before them
//! lets the next build repair that.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use rayon::prelude::*;
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_128;

use super::owned::{self, Owned, hex};
use super::{Committed, Failed, Previous, STAGING, Stager, WriteStats, io_error};
use crate::cache::{
    self,
    manifest::{Entry, Manifest, stat},
};
use crate::support::diagnostic::Diagnostic;

/// Every folder between `out` and the files to publish must be a real folder that
/// byline may write into: checked before the first file moves, so a build never
/// stops half-published on a folder where a file should go.
fn check_targets<'a>(out: &Path, files: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for rel in files {
        let Some(parent) = Path::new(rel).parent() else { continue };
        for dir in parent.ancestors() {
            if !seen.insert(dir.to_path_buf()) {
                break; // this folder and its parents were checked already
            }
            let path = out.join(dir);
            match fs::symlink_metadata(&path) {
                Err(_) => continue, // created when publishing
                Ok(m) if m.is_dir() => {
                    rustix::fs::access(&path, rustix::fs::Access::WRITE_OK)
                        .map_err(|e| io_error(e.into(), format!("cannot publish into {}", path.display())))?;
                }
                Ok(_) => {
                    return Err(anyhow!(
                        "cannot publish {}: `{}` is a file or a link where byline needs a folder; remove it and build again",
                        out.join(rel).display(),
                        path.display()
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Moves each staged file into place (creating folders as needed).
fn move_into_place(
    out: &Path,
    staging: &Path,
    pending: Vec<(String, Entry)>,
) -> Result<Vec<(String, Entry)>> {
    let mut dirs: Vec<&Path> = pending.iter().filter_map(|(r, _)| Path::new(r).parent()).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let d = out.join(d);
        if !d.is_dir() {
            fs::create_dir_all(&d).map_err(|e| io_error(e, format!("cannot create {}", d.display())))?;
        }
    }
    pending
        .into_par_iter()
        .map(|(rel, entry)| {
            let target = out.join(&rel);
            fs::rename(staging.join(&rel), &target)
                .map_err(|e| io_error(e, format!("cannot put {} in place", target.display())))?;
            let (size, mtime) = stat(&target).unwrap_or_default();
            Ok((rel, Entry { size, mtime, ..entry }))
        })
        .collect()
}

/// What removing stale files did.
struct Swept {
    removed: usize,
    /// Files byline wrote that someone changed since: kept, and said.
    changed: Vec<Diagnostic>,
}

/// Removes the files `old` records that this build no longer makes, when they still
/// hold the bytes byline wrote, and the folders that leaves empty.
fn remove_stale(out: &Path, old: &Owned, all: &HashSet<String>) -> Result<Swept> {
    let mut swept = Swept { removed: 0, changed: Vec::new() };
    let mut emptied: HashSet<PathBuf> = HashSet::new();
    for rel in old.paths().filter(|p| !all.contains(*p)) {
        let path = out.join(rel);
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            continue; // gone already, or replaced by something byline did not write
        }
        let ours = fs::read(&path).is_ok_and(|b| old.hash(rel) == Some(hex(xxh3_128(&b)).as_str()));
        if !ours {
            swept.changed.push(
                Diagnostic::warning(&path, "byline wrote this file in an earlier build, but it was changed since: it is left in place")
                    .with_hint("delete it yourself if it is no longer wanted"),
            );
            continue;
        }
        fs::remove_file(&path)
            .map_err(|e| io_error(e, format!("cannot remove the stale file {}", path.display())))?;
        swept.removed += 1;
        emptied.extend(path.ancestors().skip(1).take_while(|d| *d != out).map(Path::to_path_buf));
    }
    let mut emptied: Vec<PathBuf> = emptied.into_iter().collect();
    emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count())); // deepest first
    for d in emptied {
        let _ = fs::remove_dir(d); // fails, as it should, when not empty
    }
    Ok(swept)
}

/// How many files in `out` this build neither wrote nor keeps (the user's own).
fn count_others(out: &Path, all: &HashSet<String>) -> usize {
    let ours = |name: &str| name == STAGING || name == owned::FILE || name == ".git";
    WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !ours(&e.file_name().to_string_lossy()))
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .filter(|e| {
            let rel = e.path().strip_prefix(out).unwrap_or(e.path());
            !all.contains(rel.to_string_lossy().replace('\\', "/").as_str())
        })
        .count()
}

/// The record of the files in `entries`.
fn record<'a>(entries: impl Iterator<Item = &'a (String, Entry)>) -> Owned {
    let mut owned = Owned::default();
    for (rel, e) in entries {
        owned.insert(rel.clone(), e.hash);
    }
    owned
}

/// Writes `owned` as the record in `dir`.
fn save_record(owned: &Owned, dir: &Path) -> Result<()> {
    owned.save(dir).map_err(|e| io_error(e, format!("cannot write {}", dir.join(owned::FILE).display())))
}

/// Saves the cache's manifest, unless the build keeps it in memory; a failure is a
/// warning (the cache is only an optimisation).
fn save_manifest(s: &Stager, manifest: &Manifest, warnings: &mut Vec<Diagnostic>) {
    if !s.trusted
        && let Err(e) = manifest.save(&s.cache_file)
    {
        warnings.push(cache::warning(&s.cache_file, &e));
    }
}

/// Publishes an output that did not exist: the record goes into the staged tree,
/// which then becomes the output in one rename.
fn publish_fresh(s: &mut Stager, pending: Vec<(String, Entry)>) -> Result<Committed, Failed> {
    let owned = record(pending.iter());
    save_record(&owned, &s.staging).map_err(Failed::Io)?;
    fs::rename(&s.staging, &s.out)
        .map_err(|e| Failed::Io(io_error(e, format!("cannot put {} in place", s.out.display()))))?;
    let written = pending.len();
    let entries: HashMap<String, Entry> = pending
        .into_par_iter()
        .map(|(rel, e)| {
            let (size, mtime) = stat(&s.out.join(&rel)).unwrap_or_default();
            (rel, Entry { size, mtime, ..e })
        })
        .collect();
    let manifest = Manifest::new(entries);
    let mut warnings = std::mem::take(&mut s.warnings);
    save_manifest(s, &manifest, &mut warnings);
    let stats = WriteStats { written, ..WriteStats::default() };
    Ok(Committed { stats, previous: Previous { manifest, owned }, warnings })
}

/// The commit itself (see [`Stager::commit`]).
pub(super) fn publish(s: &mut Stager, all: &HashSet<String>) -> Result<Committed, Failed> {
    let poisoned = |_| Failed::Io(anyhow!("a writer thread failed"));
    let pending = std::mem::take(&mut *s.pending.lock().map_err(poisoned)?);
    if s.fresh {
        return publish_fresh(s, pending);
    }
    let kept = std::mem::take(&mut *s.kept.lock().map_err(poisoned)?);
    check_targets(&s.out, pending.iter().map(|(r, _)| r.as_str())).map_err(Failed::Io)?;
    let owned = record(kept.iter().chain(pending.iter()));
    let old = s.owned.take().unwrap_or_default();
    if !old.covers(&owned) {
        // Before anything moves: an interrupted publish leaves only files recorded.
        save_record(&old.union(&owned), &s.out).map_err(Failed::Io)?;
    }
    let (written, unchanged) = (pending.len(), kept.len());
    let mut entries: HashMap<String, Entry> = kept.into_iter().collect();
    entries.extend(move_into_place(&s.out, &s.staging, pending).map_err(Failed::Partial)?);
    let swept = remove_stale(&s.out, &old, all).map_err(Failed::Partial)?;
    let mut warnings = std::mem::take(&mut s.warnings);
    let manifest = Manifest::new(entries);
    let mut left_alone = swept.changed.len();
    if owned != old {
        save_record(&owned, &s.out).map_err(Failed::Partial)?;
    }
    save_manifest(s, &manifest, &mut warnings);
    if !s.trusted {
        left_alone = count_others(&s.out, all);
    }
    warnings.extend(swept.changed);
    let replaced = s.replaced.lock().map(|n| *n).unwrap_or_default();
    let stats = WriteStats { written, unchanged, removed: swept.removed, replaced, left_alone };
    Ok(Committed { stats, previous: Previous { manifest, owned }, warnings })
}

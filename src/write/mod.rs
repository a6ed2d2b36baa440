//! The only stage that writes. Rendered files arrive one by one while the site
//! renders (so a build never holds the whole site in memory): a file the output does
//! not have yet is written in place, a changed one is written beside its old version
//! as a hidden temporary file. Only when every page rendered are the temporary files
//! renamed over the old ones and stale files removed; a failed build removes what it
//! added, leaving the output exactly as it was.

mod manifest;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_128;

pub use manifest::Manifest;
use manifest::{Entry, stat};

/// Counts of what a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

const TMP_SUFFIX: &str = ".byline-tmp";

/// What the stager did with one file.
enum Pending {
    /// Written in place: the output had no such file.
    Created,
    /// Written beside the old file, to be renamed over it on commit.
    Replacing(PathBuf),
}

/// Receives rendered files during a build and publishes them at the end.
pub struct Stager {
    out: PathBuf,
    cache_dir: PathBuf,
    old: Manifest,
    /// The manifest came from the previous build in this process, and nothing
    /// else writes to the output (the preview server's own folder): files are not
    /// checked on disk, stale ones are known without walking the folder, and the
    /// manifest is not saved.
    trusted: bool,
    /// Files written, with their entries (size and time filled in on commit).
    pending: Mutex<Vec<(String, Entry, Pending)>>,
    /// Files found unchanged, with their (unchanged) manifest entries.
    kept: Mutex<Vec<(String, Entry)>>,
    /// Folders this build created, to remove again if it fails.
    created_dirs: Vec<PathBuf>,
}

fn tmp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}{TMP_SUFFIX}"))
}

/// Writes `data` to `path` through a temporary file and a rename.
fn put(path: &Path, data: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = tmp_path(path);
    fs::write(&tmp, data)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Writes a cache file (used for the caches beside the output).
pub fn save_cache_file(path: &Path, data: &[u8]) -> Result<()> {
    put(path, data).with_context(|| format!("cannot write the cache file {}", path.display()))
}

impl Stager {
    /// Prepares to publish into `out`, with the manifest of the last build: the one
    /// given (see `trusted`), or else the one saved in `cache_dir`.
    pub fn new(out: &Path, cache_dir: &Path, previous: Option<Manifest>) -> Result<Stager> {
        Ok(Stager {
            out: out.to_path_buf(),
            cache_dir: cache_dir.to_path_buf(),
            trusted: previous.is_some(),
            old: previous.unwrap_or_else(|| Manifest::read(&cache_dir.join("manifest.json"))),
            pending: Mutex::default(),
            kept: Mutex::default(),
            created_dirs: Vec::new(),
        })
    }

    /// Creates, one by one, every folder the given output files need. Done before
    /// rendering, so parallel writers do not contend for their parent folders' locks.
    /// Files the last build wrote are skipped: their folders are there (and if one
    /// is not, writing the file creates it).
    pub fn make_dirs<'a>(&mut self, files: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut dirs: Vec<PathBuf> = files
            .into_iter()
            .filter(|f| !self.old.files.contains_key(*f))
            .filter_map(|f| Path::new(f).parent().map(|d| self.out.join(d)))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            let missing: Vec<PathBuf> =
                d.ancestors().take_while(|a| !a.exists()).map(Path::to_path_buf).collect();
            if missing.is_empty() {
                continue;
            }
            fs::create_dir_all(&d).with_context(|| format!("cannot create {}", d.display()))?;
            self.created_dirs.extend(missing);
        }
        Ok(())
    }

    /// True when the output already holds `rel` as the last build made it from
    /// the same `inputs`: then it need not even be rendered, and is kept.
    pub fn holds(&self, rel: &str, inputs: u128) -> bool {
        let same = |e: &Entry| e.inputs == inputs && inputs != 0;
        let entry = match self.trusted {
            true => self.old.files.get(rel).filter(|e| same(e)).copied(),
            false => self.old.unchanged(&self.out, rel, same),
        };
        let Some(entry) = entry else {
            return false;
        };
        if let Ok(mut kept) = self.kept.lock() {
            kept.push((rel.to_string(), entry));
        }
        true
    }

    /// Takes one rendered file, made from `inputs`, unless the output already holds
    /// these bytes.
    pub fn accept(&self, rel: &str, bytes: &[u8], inputs: u128) -> Result<()> {
        let hash = xxh3_128(bytes);
        let target = self.out.join(rel);
        let known = self.old.files.contains_key(rel);
        if self.old.unchanged(&self.out, rel, |e| e.hash == hash).is_some()
            || (!known && fs::read(&target).is_ok_and(|old| old == bytes))
        {
            if let Some((size, mtime)) = stat(&target)
                && let Ok(mut kept) = self.kept.lock()
            {
                kept.push((rel.to_string(), Entry { hash, inputs, size, mtime }));
            }
            return Ok(());
        }
        let pending = if target.exists() {
            let tmp = tmp_path(&target);
            fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
            Pending::Replacing(tmp)
        } else {
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            }
            fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
            Pending::Created
        };
        if let Ok(mut all) = self.pending.lock() {
            all.push((rel.to_string(), Entry { hash, inputs, size: 0, mtime: 0 }, pending));
        }
        Ok(())
    }

    /// Gives up: removes what this build added, so the output is as it was.
    pub fn abandon(self) {
        let pending = self.pending.into_inner().unwrap_or_default();
        let mut dirs: HashSet<PathBuf> = self.created_dirs.into_iter().collect();
        for (rel, _, p) in pending {
            let target = self.out.join(&rel);
            match p {
                Pending::Created => {
                    let _ = fs::remove_file(&target);
                    dirs.extend(
                        target.ancestors().skip(1).take_while(|d| *d != self.out).map(Path::to_path_buf),
                    );
                }
                Pending::Replacing(tmp) => {
                    let _ = fs::remove_file(tmp);
                }
            }
        }
        let mut dirs: Vec<PathBuf> = dirs.into_iter().collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in dirs {
            let _ = fs::remove_dir(d); // only the ones this build created are now empty
        }
    }

    /// Puts every changed file in place, removes stale files, saves the manifest.
    /// `all` is every output path of this build. Returns the new manifest too.
    pub fn commit(self, all: &HashSet<String>) -> Result<(WriteStats, Manifest)> {
        let pending = self.pending.into_inner().unwrap_or_default();
        let mut entries: HashMap<String, Entry> =
            self.kept.into_inner().unwrap_or_default().into_iter().collect();
        let unchanged = entries.len();
        let done: Vec<Result<(String, Entry)>> = pending
            .into_par_iter()
            .map(|(rel, entry, p)| {
                let target = self.out.join(&rel);
                if let Pending::Replacing(tmp) = p {
                    fs::rename(&tmp, &target)
                        .with_context(|| format!("cannot replace {}", target.display()))?;
                }
                let (size, mtime) = stat(&target).unwrap_or_default();
                Ok((rel, Entry { size, mtime, ..entry }))
            })
            .collect();
        let written = done.len();
        for d in done {
            let (rel, e) = d?;
            entries.insert(rel, e);
        }
        let manifest = Manifest::new(entries);
        let removed = if self.trusted {
            remove_unlisted(&self.out, &self.old, all)?
        } else {
            let removed = remove_stale(&self.out, all)?;
            save_cache_file(&self.cache_dir.join("manifest.json"), &manifest.to_bytes())?;
            removed
        };
        Ok((WriteStats { written, unchanged, removed }, manifest))
    }
}

/// True for paths the writer leaves alone: anything hidden (`.git`, `.well-known`,
/// `.nojekyll` of a deploy setup) that is not one of our own temporary files.
fn kept(rel: &Path) -> bool {
    rel.components().any(|c| {
        let s = c.as_os_str().to_string_lossy();
        s.starts_with('.') && !s.ends_with(TMP_SUFFIX)
    })
}

/// Removes the files `old` lists that are not in `keep`, and the folders that
/// leaves empty: for an output nothing else writes to, without walking it.
fn remove_unlisted(out: &Path, old: &Manifest, keep: &HashSet<String>) -> Result<usize> {
    let gone: Vec<&String> = old.files.keys().filter(|f| !keep.contains(*f)).collect();
    for f in &gone {
        let path = out.join(f);
        fs::remove_file(&path).with_context(|| format!("cannot remove the stale file {}", path.display()))?;
        for dir in path.ancestors().skip(1).take_while(|d| *d != out) {
            if fs::remove_dir(dir).is_err() {
                break; // not empty
            }
        }
    }
    Ok(gone.len())
}

/// Removes files below `out` not in `keep`, then the folders that leaves empty.
fn remove_stale(out: &Path, keep: &HashSet<String>) -> Result<usize> {
    let mut removed = 0;
    let (mut dirs, mut parents) = (Vec::new(), HashSet::new());
    // Folders that may be empty now: ones we took a file from, and their parents.
    let mut candidates: HashSet<PathBuf> = HashSet::new();
    let walk = WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !kept(e.path().strip_prefix(out).unwrap_or(e.path())));
    for entry in walk.filter_map(|e| e.ok()) {
        let path = entry.path();
        if let Some(parent) = path.parent() {
            parents.insert(parent.to_path_buf());
        }
        let rel = path.strip_prefix(out).unwrap_or(path);
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else if !keep.contains(rel.to_string_lossy().replace('\\', "/").as_str()) {
            fs::remove_file(path)
                .with_context(|| format!("cannot remove the stale file {}", path.display()))?;
            removed += 1;
            candidates.extend(path.ancestors().skip(1).take_while(|d| *d != out).map(Path::to_path_buf));
        }
    }
    // Folders that were empty already, and their parents.
    for d in dirs.iter().filter(|d| !parents.contains(*d)) {
        candidates.extend(d.ancestors().take_while(|a| *a != out).map(Path::to_path_buf));
    }
    let mut candidates: Vec<PathBuf> = candidates.into_iter().collect();
    // Deepest first, so a folder's empty subfolders go before it.
    candidates.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in candidates {
        let _ = fs::remove_dir(d); // fails, as it should, when not empty
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(out: &Path, cache: &Path, files: &[(&str, &[u8])]) -> WriteStats {
        let stager = Stager::new(out, cache, None).unwrap();
        for (rel, bytes) in files {
            stager.accept(rel, bytes, 0).unwrap();
        }
        stager.commit(&files.iter().map(|(r, _)| r.to_string()).collect()).unwrap().0
    }

    #[test]
    fn writes_changes_only_and_removes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
        let files: &[(&str, &[u8])] = &[("x/index.html", b"a"), ("y.xml", b"b")];
        assert_eq!(publish(&out, &cache, files).written, 2);
        assert_eq!(publish(&out, &cache, files), WriteStats { written: 0, unchanged: 2, removed: 0 });
        fs::create_dir_all(out.join("old/deep")).unwrap();
        fs::write(out.join("old/deep/index.html"), "stale").unwrap();
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        assert_eq!(publish(&out, &cache, files).removed, 1);
        assert!(!out.join("old").exists());
        assert!(out.join(".git/HEAD").exists());
    }

    #[test]
    fn a_file_changed_behind_our_back_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
        publish(&out, &cache, &[("a.html", b"one")]);
        fs::write(out.join("a.html"), "tampered with").unwrap();
        assert_eq!(publish(&out, &cache, &[("a.html", b"one")]).written, 1);
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"one");
        // No manifest (deleted cache): files are compared byte for byte.
        fs::remove_dir_all(&cache).unwrap();
        assert_eq!(publish(&out, &cache, &[("a.html", b"one")]).unchanged, 1);
    }

    #[test]
    fn abandoning_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
        publish(&out, &cache, &[("a.html", b"one")]);
        let stager = Stager::new(&out, &cache, None).unwrap();
        stager.accept("a.html", b"two", 0).unwrap();
        stager.accept("new/b.html", b"new", 0).unwrap();
        stager.abandon();
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"one");
        let left: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["a.html"], "no temporary or new files are left");
    }
}

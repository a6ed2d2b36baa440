//! The only stage that writes: puts each rendered file in the output folder when its
//! bytes changed (through a temporary file and a rename, so a reader never sees half
//! a file), then removes files an older build left that this one did not produce.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::load::Asset;

/// What one file's bytes come from.
pub enum Source<'a> {
    Bytes(&'a [u8]),
    Asset(&'a Asset),
}

/// Counts of what a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

const TMP_SUFFIX: &str = ".byline-tmp";

/// Writes `data` to `path` unless it already holds exactly that. True if written.
fn put(path: &Path, data: &[u8]) -> io::Result<bool> {
    match fs::read(path) {
        Ok(old) if old == data => return Ok(false),
        _ => {}
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}{TMP_SUFFIX}"));
    fs::write(&tmp, data)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    Ok(true)
}

/// True for paths the writer leaves alone: anything hidden (`.git`, `.well-known`,
/// `.nojekyll` of a deploy setup) that is not one of our own temporary files.
fn kept(rel: &Path) -> bool {
    rel.components().any(|c| {
        let s = c.as_os_str().to_string_lossy();
        s.starts_with('.') && !s.ends_with(TMP_SUFFIX)
    })
}

/// Writes every file below `out` and removes stale ones.
pub fn write(out: &Path, files: &[(String, Source<'_>)]) -> Result<WriteStats> {
    fs::create_dir_all(out).with_context(|| format!("cannot create the output folder {}", out.display()))?;
    let results: Vec<Result<bool>> = files
        .par_iter()
        .map(|(rel, src)| {
            let target = out.join(rel);
            let wrote = match src {
                Source::Bytes(b) => put(&target, b),
                Source::Asset(Asset::Embedded(b)) => put(&target, b),
                Source::Asset(Asset::File(p)) => {
                    let data = fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
                    put(&target, &data)
                }
            };
            wrote.with_context(|| format!("cannot write {}", target.display()))
        })
        .collect();
    let mut stats = WriteStats::default();
    for r in results {
        if r? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    stats.removed = remove_stale(out, files.iter().map(|(p, _)| PathBuf::from(p)).collect())?;
    Ok(stats)
}

/// Removes files below `out` not in `keep`, then folders left empty.
fn remove_stale(out: &Path, keep: HashSet<PathBuf>) -> Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in WalkDir::new(out).min_depth(1).into_iter().filter_map(|e| e.ok()) {
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path()).to_path_buf();
        if kept(&rel) {
            continue;
        }
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else if !keep.contains(&rel) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the stale file {}", entry.path().display()))?;
            removed += 1;
        }
    }
    // Deepest first, so a folder's empty subfolders go before it.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = fs::remove_dir(d); // fails, as it should, when not empty
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_changes_only_and_removes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let a = b"a".to_vec();
        let files = vec![("x/index.html".to_string(), Source::Bytes(&a))];
        assert_eq!(write(out, &files).unwrap().written, 1);
        assert_eq!(write(out, &files).unwrap(), WriteStats { written: 0, unchanged: 1, removed: 0 });
        fs::create_dir_all(out.join("old/deep")).unwrap();
        fs::write(out.join("old/deep/index.html"), "stale").unwrap();
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        assert_eq!(write(out, &files).unwrap().removed, 1);
        assert!(!out.join("old").exists());
        assert!(out.join(".git/HEAD").exists());
    }
}

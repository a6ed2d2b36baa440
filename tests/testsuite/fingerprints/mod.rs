//! Fingerprints against bytes (issue 13), on every output file of the example site and
//! of the `seo` fixture: after any single-field edit of a post, author, tag, page or
//! `site.yaml`, a file whose fingerprint did not change has the same bytes (`sound`),
//! and for one field of each kind the files whose fingerprint changed are exactly the
//! files whose bytes changed (`exact`). Every build is a fresh one, into new output and
//! cache folders, compared with a fresh build of the sources before the edit.
//!
//! Fingerprints are read from the cache's manifest (`byline-manifest-2`), the one
//! record of them a build leaves on disk.

mod edits;
mod exact;
mod sound;
mod sources;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde::Deserialize;
use xxhash_rust::xxh3::xxh3_128;

use crate::common::{NOW, byline, stderr, tree};

/// The manifest's file in the cache folder, and the format this test reads.
const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "byline-manifest-2";

/// byline's record of the files it owns: bookkeeping beside the site's files, which
/// changes with any of them and has no fingerprint of its own.
const OWNED_RECORD: &str = ".byline-manifest.json";

#[derive(Deserialize)]
struct Manifest {
    format: String,
    files: BTreeMap<String, Entry>,
}

/// One output file as the manifest records it (`mtime` is not read).
#[derive(Deserialize)]
struct Entry {
    hash: String,
    inputs: String,
    size: u64,
}

/// One output file: the fingerprint of what it was made from, and its bytes.
struct File {
    fingerprint: String,
    bytes: Vec<u8>,
}

/// Every output file of one fresh build, by `/`-separated path in the output folder.
struct Built(BTreeMap<String, File>);

/// Builds the site at `root` into `into/out`, with its cache in `into/cache` (both
/// new), reads every output file with its fingerprint, and removes `into` again.
fn fresh_build(root: &Path, into: &Path) -> Built {
    assert!(!into.exists(), "{} is not new", into.display());
    let (out, cache) = (into.join("out"), into.join("cache"));
    let run = byline()
        .arg("build")
        .arg(root)
        .arg("--output")
        .arg(&out)
        .arg("--cache-dir")
        .arg(&cache)
        .args(["--now", NOW, "--quiet"])
        .output()
        .unwrap();
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    let manifest: Manifest = serde_json::from_slice(&fs::read(cache.join(MANIFEST)).unwrap()).unwrap();
    assert_eq!(manifest.format, FORMAT, "another manifest format");
    let mut entries = manifest.files;
    let mut files = BTreeMap::new();
    for (path, bytes) in tree(&out) {
        let path = path.to_str().unwrap().to_string();
        if path == OWNED_RECORD {
            continue;
        }
        let entry = entries.remove(&path).unwrap_or_else(|| panic!("{path} has no entry in the manifest"));
        assert_eq!(entry.size, bytes.len() as u64, "{path}: the manifest has another size");
        assert_eq!(entry.hash, format!("{:032x}", xxh3_128(&bytes)), "{path}: the manifest has another hash");
        files.insert(path, File { fingerprint: entry.inputs, bytes });
    }
    assert!(entries.is_empty(), "the manifest lists files the build did not write: {:?}", entries.keys());
    fs::remove_dir_all(into).unwrap();
    Built(search_index_as_one(files))
}

/// The search index's files folded into one, `pagefind/`: they are named after
/// what they hold (an edit adds and removes files) and made together from one
/// fingerprint, the one its entry file carries.
fn search_index_as_one(mut files: BTreeMap<String, File>) -> BTreeMap<String, File> {
    let index: Vec<String> = files.keys().filter(|p| p.starts_with("pagefind/")).cloned().collect();
    if index.is_empty() {
        return files;
    }
    let mut bytes = Vec::new();
    for path in &index {
        bytes.extend_from_slice(path.as_bytes());
        bytes.extend(files[path].bytes.iter());
    }
    let fingerprint = files["pagefind/pagefind-entry.json"].fingerprint.clone();
    files.retain(|p, _| !p.starts_with("pagefind/"));
    files.insert("pagefind/".into(), File { fingerprint, bytes });
    files
}

/// What an edit changed, file by file, between a build before it and one after.
#[derive(Debug, Default)]
struct Changes {
    fingerprints: BTreeSet<String>,
    bytes: BTreeSet<String>,
    /// Files that only one of the builds wrote (a post made a draft, a new tag).
    added_or_removed: BTreeSet<String>,
    /// Files both builds wrote with the same fingerprint.
    same_fingerprint: usize,
}

impl Changes {
    fn between(before: &Built, after: &Built) -> Changes {
        let mut c = Changes::default();
        for (path, old) in &before.0 {
            let Some(new) = after.0.get(path) else {
                c.added_or_removed.insert(path.clone());
                continue;
            };
            if old.fingerprint == new.fingerprint {
                c.same_fingerprint += 1;
            } else {
                c.fingerprints.insert(path.clone());
            }
            if old.bytes != new.bytes {
                c.bytes.insert(path.clone());
            }
        }
        c.added_or_removed.extend(after.0.keys().filter(|p| !before.0.contains_key(*p)).cloned());
        c
    }

    /// Files whose bytes changed under an unchanged fingerprint: an incremental build
    /// would have kept them stale.
    fn stale(&self) -> Vec<&String> {
        self.bytes.difference(&self.fingerprints).collect()
    }

    /// Files whose fingerprint changed though their bytes did not: rendered again for
    /// nothing.
    fn needless(&self) -> Vec<&String> {
        self.fingerprints.difference(&self.bytes).collect()
    }
}

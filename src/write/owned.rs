//! The record of what byline wrote into an output folder, kept in the folder itself
//! (`.byline-manifest.json`), so it survives deleting the cache and travels with an
//! output that a team commits (a GitHub Pages `docs/` folder). byline removes or
//! replaces only the files listed here; everything else in the folder is the user's.
//!
//! One line per file (path and the hash of the bytes byline wrote), sorted, so the
//! record diffs well in git and is rewritten only when the output changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The record's file name inside the output folder.
pub(crate) const FILE: &str = ".byline-manifest.json";

const FORMAT: &str = "byline-output-1";

const NOTE: &str = "Files byline wrote into this folder. byline removes or replaces only these; \
     keep this file with the folder (commit it if you commit the output).";

/// Output path (`/`-separated, relative) → xxh3-128 of the bytes byline wrote, in hex.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Owned {
    files: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    format: String,
    note: String,
    files: BTreeMap<String, String>,
}

/// What reading the record found.
#[derive(Debug)]
pub(crate) enum Found {
    /// No record: byline never built into this folder (or the record was deleted).
    None,
    Record(Owned),
    /// A record that cannot be read: treated as no record, with a warning.
    Unreadable(String),
}

pub(crate) fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

impl Owned {
    /// Reads the record of the output folder `out`.
    pub(crate) fn read(out: &Path) -> Found {
        let path = out.join(FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::None,
            Err(e) => return Found::Unreadable(e.to_string()),
        };
        match serde_json::from_slice::<OnDisk>(&bytes) {
            Ok(d) if d.format == FORMAT => Found::Record(Owned { files: d.files }),
            Ok(d) => Found::Unreadable(format!("it is in an unknown format `{}`", d.format)),
            Err(e) => Found::Unreadable(format!("it is not valid JSON ({e})")),
        }
    }

    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// The hash recorded for `rel`.
    pub(crate) fn hash(&self, rel: &str) -> Option<&str> {
        self.files.get(rel).map(String::as_str)
    }

    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub(crate) fn insert(&mut self, rel: String, hash: u128) {
        self.files.insert(rel, hex(hash));
    }

    /// True when every path of `other` is recorded here too.
    pub(crate) fn covers(&self, other: &Owned) -> bool {
        other.files.keys().all(|k| self.files.contains_key(k))
    }

    /// This record with the entries of `other` added (the paths both builds own,
    /// written before files are moved into place).
    pub(crate) fn union(&self, other: &Owned) -> Owned {
        let mut files = self.files.clone();
        files.extend(other.files.iter().map(|(k, v)| (k.clone(), v.clone())));
        Owned { files }
    }

    /// Writes the record into `out` (through a temporary file and a rename).
    pub(crate) fn save(&self, out: &Path) -> std::io::Result<()> {
        let disk = OnDisk { format: FORMAT.into(), note: NOTE.into(), files: self.files.clone() };
        let mut bytes = serde_json::to_vec_pretty(&disk).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        crate::support::files::replace(&out.join(FILE), &bytes)
    }
}

/// The site paths of the pages (`posts/a/index.html` → `/posts/a/`) the last build
/// published into `out`, from its record; none when it has no readable record.
pub(crate) fn published_pages(out: &Path) -> Vec<String> {
    match Owned::read(out) {
        Found::Record(r) => {
            r.paths().filter_map(|p| p.strip_suffix("index.html")).map(|dir| format!("/{dir}")).collect()
        }
        Found::None | Found::Unreadable(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_a_damaged_one_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Owned::read(dir.path()), Found::None));
        let mut owned = Owned::default();
        owned.insert("index.html".into(), 7);
        owned.insert("posts/a/index.html".into(), 9);
        owned.save(dir.path()).unwrap();
        match Owned::read(dir.path()) {
            Found::Record(r) => assert_eq!(r, owned),
            other => panic!("{other:?}"),
        }
        let text = fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(text.lines().any(|l| l.contains("\"posts/a/index.html\"")), "one line per file: {text}");
        fs::write(dir.path().join(FILE), "{ not json").unwrap();
        assert!(matches!(Owned::read(dir.path()), Found::Unreadable(_)));
    }

    #[test]
    fn union_and_covers() {
        let (mut a, mut b) = (Owned::default(), Owned::default());
        a.insert("a".into(), 1);
        b.insert("b".into(), 2);
        assert!(!a.covers(&b));
        let u = a.union(&b);
        assert!(u.covers(&a) && u.covers(&b));
        assert_eq!(u.paths().count(), 2);
    }
}

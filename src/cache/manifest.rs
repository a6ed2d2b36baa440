//! What the last build wrote: for each output file, the hash of its bytes, the
//! fingerprint of the inputs it was made from, and the size and modification time
//! it had then. A file whose inputs (or bytes) did not change and whose size and
//! time are as recorded is left alone without being read, or even rendered. `write`
//! fills it in and decides what to trust it for.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// One output file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// xxh3-128 of the bytes, as hex in the file.
    #[serde(with = "hex128")]
    pub hash: u128,
    /// Fingerprint of what the file was made from (0: unknown).
    #[serde(with = "hex128")]
    pub inputs: u128,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime: u128,
}

mod hex128 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:032x}"))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let s = String::deserialize(d)?;
        u128::from_str_radix(&s, 16).map_err(serde::de::Error::custom)
    }
}

/// The size and modification time of a file now, if it exists.
pub(crate) fn stat(path: &Path) -> Option<(u64, u128)> {
    let m = fs::metadata(path).ok()?;
    let mtime = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    Some((m.len(), mtime))
}

/// Output path (`/`-separated, relative) → entry.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Manifest {
    format: String,
    pub files: HashMap<String, Entry>,
}

const FORMAT: &str = "byline-manifest-2";

impl Manifest {
    /// Reads a manifest; a missing or unreadable one is empty (every file is then
    /// compared byte for byte instead).
    pub(crate) fn read(path: &Path) -> Manifest {
        fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default()
    }

    pub(crate) fn new(files: HashMap<String, Entry>) -> Manifest {
        Manifest { format: FORMAT.into(), files }
    }

    /// Saves the manifest as `file` (see [`super::manifest_file`]).
    pub(crate) fn save(&self, file: &Path) -> anyhow::Result<()> {
        super::save_file(file, &serde_json::to_vec(self).unwrap_or_default())
    }

    /// The entry of `rel` when `matches` it and the file under `out` still has
    /// the recorded size and time.
    pub(crate) fn unchanged(&self, out: &Path, rel: &str, matches: impl Fn(&Entry) -> bool) -> Option<Entry> {
        self.files.get(rel).filter(|e| matches(e) && stat(&out.join(rel)) == Some((e.size, e.mtime))).copied()
    }
}

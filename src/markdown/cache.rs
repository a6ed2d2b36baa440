//! Highlighted code blocks by content hash, kept across builds so an unchanged block
//! is never highlighted twice. Pure data: `load` reads the file, `write` saves it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use super::highlight;

/// Bumped whenever highlighted HTML for the same input may change.
const FORMAT: &str = concat!("byline-highlight-1/", env!("CARGO_PKG_VERSION"));

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    /// Hex key → highlighted HTML.
    blocks: HashMap<String, String>,
}

/// The cache of one build: what the last build saved, plus what this one adds.
#[derive(Default)]
pub struct Cache {
    known: HashMap<u128, (String, AtomicBool)>,
    /// Every document was rendered this build, so an entry not used is not needed.
    complete: bool,
    fresh: Mutex<HashMap<u128, String>>,
}

fn key(code: &str, lang: &str) -> u128 {
    let mut buf = Vec::with_capacity(lang.len() + code.len() + 1);
    buf.extend_from_slice(lang.as_bytes());
    buf.push(0);
    buf.extend_from_slice(code.as_bytes());
    xxh3_128(&buf)
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} known)", self.known.len())
    }
}

impl Cache {
    /// A cache from a saved file; anything unreadable or from another version is
    /// ignored (the cache is only ever an optimisation).
    pub fn from_bytes(bytes: &[u8]) -> Cache {
        let Ok(file) = serde_json::from_slice::<File>(bytes) else {
            return Cache::default();
        };
        if file.format != FORMAT {
            return Cache::default();
        }
        let known = file
            .blocks
            .into_iter()
            .filter_map(|(k, html)| {
                Some((u128::from_str_radix(&k, 16).ok()?, (html, AtomicBool::new(false))))
            })
            .collect();
        Cache { known, complete: false, fresh: Mutex::default() }
    }

    /// `code` highlighted as `lang`, from the cache when it is there.
    pub fn highlight(&self, code: &str, lang: &str) -> Option<String> {
        let k = key(code, lang);
        if let Some((html, used)) = self.known.get(&k) {
            used.store(true, Ordering::Relaxed);
            return Some(html.clone());
        }
        if let Some(html) = self.fresh.lock().ok().and_then(|f| f.get(&k).cloned()) {
            return Some(html);
        }
        let html = highlight::highlight(code, lang)?;
        if let Ok(mut fresh) = self.fresh.lock() {
            fresh.insert(k, html.clone());
        }
        Some(html)
    }

    /// The cache for the next build in this process: everything known so far.
    pub fn into_next(self) -> Cache {
        let mut known = self.known;
        known.extend(
            self.fresh
                .into_inner()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, (v, AtomicBool::new(false)))),
        );
        for (_, used) in known.values() {
            used.store(false, Ordering::Relaxed);
        }
        Cache { known, complete: false, fresh: Mutex::default() }
    }

    /// Says that every document of the build is rendered through this cache, so
    /// the entries none of them used can be dropped. (Documents reused from the
    /// parsed-file cache are not rendered, and their code must stay cached.)
    pub fn set_complete(&mut self, complete: bool) {
        self.complete = complete;
    }

    /// True when this build highlighted something new or stopped using an entry.
    pub fn changed(&self) -> bool {
        self.fresh.lock().map(|f| !f.is_empty()).unwrap_or(false)
            || (self.complete && self.known.values().any(|(_, used)| !used.load(Ordering::Relaxed)))
    }

    /// The entries to save for the next build: the ones this build used, or all
    /// of them when not every document was rendered.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut blocks: HashMap<String, String> = self
            .known
            .iter()
            .filter(|(_, (_, used))| !self.complete || used.load(Ordering::Relaxed))
            .map(|(k, (html, _))| (format!("{k:032x}"), html.clone()))
            .collect();
        if let Ok(fresh) = self.fresh.lock() {
            blocks.extend(fresh.iter().map(|(k, html)| (format!("{k:032x}"), html.clone())));
        }
        serde_json::to_vec(&File { format: FORMAT.to_string(), blocks }).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reuses_entries() {
        let cache = Cache::default();
        let html = cache.highlight("fn main() {}\n", "rust").unwrap();
        assert!(cache.changed());
        let saved = cache.to_bytes();
        let again = Cache::from_bytes(&saved);
        assert_eq!(again.highlight("fn main() {}\n", "rust").unwrap(), html);
        assert!(!again.changed(), "a pure hit changes nothing");
        assert!(Cache::from_bytes(b"not json").known.is_empty());
    }

    #[test]
    fn unused_entries_are_dropped() {
        let cache = Cache::default();
        cache.highlight("a = 1\n", "python");
        let mut next = Cache::from_bytes(&cache.to_bytes());
        assert!(!next.changed(), "kept while some documents were not rendered");
        next.set_complete(true);
        assert!(next.changed(), "the python block was not used this time");
        assert_eq!(Cache::from_bytes(&next.to_bytes()).known.len(), 0);
    }
}

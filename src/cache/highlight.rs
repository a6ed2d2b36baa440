//! Highlighted code blocks by content hash, kept across builds so an unchanged block
//! is never highlighted twice. The highlighting itself is markdown's: a block not
//! found is made by the function it passes. Each block is sealed (see
//! [`super::sealed`]): a damaged one is left out, counted, and highlighted again, so
//! no edited byte of the file reaches a page or a feed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use xxhash_rust::xxh3::xxh3_128;

use super::sealed::{self, Kind, Sealer};

/// The file (see [`super::sealed`]), not compressed, so that a damaged byte costs
/// one block only. Its format number is bumped whenever highlighted HTML for the
/// same input may change (the version line adds byline's own version).
const KIND: Kind = Kind { name: "highlight/2", compressed: false };

/// What the file's entries depend on besides their block and byline's version:
/// nothing, since the HTML is made of classes whatever the theme (the stylesheet
/// holds the colours), and a build without highlighting does not use this cache.
const KEY: u128 = 0;

/// The cache of one build: what the last build saved, plus what this one adds.
#[derive(Default)]
pub struct Highlights {
    known: HashMap<u128, (String, AtomicBool)>,
    /// Every document was rendered this build, so an entry not used is not needed.
    complete: bool,
    fresh: Mutex<HashMap<u128, String>>,
    /// Damaged entries in the file read, left out; the file is then saved again.
    damaged: usize,
}

fn key(code: &str, lang: &str) -> u128 {
    let mut buf = Vec::with_capacity(lang.len() + code.len() + 1);
    buf.extend_from_slice(lang.as_bytes());
    buf.push(0);
    buf.extend_from_slice(code.as_bytes());
    xxh3_128(&buf)
}

impl std::fmt::Debug for Highlights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Highlights({} known)", self.known.len())
    }
}

impl Highlights {
    /// A cache from a saved file; anything unreadable or from another version is
    /// ignored (the cache is only ever an optimisation), damaged entries counted.
    pub fn from_bytes(bytes: &[u8]) -> Highlights {
        let opened = sealed::open(KIND, KEY, bytes);
        let mut known = HashMap::with_capacity(opened.entries().len());
        for entry in opened.entries() {
            // An entry is the block's key, then its HTML.
            let block = entry.split_first_chunk::<16>().and_then(|(k, html)| {
                Some((u128::from_le_bytes(*k), String::from_utf8(html.to_vec()).ok()?))
            });
            if let Some((k, html)) = block {
                known.insert(k, (html, AtomicBool::new(false)));
            }
        }
        let damaged = opened.damaged + opened.entries().len() - known.len();
        Highlights { known, complete: false, fresh: Mutex::default(), damaged }
    }

    /// How many entries of the file read were damaged, and so ignored.
    pub fn damaged(&self) -> usize {
        self.damaged
    }

    /// `code` highlighted as `lang`: from the cache when it is there, else made by
    /// `highlight` (and kept).
    pub fn get_or_make(
        &self,
        code: &str,
        lang: &str,
        highlight: impl FnOnce(&str, &str) -> Option<String>,
    ) -> Option<String> {
        let k = key(code, lang);
        if let Some((html, used)) = self.known.get(&k) {
            used.store(true, Ordering::Relaxed);
            return Some(html.clone());
        }
        if let Some(html) = self.fresh.lock().ok().and_then(|f| f.get(&k).cloned()) {
            return Some(html);
        }
        let html = highlight(code, lang)?;
        if let Ok(mut fresh) = self.fresh.lock() {
            fresh.insert(k, html.clone());
        }
        Some(html)
    }

    /// The cache for the next build in this process: everything known so far.
    pub fn into_next(self) -> Highlights {
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
        Highlights { known, complete: false, fresh: Mutex::default(), damaged: 0 }
    }

    /// Says that every document of the build is rendered through this cache, so
    /// the entries none of them used can be dropped. (Documents reused from the
    /// parsed-file cache are not rendered, and their code must stay cached.)
    pub fn set_complete(&mut self, complete: bool) {
        self.complete = complete;
    }

    /// True when this build highlighted something new or stopped using an entry,
    /// or the file read held damaged entries.
    pub fn changed(&self) -> bool {
        self.damaged > 0
            || self.fresh.lock().map(|f| !f.is_empty()).unwrap_or(false)
            || (self.complete && self.known.values().any(|(_, used)| !used.load(Ordering::Relaxed)))
    }

    /// The entries to save for the next build: the ones this build used, or all
    /// of them when not every document was rendered.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut sealer = Sealer::new(KIND, KEY);
        let kept = self.known.iter().filter(|(_, (_, used))| !self.complete || used.load(Ordering::Relaxed));
        for (k, (html, _)) in kept {
            sealer.push(&[&k.to_le_bytes(), html.as_bytes()]);
        }
        if let Ok(fresh) = self.fresh.lock() {
            for (k, html) in fresh.iter() {
                sealer.push(&[&k.to_le_bytes(), html.as_bytes()]);
            }
        }
        sealer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As markdown highlights a block.
    fn highlight(cache: &Highlights, code: &str, lang: &str) -> Option<String> {
        cache.get_or_make(code, lang, crate::markdown::highlight::highlight)
    }

    #[test]
    fn round_trips_and_reuses_entries() {
        let cache = Highlights::default();
        let html = highlight(&cache, "fn main() {}\n", "rust").unwrap();
        assert!(cache.changed());
        let saved = cache.to_bytes();
        let again = Highlights::from_bytes(&saved);
        assert_eq!(highlight(&again, "fn main() {}\n", "rust").unwrap(), html);
        assert!(!again.changed(), "a pure hit changes nothing");
        assert!(Highlights::from_bytes(b"not json").known.is_empty());
    }

    #[test]
    fn unused_entries_are_dropped() {
        let cache = Highlights::default();
        highlight(&cache, "a = 1\n", "python");
        let mut next = Highlights::from_bytes(&cache.to_bytes());
        assert!(!next.changed(), "kept while some documents were not rendered");
        next.set_complete(true);
        assert!(next.changed(), "the python block was not used this time");
        assert_eq!(Highlights::from_bytes(&next.to_bytes()).known.len(), 0);
    }

    #[test]
    fn an_edited_entry_is_a_miss_and_the_file_is_saved_again() {
        let cache = Highlights::default();
        let html = highlight(&cache, "fn main() {}\n", "rust").unwrap();
        let mut saved = cache.to_bytes();
        let at = saved.windows(html.len()).position(|w| w == html.as_bytes()).unwrap();
        let evil = b"<img src=x onerror=alert(1)>";
        saved[at..at + evil.len()].copy_from_slice(evil);
        let again = Highlights::from_bytes(&saved);
        assert_eq!(again.damaged(), 1);
        assert!(again.changed(), "saved again without the damaged entry");
        assert_eq!(highlight(&again, "fn main() {}\n", "rust").unwrap(), html);
        assert_eq!(Highlights::from_bytes(&again.to_bytes()).damaged(), 0);
    }
}

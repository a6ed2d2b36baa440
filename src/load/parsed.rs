//! Parsed files kept across builds: each post, author and page with its rendered
//! body, by the hash of the file's text, so an unchanged file is neither parsed nor
//! rendered again. A body's links to other files are checked against the current
//! site before it is reused (they are recorded in `Rendered::links`).
//!
//! Pure data: `load` reads the shard files and `build` saves the ones that changed.
//! Entries are spread over [`SHARDS`] files by source path, so one edit rewrites
//! one small file. Each entry is sealed (see [`crate::sealed`]): a damaged one is
//! left out and counted, and its file parsed again. Anything unreadable, or from
//! another program or configuration, is ignored: the cache is only an optimisation.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::content::Body;
use crate::markdown::Rendered;
use crate::model::{Author, Page, Post};
use crate::sealed::{self, Kind, Sealer};

/// A file's size and modification time (nanoseconds since the epoch).
pub type Stamp = (u64, u128);

/// How many shard files the cache is spread over.
pub const SHARDS: usize = 64;

/// The shard file `n` inside a cache folder.
pub fn shard_file(dir: &Path, n: usize) -> PathBuf {
    dir.join("parsed").join(format!("{n:02}.bin"))
}

/// The shard a source file's entry lives in.
fn shard_of(source: &str) -> usize {
    (xxh3_64(source.as_bytes()) % SHARDS as u64) as usize
}

#[derive(Deserialize)]
/// A parsed file of any kind, as the cache holds it.
pub enum Item {
    Post(Post),
    Author(Author),
    Page(Page),
}

/// An [`Item`] borrowed, for saving (same encoding).
#[derive(Serialize)]
pub enum ItemRef<'a> {
    Post(&'a Post),
    Author(&'a Author),
    Page(&'a Page),
}

/// The kinds of parsed file the cache holds.
pub trait Cached: Sized {
    fn take(item: Item) -> Option<Self>;
    fn item(&self) -> ItemRef<'_>;
    /// The rendered body, and the fingerprint to set.
    fn parts(&mut self) -> (&Rendered, &mut u128);
}

/// `Cached` for a model type: its `Item` variant and the field holding its body.
macro_rules! cached {
    ($ty:ident, $body:ident) => {
        impl Cached for $ty {
            fn take(item: Item) -> Option<Self> {
                if let Item::$ty(x) = item { Some(x) } else { None }
            }
            fn item(&self) -> ItemRef<'_> {
                ItemRef::$ty(self)
            }
            fn parts(&mut self) -> (&Rendered, &mut u128) {
                (&self.$body, &mut self.fingerprint)
            }
        }
    };
}

cached!(Post, body);
cached!(Author, bio);
cached!(Page, body);

/// Shard files (see [`crate::sealed`]), compressed: the bodies' HTML is most of them.
const KIND: Kind = Kind { name: "parsed/2", compressed: true };

/// One parsed file as a shard holds it (postcard), sealed with the key of the
/// program and configuration.
#[derive(Deserialize)]
struct Entry {
    source: String,
    text: u128,
    stamp: Option<Stamp>,
    resolver: u64,
    body: Body,
    item: Item,
}

#[derive(Serialize)]
struct EntryRef<'a> {
    source: &'a str,
    text: u128,
    stamp: Option<Stamp>,
    resolver: u64,
    body: Body,
    item: ItemRef<'a>,
}

/// The hash of a file's text, as entries are keyed.
pub fn text_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// A hash of which files (and versions, sizes and times) a shard holds.
fn contents<'a>(entries: impl Iterator<Item = (&'a str, u128, Option<Stamp>)>) -> u64 {
    let mut list: Vec<(&str, u128, Option<Stamp>)> = entries.collect();
    if list.is_empty() {
        return 0; // as for a shard with no file
    }
    list.sort_unstable();
    let mut h = Xxh3::new();
    list.hash(&mut h);
    h.finish()
}

/// A file the last build parsed.
struct Known {
    text: u128,
    stamp: Option<Stamp>,
    /// Fingerprint of every file's address when the body's links were last
    /// resolved: while it is the same, they need no checking.
    resolver: u64,
    body: Body,
    item: Item,
}

/// A parsed file taken from the cache.
pub struct Taken<T> {
    pub item: T,
    pub body: Body,
    pub text: u128,
    pub resolver: u64,
}

impl Known {
    fn taken<T: Cached>(self) -> Option<Taken<T>> {
        let Known { text, resolver, body, item, .. } = self;
        T::take(item).map(|item| Taken { item, body, text, resolver })
    }
}

/// What the last build parsed, to take from, and what to save of this one.
#[derive(Default)]
pub struct Parsed {
    key: u128,
    known: HashMap<String, Known>,
    /// Per shard, what it held when read; `None` when it held damaged entries,
    /// so that it is written again even if none of its files changed.
    held: Vec<Option<u64>>,
    /// How many damaged entries the shards held.
    damaged: usize,
}

/// The intact entries of one shard file, and how many entries were damaged.
fn read_shard(key: u128, bytes: &[u8]) -> (Vec<Entry>, usize) {
    let opened = sealed::open(KIND, key, bytes);
    let entries: Vec<Entry> = opened.entries().filter_map(|e| postcard::from_bytes(e).ok()).collect();
    // An intact entry that does not decode (an encoding changed without a new
    // KIND) is as useless as a damaged one.
    let damaged = opened.damaged + opened.entries().len() - entries.len();
    (entries, damaged)
}

impl Parsed {
    /// The cache from the shard files' bytes (`None` for a missing file); `key`
    /// is the fingerprint of the program and configuration.
    pub fn from_shards(key: u128, shards: Vec<Option<Vec<u8>>>) -> Parsed {
        let read: Vec<(Vec<Entry>, usize)> = shards
            .into_par_iter()
            .take(SHARDS)
            .map(|bytes| bytes.map(|b| read_shard(key, &b)).unwrap_or_default())
            .collect();
        let mut cache = Parsed::empty(key);
        for (n, (entries, damaged)) in read.into_iter().enumerate() {
            let held = contents(entries.iter().map(|e| (e.source.as_str(), e.text, e.stamp)));
            cache.held[n] = (damaged == 0).then_some(held);
            cache.damaged += damaged;
            cache.known.extend(entries.into_iter().map(|e| {
                let Entry { source, text, stamp, resolver, body, item } = e;
                (source, Known { text, stamp, resolver, body, item })
            }));
        }
        cache
    }

    /// The cache nothing was read into, for a build without a cache folder.
    pub fn empty(key: u128) -> Parsed {
        Parsed { key, known: HashMap::new(), held: vec![Some(0); SHARDS], damaged: 0 }
    }

    /// How many entries of the shard files read were damaged, and so ignored.
    pub fn damaged(&self) -> usize {
        self.damaged
    }

    /// The parsed file `source` whose text hashed to `text` last time, if it did.
    pub fn take<T: Cached>(&mut self, source: &str, text: u128) -> Option<Taken<T>> {
        self.known.remove(source).filter(|k| k.text == text).and_then(Known::taken)
    }

    /// The parsed file `source` when it still has the size and time it had when
    /// last read, with its text's hash. Otherwise it stays, for [`Parsed::take`].
    pub fn take_unchanged<T: Cached>(&mut self, source: &str, stamp: Stamp) -> Option<Taken<T>> {
        if self.known.get(source)?.stamp != Some(stamp) {
            return None;
        }
        self.known.remove(source).and_then(Known::taken)
    }

    /// The fingerprint of the program and configuration the cache is for.
    pub fn key(&self) -> u128 {
        self.key
    }

    /// Done taking: what is needed to save this build's files, given in the order
    /// their items will be (posts, authors, pages).
    pub fn finish(self, files: Vec<Meta>) -> ToSave {
        ToSave { key: self.key, held: self.held, files }
    }
}

/// How one file of this build was loaded.
#[derive(Debug)]
pub struct Meta {
    pub source: String,
    pub text: u128,
    pub stamp: Option<Stamp>,
    /// The fingerprint of the addresses the body's links were resolved against.
    pub resolver: u64,
    pub body: Body,
    /// Taken from the cache unchanged.
    pub reused: bool,
}

/// What to save of one build's parsed files.
#[derive(Debug, Default)]
pub struct ToSave {
    key: u128,
    held: Vec<Option<u64>>,
    files: Vec<Meta>,
}

impl ToSave {
    /// The cache the next build would read from disk, made from this build's items
    /// in memory instead (for the preview server, which rebuilds again and again).
    pub fn into_parsed(self, items: impl Iterator<Item = (String, Item)>) -> Parsed {
        let mut held = vec![Vec::new(); SHARDS];
        let mut meta: HashMap<String, Meta> = HashMap::with_capacity(self.files.len());
        for m in self.files {
            held[shard_of(&m.source)].push((m.source.clone(), m.text, m.stamp));
            meta.insert(m.source.clone(), m);
        }
        let held = held
            .iter()
            .map(|list| Some(contents(list.iter().map(|(s, t, st)| (s.as_str(), *t, *st)))))
            .collect();
        let known = items
            .filter_map(|(source, item)| {
                let m = meta.remove(&source)?;
                Some((
                    source,
                    Known { text: m.text, stamp: m.stamp, resolver: m.resolver, body: m.body, item },
                ))
            })
            .collect();
        Parsed { key: self.key, known, held, damaged: 0 }
    }

    /// Encodes each shard whose contents changed, or that held damaged entries,
    /// and hands it to `save` with its number, a few at a time (all of them at
    /// once would double a cold build's memory). `items` are the files' items, in
    /// the order `finish` was given them.
    pub fn save<'a, E: Send>(
        &self,
        items: impl Iterator<Item = ItemRef<'a>>,
        save: impl Fn(usize, &[u8]) -> Result<(), E> + Sync,
    ) -> Result<(), E> {
        let mut shards: Vec<(Vec<EntryRef<'_>>, bool)> = (0..SHARDS).map(|_| (Vec::new(), false)).collect();
        for (m, item) in self.files.iter().zip(items) {
            let (entries, dirty) = &mut shards[shard_of(&m.source)];
            let (text, stamp, resolver, body) = (m.text, m.stamp, m.resolver, m.body);
            entries.push(EntryRef { source: &m.source, text, stamp, resolver, body, item });
            *dirty |= !m.reused;
        }
        let changed = shards.into_iter().enumerate().filter(|(n, (entries, dirty))| {
            *dirty
                || Some(contents(entries.iter().map(|e| (e.source, e.text, e.stamp))))
                    != self.held.get(*n).copied().unwrap_or(Some(0))
        });
        let changed: Vec<(usize, Vec<EntryRef<'_>>)> =
            changed.map(|(n, (entries, _))| (n, entries)).collect();
        changed.into_par_iter().try_for_each(|(n, entries)| save(n, &seal(self.key, &entries)))
    }
}

/// A shard file's bytes: each entry encoded and sealed. An entry that cannot be
/// encoded is left out (its file is parsed again next time).
fn seal(key: u128, entries: &[EntryRef<'_>]) -> Vec<u8> {
    let mut sealer = Sealer::new(KIND, key);
    for e in entries {
        if let Ok(raw) = postcard::to_stdvec(e) {
            sealer.push(&[&raw]);
        }
    }
    sealer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Page;

    fn page(slug: &str) -> Page {
        Page {
            source: PathBuf::from(format!("content/{slug}.md")),
            slug: slug.into(),
            title: slug.to_uppercase(),
            description: None,
            body: Default::default(),
            fingerprint: 0,
        }
    }

    fn meta(p: &Page, text: u128, reused: bool) -> Meta {
        let source = p.source.to_string_lossy().into();
        Meta { source, text, stamp: None, resolver: 0, body: Body { offset: 0, line: 1 }, reused }
    }

    /// Saves `pages` (with text hashes) through `cache`; returns the shard files.
    fn save(cache: Parsed, pages: &[(Page, u128, bool)]) -> Vec<Option<Vec<u8>>> {
        let files = cache.finish(pages.iter().map(|(p, t, r)| meta(p, *t, *r)).collect());
        let out = std::sync::Mutex::new(vec![None; SHARDS]);
        files
            .save(pages.iter().map(|(p, _, _)| p.item()), |n, b| {
                out.lock().unwrap()[n] = Some(b.to_vec());
                Ok::<(), ()>(())
            })
            .unwrap();
        out.into_inner().unwrap()
    }

    #[test]
    fn files_come_back_only_with_the_same_text_and_key() {
        let (a, b) = (page("a"), page("b"));
        let shards = save(Parsed::empty(7), &[(a.clone(), 1, false), (b.clone(), 2, false)]);
        assert_eq!(
            shards.iter().flatten().count(),
            if shard_of("content/a.md") == shard_of("content/b.md") { 1 } else { 2 }
        );

        let mut cache = Parsed::from_shards(7, shards.clone());
        let got = cache.take::<Page>("content/a.md", 1).unwrap();
        assert_eq!(got.item.title, "A");
        assert!(cache.take::<Page>("content/b.md", 3).is_none(), "another text");
        assert!(
            Parsed::from_shards(8, shards.clone()).take::<Page>("content/a.md", 1).is_none(),
            "another key"
        );

        // Nothing changed: nothing to write. One text changed: its shard only.
        let again =
            save(Parsed::from_shards(7, shards.clone()), &[(a.clone(), 1, true), (b.clone(), 2, true)]);
        assert_eq!(again.iter().flatten().count(), 0);
        let edited = save(Parsed::from_shards(7, shards), &[(a, 1, true), (b, 5, false)]);
        assert_eq!(
            edited.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(n, _)| n).collect::<Vec<_>>(),
            [shard_of("content/b.md")]
        );
    }

    #[test]
    fn a_damaged_entry_is_a_miss_and_its_shard_is_written_again() {
        let n = shard_of("content/a.md");
        let mut shards = save(Parsed::empty(7), &[(page("a"), 1, false)]);
        let bytes = shards[n].as_mut().unwrap();
        let at = bytes.len() - 2; // inside the compressed entries
        bytes[at] ^= 0x04;
        let mut cache = Parsed::from_shards(7, shards.clone());
        assert_eq!(cache.damaged(), 1);
        assert!(cache.take::<Page>("content/a.md", 1).is_none());
        // Even with the file gone (nothing of this build in that shard), it is repaired.
        let again = save(Parsed::from_shards(7, shards), &[]);
        assert_eq!(Parsed::from_shards(7, again.clone()).damaged(), 0);
        assert!(again[n].is_some());
    }
}

//! The parsed-file cache on disk: entries spread over [`SHARDS`] files by source
//! path, so one edit rewrites one small file. Each entry is sealed (see
//! [`super::sealed`]): a damaged one is left out and counted, and its file parsed
//! again. Anything unreadable, or from another program or configuration, is
//! ignored: the cache is only an optimisation.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::parsed::{Cached, Item, ItemRef, Known, Parsed, Stamp, ToSave};
use super::sealed::{self, Kind, Sealer};
use crate::content::Body;
use crate::model::Input;

/// How many shard files the cache is spread over.
pub(super) const SHARDS: usize = 64;

/// The shard file `n` inside a cache folder.
pub(super) fn file(dir: &Path, n: usize) -> PathBuf {
    dir.join("parsed").join(format!("{n:02}.bin"))
}

/// The shard a source file's entry lives in.
pub(super) fn shard_of(source: &str) -> usize {
    (xxh3_64(source.as_bytes()) % SHARDS as u64) as usize
}

/// Shard files (see [`super::sealed`]), compressed: the bodies' HTML is most of them.
const KIND: Kind = Kind { name: "parsed/3", compressed: true };

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

/// A hash of which files (and versions, sizes and times) a shard holds.
pub(super) fn contents<'a>(entries: impl Iterator<Item = (&'a str, u128, Option<Stamp>)>) -> u64 {
    let mut list: Vec<(&str, u128, Option<Stamp>)> = entries.collect();
    if list.is_empty() {
        return 0; // as for a shard with no file
    }
    list.sort_unstable();
    let mut h = Xxh3::new();
    list.hash(&mut h);
    h.finish()
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
    /// The cache the shard files in `dir` hold for `key` (the fingerprint of the
    /// program and configuration), read in parallel.
    pub(crate) fn read(dir: &Path, key: u128) -> Parsed {
        Parsed::from_shards(key, (0..SHARDS).into_par_iter().map(|n| fs::read(file(dir, n)).ok()).collect())
    }

    /// The cache from the shard files' bytes (`None` for a missing file).
    pub(crate) fn from_shards(key: u128, shards: Vec<Option<Vec<u8>>>) -> Parsed {
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
                (source, Known { text, stamp, resolver, body, item, spare: None })
            }));
        }
        cache
    }
}

impl ToSave {
    /// Encodes each shard whose contents changed, or that held damaged entries,
    /// and hands it to `save` with its number, a few at a time (all of them at
    /// once would double a cold build's memory). `input` holds the files' items in
    /// the order `finish` was given them (posts, authors, pages).
    pub(crate) fn save<E: Send>(
        &self,
        input: &Input,
        save: impl Fn(usize, &[u8]) -> Result<(), E> + Sync,
    ) -> Result<(), E> {
        let items = input.posts.iter().map(Cached::item);
        let items =
            items.chain(input.authors.iter().map(Cached::item)).chain(input.pages.iter().map(Cached::item));
        self.save_items(items, save)
    }

    fn save_items<'a, E: Send>(
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
pub(super) mod tests {
    use super::*;
    use crate::cache::parsed::Meta;
    use crate::model::Page;

    pub(in crate::cache) fn page(slug: &str) -> Page {
        Page {
            source: PathBuf::from(format!("content/{slug}.md")),
            slug: slug.into(),
            title: slug.to_uppercase(),
            description: None,
            body: Default::default(),
            aliases: Vec::new(),
            fingerprint: 0,
        }
    }

    pub(in crate::cache) fn meta(p: &Page, text: u128, reused: bool) -> Meta {
        let source = p.source.to_string_lossy().into();
        Meta { source, text, stamp: None, resolver: 0, body: Body { offset: 0, line: 1 }, reused }
    }

    /// Saves `pages` (with text hashes) through `cache`; returns the shard files.
    fn save(cache: Parsed, pages: &[(Page, u128, bool)]) -> Vec<Option<Vec<u8>>> {
        let files = cache.finish(pages.iter().map(|(p, t, r)| meta(p, *t, *r)).collect(), Vec::new());
        let out = std::sync::Mutex::new(vec![None; SHARDS]);
        files
            .save_items(pages.iter().map(|(p, _, _)| p.item()), |n, b| {
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

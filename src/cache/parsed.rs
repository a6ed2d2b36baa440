//! Parsed files kept across builds: each post, author and page with its rendered
//! body, by the hash of the file's text, so an unchanged file is neither parsed nor
//! rendered again. A body's links to other files are checked against the current
//! site before it is reused (they are recorded in `Rendered::links`).
//!
//! Pure data: `load` takes from a [`Parsed`] and hands back a [`ToSave`]; how they
//! are read from and saved to disk is in `shards`. A build that keeps its files in
//! memory for the next one (the preview server's) hands back a copy of every file
//! it loaded too, and [`ToSave::into_parsed`] makes the next build's [`Parsed`] of
//! them, with a spare copy of each: the next build gives one copy to its site and
//! keeps the other, so that no file is copied while a build runs.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::shards::{contents, shard_of};
use crate::content::Body;
use crate::markdown::Rendered;
use crate::model::{Author, Page, Post};

/// A file's size and modification time (nanoseconds since the epoch).
pub(crate) type Stamp = (u64, u128);

/// A parsed file of any kind, as the cache holds it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) enum Item {
    Post(Post),
    Author(Author),
    Page(Page),
}

/// An [`Item`] borrowed, for saving (same encoding).
#[derive(Serialize)]
pub(crate) enum ItemRef<'a> {
    Post(&'a Post),
    Author(&'a Author),
    Page(&'a Page),
}

/// The kinds of parsed file the cache holds.
pub(crate) trait Cached: Sized + Clone {
    fn take(item: Item) -> Option<Self>;
    fn item(&self) -> ItemRef<'_>;
    fn into_item(self) -> Item;
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
            fn into_item(self) -> Item {
                Item::$ty(self)
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

/// The hash of a file's text, as entries are keyed.
pub(crate) fn text_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// A file the last build parsed.
pub(super) struct Known {
    pub(super) text: u128,
    pub(super) stamp: Option<Stamp>,
    /// Fingerprint of every file's address when the body's links were last
    /// resolved: while it is the same, they need no checking.
    pub(super) resolver: u64,
    pub(super) body: Body,
    pub(super) item: Item,
    /// A copy of `item`, kept in memory by the last build for this one to keep.
    pub(super) spare: Option<Item>,
}

/// A parsed file taken from the cache.
pub(crate) struct Taken<T> {
    pub item: T,
    pub body: Body,
    pub text: u128,
    pub resolver: u64,
    /// A copy of `item`, when the last build in this process left one.
    pub spare: Option<T>,
}

impl Known {
    fn taken<T: Cached>(self) -> Option<Taken<T>> {
        let Known { text, resolver, body, item, spare, .. } = self;
        let spare = spare.and_then(T::take);
        T::take(item).map(|item| Taken { item, body, text, resolver, spare })
    }
}

/// What the last build parsed, to take from, and what to save of this one.
#[derive(Default)]
pub(crate) struct Parsed {
    pub(super) key: u128,
    pub(super) known: HashMap<String, Known>,
    /// Per shard, what it held when read; `None` when it held damaged entries,
    /// so that it is written again even if none of its files changed.
    pub(super) held: Vec<Option<u64>>,
    /// How many damaged entries the shards held.
    pub(super) damaged: usize,
}

impl Parsed {
    /// The cache nothing was read into, for a build without a cache folder.
    pub(crate) fn empty(key: u128) -> Parsed {
        Parsed { key, known: HashMap::new(), held: vec![Some(0); super::shards::SHARDS], damaged: 0 }
    }

    /// How many entries of the shard files read were damaged, and so ignored.
    pub(crate) fn damaged(&self) -> usize {
        self.damaged
    }

    /// The parsed file `source` whose text hashed to `text` last time, if it did.
    pub(crate) fn take<T: Cached>(&mut self, source: &str, text: u128) -> Option<Taken<T>> {
        self.known.remove(source).filter(|k| k.text == text).and_then(Known::taken)
    }

    /// The parsed file `source` when it still has the size and time it had when
    /// last read, with its text's hash. Otherwise it stays, for [`Parsed::take`].
    pub(crate) fn take_unchanged<T: Cached>(&mut self, source: &str, stamp: Stamp) -> Option<Taken<T>> {
        if self.known.get(source)?.stamp != Some(stamp) {
            return None;
        }
        self.known.remove(source).and_then(Known::taken)
    }

    /// The fingerprint of the program and configuration the cache is for.
    pub(crate) fn key(&self) -> u128 {
        self.key
    }

    /// Done taking: what is needed to save this build's files, given in the order
    /// their items will be (posts, authors, pages), and `kept`: a copy of each
    /// item in the same order, for the next build in this process, or nothing.
    pub(crate) fn finish(self, files: Vec<Meta>, kept: Vec<Item>) -> ToSave {
        ToSave { key: self.key, held: self.held, files, kept }
    }
}

/// How one file of this build was loaded.
#[derive(Debug)]
pub(crate) struct Meta {
    pub source: String,
    pub text: u128,
    pub stamp: Option<Stamp>,
    /// The fingerprint of the addresses the body's links were resolved against.
    pub resolver: u64,
    pub body: Body,
    /// Taken from the cache unchanged.
    pub reused: bool,
}

/// What to save of one build's parsed files, and what to keep of them in memory.
#[derive(Debug, Default)]
pub(crate) struct ToSave {
    pub(super) key: u128,
    pub(super) held: Vec<Option<u64>>,
    pub(super) files: Vec<Meta>,
    /// A copy of each file's item, in the order of `files`; empty when the build
    /// keeps nothing in memory.
    pub(super) kept: Vec<Item>,
}

impl ToSave {
    /// The cache the next build would read from disk, made from the copies this
    /// build kept in memory instead (for the preview server, which rebuilds again
    /// and again), each with a spare copy. Empty when the build kept no copies.
    pub(crate) fn into_parsed(self) -> Parsed {
        let mut held = vec![Vec::new(); super::shards::SHARDS];
        for m in &self.files {
            held[shard_of(&m.source)].push((m.source.as_str(), m.text, m.stamp));
        }
        let held = held.into_iter().map(|list| Some(contents(list.into_iter()))).collect();
        let known = self
            .files
            .into_iter()
            .zip(self.kept)
            .map(|(m, item)| {
                let (text, stamp, resolver, body) = (m.text, m.stamp, m.resolver, m.body);
                let spare = Some(item.clone());
                (m.source, Known { text, stamp, resolver, body, item, spare })
            })
            .collect();
        Parsed { key: self.key, known, held, damaged: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::shards::tests::{meta, page};

    #[test]
    fn kept_copies_come_back_from_memory_each_with_a_spare() {
        let (a, b) = (page("a"), page("b"));
        let files = vec![meta(&a, 1, false), meta(&b, 2, true)];
        let kept = vec![Item::Page(a.clone()), Item::Page(b.clone())];
        let mut next = Parsed::empty(7).finish(files, kept).into_parsed();
        assert_eq!(next.key(), 7);
        let got = next.take::<Page>("content/a.md", 1).unwrap();
        assert_eq!((got.item.title.as_str(), got.spare.map(|s| s.title)), ("A", Some("A".into())));
        assert!(next.take::<Page>("content/b.md", 3).is_none(), "another text");
        // A build that kept no copies leaves nothing to take.
        let mut none = Parsed::empty(7).finish(vec![meta(&a, 1, false)], Vec::new()).into_parsed();
        assert!(none.take::<Page>("content/a.md", 1).is_none());
    }
}

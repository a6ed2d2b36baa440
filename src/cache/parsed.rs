//! Parsed files kept across builds: each post, author and page with its rendered
//! body, by the hash of the file's text, so an unchanged file is neither parsed nor
//! rendered again. A body's links to other files are checked against the current
//! site before it is reused (they are recorded in `Rendered::links`).
//!
//! Pure data: `load` takes from a [`Parsed`] and hands back a [`ToSave`]; how they
//! are read from and saved to disk is in `shards`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::shards::{contents, shard_of};
use crate::content::Body;
use crate::markdown::Rendered;
use crate::model::{Author, Page, Post};

/// A file's size and modification time (nanoseconds since the epoch).
pub type Stamp = (u64, u128);

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

/// The hash of a file's text, as entries are keyed.
pub fn text_hash(text: &str) -> u128 {
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
    pub fn empty(key: u128) -> Parsed {
        Parsed { key, known: HashMap::new(), held: vec![Some(0); super::shards::SHARDS], damaged: 0 }
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
    pub(super) key: u128,
    pub(super) held: Vec<Option<u64>>,
    pub(super) files: Vec<Meta>,
}

impl ToSave {
    /// The cache the next build would read from disk, made from this build's items
    /// in memory instead (for the preview server, which rebuilds again and again).
    pub fn into_parsed(self, items: impl Iterator<Item = (String, Item)>) -> Parsed {
        let mut held = vec![Vec::new(); super::shards::SHARDS];
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
}

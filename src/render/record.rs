//! The record of what one output file reads, and its fingerprint.
//!
//! Every kind of output gathers, for each file it makes, one typed value holding
//! exactly what the file shows (see `output::Output::record`); the file is rendered
//! from that value alone, and its fingerprint is the hash of that value serialized.
//! So nothing a page shows can be left out of its fingerprint: there is no second
//! list of what each page depends on.
//!
//! Two kinds of value stand in the record for themselves by a hash of their own,
//! to keep the hashing cheap: a post, author or page by the fingerprint `load` gave
//! it ([`Whole`]), and a list card by the hash of the card ([`Listed`]).

use serde::{Serialize, Serializer};
use xxhash_rust::xxh3::Xxh3;

use super::views::PostCard;
use crate::model::{Author, Page, Post};

/// A 128-bit hash of everything one output file is made from.
pub(crate) type Fingerprint = u128;

/// Bytes written into a hash.
struct HashWriter(Xxh3);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The hash of `value`, serialized.
pub(crate) fn hash<T: Serialize + ?Sized>(value: &T) -> Fingerprint {
    let mut h = HashWriter(Xxh3::new());
    // Postcard cannot write everything serde can (`#[serde(flatten)]`, maps of
    // unknown length): a record it stops in would hash only its start, and two
    // different records the same. Such a record gets a hash of its own each time,
    // so its file is always rendered; tests fail on it.
    if let Err(e) = postcard::to_io(value, &mut h) {
        debug_assert!(false, "a record cannot be hashed: {e}");
        static UNHASHABLE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = UNHASHABLE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return xxhash_rust::xxh3::xxh3_128_with_seed(b"a record postcard cannot write", n);
    }
    h.0.digest128()
}

/// A model entity that `load` fingerprinted: its file's path and text and where its
/// links point.
pub(crate) trait Fingerprinted: Serialize {
    /// The fingerprint `load` gave it; 0 for one made otherwise (tests, benchmarks).
    fn loaded(&self) -> u128;
}

impl Fingerprinted for Post {
    fn loaded(&self) -> u128 {
        self.fingerprint
    }
}

impl Fingerprinted for Author {
    fn loaded(&self) -> u128 {
        self.fingerprint
    }
}

impl Fingerprinted for Page {
    fn loaded(&self) -> u128 {
        self.fingerprint
    }
}

/// A whole post, author or page in a record: the output may show any of its fields.
/// Serialized as its fingerprint, or all its fields when it has none.
pub(crate) struct Whole<'a, T>(pub &'a T);

impl<T> Clone for Whole<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Whole<'_, T> {}

impl<T> std::ops::Deref for Whole<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
    }
}

impl<T: Fingerprinted> Serialize for Whole<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.loaded() {
            0 => self.0.serialize(s),
            fp => s.serialize_u128(fp),
        }
    }
}

/// A view shared by many records (an author as bylines show them), serialized as
/// its hash, made once per build.
pub(crate) struct Hashed<'a, T> {
    pub value: &'a T,
    pub hash: Fingerprint,
}

impl<T> Clone for Hashed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Hashed<'_, T> {}

impl<T> std::ops::Deref for Hashed<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
    }
}

impl<T> Serialize for Hashed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u128(self.hash)
    }
}

/// A post as a list shows it: its card, and its number (to paste the card's HTML,
/// rendered once per build, into every list). Serialized as the card's hash.
#[derive(Clone, Copy)]
pub(crate) struct Listed<'a> {
    pub post: usize,
    pub card: &'a PostCard,
    pub hash: Fingerprint,
}

impl Serialize for Listed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u128(self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Flattened {
        #[serde(flatten)]
        inner: std::collections::BTreeMap<String, u32>,
    }

    #[test]
    #[cfg(not(debug_assertions))]
    fn a_record_postcard_cannot_write_never_shares_a_hash() {
        let a = Flattened { inner: [("a".to_string(), 1)].into() };
        assert_ne!(hash(&a), hash(&a));
    }

    #[test]
    #[should_panic(expected = "a record cannot be hashed")]
    #[cfg(debug_assertions)]
    fn a_record_postcard_cannot_write_fails_tests() {
        hash(&Flattened { inner: [("a".to_string(), 1)].into() });
    }

    #[test]
    fn a_record_hashes_what_it_holds() {
        assert_eq!(hash(&("a", 1)), hash(&("a", 1)));
        assert_ne!(hash(&("a", 1)), hash(&("a", 2)));
        assert_ne!(hash(&("ab", "")), hash(&("a", "b")));
    }
}

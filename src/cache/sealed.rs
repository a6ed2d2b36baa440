//! The framing every cache file of byline shares, so that no damaged byte of a cache
//! reaches the site: a version line, a key, a table holding each entry's length and
//! a hash of its bytes together with the key, and the entries (lz4-compressed as a
//! whole, for the kinds that ask). Pure: bytes in, bytes out; what an entry means
//! is the caller's business.
//!
//! The hashes (xxh3-128) detect corruption: flipped bits, a truncated or spliced
//! file, a hand edit. They are not a defence against someone who can write the
//! cache folder and recompute them (such a person could as well edit the sources):
//! a cache must only ever come from builds one trusts (the README says how in CI).

use std::borrow::Cow;
use std::ops::Range;

use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// Bumped whenever this framing changes; each kind of file has its own number too.
const FORMAT: u32 = 1;

/// Bytes per table row: the entry's length (u32) and its hash (u128).
const ROW: usize = 4 + 16;

/// A kind of cache file.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kind {
    /// Its name and format number ("parsed/2"), bumped whenever what an entry
    /// holds or how it is encoded changes.
    pub name: &'static str,
    /// The entries are compressed, all together.
    pub compressed: bool,
}

impl Kind {
    /// The first line of a file of this kind: a file with any other first line is
    /// from another version of byline (or not a cache file), and is ignored.
    fn version_line(self) -> String {
        format!("byline {} sealed/{FORMAT} {}\n", env!("CARGO_PKG_VERSION"), self.name)
    }
}

/// The hash an entry carries: of its bytes (given in parts) together with the key.
fn check(key: u128, parts: &[&[u8]]) -> u128 {
    let mut h = Xxh3::new();
    h.update(&key.to_le_bytes());
    for p in parts {
        h.update(p);
    }
    h.digest128()
}

/// Entries being sealed into one cache file.
pub(super) struct Sealer {
    kind: Kind,
    key: u128,
    count: u32,
    rows: Vec<u8>,
    body: Vec<u8>,
}

impl Sealer {
    /// A file of `kind` whose entries are valid for `key` (the program and every
    /// option that changes what an entry holds).
    pub(super) fn new(kind: Kind, key: u128) -> Sealer {
        Sealer { kind, key, count: 0, rows: Vec::new(), body: Vec::new() }
    }

    /// Adds one entry, whose bytes are `parts` one after the other. An entry of
    /// 4 GiB or more is left out (the cache is only an optimisation).
    pub(super) fn push(&mut self, parts: &[&[u8]]) {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let Ok(len) = u32::try_from(len) else { return };
        self.rows.extend_from_slice(&len.to_le_bytes());
        self.rows.extend_from_slice(&check(self.key, parts).to_le_bytes());
        for p in parts {
            self.body.extend_from_slice(p);
        }
        self.count += 1;
    }

    /// The file's bytes.
    pub(super) fn finish(self) -> Vec<u8> {
        let body = if self.kind.compressed { lz4_flex::compress(&self.body) } else { self.body };
        let mut out = self.kind.version_line().into_bytes();
        out.reserve(36 + self.rows.len() + body.len());
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.count.to_le_bytes());
        out.extend_from_slice(&self.rows);
        let table = xxh3_128(&out);
        out.extend_from_slice(&table.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }
}

/// What [`open`] found in a cache file.
#[derive(Debug, Default)]
pub(super) struct Opened<'a> {
    body: Cow<'a, [u8]>,
    /// Where the intact entries are in `body`, in the order they were pushed.
    spans: Vec<Range<usize>>,
    /// How many entries were damaged. A file whose table is damaged counts once:
    /// how many entries it held is not known then.
    pub damaged: usize,
}

impl Opened<'_> {
    /// The entries whose bytes match their hash, in the order they were pushed.
    pub(super) fn entries(&self) -> impl ExactSizeIterator<Item = &[u8]> {
        self.spans.iter().map(|r| &self.body[r.clone()])
    }
}

/// Reads little-endian numbers and slices off the front of a byte string.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    fn u128(&mut self) -> Option<u128> {
        self.take(16)?.try_into().ok().map(u128::from_le_bytes)
    }
}

/// The table of a file whose version line is `line`, when its hash matches:
/// (key, rows, the bytes after it).
fn table<'a>(line: &str, bytes: &'a [u8]) -> Option<(u128, &'a [u8], &'a [u8])> {
    let mut cursor = Cursor(bytes.get(line.len()..)?);
    let key = cursor.u128()?;
    let count = cursor.u32()?;
    let rows = cursor.take(usize::try_from(count).ok()?.checked_mul(ROW)?)?;
    let end = bytes.len() - cursor.0.len();
    let sum = cursor.u128()?;
    (xxh3_128(&bytes[..end]) == sum).then_some((key, rows, cursor.0))
}

/// The rows of a table: each entry's length and hash.
fn rows(table: &[u8]) -> impl Iterator<Item = (usize, u128)> + '_ {
    table.chunks_exact(ROW).filter_map(|row| {
        let mut row = Cursor(row);
        Some((usize::try_from(row.u32()?).ok()?, row.u128()?))
    })
}

/// The entries of a file of `kind` sealed for `key` that are intact. A file from
/// another version or for another key gives nothing and counts no damage; one
/// whose compressed body is damaged counts each of its entries.
pub(super) fn open<'a>(kind: Kind, key: u128, bytes: &'a [u8]) -> Opened<'a> {
    let line = kind.version_line();
    if !bytes.starts_with(line.as_bytes()) {
        return Opened::default();
    }
    let Some((stored, table, body)) = table(&line, bytes) else {
        return Opened { damaged: 1, ..Opened::default() };
    };
    if stored != key {
        return Opened::default();
    }
    let count = table.len() / ROW;
    let body = match kind.compressed {
        false => Cow::Borrowed(body),
        true => {
            let size = rows(table).try_fold(0usize, |n, (len, _)| n.checked_add(len));
            match size.map(|size| lz4_flex::decompress(body, size)) {
                Some(Ok(raw)) => Cow::Owned(raw),
                _ => return Opened { damaged: count, ..Opened::default() },
            }
        }
    };
    let mut opened = Opened { body, spans: Vec::with_capacity(count), damaged: 0 };
    let mut at = 0usize;
    for (len, sum) in rows(table) {
        // A file cut short loses the entries past the cut.
        let span = at..at.saturating_add(len);
        match opened.body.get(span.clone()) {
            Some(entry) if check(key, &[entry]) == sum => opened.spans.push(span.clone()),
            _ => opened.damaged += 1,
        }
        at = span.end;
    }
    opened
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Kind = Kind { name: "test/1", compressed: false };
    const LZ4: Kind = Kind { name: "test/1", compressed: true };
    const ENTRIES: [&[u8]; 3] = [b"first entry", b"", b"the third entry, the third entry, longer"];

    fn sealed(kind: Kind, key: u128) -> Vec<u8> {
        let mut s = Sealer::new(kind, key);
        for e in ENTRIES {
            let (a, b) = e.split_at(e.len() / 2);
            s.push(&[a, b]);
        }
        s.finish()
    }

    /// The entries `open` gives, and the damage it counts.
    fn opened(kind: Kind, key: u128, bytes: &[u8]) -> (Vec<Vec<u8>>, usize) {
        let o = open(kind, key, bytes);
        (o.entries().map(<[u8]>::to_vec).collect(), o.damaged)
    }

    fn entries(range: Range<usize>) -> Vec<Vec<u8>> {
        ENTRIES[range].iter().map(|e| e.to_vec()).collect()
    }

    #[test]
    fn sealed_entries_open_as_they_were() {
        for kind in [PLAIN, LZ4] {
            assert_eq!(opened(kind, 7, &sealed(kind, 7)), (entries(0..3), 0));
            assert_eq!(opened(kind, 7, &Sealer::new(kind, 7).finish()), (vec![], 0));
        }
    }

    #[test]
    fn another_key_version_or_kind_gives_nothing_and_no_damage() {
        let bytes = sealed(PLAIN, 7);
        assert_eq!(opened(PLAIN, 8, &bytes), (vec![], 0), "another key");
        assert_eq!(opened(Kind { name: "test/2", ..PLAIN }, 7, &bytes), (vec![], 0), "another format");
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let at = bytes.windows(version.len()).position(|w| w == version).unwrap();
        let mut other = bytes.clone();
        other[at] ^= 1;
        assert_eq!(opened(PLAIN, 7, &other), (vec![], 0), "another version");
        assert_eq!(opened(PLAIN, 7, b"{\"format\":\"old json\"}"), (vec![], 0));
    }

    #[test]
    fn a_damaged_entry_is_left_out_and_counted() {
        let mut bytes = sealed(PLAIN, 7);
        let at = bytes.len() - 3; // inside the last entry
        bytes[at] ^= 0x10;
        assert_eq!(opened(PLAIN, 7, &bytes), (entries(0..2), 1));
        let whole = sealed(PLAIN, 7);
        assert_eq!(opened(PLAIN, 7, &whole[..whole.len() - 1]), (entries(0..2), 1), "cut short");
    }

    #[test]
    fn a_damaged_table_loses_the_file_and_counts_once() {
        let line = PLAIN.version_line().len();
        for at in [line, line + 16, line + 20, line + 20 + ROW] {
            let mut bytes = sealed(PLAIN, 7);
            bytes[at] ^= 1;
            assert_eq!(opened(PLAIN, 7, &bytes), (vec![], 1), "byte {at}");
        }
    }

    #[test]
    fn no_flipped_bit_anywhere_gives_an_entry_that_was_not_sealed() {
        for kind in [PLAIN, LZ4] {
            let good = sealed(kind, 7);
            for at in 0..good.len() {
                for bit in 0..8 {
                    let mut bytes = good.clone();
                    bytes[at] ^= 1 << bit;
                    let (got, _) = opened(kind, 7, &bytes);
                    let place = format!("{kind:?} byte {at} bit {bit}");
                    assert!(got.iter().all(|e| ENTRIES.contains(&e.as_slice())), "{place}");
                    // (A flip in compressed bytes may well decompress to the same.)
                    assert!(kind.compressed || got.len() < ENTRIES.len(), "{place} went unnoticed");
                }
            }
        }
    }
}

//! The posts, authors and pages of one load on their way from files to the model:
//! taken from the parsed-file cache when unchanged (judged by size and time where
//! that is safe, else by a hash of the text), parsed otherwise, and their bodies
//! rendered once every file's address is known.

use std::fs;
use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use super::read_text;
use crate::cache::parsed::{self, Cached, Item, Meta, Parsed, Stamp, Taken};
use crate::config::Config;
use crate::content::Body;
use crate::content::post::Rejected;
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered, Resolver};
use crate::model::PostRefs;
use crate::support::diagnostic::Diagnostic;

/// A file changed less than this before it was read may change again without its
/// time changing (file times are coarse): its size and time are not trusted.
const RACY: Duration = Duration::from_secs(2);

/// One parsed file on its way through `load`.
pub(super) struct Doc<T> {
    pub item: T,
    /// The source path as the resolver and the cache know it (`/`-separated).
    pub key: String,
    /// The file on disk.
    path: PathBuf,
    body: Body,
    /// The file's text; `None` when the file was not read (unchanged by its size
    /// and time) and once its body is rendered.
    text: Option<String>,
    hash: u128,
    /// Size and time, when they can tell next time whether the file changed.
    stamp: Option<Stamp>,
    /// The fingerprint of the addresses the body's links were resolved against
    /// (0: not resolved yet).
    resolver: u64,
    /// Taken from the cache, with its rendered body, and not changed since.
    pub reused: bool,
    /// A copy of `item` taken from the cache (see [`items`]).
    spare: Option<T>,
}

pub(super) fn count_reused<T>(docs: &[Doc<T>]) -> usize {
    docs.iter().filter(|d| d.reused).count()
}

/// The items, each with its fingerprint: the file's path and text, and where the
/// body's links point. With `kept`, a copy of each is pushed there, in the same
/// order, for the next build in this process: the spare taken from the cache when
/// the file was reused as it was (nothing is copied then), else a copy made now.
pub(super) fn items<T: Cached>(docs: Vec<Doc<T>>, mut kept: Option<&mut Vec<Item>>) -> Vec<T> {
    docs.into_iter()
        .map(|mut d| {
            let (body, slot) = d.item.parts();
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            (&d.key, d.hash).hash(&mut h);
            for l in &body.links {
                l.url.hash(&mut h);
            }
            let fingerprint = h.digest128();
            *slot = fingerprint;
            if let Some(kept) = kept.as_deref_mut() {
                // A file whose body was rendered again differs from its spare.
                let mut copy = d.spare.take().filter(|_| d.reused).unwrap_or_else(|| d.item.clone());
                *copy.parts().1 = fingerprint;
                kept.push(copy.into_item());
            }
            d.item
        })
        .collect()
}

impl<T> Doc<T> {
    pub(super) fn meta(&self) -> Meta {
        Meta {
            source: self.key.clone(),
            text: self.hash,
            body: self.body,
            reused: self.reused,
            stamp: self.stamp,
            resolver: self.resolver,
        }
    }
}

/// A file's size and modification time, when it was last changed long enough
/// before `now` for them to be trusted next time.
fn stamp(path: &Path, now: SystemTime) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
    let modified = m.modified().ok()?;
    (modified + RACY < now).then_some(())?;
    Some((m.len(), modified.duration_since(UNIX_EPOCH).ok()?.as_nanos()))
}

/// A fingerprint of every file's address: while it stays the same, no link can
/// have moved.
pub(super) fn resolver_fingerprint(resolver: &Resolver) -> u64 {
    let mut pairs: Vec<(&String, &String)> = resolver.iter().collect();
    pairs.sort_unstable();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    pairs.hash(&mut h);
    std::hash::Hasher::finish(&h).max(1)
}

/// Marks the documents reused from the cache whose links no longer point where
/// they did (another file moved) to be rendered again, reading their text if it
/// was not read. `fingerprint` is the resolver's: documents last resolved against
/// the same addresses are not checked.
pub(super) fn recheck_links<T: Send>(
    root: &Path,
    config: &Config,
    (resolver, fingerprint): (&Arc<Resolver>, u64),
    docs: Vec<Doc<T>>,
    path: impl Fn(&T) -> String + Sync,
    body: impl Fn(&T) -> &Rendered + Sync,
) -> Vec<Doc<T>> {
    docs.into_par_iter()
        .map(|mut doc| {
            let checked = std::mem::replace(&mut doc.resolver, fingerprint) == fingerprint;
            if !doc.reused || checked {
                return doc;
            }
            let links = LinkContext::new(&config.base_url, &config.url(&path(&doc.item)))
                .with_source(&doc.key, resolver.clone());
            let moved =
                body(&doc.item).links.iter().any(|l| *links.rewrite(l.written.as_str().into()) != *l.url);
            if moved && doc.text.is_none() {
                // Not read, as it had not changed: read it now. Should that fail,
                // the old body is kept; a build that sees the file change reports it.
                doc.text = read_text(root, &doc.path).ok();
            }
            doc.reused = !moved || doc.text.is_none();
            if moved && doc.text.is_none() {
                doc.resolver = 0; // still to check
            }
            doc
        })
        .collect()
}

/// What rendering the markdown bodies needs.
pub(super) struct Bodies<'a> {
    pub config: &'a Config,
    pub md: MarkdownOptions<'a>,
    pub resolver: Arc<Resolver>,
}

impl Bodies<'_> {
    /// Renders the body of each document not reused from the cache. `path` gives a
    /// document's site path, `body` its rendered body.
    pub(super) fn render<T: Send>(
        &self,
        docs: Vec<Doc<T>>,
        path: impl Fn(&T) -> String + Sync,
        body: impl Fn(&mut T) -> &mut Arc<Rendered> + Sync,
    ) -> Vec<Doc<T>> {
        docs.into_par_iter()
            .map(|mut doc| {
                let text = doc.text.take(); // not needed after this
                let Some(text) = text.filter(|_| !doc.reused) else {
                    return doc;
                };
                let links = LinkContext::new(&self.config.base_url, &self.config.url(&path(&doc.item)))
                    .with_source(&doc.key, self.resolver.clone());
                let mut rendered = markdown::render(&text[doc.body.offset..], &links, self.md);
                rendered.shift_lines(doc.body.line - 1);
                *body(&mut doc.item) = Arc::new(rendered);
                doc
            })
            .collect()
    }
}

/// A file to read: where it is, how messages show it, its cache key, its stamp.
struct File {
    /// Its place in the list of files.
    at: usize,
    path: PathBuf,
    shown: PathBuf,
    key: String,
    stamp: Option<Stamp>,
}

/// How a file failed to parse: its problems, and what the checks across files
/// still need of it.
pub(super) trait Failure: Send {
    fn parts(self) -> (Vec<Diagnostic>, Option<PostRefs>);
}

impl Failure for Vec<Diagnostic> {
    fn parts(self) -> (Vec<Diagnostic>, Option<PostRefs>) {
        (self, None)
    }
}

impl Failure for Rejected {
    fn parts(self) -> (Vec<Diagnostic>, Option<PostRefs>) {
        (self.errors, self.refs)
    }
}

/// Takes each file from the cache when its size and time say it is unchanged, else
/// reads it and takes it when its text is unchanged, else parses it. Returns the
/// documents, every problem, and what is known of the posts that failed.
pub(super) fn parse_all<T: Send + Cached, E: Failure>(
    root: &Path,
    files: &[PathBuf],
    cache: &mut Parsed,
    parse: impl Fn(&Path, &str) -> Result<(T, Body), E> + Sync,
) -> (Vec<Doc<T>>, Vec<Diagnostic>, Vec<PostRefs>) {
    let now = SystemTime::now();
    // Sizes and times before texts: a file changing in between is read again next time.
    let stamps: Vec<Option<Stamp>> = files.par_iter().map(|p| stamp(p, now)).collect();
    // Each file keeps its place (the files are sorted): no sorting of documents after.
    let mut slots: Vec<Option<Doc<T>>> = Vec::with_capacity(files.len());
    let mut unread = Vec::new();
    for (at, (path, stamp)) in files.iter().zip(stamps).enumerate() {
        let shown = crate::support::diagnostic::display_path(root, path);
        let key = source_key(&shown);
        match stamp.and_then(|s| cache.take_unchanged::<T>(&key, s)) {
            Some(Taken { item, body, text: hash, resolver, spare }) => {
                let path = path.clone();
                slots.push(Some(Doc {
                    item,
                    key,
                    path,
                    body,
                    text: None,
                    hash,
                    stamp,
                    resolver,
                    reused: true,
                    spare,
                }));
            }
            None => {
                slots.push(None);
                unread.push(File { at, path: path.clone(), shown, key, stamp });
            }
        }
    }
    let texts: Vec<Result<(File, String), Diagnostic>> =
        unread.into_par_iter().map(|f| read_text(root, &f.path).map(|t| (f, t))).collect();
    let (mut todo, mut errors) = (Vec::new(), Vec::new());
    for t in texts {
        match t {
            Ok((File { at, path, shown, key, stamp }, text)) => {
                let hash = parsed::text_hash(&text);
                match cache.take::<T>(&key, hash) {
                    Some(Taken { item, body, resolver, spare, .. }) => {
                        let text = Some(text);
                        let reused = true;
                        let doc = Doc { item, key, path, body, text, hash, stamp, resolver, reused, spare };
                        slots[at] = Some(doc);
                    }
                    None => todo.push((File { at, path, shown, key, stamp }, text, hash)),
                }
            }
            Err(d) => errors.push(d),
        }
    }
    type Outcome<T, E> = Result<Doc<T>, E>;
    let results: Vec<(usize, Outcome<T, E>)> = todo
        .into_par_iter()
        .map(|(File { at, path, shown, key, stamp }, text, hash)| {
            let doc = parse(&shown, &text).map(|(item, body)| {
                let text = Some(text);
                Doc { item, key, path, body, text, hash, stamp, resolver: 0, reused: false, spare: None }
            });
            (at, doc)
        })
        .collect();
    let mut refs = Vec::new();
    for (at, r) in results {
        match r {
            Ok(d) => slots[at] = Some(d),
            Err(e) => {
                let (problems, known) = e.parts();
                errors.extend(problems);
                refs.extend(known);
            }
        }
    }
    (slots.into_iter().flatten().collect(), errors, refs)
}

/// A source path as links and the cache name it: relative, `/`-separated.
pub(crate) fn source_key(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

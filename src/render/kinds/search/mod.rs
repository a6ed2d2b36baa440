//! Full-text search: the Pagefind index of every published post, author page and
//! standalone page (`records`, `index`), and the `/search/` page (`page`).
//!
//! Pagefind names its files after what they hold, so the index's files are only
//! known once it is built. This kind therefore plans them itself: the index has
//! one fingerprint (`set`), the hash of every record but for its text, with the
//! fields of the posts, authors and pages the texts are read from. When
//! the output holds a bundle made from that same set, it is planned as it is
//! and nothing is indexed; otherwise the index is built while planning.

mod index;
mod page;
mod records;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::super::output::{Content, Env, Kind, Planned, PlannedFile, Reads};
use crate::model::Site;
use crate::render::record::{self, Fingerprint};
use crate::support::diagnostic::Diagnostic;
pub(crate) use page::SearchPage;

/// The folder of the index below the output.
pub(crate) const DIR: &str = "pagefind/";
/// The file every bundle has (its languages and their index files).
const ENTRY: &str = "pagefind/pagefind-entry.json";
/// Bumped when the records change in a way their fields do not show.
const FORMAT: &str = "byline-search-1";

/// The search index.
pub(crate) struct SearchIndex;

/// A built bundle: each file's output path and bytes, or why it could not be built.
type Bundle = Result<Vec<(String, Vec<u8>)>, String>;

struct PlannedIndex {
    files: Vec<PlannedFile>,
    /// The bundle, built while planning, or when a file the output was thought to
    /// hold has to be written after all.
    built: OnceLock<Bundle>,
}

impl Kind for SearchIndex {
    fn files(&self, reads: &Reads) -> Vec<String> {
        match reads.config().search {
            true => vec![format!("{DIR}pagefind.js"), ENTRY.to_string()],
            false => Vec::new(),
        }
    }

    fn plan(&'static self, reads: &Reads, _theme: Fingerprint) -> Box<dyn Planned> {
        let none = || Box::new(PlannedIndex { files: Vec::new(), built: OnceLock::new() });
        let Some(held) = reads.held_index.as_ref().filter(|_| reads.config().search) else {
            return none();
        };
        let entries = records::entries(reads.site);
        let set = fingerprint(reads.site, &entries);
        let inputs = |file: &str| record::hash(&(set, file));
        let current = held.iter().any(|(f, _)| f == ENTRY) && held.iter().all(|(f, i)| *i == inputs(f));
        let built = OnceLock::new();
        let mut names: Vec<String> = match current {
            true => held.iter().map(|(f, _)| f.clone()).collect(),
            false => match built.get_or_init(|| build(reads.site, entries)) {
                Ok(files) => files.iter().map(|(f, _)| f.clone()).collect(),
                // Its one file fails to render with the reason.
                Err(_) => vec![ENTRY.to_string()],
            },
        };
        names.sort();
        let files = (names.into_iter())
            .map(|file| PlannedFile { fingerprint: inputs(&file), file, sitemap: None })
            .collect();
        Box::new(PlannedIndex { files, built })
    }
}

impl Planned for PlannedIndex {
    fn files(&self) -> &[PlannedFile] {
        &self.files
    }

    fn render(&self, i: usize, reads: &Reads, _: &Env) -> Result<Content, Diagnostic> {
        let file = &self.files[i].file;
        let fail = |why: String| Diagnostic::error("site.yaml", why);
        let made = self.built.get_or_init(|| build(reads.site, records::entries(reads.site)));
        let files = made.as_ref().map_err(|e| fail(e.clone()))?;
        match files.binary_search_by(|(f, _)| f.as_str().cmp(file)) {
            Ok(at) => Ok(Content::Bytes(files[at].1.clone())),
            Err(_) => Err(fail(format!(
                "the search index came out without its file `{file}`, which the last build made from the same posts"
            ))
            .with_hint("build again: the index is then made anew")),
        }
    }
}

/// The hash of every record but for its text, which is read from the fields
/// of the posts, authors and pages each record holds.
fn fingerprint(site: &Site, entries: &[records::Entry]) -> Fingerprint {
    record::hash(&(crate::support::stamp::program(), FORMAT, &site.config.language, entries))
}

/// The index of `site` from its records, with every file's path below the
/// output, sorted.
fn build(site: &Site, entries: Vec<records::Entry>) -> Bundle {
    let records = entries
        .into_par_iter()
        .map(|e| index::Indexed {
            text: records::text(&e),
            url: e.url,
            meta: keys(e.meta),
            filters: keys(e.filters),
            sort: keys(e.sort),
        })
        .collect();
    let files = index::bundle(records, &site.config.language)
        .map_err(|e| format!("the search index could not be built: {e}"))?;
    Ok(files.into_iter().map(|(name, bytes)| (format!("{DIR}{name}"), bytes)).collect())
}

/// A map with its keys owned, as Pagefind takes them.
fn keys<V>(map: BTreeMap<&str, V>) -> BTreeMap<String, V> {
    map.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

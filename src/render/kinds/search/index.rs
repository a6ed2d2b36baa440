//! Pagefind, used as a library: the records go in, the files of its bundle (the
//! index in chunks, its JavaScript and WebAssembly) come out, in memory. The
//! theme has a search page of its own, so Pagefind's UI files are left out.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// One record as Pagefind takes it.
pub(crate) struct Indexed {
    pub url: String,
    /// HTML-escaped text.
    pub text: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// Files of Pagefind's bundle the site does not use: its own UIs, the
/// highlighting script, the playground.
const UNUSED: &[&str] =
    &["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.", "playground/"];

/// The bundle of `records`, all in `language` (an ISO 639-1 code): each file's
/// path below the bundle folder (`pagefind.js`, `index/en_1a2b3c.pf_index`) and
/// bytes, sorted by path.
pub(crate) fn bundle(records: Vec<Indexed>, language: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let language = language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
    let mut files = runtime.block_on(async {
        let options = PagefindServiceConfig::builder().force_language(language.clone()).build();
        let mut index = PagefindIndex::new(Some(options))?;
        for r in records {
            let (meta, filters, sort) = (Some(r.meta), Some(r.filters), Some(r.sort));
            index.add_custom_record(r.url, r.text, language.clone(), meta, filters, sort).await?;
        }
        index.get_files().await
    })?;
    files.retain(|f| {
        let name = f.filename.to_string_lossy();
        !UNUSED.iter().any(|u| name.starts_with(u))
    });
    let mut out: Vec<(String, Vec<u8>)> =
        files.into_iter().map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

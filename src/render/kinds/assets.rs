//! Static files: the theme's and the site's `static/`, published as they are (the
//! `write` stage reads them). A generated file wins over a theme file of the same
//! name (`css/syntax.css`); a site's own static file at a generated path is an error
//! found before rendering (`write::clashes`).

use serde::{Serialize, Serializer};

use crate::load::Asset;
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::support::diagnostic::Diagnostic;

/// A static file in a record: serialized as its own fingerprint (its bytes, or its
/// file's path, size and time).
pub(crate) struct AssetRecord<'a>(&'a Asset);

impl Serialize for AssetRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u128(self.0.fingerprint())
    }
}

/// Planned after every other kind, once `Reads::statics` is known.
pub(crate) struct Static;

impl Output for Static {
    /// The file's place in `Reads::statics`.
    type Job = usize;
    type Record<'r> = AssetRecord<'r>;
    const NAME: &'static str = "static";
    const USES_THEME: bool = false;

    fn jobs(&self, r: &Reads) -> Vec<usize> {
        (0..r.statics.len()).collect()
    }

    fn path(&self, r: &Reads, i: usize) -> String {
        r.statics[i].0.to_string()
    }

    /// Published as it is, outside the site's own pages.
    fn sitemap(&self, _: &Reads, _: usize) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, i: usize) -> AssetRecord<'r> {
        AssetRecord(r.statics[i].1)
    }

    fn render(&self, _: &Env, rec: &AssetRecord) -> Result<Content, Diagnostic> {
        Ok(Content::Asset(rec.0.clone()))
    }
}

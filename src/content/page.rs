//! A standalone page `content/<name>.md` (About, Contact): a title, an optional
//! description and a markdown body, published at `/<name>/`.

use std::path::Path;

use super::frontmatter::{Key, Kind, read, split};
use super::{Body, aliases};
use crate::model::Page;
use crate::support::diagnostic::Diagnostic;

/// Every field of a page, and how each is written.
pub const FIELDS: &[Key] = &[
    Key { name: "title", kind: Kind::Text, expected: "text", example: "title: About us" },
    Key {
        name: "description",
        kind: Kind::Text,
        expected: "text",
        example: "description: Who we are and what we write about.",
    },
    Key { name: "slug", kind: Kind::Text, expected: "a few words for the address", example: "slug: about" },
    aliases::ALIASES,
    aliases::REDIRECT_FROM,
];

pub fn parse(path: &Path, text: &str) -> Result<(Page, Body), Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let mut f = read(path, text, split.yaml, split.yaml_line, FIELDS)?;
    let title = super::post::title(&mut f, path, "title: About us");
    let description = f.text("description").map(|d| d.value);
    let slug = super::post::slug(&mut f, path, "page").map(|(s, _)| s).unwrap_or_default();
    let aliases = aliases::read(&mut f, path);
    if !f.errors.is_empty() {
        return Err(f.errors);
    }
    let page = Page {
        source: path.to_path_buf(),
        title,
        description,
        body: Default::default(),
        fingerprint: 0,
        slug,
        aliases,
    };
    Ok((page, Body::of(text, &split)))
}

//! A standalone page `content/<name>.md` (About, Contact): a title, an optional
//! description and a markdown body, published at `/<name>/`.

use std::path::Path;

use serde::Deserialize;

use super::Body;
use super::frontmatter::{Text, parse_fields, split};
use crate::diagnostic::Diagnostic;
use crate::model::{Page, Span};

pub const KEYS: &[&str] = &["title", "description", "slug"];

#[derive(Debug, Deserialize)]
struct RawPage {
    title: Option<Text>,
    description: Option<Text>,
    slug: Option<Text>,
}

pub fn parse(path: &Path, text: &str) -> Result<(Page, Body), Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let fields = parse_fields::<RawPage>(path, text, split.yaml, split.yaml_line, KEYS)?;
    let raw = fields.raw_ref();
    let fence = Span { line: 1, column: 1, text: "---".into() };
    let title = raw.title.clone().map(Text::into_string).unwrap_or_default();
    if title.trim().is_empty() {
        return Err(vec![
            fence.error(path, "`title` is missing").with_hint("add a line such as `title: About us`"),
        ]);
    }
    let slug = match &raw.slug {
        Some(s) => slug::slugify(s.clone().into_string()),
        None => super::post::slug_from_path(path),
    };
    if slug.is_empty() {
        return Err(vec![
            fence
                .error(path, "this page's address would be empty")
                .with_hint("set `slug: about` in the front matter"),
        ]);
    }
    let page = Page {
        source: path.to_path_buf(),
        title: title.trim().to_string(),
        description: raw.description.clone().map(Text::into_string),
        body: Default::default(),
        fingerprint: 0,
        slug,
    };
    Ok((page, Body::of(text, &split)))
}

//! A Jekyll site's authors: jekyll-seo-tag's `_data/authors.yml` (ids as keys),
//! an author collection (`_authors/`, `_team/`, `_people/`) or the site's
//! `author:`; posts' names resolved to ids, and a stub for a name described nowhere.

use std::path::Path;

use serde_json::{Map, Value as Json};

use super::Config;
use crate::import::front::{self, json_of};
use crate::import::{Author, Imported, LineKind, people, scan};
use crate::support::diagnostic::Diagnostic;

/// Reads the authors and sets every post's `authors` to their ids.
pub(crate) fn read(source: &Path, config: &Config, out: &mut Imported) -> Result<(), Vec<Diagnostic>> {
    let base = config.baseurl.as_deref();
    let mut known = data_file(source, base).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    for dir in ["_authors", "_team", "_people"] {
        for path in scan::files(&source.join(dir), &["md", "markdown", "html"]) {
            match collection_author(&path, base) {
                Ok(a) => known.push(a),
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let default = config.author.as_ref().and_then(|a| site_author(a, &mut known, base));
    let mut stubs: Vec<Author> = Vec::new();
    for post in &mut out.posts {
        let names = std::mem::take(&mut post.authors);
        let names = if names.is_empty() { default.iter().cloned().collect() } else { names };
        for name in names {
            let at = scan::origin(&post.origin.file, None);
            let (id, new) = people::resolve(&name, &known, &mut stubs, &at);
            if new {
                out.report.add(LineKind::Stub, at, people::stub_line(&name));
            }
            if !post.authors.contains(&id) {
                post.authors.push(id);
            }
        }
    }
    known.append(&mut stubs);
    out.authors = known;
    Ok(())
}

/// The authors of `_data/authors.yml`, in the file's order.
fn data_file(source: &Path, base: Option<&str>) -> Result<Vec<Author>, Diagnostic> {
    let Some(path) =
        ["authors.yml", "authors.yaml"].iter().map(|n| source.join("_data").join(n)).find(|p| p.is_file())
    else {
        return Ok(Vec::new());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Diagnostic::error(&path, format!("the file cannot be read: {e}")))?;
    let (entries, _) = front::lenient_yaml(&path, &text, &text, 0)?;
    Ok(entries
        .iter()
        .map(|e| {
            let fields = match json_of(&e.value) {
                Json::Object(m) => m,
                Json::String(name) => Map::from_iter([("name".to_string(), Json::String(name))]),
                _ => Map::new(),
            };
            let origin = scan::origin(&path, Some(e.at.line));
            Author { origin, ..people::from_fields(&people::id_for(&e.key), &fields, "", base) }
        })
        .collect())
}

/// An author of a collection: front matter fields and the body as bio.
fn collection_author(path: &Path, base: Option<&str>) -> Result<Author, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))?;
    let f = front::read(path, &text)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("author");
    let id = f.text("short_name").or_else(|| f.text("slug")).unwrap_or_else(|| stem.to_string());
    let mut author = people::from_fields(&people::id_for(&id), &f.fields, &f.body, base);
    author.origin = scan::origin(path, Some(1));
    if let Some(old) = f.text("permalink").and_then(|p| scan::alias(&p, None)) {
        author.aliases.push(old);
    }
    Ok(author)
}

/// The site's `author:`: a name or id, or fields of its own (added to `known`).
fn site_author(value: &Json, known: &mut Vec<Author>, base: Option<&str>) -> Option<String> {
    match value {
        Json::Object(fields) => {
            let name = fields.get("name").and_then(front::text)?;
            if !known.iter().any(|a| a.name == name) {
                known.push(people::from_fields(&people::id_for(&name), fields, "", base));
            }
            Some(name)
        }
        other => front::text(other),
    }
}

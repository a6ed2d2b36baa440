//! A Hugo site's authors: the `authors` taxonomy's term pages
//! (`content/authors/<id>/_index.md`, their params and body as bio) and data files
//! `data/authors/<id>.{toml,yaml,json}`; posts' names resolved to ids, and a stub
//! for a name described nowhere.

use std::path::Path;

use serde_json::{Map, Value as Json};

use super::config;
use crate::import::front;
use crate::import::{Author, ImageCopy, Imported, LineKind, people, scan};
use crate::support::diagnostic::Diagnostic;

/// The authors the site describes, with the images their pages need copied.
pub(crate) fn described(source: &Path) -> Result<(Vec<Author>, Vec<ImageCopy>), Vec<Diagnostic>> {
    let mut authors = Vec::new();
    let mut images = Vec::new();
    let mut errors = Vec::new();
    let terms = source.join("content/authors");
    for path in scan::files(&terms, &["md", "markdown"]) {
        let is_term =
            path.file_stem().is_some_and(|s| s == "_index") && path.parent() != Some(terms.as_path());
        if is_term {
            match term_page(&path) {
                Ok((a, copy)) => {
                    authors.push(a);
                    images.extend(copy);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    for path in scan::files(&source.join("data/authors"), &["toml", "yaml", "yml", "json"]) {
        match data_file(&path) {
            Ok(a) if !authors.iter().any(|k: &Author| k.id == a.id) => authors.push(a),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok((authors, images)) } else { Err(errors) }
}

/// A term page's fields with its `params` over them, and `title` as the name.
fn fields_of(f: &front::Front) -> Map<String, Json> {
    let mut fields = f.fields.clone();
    if let Some(Json::Object(params)) = fields.remove("params") {
        fields.extend(params);
    }
    if let Some(title) = fields.remove("title")
        && !fields.contains_key("name")
    {
        fields.insert("name".into(), title);
    }
    fields
}

fn term_page(path: &Path) -> Result<(Author, Option<ImageCopy>), Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))?;
    let f = front::read(path, &text)?;
    let dir = path.parent().unwrap_or(path);
    let term = dir.file_name().and_then(|n| n.to_str()).unwrap_or("author");
    let id = people::id_for(term);
    let fields = fields_of(&f);
    let mut author = people::from_fields(&id, &fields, &f.body, None);
    author.origin = scan::origin(path, Some(1));
    // Hugo's term page; the writer drops it when byline's address is the same.
    author.aliases.push(format!("/authors/{}/", super::permalink::urlize(term)));
    let written =
        ["photo", "avatar", "picture", "image"].iter().find_map(|k| fields.get(*k).and_then(front::text));
    let mut copy = None;
    if let Some(photo) = written.filter(|p| !p.contains("://") && !p.starts_with('/')) {
        let local = dir.join(photo.trim_start_matches("./"));
        if local.is_file() {
            let name = local.file_name().and_then(|n| n.to_str()).unwrap_or("photo");
            let to = format!("/images/authors/{id}/{}", super::permalink::urlize(name));
            copy = Some(ImageCopy { from: local, to: to.clone() });
            author.photo = Some(to);
        }
    }
    Ok((author, copy))
}

fn data_file(path: &Path) -> Result<Author, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))?;
    let fields = config::parse(path, &text)?;
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("author");
    Ok(Author {
        origin: scan::origin(path, None),
        ..people::from_fields(&people::id_for(id), &fields, "", None)
    })
}

/// Sets every post's `authors` to ids (the site's author for a post naming
/// none) and puts the described authors and the stubs in `out`.
pub(crate) fn resolve(out: &mut Imported, mut known: Vec<Author>, default: Option<&str>) {
    let mut stubs = Vec::new();
    let mut used: Vec<(String, String)> = Vec::new();
    for post in &mut out.posts {
        let names = std::mem::take(&mut post.authors);
        let names = if names.is_empty() { default.map(str::to_string).into_iter().collect() } else { names };
        for name in names {
            let at = scan::origin(&post.origin.file, None);
            let (id, new) = people::resolve(&name, &known, &mut stubs, &at);
            if new {
                out.report.add(LineKind::Stub, at, people::stub_line(&name));
            }
            used.push((name, id.clone()));
            if !post.authors.contains(&id) {
                post.authors.push(id);
            }
        }
    }
    known.append(&mut stubs);
    // Hugo made a term page for each name as posts write it.
    for (name, id) in used {
        let old = format!("/authors/{}/", super::permalink::urlize(&name));
        if let Some(a) = known.iter_mut().find(|a| a.id == id)
            && !a.aliases.contains(&old)
        {
            a.aliases.push(old);
        }
    }
    for a in &mut known {
        let own = format!("/authors/{}/", crate::address::slugify(&a.id));
        a.aliases.retain(|old| *old != own);
    }
    out.authors = known;
}

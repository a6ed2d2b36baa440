//! Writes an [`Imported`] blog as a byline site in DEST: `site.yaml` (with the
//! redirects), `authors/<id>.md`, `content/posts/<slug>.md`, `content/<slug>.md`
//! for pages, and the images under `static/`. DEST must be new or empty: no file
//! of the user's is ever overwritten. All YAML goes through `support::yaml`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::support::diagnostic::Diagnostic;
use crate::support::yaml::{Out, document};

use super::{Author, Imported, Item, LineKind, Origin};

/// An error unless `dest` is missing or an empty folder.
pub(crate) fn check_dest(dest: &Path) -> Result<(), Diagnostic> {
    if !dest.exists() {
        return Ok(());
    }
    let empty = fs::read_dir(dest).map(|mut d| d.next().is_none()).unwrap_or(false);
    if dest.is_dir() && empty {
        return Ok(());
    }
    Err(Diagnostic::error(dest, "the folder to import into is not empty (or is not a folder)")
        .with_hint("give the name of a new folder, or of an empty one: an import never overwrites files"))
}

/// Writes the site; returns the files written, relative to `dest`.
pub(crate) fn write(dest: &Path, imported: &mut Imported) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let mut put = |rel: String, text: String| -> Result<()> {
        let path = dest.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        std::io::Write::write_all(&mut file, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(PathBuf::from(rel));
        Ok(())
    };
    put("site.yaml".into(), site_yaml(imported))?;
    for author in &imported.authors {
        put(format!("authors/{}.md", author.id), author_file(author))?;
    }
    for post in &imported.posts {
        put(format!("content/posts/{}.md", post.slug), item_file(post, true))?;
    }
    for page in &imported.pages {
        put(format!("content/{}.md", page.slug), item_file(page, false))?;
    }
    copy_images(dest, imported, &mut written)?;
    Ok(written)
}

fn copy_images(dest: &Path, imported: &mut Imported, written: &mut Vec<PathBuf>) -> Result<()> {
    for image in &imported.images {
        let rel = format!("static/{}", image.to.trim_start_matches('/'));
        let to = dest.join(&rel);
        if to.exists() {
            continue;
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        match fs::copy(&image.from, &to) {
            Ok(_) => written.push(PathBuf::from(rel)),
            Err(e) => {
                let origin = Origin { file: image.from.clone(), line: None };
                let msg = format!("the image could not be copied: {e}");
                imported.report.add(LineKind::Skipped, origin, msg);
            }
        }
    }
    Ok(())
}

fn text(s: &str) -> Out {
    Out::Text(s.to_string())
}

fn site_yaml(imported: &Imported) -> String {
    let s = &imported.settings;
    let mut fields = vec![
        ("title", text(s.title.as_deref().filter(|t| !t.is_empty()).unwrap_or("Imported blog"))),
        ("base_url", text(&base_url(s.base_url.as_deref()))),
    ];
    if let Some(d) = s.description.as_deref().filter(|d| !d.is_empty()) {
        fields.push(("description", text(d)));
    }
    if let Some(l) = s.language.as_deref().filter(|l| !l.is_empty()) {
        fields.push(("language", text(l)));
    }
    if !imported.redirects.is_empty() {
        let map = imported.redirects.iter().map(|(from, to)| (from.clone(), text(to))).collect();
        fields.push(("redirects", Out::Map(map)));
    }
    let head = "# Written by `byline import`. Every setting is in the README, under `site.yaml`.\n";
    format!("{head}{}", document(&fields))
}

/// The base URL as byline takes it: an absolute address ending with `/`.
fn base_url(url: Option<&str>) -> String {
    match url.map(str::trim) {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
            if u.ends_with('/') {
                u.to_string()
            } else {
                format!("{u}/")
            }
        }
        _ => "https://example.com/".into(),
    }
}

fn front_matter(fields: &[(&str, Out)], body: &str) -> String {
    let body = body.trim();
    let mut text = format!("---\n{}---\n", document(fields));
    if !body.is_empty() {
        text.push_str(body);
        text.push('\n');
    }
    text
}

fn author_file(a: &Author) -> String {
    let mut fields = vec![("name", text(if a.name.trim().is_empty() { &a.id } else { a.name.trim() }))];
    let optional = [("role", &a.role), ("photo", &a.photo), ("email", &a.email), ("location", &a.location)];
    for (key, value) in optional {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            fields.push((key, text(v.trim())));
        }
    }
    if !a.expertise.is_empty() {
        fields.push(("expertise", Out::List(a.expertise.clone())));
    }
    if !a.social.is_empty() {
        fields.push(("social", Out::Map(a.social.iter().map(|(n, v)| (n.clone(), text(v))).collect())));
    }
    if !a.aliases.is_empty() {
        fields.push(("aliases", Out::List(a.aliases.clone())));
    }
    front_matter(&fields, &a.bio)
}

fn item_file(item: &Item, post: bool) -> String {
    let mut fields = vec![("title", text(&item.title))];
    if post {
        if let Some(d) = item.date {
            fields.push(("date", text(&d.to_rfc3339())));
        }
        if let Some(u) = item.updated {
            fields.push(("updated", text(&u.to_rfc3339())));
        }
        fields.push(("authors", Out::List(item.authors.clone())));
    }
    if let Some(d) = item.description.as_deref().filter(|d| !d.trim().is_empty()) {
        fields.push(("description", text(d.trim())));
    }
    if post {
        if !item.tags.is_empty() {
            fields.push(("tags", Out::List(item.tags.clone())));
        }
        if item.draft {
            fields.push(("draft", Out::Flag(true)));
        }
    }
    fields.push(("slug", text(&item.slug)));
    if post {
        if let Some(c) = &item.canonical_url {
            fields.push(("canonical_url", text(c)));
        }
        if let Some(i) = &item.image {
            fields.push(("image", text(i)));
            if let Some(alt) = item.image_alt.as_deref().filter(|a| !a.trim().is_empty()) {
                fields.push(("image_alt", text(alt)));
            }
        }
    }
    if !item.aliases.is_empty() {
        fields.push(("aliases", Out::List(item.aliases.clone())));
    }
    front_matter(&fields, &item.body)
}

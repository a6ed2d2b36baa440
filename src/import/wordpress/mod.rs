//! WordPress: a WXR export read into an [`Imported`]. `wxr` reads the XML into
//! records; this module turns users and Co-Authors Plus guest authors into
//! authors, items into posts, pages and images, and old addresses into aliases
//! and redirects. `items` converts one post or page; `shortcodes` its body.

mod blocks;
mod items;
mod shortcodes;
mod wxr;

use std::collections::HashMap;
use std::path::Path;

use crate::address;
use crate::support::diagnostic::Diagnostic;

use super::paths::site_path;
use super::{Author, Imported, LineKind, Options, Origin, Settings};
use wxr::{RawItem, Wxr};

/// Reads the WXR file at `source`.
pub(crate) fn read(source: &Path, options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    super::uploads::Uploads::wordpress(options.uploads.as_deref()).check("wp-content/uploads")?;
    let bytes = std::fs::read(source)
        .map_err(|e| vec![Diagnostic::error(source, format!("cannot read the export: {e}"))])?;
    let wxr = wxr::parse(source, &bytes).map_err(|d| vec![d])?;
    Ok(convert(source, wxr, options))
}

/// Everything the items of an export share while they are converted.
pub(crate) struct Context<'a> {
    pub file: &'a Path,
    pub options: &'a Options,
    /// Attachment id → (URL, title).
    pub attachments: HashMap<String, (String, String)>,
    /// A login, nicename or display name → author id.
    pub author_ids: HashMap<String, String>,
}

fn convert(file: &Path, wxr: Wxr, options: &Options) -> Imported {
    let mut imported = Imported { settings: settings(&wxr), ..Default::default() };
    let mut cx = Context { file, options, attachments: HashMap::new(), author_ids: HashMap::new() };
    users(&wxr, &mut cx, &mut imported);
    for item in &wxr.items {
        match item.get("wp:post_type") {
            "attachment" => {
                let url = item.get("wp:attachment_url");
                let url = if url.is_empty() { item.get("guid") } else { url };
                let title = super::html::plain(item.get("title"));
                cx.attachments.insert(item.get("wp:post_id").to_string(), (url.to_string(), title));
            }
            "guest-author" => guest_author(item, &mut cx, &mut imported),
            _ => {}
        }
    }
    for item in &wxr.items {
        match item.get("wp:post_type") {
            "post" => {
                if let Some(post) = items::item(item, &cx, &mut imported, true) {
                    imported.posts.push(post);
                }
            }
            "page" => {
                if let Some(page) = items::item(item, &cx, &mut imported, false) {
                    imported.pages.push(page);
                }
            }
            "attachment" | "guest-author" | "nav_menu_item" | "revision" | "" => {}
            other => {
                let origin = Origin { file: file.to_path_buf(), line: Some(item.line) };
                let message = format!("an item of type `{other}` ({}) was not imported", item.get("title"));
                imported.report.add(LineKind::Skipped, origin, message);
            }
        }
    }
    archives(&wxr, &mut imported);
    imported
}

fn settings(wxr: &Wxr) -> Settings {
    let get = |k: &str| wxr.channel.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Settings {
        title: get("title").map(|t| super::html::plain(&t)),
        description: get("description").map(|t| super::html::plain(&t)),
        base_url: get("wp:base_blog_url").or_else(|| get("link")),
        language: get("language"),
    }
}

/// The `wp:author` users.
fn users(wxr: &Wxr, cx: &mut Context<'_>, imported: &mut Imported) {
    for (fields, line) in &wxr.authors {
        let get = |k: &str| fields.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let Some(login) = get("wp:author_login") else { continue };
        let id = author_id(&login);
        let full = [get("wp:author_first_name"), get("wp:author_last_name")].into_iter().flatten();
        let full = full.collect::<Vec<_>>().join(" ");
        let name = get("wp:author_display_name")
            .or((!full.is_empty()).then_some(full))
            .unwrap_or_else(|| login.clone());
        cx.author_ids.insert(login.clone(), id.clone());
        if let Some(nicename) = get("wp:author_nicename") {
            cx.author_ids.insert(nicename, id.clone());
        }
        let aliases = vec![format!("/author/{}/", address::slugify(&login))];
        imported.authors.push(Author {
            id,
            name: super::html::plain(&name),
            email: get("wp:author_email"),
            aliases,
            origin: Origin { file: cx.file.to_path_buf(), line: Some(*line) },
            ..Default::default()
        });
    }
}

/// The id an author gets from their login: a slug, never empty.
pub(crate) fn author_id(login: &str) -> String {
    let id = address::shorten(&address::slugify(login), 60);
    if id.is_empty() { "author".to_string() } else { id }
}

/// A Co-Authors Plus guest author (an item of type `guest-author`).
fn guest_author(item: &RawItem, cx: &mut Context<'_>, imported: &mut Imported) {
    let login = item
        .meta("cap-user_login")
        .map(str::to_string)
        .unwrap_or_else(|| item.get("wp:post_name").trim_start_matches("cap-").to_string());
    if login.is_empty() {
        return;
    }
    let id = author_id(&login);
    cx.author_ids.insert(login.clone(), id.clone());
    cx.author_ids.insert(format!("cap-{login}"), id.clone());
    if imported.authors.iter().any(|a| a.id == id) {
        return;
    }
    let full = [item.meta("cap-first_name"), item.meta("cap-last_name")].into_iter().flatten();
    let full = full.collect::<Vec<_>>().join(" ");
    let name = item
        .meta("cap-display_name")
        .map(str::to_string)
        .or((!full.is_empty()).then_some(full))
        .unwrap_or_else(|| super::html::plain(item.get("title")));
    let mut social = Vec::new();
    if let Some(w) = item.meta("cap-website") {
        social.push(("website".to_string(), w.to_string()));
    }
    let bio = item.meta("cap-description").map(super::html::to_markdown).unwrap_or_default();
    imported.authors.push(Author {
        id,
        name: super::html::plain(&name),
        email: item.meta("cap-user_email").map(str::to_string),
        social,
        bio,
        aliases: vec![format!("/author/{}/", address::slugify(&login))],
        origin: Origin { file: cx.file.to_path_buf(), line: Some(item.line) },
        ..Default::default()
    });
}

/// `/category/x/` and `/tag/x/` archive pages, redirected to the tag's page.
fn archives(wxr: &Wxr, imported: &mut Imported) {
    let mut seen = std::collections::HashSet::new();
    let terms = wxr.terms.iter().chain(wxr.items.iter().flat_map(|i| i.terms.iter()));
    for t in terms {
        let base = match t.domain.as_str() {
            "category" => "category",
            "post_tag" => "tag",
            _ => continue,
        };
        let name = super::html::plain(&t.name);
        if t.nicename.is_empty() || address::tag_problem(&name).is_some() {
            continue;
        }
        let Some(from) = site_path(&format!("/{base}/{}/", t.nicename)) else { continue };
        if seen.insert(from.clone()) {
            imported.redirects.push((from, format!("/tags/{}/", address::tag_slug(&name))));
        }
    }
}

//! What the search index holds, made from the model: one record per published
//! post, per author page and per standalone page, each with its filters (author,
//! tag, year, kind, series) and what a result shows (`meta`). The text is only
//! the content itself: a page's navigation, footer, calls to action and share
//! links are not in the model's bodies, so they are never indexed.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::model::{Author, Page, Post, Site};
use crate::render::views::PhotoVariants;
use crate::support::html_text;

/// What a record's text is read from. In the index's fingerprint it stands for
/// the text by exactly the fields the text is made of (the body's HTML, not its
/// words: hashing is cheap, reading the words is not), so an edit of anything
/// else (an email address, a date's time) leaves the index as it is.
#[derive(Clone, Copy)]
pub(crate) enum Source<'a> {
    Post(&'a Post),
    Author(&'a Author),
    Page(&'a Page),
}

impl Serialize for Source<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Source::Post(p) => (0u8, &p.title, &p.description, &p.body.html).serialize(s),
            Source::Author(a) => (1u8, &a.name, &a.role, &a.expertise, &a.location, &a.bio.html).serialize(s),
            Source::Page(p) => (2u8, &p.title, &p.description, &p.body.html).serialize(s),
        }
    }
}

/// One record of the index, but for its text.
#[derive(Clone, Serialize)]
pub(crate) struct Entry<'a> {
    /// The page's address below the host (`/blog/posts/a/`), as results link it.
    pub url: String,
    /// What a result shows: `title`, `kind`, and for posts `date`, `date_text`,
    /// `authors`, `author_urls`, `photos` (one a line), `image`; for authors
    /// `role` and `photo`.
    pub meta: BTreeMap<&'static str, String>,
    pub filters: BTreeMap<&'static str, Vec<String>>,
    pub sort: BTreeMap<&'static str, String>,
    pub source: Source<'a>,
}

/// The record of every published post, every author and every page, in that order.
pub(crate) fn entries(site: &Site) -> Vec<Entry<'_>> {
    let posts = (site.posts.iter().enumerate()).filter(|(_, p)| !site.is_unpublished(p));
    let mut out: Vec<Entry> = posts.map(|(i, p)| post(site, i, p)).collect();
    out.extend(site.authors.iter().map(|a| author(site, a)));
    out.extend(site.pages.iter().map(|p| page(site, p)));
    out
}

fn url(site: &Site, path: &str) -> String {
    format!("{}{}", site.config.base_path(), path.trim_start_matches('/'))
}

/// An author's small square photo (64 px, WebP), else the photo as written
/// (an SVG, an address elsewhere), else nothing.
fn photo(site: &Site, a: &Author) -> String {
    match PhotoVariants::of(site, a).photo_stem {
        Some(stem) => format!("{stem}-64.webp"),
        None => a.photo.clone().unwrap_or_default(),
    }
}

fn post<'a>(site: &'a Site, i: usize, p: &'a Post) -> Entry<'a> {
    let authors: Vec<&Author> = p
        .authors
        .iter()
        .filter_map(|id| site.index.author_by_id.get(id))
        .map(|&a| &site.authors[a])
        .collect();
    let lines = |f: &dyn Fn(&Author) -> String| authors.iter().map(|a| f(a)).collect::<Vec<_>>().join("\n");
    let mut meta = BTreeMap::from([
        ("title", p.title.clone()),
        ("kind", "post".to_string()),
        ("date", p.date.format("%Y-%m-%d").to_string()),
        ("date_text", p.date.format("%-d %B %Y").to_string()),
        ("authors", lines(&|a| a.name.clone())),
        ("author_urls", lines(&|a| site.config.url(&a.path()))),
        ("photos", lines(&|a| photo(site, a))),
    ]);
    if let Some(image) = &p.image {
        meta.insert("image", image.clone());
    }
    let tags = site.index.post_tags[i].iter().map(|&t| site.index.tags[t].name.clone()).collect();
    let mut filters = BTreeMap::from([
        ("kind", vec!["Posts".to_string()]),
        ("author", authors.iter().map(|a| a.name.clone()).collect()),
        ("tag", tags),
        ("year", vec![p.date.format("%Y").to_string()]),
    ]);
    if let Some((s, _)) = site.index.post_series[i] {
        filters.insert("series", vec![site.index.series[s].name.clone()]);
    }
    let sort = BTreeMap::from([("date", p.date.naive_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())]);
    Entry { url: url(site, &p.path()), meta, filters, sort, source: Source::Post(p) }
}

fn author<'a>(site: &'a Site, a: &'a Author) -> Entry<'a> {
    let meta = BTreeMap::from([
        ("title", a.name.clone()),
        ("kind", "author".to_string()),
        ("role", a.role.clone().unwrap_or_default()),
        ("photo", photo(site, a)),
    ]);
    let filters = BTreeMap::from([("kind", vec!["Authors".to_string()])]);
    Entry { url: url(site, &a.path()), meta, filters, sort: BTreeMap::new(), source: Source::Author(a) }
}

fn page<'a>(site: &'a Site, p: &'a Page) -> Entry<'a> {
    let meta = BTreeMap::from([("title", p.title.clone()), ("kind", "page".to_string())]);
    let filters = BTreeMap::from([("kind", vec!["Pages".to_string()])]);
    Entry { url: url(site, &p.path()), meta, filters, sort: BTreeMap::new(), source: Source::Page(p) }
}

/// The text a record is found by, HTML-escaped as the index wants it (its
/// excerpts are HTML): the title and description, the names of the authors and
/// tags, and all the text of the body; for an author, their name, role,
/// expertise, location and bio.
pub(crate) fn text(entry: &Entry) -> String {
    let mut parts: Vec<String> = Vec::new();
    match entry.source {
        Source::Post(p) => {
            parts.push(p.title.clone());
            parts.extend(p.description.clone());
            parts.push(entry.filters.get("author").map(|a| a.join(", ")).unwrap_or_default());
            parts.push(entry.filters.get("tag").map(|t| t.join(", ")).unwrap_or_default());
            parts.push(html_text::text(&p.body.html));
        }
        Source::Author(a) => {
            parts.push(a.name.clone());
            parts.extend(a.role.clone());
            parts.push(a.expertise.join(", "));
            parts.extend(a.location.clone());
            parts.push(html_text::text(&a.bio.html));
        }
        Source::Page(p) => {
            parts.push(p.title.clone());
            parts.extend(p.description.clone());
            parts.push(html_text::text(&p.body.html));
        }
    }
    escape(&parts.join(". "))
}

/// `&`, `<` and `>` as HTML writes them, and runs of white space as one space.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
    }
    out
}

//! Checks across files: the authors each post names, and addresses that two files
//! (or two tag names) would share. A post that failed to load is checked as far
//! as it could be read; an author file that exists but failed to load is reported
//! once, by `load`, never again through each post that names it (a note lists
//! them instead).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use super::{Input, Page, Span};
use crate::address::{tag_key, tag_slug};
use crate::support::diagnostic::{Diagnostic, did_you_mean};

/// Path segments a standalone page may not take.
pub(crate) const RESERVED: &[&str] =
    &["posts", "authors", "tags", "series", "archive", "page", "css", "js", "search", "pagefind", "404"];

/// How many of the posts naming an unusable author file its note lists.
const LISTED: usize = 3;

/// Every problem between the files of `input`, and the notes that go with them.
pub(super) fn all(input: &Input) -> Vec<Diagnostic> {
    let mut found = author_addresses(input);
    found.extend(named_authors(input));
    found.extend(post_addresses(input));
    found.extend(pages(&input.pages));
    found.extend(tags(input));
    found.extend(super::series::names(&input.posts));
    found.extend(super::redirects::conflicts(input));
    found
}

/// Two author files whose ids make the same address.
fn author_addresses(input: &Input) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let mut found = Vec::new();
    for a in &input.authors {
        if let Some(first) = seen.insert(&a.slug, &a.source) {
            found.push(
                Diagnostic::error(
                    &a.source,
                    format!(
                        "{} and {} would both have the address /authors/{}/",
                        first.display(),
                        a.source.display(),
                        a.slug
                    ),
                )
                .with_hint("rename one of the two files; posts name an author by the file's name"),
            );
        }
    }
    found
}

/// Every post's authors and where each is named, loaded or not, in file order.
fn bylines(input: &Input) -> Vec<(&Path, &[String], &[Span])> {
    let mut all: Vec<(&Path, &[String], &[Span])> =
        input.posts.iter().map(|p| (p.source.as_path(), &p.authors[..], &p.author_spans[..])).collect();
    all.extend(input.rejected.iter().map(|r| (r.source.as_path(), &r.authors[..], &r.author_spans[..])));
    all.sort_by(|a, b| a.0.cmp(b.0));
    all
}

/// The hint for an author id that names no file.
fn unknown_author_hint<'a>(id: &str, ids: impl Iterator<Item = &'a str> + Clone) -> String {
    if let Some(exact) = ids.clone().find(|k| k.to_lowercase() == id.to_lowercase()) {
        return format!(
            "did you mean `{exact}`? An author is named exactly as their file is: authors/{exact}.md"
        );
    }
    did_you_mean(id, ids).unwrap_or_else(|| format!("each author needs a file authors/{id}.md"))
}

/// Authors named in posts that have no file; and for each author file that has
/// one but could not be used, a note of the posts that name it.
fn named_authors(input: &Input) -> Vec<Diagnostic> {
    let mut ids: HashMap<&str, Option<&Path>> = input.authors.iter().map(|a| (a.id.as_str(), None)).collect();
    ids.extend(input.unusable_authors.iter().map(|(id, path)| (id.as_str(), Some(path.as_path()))));
    let mut users: HashMap<&str, Vec<&Path>> = HashMap::new();
    let mut found = Vec::new();
    for (source, authors, spans) in bylines(input) {
        for (id, span) in authors.iter().zip(spans) {
            match ids.get(id.as_str()) {
                Some(None) => {}
                Some(Some(_)) => {
                    let list = users.entry(id.as_str()).or_default();
                    if list.last() != Some(&source) {
                        list.push(source);
                    }
                }
                None => {
                    let hint = unknown_author_hint(id, ids.keys().copied());
                    found.push(span.error(source, format!("unknown author `{id}`")).with_hint(hint));
                }
            }
        }
    }
    let mut users: Vec<(&str, Vec<&Path>)> = users.into_iter().collect();
    users.sort();
    for (id, posts) in users {
        let Some(Some(file)) = ids.get(id) else { continue };
        let mut shown: String =
            posts.iter().take(LISTED).map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        if posts.len() > LISTED {
            shown.push_str(&format!(" and {} more", posts.len() - LISTED));
        }
        let count = if posts.len() == 1 { "1 post".to_string() } else { format!("{} posts", posts.len()) };
        found.push(Diagnostic::info(*file, format!("used by {count}: {shown}")));
    }
    found
}

/// Two posts, loaded or not, with the same slug.
fn post_addresses(input: &Input) -> Vec<Diagnostic> {
    let mut all: Vec<(&Path, &str, &Span)> =
        input.posts.iter().map(|p| (p.source.as_path(), p.slug.as_str(), &p.slug_span)).collect();
    all.extend(
        input.rejected.iter().filter_map(|r| Some((r.source.as_path(), r.slug.as_deref()?, &r.slug_span))),
    );
    all.sort_by(|a, b| a.0.cmp(b.0));
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let mut found = Vec::new();
    for (source, slug, span) in all {
        if let Some(first) = seen.insert(slug, source) {
            found.push(span.error(source, format!("two posts have the slug `{slug}`")).with_hint(format!(
                "{} has it too; give one of them another `slug:` or file name",
                first.display()
            )));
        }
    }
    found
}

/// Pages at an address the blog uses itself, or at the same address.
fn pages(pages: &[Page]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    let mut found = Vec::new();
    for page in pages {
        if RESERVED.contains(&page.slug.as_str()) {
            found.push(
                Diagnostic::error(&page.source, format!("a page cannot be called `{}`", page.slug))
                    .with_hint("that address is used by the blog itself; rename the file"),
            );
        } else if let Some(first) = seen.insert(&page.slug, page) {
            found.push(
                Diagnostic::error(&page.source, format!("two pages have the address `/{}/`", page.slug))
                    .with_hint(format!("{} has it too", first.source.display())),
            );
        }
    }
    found
}

/// Tag names that are not the same tag but would have the same address.
fn tags(input: &Input) -> Vec<Diagnostic> {
    // Each name is made a key and a slug once, however many posts carry it.
    let mut names: HashMap<&str, (String, String)> = HashMap::new();
    let mut by_slug: HashMap<String, (String, &str, &Path, &Span)> = HashMap::new();
    let mut found = Vec::new();
    for post in &input.posts {
        for (name, span) in post.tags.iter().zip(&post.tag_spans) {
            let (key, slug) = names.entry(name).or_insert_with(|| (tag_key(name), tag_slug(name))).clone();
            match by_slug.entry(slug) {
                Entry::Vacant(v) => {
                    v.insert((key, name, &post.source, span));
                }
                Entry::Occupied(o) => {
                    let (first_key, first, path, at) = o.get();
                    if *first_key != key {
                        let msg = format!(
                            "the tags `{name}` and `{first}` ({}:{}) would have the same address /tags/{}/",
                            path.display(),
                            at.line,
                            o.key()
                        );
                        found.push(span.error(&post.source, msg).with_hint(
                            "write them the same way if they are one topic, or name one of them differently",
                        ));
                    }
                }
            }
        }
    }
    found
}

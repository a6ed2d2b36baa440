//! The site as plain data: posts, authors, pages, tags and the indexes between them,
//! validated as a whole. No I/O and no foreign types from templating or YAML here.

mod index;
pub mod related;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::content::social::SocialLink;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::markdown::Rendered;

pub use index::Indexes;

/// A place in a source file, kept so later checks can point at it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    /// The text of that line.
    pub text: String,
}

impl Span {
    /// A diagnostic at this span.
    pub fn error(&self, path: &std::path::Path, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::error(path, message);
        d.line = Some(self.line.max(1));
        d.column = Some(self.column.max(1));
        d.source_line = Some(self.text.clone());
        d
    }
}

/// One blog post.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Post {
    /// Path relative to the site folder, for messages.
    pub source: PathBuf,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Author ids, in the order written.
    pub authors: Vec<String>,
    /// Where each author id was written, parallel to `authors`.
    pub author_spans: Vec<Span>,
    pub slug_span: Span,
    /// Lines of the `title` and `description` keys (for lint findings).
    pub title_line: usize,
    pub description_line: usize,
    /// Tags as written.
    pub tags: Vec<String>,
    pub keywords: Vec<String>,
    pub draft: bool,
    pub canonical_url: Option<String>,
    /// Absolute URL of the post's image.
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub body: Rendered,
    /// A hash of what this was made from: its file's path and text and where its
    /// links point (with the configuration and the program, that is everything).
    /// Set by `load`; 0 for one made otherwise.
    pub fingerprint: u128,
}

impl Post {
    /// Site path of the post, without the base path: `posts/<slug>/`.
    pub fn path(&self) -> String {
        format!("posts/{}/", self.slug)
    }

    /// The date to report as last modified.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.updated.unwrap_or(self.date).max(self.date)
    }
}

/// One expert with a bio page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Author {
    pub source: PathBuf,
    /// The file name without `.md`; used in front matter and URLs.
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    /// Absolute URL of the photo.
    pub photo: Option<String>,
    pub email: Option<String>,
    pub location: Option<String>,
    pub expertise: Vec<String>,
    pub social: Vec<SocialLink>,
    pub bio: Rendered,
    /// A hash of what this was made from: its file's path and text and where its
    /// links point (with the configuration and the program, that is everything).
    /// Set by `load`; 0 for one made otherwise.
    pub fingerprint: u128,
}

impl Author {
    pub fn path(&self) -> String {
        format!("authors/{}/", self.id)
    }
}

/// A standalone page such as About.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    pub source: PathBuf,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub body: Rendered,
    /// A hash of what this was made from: its file's path and text and where its
    /// links point (with the configuration and the program, that is everything).
    /// Set by `load`; 0 for one made otherwise.
    pub fingerprint: u128,
}

impl Page {
    pub fn path(&self) -> String {
        format!("{}/", self.slug)
    }
}

/// A tag with its posts (indexes into `Site::posts`, newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub posts: Vec<usize>,
}

impl Tag {
    pub fn path(&self) -> String {
        format!("tags/{}/", self.slug)
    }
}

/// Which posts a build includes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<FixedOffset>,
}

/// Everything `load` read, before validation.
#[derive(Debug, Clone)]
pub struct Input {
    pub config: Config,
    pub posts: Vec<Post>,
    pub authors: Vec<Author>,
    pub pages: Vec<Page>,
}

/// The validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Included posts, newest first.
    pub posts: Vec<Post>,
    /// Authors by name.
    pub authors: Vec<Author>,
    pub pages: Vec<Page>,
    pub index: Indexes,
    pub now: DateTime<FixedOffset>,
    /// Posts the selection left out (drafts, future posts): never rendered, kept
    /// so a rebuild in the same process need not read and parse them again.
    pub left_out: Vec<Post>,
}

/// Path segments a standalone page may not take.
const RESERVED: &[&str] = &["posts", "authors", "tags", "archive", "page", "css", "404"];

impl Site {
    /// Validates cross references and builds the indexes. Reports every problem.
    pub fn build(input: Input, sel: Selection) -> Result<Site, Vec<Diagnostic>> {
        let Input { config, posts, mut authors, pages } = input;
        let mut errors = Vec::new();
        authors.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        let ids: HashMap<&str, usize> = authors.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();

        let mut seen_slugs: HashMap<&str, &Post> = HashMap::new();
        for post in &posts {
            for (id, span) in post.authors.iter().zip(&post.author_spans) {
                if !ids.contains_key(id.as_str()) {
                    let hint = did_you_mean(id, ids.keys().copied())
                        .unwrap_or_else(|| format!("each author needs a file authors/{id}.md"));
                    errors.push(span.error(&post.source, format!("unknown author `{id}`")).with_hint(hint));
                }
            }
            if let Some(first) = seen_slugs.insert(&post.slug, post) {
                errors.push(
                    post.slug_span
                        .error(&post.source, format!("two posts have the slug `{}`", post.slug))
                        .with_hint(format!(
                            "{} has it too; give one of them another `slug:` or file name",
                            first.source.display()
                        )),
                );
            }
        }
        let mut page_slugs: HashMap<&str, &Page> = HashMap::new();
        for page in &pages {
            if RESERVED.contains(&page.slug.as_str()) {
                errors.push(
                    Diagnostic::error(&page.source, format!("a page cannot be called `{}`", page.slug))
                        .with_hint("that address is used by the blog itself; rename the file"),
                );
            } else if let Some(first) = page_slugs.insert(&page.slug, page) {
                errors.push(
                    Diagnostic::error(&page.source, format!("two pages have the address `/{}/`", page.slug))
                        .with_hint(format!("{} has it too", first.source.display())),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let (mut posts, left_out): (Vec<Post>, Vec<Post>) =
            posts.into_iter().partition(|p| (sel.drafts || !p.draft) && (sel.future || p.date <= sel.now));
        posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let mut pages = pages;
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        let index = Indexes::build(&posts, &authors);
        Ok(Site { config, posts, authors, pages, index, now: sel.now, left_out })
    }

    /// The site's files back as input, for a rebuild that reuses them.
    pub fn into_input(self) -> Input {
        let mut posts = self.posts;
        posts.extend(self.left_out);
        Input { config: self.config, posts, authors: self.authors, pages: self.pages }
    }

    pub fn author(&self, id: &str) -> Option<&Author> {
        self.index.author_by_id.get(id).map(|&i| &self.authors[i])
    }

    /// True for a post that a normal build would leave out.
    pub fn is_unpublished(&self, post: &Post) -> bool {
        post.draft || post.date > self.now
    }
}

//! `byline import`: another blog read into plain data ([`Imported`]) by one module
//! per source, then written out as a byline site. The source modules only read
//! (their folder or export file) and fill in an [`Imported`]; writing the site,
//! copying images and printing the report are shared by all of them, so every
//! source is converted to the same files.

use std::path::{Path, PathBuf};

mod front;
pub(crate) mod hugo;
pub(crate) mod jekyll;
mod people;
mod scan;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::support::diagnostic::Diagnostic;

mod ghost;
mod html;
mod images;
mod links;
mod paths;
pub(crate) mod report;
pub(crate) mod tidy;
mod uploads;
mod wordpress;
pub(crate) mod write;

/// What the command line says about how to read the source.
#[derive(Debug, Default, Clone)]
pub(crate) struct Options {
    /// WordPress's `wp-content/uploads` folder, to copy the images from.
    pub uploads: Option<PathBuf>,
}

/// Reads `source` as a blog of kind `kind`.
pub(crate) fn read(kind: Source, source: &Path, options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    match kind {
        Source::WordPress => wordpress::read(source, options),
        Source::Ghost => ghost::read(source, options),
        Source::Jekyll => jekyll::read(source, options),
        Source::Hugo => hugo::read(source, options),
    }
}

/// Where an imported blog comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Source {
    Jekyll,
    Hugo,
    WordPress,
    Ghost,
}

impl Source {
    /// The name people know it by.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Source::Jekyll => "Jekyll",
            Source::Hugo => "Hugo",
            Source::WordPress => "WordPress",
            Source::Ghost => "Ghost",
        }
    }
}

/// Everything read from the source, ready to be written as a byline site.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    pub settings: Settings,
    pub authors: Vec<Author>,
    pub posts: Vec<Item>,
    /// Standalone pages (about, contact).
    pub pages: Vec<Item>,
    /// Old addresses that are no post, page or author, with the site path each
    /// now leads to (`/category/news/` → `/tags/news/`): `redirects:` in site.yaml.
    pub redirects: Vec<(String, String)>,
    /// Image files to copy into the new site's `static/`.
    pub images: Vec<ImageCopy>,
    pub report: Report,
}

/// The blog's settings, as far as the source says them.
#[derive(Debug, Default, Clone)]
pub(crate) struct Settings {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base_url: Option<String>,
    /// A language code (`en`, `de-CH`).
    pub language: Option<String>,
}

/// An author, with their bio as markdown.
#[derive(Debug, Default, Clone)]
pub(crate) struct Author {
    /// The id posts name them by: the file `authors/<id>.md`.
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub location: Option<String>,
    /// A site path after copying (`/images/imported/maya.jpg`) or an address.
    pub photo: Option<String>,
    pub expertise: Vec<String>,
    /// `(network, handle or address)`: `x`, `linkedin`, `github`, `mastodon`,
    /// `bluesky`, `website`, ... as byline's `social:` takes them.
    pub social: Vec<(String, String)>,
    pub bio: String,
    /// Old addresses of their page (site paths).
    pub aliases: Vec<String>,
    /// True when no source described them (named by a post only).
    pub stub: bool,
    /// Where the source describes them (or the first post naming a stub), for the report.
    pub origin: Origin,
}

/// A post or a page.
#[derive(Debug, Default, Clone)]
pub(crate) struct Item {
    /// The slug byline publishes it at (unique among posts, or among pages).
    pub slug: String,
    pub title: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Author ids, in the source's order.
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    /// Drafts, pending, private and password-protected items.
    pub draft: bool,
    pub canonical_url: Option<String>,
    /// A site path after copying, or an address.
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// The body as markdown (HTML kept where markdown cannot say it).
    pub body: String,
    /// Old addresses (site paths such as `/2015/01/21/old-slug/`).
    pub aliases: Vec<String>,
    /// Where the source has it, for the report.
    pub origin: Origin,
}

/// A place in the source: a file, and a line when known.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Origin {
    pub file: PathBuf,
    pub line: Option<usize>,
}

/// An image to copy: the source file, and its site path in the new site
/// (`/images/2021/05/chart.png`, under `static/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageCopy {
    pub from: PathBuf,
    pub to: String,
}

/// What the import did and did not do, line by line.
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct Report {
    pub lines: Vec<Line>,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Line {
    pub kind: LineKind,
    pub origin: Origin,
    pub message: String,
}

/// What a report line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LineKind {
    /// Converted, with a change worth knowing (a derived title, a new slug).
    Converted,
    /// Kept in the text as it was (a shortcode or tag byline does not know).
    LeftAsIs,
    /// Not imported as published (password-protected) or not at all.
    Skipped,
    /// Made up because the source had nothing (a stub author).
    Stub,
}

impl Report {
    pub(crate) fn add(&mut self, kind: LineKind, origin: Origin, message: impl Into<String>) {
        self.lines.push(Line { kind, origin, message: message.into() });
    }
}

//! The site as plain data: posts, authors, pages, tags and the indexes between them,
//! validated as a whole. No I/O and no foreign types from templating or YAML here.

mod images;
mod index;
pub(crate) mod keywords;
pub(crate) mod redirects;
pub(crate) mod related;
pub(crate) mod series;
pub(crate) mod stages;
mod validate;
/// Path segments a standalone page may not take (the blog's own folders).
pub(crate) use validate::RESERVED;

pub(crate) use images::{Image, Picture, PictureFormat};

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::markdown::Rendered;
use crate::support::diagnostic::Diagnostic;

pub use index::Indexes;
pub(crate) use series::{InSeries, Series};

/// Rendered bodies are shared, not copied, between the copy of a file the preview
/// server keeps for its next build and the one its site holds (they are most of a
/// file's memory); encoded as the body itself.
mod shared {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::markdown::Rendered;

    pub(super) fn serialize<S: Serializer>(body: &Arc<Rendered>, s: S) -> Result<S::Ok, S::Error> {
        body.as_ref().serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<Rendered>, D::Error> {
        Rendered::deserialize(d).map(Arc::new)
    }
}

/// A resolved social profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SocialLink {
    /// The key as written (`twitter`, `mastodon`, `dribbble`).
    pub network: String,
    /// What to show (`X`, `Mastodon`, `Dribbble`).
    pub label: String,
    /// Absolute profile URL.
    pub url: String,
    /// The handle without the leading `@` where the network has one (for X: used in
    /// `twitter:creator` and share links).
    pub handle: Option<String>,
}

impl SocialLink {
    /// The X handle among `links`, if any.
    pub fn x_handle(links: &[SocialLink]) -> Option<&str> {
        links.iter().find(|l| l.network == "x" || l.network == "twitter").and_then(|l| l.handle.as_deref())
    }
}

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

/// An old address of a post, page or author (`aliases:`): a site path such as
/// `/2019/05/old-slug/`, and where it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub path: String,
    pub span: Span,
}

/// One of the site's own `redirects:` (in site.yaml): an old address and where it
/// now leads, a site path (`/tags/news/`) or a full `http(s)` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Redirect {
    pub from: Alias,
    pub to: String,
}

/// A term the company wants to be known for (`focus_keywords:` in site.yaml), with
/// the other ways people write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FocusKeyword {
    pub term: String,
    pub also: Vec<String>,
    pub span: Span,
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
    /// Where each tag was written, parallel to `tags`.
    pub tag_spans: Vec<Span>,
    pub keywords: Vec<String>,
    pub draft: bool,
    /// The buying stage (`stage:`), as the site spells it.
    pub stage: Option<String>,
    /// Which call to action it shows (`cta:`).
    pub cta: crate::config::cta::CtaPick,
    pub canonical_url: Option<String>,
    /// Absolute URL of the post's image.
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// What `byline share` posts to the networks (`share_text:`), when the
    /// description is not what the author wants to say there.
    pub share_text: Option<String>,
    /// The series the post is part of (`series:`, `series_part:`), if any (boxed:
    /// most posts have none, and posts are moved about).
    pub series: Option<Box<InSeries>>,
    #[serde(with = "shared")]
    pub body: Arc<Rendered>,
    /// Old addresses that redirect here.
    pub aliases: Vec<Alias>,
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
    /// The file name without `.md`, as posts name the author (`18F`, `john_doe`).
    pub id: String,
    /// The author's address: the id made a slug (`18f`, `john-doe`).
    pub slug: String,
    pub name: String,
    pub role: Option<String>,
    /// Lines of the `name` and `role` keys (for lint findings).
    pub name_line: usize,
    pub role_line: usize,
    /// Absolute URL of the photo.
    pub photo: Option<String>,
    /// Where square crops of the photo are centred (`photo_focus`), if set.
    pub photo_focus: Option<crate::media::photo::Focus>,
    pub email: Option<String>,
    pub location: Option<String>,
    pub expertise: Vec<String>,
    pub social: Vec<SocialLink>,
    #[serde(with = "shared")]
    pub bio: Arc<Rendered>,
    /// Old addresses that redirect here.
    pub aliases: Vec<Alias>,
    /// A hash of what this was made from: its file's path and text and where its
    /// links point (with the configuration and the program, that is everything).
    /// Set by `load`; 0 for one made otherwise.
    pub fingerprint: u128,
}

impl Author {
    pub fn path(&self) -> String {
        format!("authors/{}/", self.slug)
    }
}

/// A standalone page such as About.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    pub source: PathBuf,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    #[serde(with = "shared")]
    pub body: Arc<Rendered>,
    /// Old addresses that redirect here.
    pub aliases: Vec<Alias>,
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

/// What the checks across files need of a post that cannot be built, so that
/// they check it as any other post: the authors it names and its address.
#[derive(Debug, Clone)]
pub struct PostRefs {
    pub source: PathBuf,
    pub authors: Vec<String>,
    pub author_spans: Vec<Span>,
    pub slug: Option<String>,
    pub slug_span: Span,
}

/// Everything `load` read, before validation.
#[derive(Debug, Clone)]
pub struct Input {
    pub config: Config,
    pub posts: Vec<Post>,
    pub authors: Vec<Author>,
    pub pages: Vec<Page>,
    /// Posts whose files have problems (reported by `load`), as far as they could be read.
    pub rejected: Vec<PostRefs>,
    /// Author files that exist but have problems (reported by `load`): id and file.
    /// Posts naming them are not blamed for it.
    pub unusable_authors: Vec<(String, PathBuf)>,
    /// The raster images of the site that photos, post images and markdown name.
    pub images: Vec<Image>,
    /// The photos and the logo that social cards draw.
    pub pictures: Vec<Picture>,
    /// site.yaml's `redirects:`.
    pub(crate) redirects: Vec<Redirect>,
    /// The text of the site's own `static/_redirects`.
    pub(crate) redirects_file: Option<String>,
    /// site.yaml's `focus_keywords:`.
    pub(crate) focus_keywords: Vec<FocusKeyword>,
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
    /// Raster images named by photos, post images and markdown, by URL.
    pub images: Vec<Image>,
    /// What social cards draw of photos and the logo, by URL.
    pub pictures: Vec<Picture>,
    /// site.yaml's `redirects:`.
    pub(crate) redirects: Vec<Redirect>,
    /// The text of the site's own `static/_redirects`, which byline's comes after.
    pub(crate) redirects_file: Option<String>,
    /// The addresses of the posts this build leaves out (drafts, future posts):
    /// held back, not gone.
    pub(crate) held: Vec<String>,
    /// site.yaml's `focus_keywords:`.
    pub(crate) focus_keywords: Vec<FocusKeyword>,
    /// What is worth saying about the site but does not stop a build (a gap in a
    /// series' parts).
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Site {
    /// Validates cross references and builds the indexes. Reports every problem.
    pub fn build(input: Input, sel: Selection) -> Result<Site, Vec<Diagnostic>> {
        // Notes come only with errors (an author file that `load` refused).
        let errors = validate::all(&input);
        if !errors.is_empty() {
            return Err(errors);
        }
        let warnings = series::numbering(&input.posts);
        let Input {
            config,
            posts,
            mut authors,
            pages,
            mut images,
            mut pictures,
            redirects,
            redirects_file,
            focus_keywords,
            ..
        } = input;
        images.sort_by(|a, b| a.url.cmp(&b.url));
        pictures.sort_by(|a, b| a.url.cmp(&b.url));
        pictures.dedup_by(|a, b| a.url == b.url);
        for a in authors.iter().filter(|a| a.photo_focus.is_some()).rev() {
            let photo = a.photo.as_deref().and_then(|p| images.iter_mut().find(|i| i.url == p));
            if let (Some(image), Some(focus)) = (photo, a.photo_focus) {
                image.focus = focus;
            }
            let picture = a.photo.as_deref().and_then(|p| pictures.iter_mut().find(|i| i.url == p));
            if let (Some(picture), Some(focus)) = (picture, a.photo_focus) {
                picture.focus = focus;
            }
        }
        authors.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        let (mut posts, left_out): (Vec<Post>, Vec<Post>) =
            posts.into_iter().partition(|p| (sel.drafts || !p.draft) && (sel.future || p.date <= sel.now));
        let held = left_out.iter().map(|p| format!("/{}", p.path())).collect();
        posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let mut pages = pages;
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        let index = Indexes::build(&posts, &authors);
        Ok(Site {
            config,
            posts,
            authors,
            pages,
            index,
            now: sel.now,
            images,
            pictures,
            redirects,
            redirects_file,
            held,
            focus_keywords,
            warnings,
        })
    }

    /// The raster image of the site at `url`, if it is one.
    pub fn image(&self, url: &str) -> Option<&Image> {
        self.images.binary_search_by(|i| i.url.as_str().cmp(url)).ok().map(|i| &self.images[i])
    }

    /// What a social card draws of the photo or logo at `url`, if it can draw it.
    pub fn picture(&self, url: &str) -> Option<&Picture> {
        self.pictures.binary_search_by(|p| p.url.as_str().cmp(url)).ok().map(|i| &self.pictures[i])
    }

    /// The raster image of the site at site path `path` (`images/a.png`), if it is one.
    pub fn image_at(&self, path: &str) -> Option<&Image> {
        self.image(&self.config.url(path))
    }

    pub fn author(&self, id: &str) -> Option<&Author> {
        self.index.author_by_id.get(id).map(|&i| &self.authors[i])
    }

    /// True for a post that a normal build would leave out.
    pub fn is_unpublished(&self, post: &Post) -> bool {
        post.draft || post.date > self.now
    }
}

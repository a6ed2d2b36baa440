//! Fingerprints of what each output file is made from. A rebuild renders only the
//! files whose fingerprint changed since the last build (the `write` stage keeps the
//! last ones in its manifest); the preview server uses the same test to re-render
//! only what an edit touched.
//!
//! A fingerprint hashes the model data a page's template context is built from,
//! never the context itself (building contexts is half the cost of rendering). Each
//! kind of page hashes the posts, authors and tags its context reads, through the
//! same index lookups `pages.rs` makes; when in doubt a page hashes more, which only
//! costs a re-render. A post, author or page stands for itself by the fingerprint
//! `load` gave it (its file's text and its links' targets), or by all its fields. `tests/incremental.rs` compares edited rebuilds with fresh
//! builds to keep the two files in step.

use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::feeds;
use super::jobs::{self, Job, page_count};
use super::views::Shared;
use crate::model::{Site, related};

/// A 128-bit hash of everything one output file is made from.
pub type Fingerprint = u128;

/// Bumped when rendering changes in a way the inputs below do not show.
const FORMAT: &str = "byline-inputs-1";

/// A hash under construction.
struct Fp(Xxh3);

impl Fp {
    fn new() -> Self {
        Fp(Xxh3::new())
    }

    fn add<T: Hash + ?Sized>(mut self, x: &T) -> Self {
        x.hash(&mut self.0);
        self
    }

    fn date(self, d: &DateTime<FixedOffset>) -> Self {
        self.add(&(d.timestamp(), d.timestamp_subsec_nanos(), d.offset().local_minus_utc()))
    }

    /// The fingerprints at positions `ids` of `all`.
    fn each(mut self, all: &[Fingerprint], ids: &[usize]) -> Self {
        self.0.write_usize(ids.len());
        for &i in ids {
            self.0.write_u128(all[i]);
        }
        self
    }

    fn done(self) -> Fingerprint {
        self.0.digest128()
    }
}

/// A post, author or page: the fingerprint `load` gave it, or else a hash of all
/// its fields (for one made otherwise, as in tests and benchmarks).
fn entity<T: serde::Serialize>(fingerprint: u128, x: &T) -> Fingerprint {
    if fingerprint != 0 {
        return fingerprint;
    }
    xxhash_rust::xxh3::xxh3_128(&postcard::to_stdvec(x).unwrap_or_default())
}

/// The fingerprints of one build's entities, from which each file's is made.
pub struct Inputs<'a> {
    site: &'a Site,
    /// Program, configuration, templates, pages (every page's navigation), year.
    global: Fingerprint,
    posts: Vec<Fingerprint>,
    /// A post as a list shows it: the hash of its `views::PostCard` itself.
    cards: Vec<Fingerprint>,
    authors: Vec<Fingerprint>,
    /// Name, slug and number of posts.
    tags: Vec<Fingerprint>,
    /// Every post's address, authors, tags, last change and whether it is
    /// published: what the sitemap and the OPML file take from posts.
    timeline: Fingerprint,
}

impl<'a> Inputs<'a> {
    /// `templates` is the fingerprint of the template set; `shared` the views the
    /// pages will be rendered from.
    pub fn new(site: &'a Site, templates: Fingerprint, shared: &Shared<'_>) -> Self {
        let posts: Vec<Fingerprint> = site.posts.par_iter().map(|p| entity(p.fingerprint, p)).collect();
        let authors: Vec<Fingerprint> = site.authors.iter().map(|a| entity(a.fingerprint, a)).collect();
        let tags: Vec<Fingerprint> = site
            .index
            .tags
            .iter()
            .map(|t| Fp::new().add(&t.name).add(&t.slug).add(&t.posts.len()).done())
            .collect();
        let cards: Vec<Fingerprint> =
            (0..site.posts.len()).into_par_iter().map(|i| shared.card_fingerprint(i)).collect();
        let pages: Vec<Fingerprint> = site.pages.iter().map(|p| entity(p.fingerprint, p)).collect();
        let global = Fp::new()
            .add(&crate::stamp::program())
            .add(FORMAT)
            .add(&site.config)
            .add(&templates)
            .add(&pages)
            .add(&chrono::Datelike::year(&site.now))
            .done();
        let mut timeline = Fp::new();
        for p in &site.posts {
            timeline = timeline
                .add(&p.slug)
                .add(&p.authors)
                .add(&p.tags)
                .date(&p.modified())
                .add(&site.is_unpublished(p))
                .add(&p.canonical_url.is_some());
        }
        let timeline = timeline.done();
        Inputs { site, global, posts, cards, authors, tags, timeline }
    }

    /// The fingerprint of one job's output file.
    pub fn of(&self, job: Job) -> Fingerprint {
        let s = self.site;
        let pp = s.config.posts_per_page;
        let slice = |ids: &[usize], n: usize| {
            let start = ((n - 1) * pp).min(ids.len());
            (start, (start + pp).min(ids.len()))
        };
        let fp = Fp::new().add(&self.global).add(&job);
        match job {
            Job::Home(n) => {
                let ids: Vec<usize> = (0..s.posts.len()).collect();
                let (a, b) = slice(&ids, n);
                fp.add(&page_count(ids.len(), pp)).each(&self.cards, &ids[a..b]).done()
            }
            Job::Post(i) => self.post_page(fp, i),
            Job::Page(_) | Job::Robots => fp.done(),
            Job::Author(a, _) => {
                let ids = &s.index.author_posts[a];
                fp.add(&self.authors[a]).each(&self.cards, ids).done()
            }
            Job::Tag(t, n) => {
                let ids = &s.index.tags[t].posts;
                let (a, b) = slice(ids, n);
                fp.add(&self.tags[t]).each(&self.cards, &ids[a..b]).done()
            }
            Job::NotFound => fp.each(&self.cards, &(0..s.posts.len().min(5)).collect::<Vec<_>>()).done(),
            Job::Rss | Job::Atom | Job::AuthorRss(_) | Job::TagRss(_) => {
                let ids = feeds::feed_posts(s, job);
                let channel = match job {
                    Job::AuthorRss(a) => self.authors[a],
                    Job::TagRss(t) => self.tags[t],
                    _ => 0,
                };
                fp.add(&channel).each(&self.cards, &ids).each(&self.posts, &ids).done()
            }
            Job::Authors => {
                let counts: Vec<usize> = s.index.author_posts.iter().map(Vec::len).collect();
                fp.add(&self.authors).add(&counts).done()
            }
            Job::Tags => fp.add(&self.tags).done(),
            Job::Archive => fp.add(&self.cards).done(),
            Job::JsonFeed => {
                let ids = feeds::feed_posts(s, job);
                fp.each(&self.cards, &ids).each(&self.posts, &ids).done()
            }
            Job::Opml => fp.add(&self.authors).add(&self.timeline).done(),
            Job::Sitemap => {
                let counts: Vec<usize> = s.index.author_posts.iter().map(Vec::len).collect();
                fp.add(&self.timeline).add(&self.authors).add(&counts).add(&self.tags).done()
            }
        }
    }

    /// A post page: the post with its authors and tags, its neighbours, the "more
    /// from" lists of each author and the related posts.
    fn post_page(&self, fp: Fp, i: usize) -> Fingerprint {
        let s = self.site;
        let neighbours: Vec<usize> =
            [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter(|&j| j < s.posts.len()).collect();
        let mut fp = fp.add(&self.posts[i]).add(&self.cards[i]).each(&self.cards, &neighbours);
        for id in &s.posts[i].authors {
            if let Some(&a) = s.index.author_by_id.get(id) {
                fp = fp.each(&self.cards, &related::more_from(s, a, i, 3));
            }
        }
        fp.each(&self.cards, &related::related(s, i, 3)).done()
    }

    /// Every job of the site with its output file and fingerprint, in job order.
    pub fn files(&self, all: &[Job]) -> Vec<(Job, String, Fingerprint)> {
        all.par_iter().map(|&j| (j, super::file_for(&jobs::path(self.site, j)), self.of(j))).collect()
    }

    /// The fingerprint of the stylesheet for highlighted code.
    pub fn stylesheet(&self) -> Fingerprint {
        Fp::new().add(&self.global).add("css/syntax.css").done()
    }
}

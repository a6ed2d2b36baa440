//! The one interface every kind of output implements ([`Output`]), and what its two
//! halves see: [`Reads`] (the site, while a file's record is gathered) and [`Env`]
//! (the settings and templates, while a file is made from its record; no `Site`,
//! so a file cannot show what its record does not hold).

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Serialize;

use super::cards::Cards;
use super::record::{self, Fingerprint, Listed};
use super::seo::Seo;
use super::site_view::SiteView;
use super::templates::Bound;
use super::views::Shared;
use super::{file_for, guard};
use crate::config::Config;
use crate::load::Asset;
use crate::model::{Site, related};
use crate::support::diagnostic::Diagnostic;

/// What an output file holds.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A static file, copied as it is by the `write` stage (which reads it).
    Asset(Asset),
    /// A variant of the image in this file, made by the `write` stage (which reads
    /// the file).
    Image(std::path::PathBuf, crate::media::photo::Variant),
    /// A social card: its SVG and the pictures it shows, drawn by the `write` stage
    /// (which reads the pictures' files).
    Card(Box<Card>),
}

/// A social card to draw.
#[derive(Debug, Clone)]
pub struct Card {
    /// The filled-in template.
    pub svg: String,
    pub pictures: Vec<CardPicture>,
}

/// A picture a card shows: the `href` the template names it by, and its file.
#[derive(Debug, Clone)]
pub struct CardPicture {
    pub href: String,
    pub file: std::path::PathBuf,
    pub format: crate::model::PictureFormat,
    /// The size to make a raster picture at first (an SVG is drawn as it is).
    pub shape: crate::media::photo::Shape,
}

/// Whether a file is in the sitemap. Every kind says so for each of its files:
/// there is no default, so a new kind of page cannot be left out by accident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sitemap {
    /// An HTML page for search engines, last changed then (if known).
    Listed(Option<DateTime<FixedOffset>>),
    /// Not a page for search engines (a feed, a draft, a copy of a post elsewhere).
    Unlisted,
}

/// One line of the sitemap.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SitemapEntry {
    pub url: String,
    pub lastmod: Option<String>,
}

/// What records are gathered from.
pub(crate) struct Reads<'a> {
    pub site: &'a Site,
    pub shared: Shared<'a>,
    /// The static files (the theme's and the site's `static/`) to publish: those
    /// at paths no other kind generates, set once every other kind is planned.
    pub statics: Vec<(&'a str, &'a Asset)>,
    /// Every HTML page for the sitemap, set once every other kind is planned.
    pub sitemap: Vec<SitemapEntry>,
    /// When any post last changed.
    pub newest: Option<DateTime<FixedOffset>>,
    /// When any post of each author last changed.
    pub author_newest: Vec<Option<DateTime<FixedOffset>>>,
    /// When any post of each tag last changed.
    pub tag_newest: Vec<Option<DateTime<FixedOffset>>>,
    /// The files of the search index the output holds, with their inputs; `None`
    /// when the index is not to be built at all.
    pub held_index: Option<Vec<(String, Fingerprint)>>,
    /// Each author's co-authors and topics, worked out once for all their pages.
    about: Vec<OnceLock<About>>,
}

/// An author's co-authors and topics (the first 12), each with a count of posts.
pub(crate) struct About {
    pub coauthors: Vec<(usize, usize)>,
    pub tags: Vec<(usize, usize)>,
}

impl<'a> Reads<'a> {
    pub(super) fn new(site: &'a Site) -> Self {
        let newest_of = |ids: &[usize]| ids.iter().map(|&i| site.posts[i].modified()).max();
        Reads {
            site,
            shared: Shared::new(site),
            statics: Vec::new(),
            sitemap: Vec::new(),
            newest: site.posts.iter().map(|p| p.modified()).max(),
            author_newest: site.index.author_posts.iter().map(|ids| newest_of(ids)).collect(),
            tag_newest: site.index.tags.iter().map(|t| newest_of(&t.posts)).collect(),
            held_index: Some(Vec::new()),
            about: site.authors.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Author `a`'s co-authors and topics.
    pub(super) fn about(&self, a: usize) -> &About {
        self.about[a].get_or_init(|| About {
            coauthors: related::coauthors(self.site, a),
            tags: related::author_tags(self.site, a).into_iter().take(12).collect(),
        })
    }

    /// Sets the static files to publish: those of `assets` at paths not in `generated`.
    pub(super) fn set_statics(&mut self, assets: &'a BTreeMap<String, Asset>, generated: &HashSet<&str>) {
        self.statics = assets
            .iter()
            .filter(|(p, _)| !generated.contains(p.as_str()))
            .map(|(p, a)| (p.as_str(), a))
            .collect();
    }

    pub(super) fn config(&self) -> &'a Config {
        &self.site.config
    }

    /// Posts `ids` as a list record holds them.
    pub(super) fn list(&self, ids: &[usize]) -> Vec<Listed<'_>> {
        self.shared.list(ids)
    }
}

/// What files are made with: settings, templates, the page metadata builder and
/// the list cards rendered so far.
pub(crate) struct Env<'a> {
    /// The settings, as templates see them: all a file may show of `site.yaml`
    /// besides its record.
    pub site: &'a SiteView,
    pub templates: Bound<'a>,
    pub seo: Seo<'a>,
    cards: Cards,
}

impl<'a> Env<'a> {
    pub(super) fn new(site: &'a SiteView, templates: Bound<'a>, posts: usize) -> Self {
        Env { site, templates, seo: Seo::new(site), cards: Cards::new(posts) }
    }

    /// A file made from a template, guarded against characters no output may hold.
    pub(super) fn page(&self, template: &str, vars: &impl Serialize) -> Result<Content, Diagnostic> {
        Ok(Content::Bytes(guard::text(self.templates.render(template, vars)?).into_bytes()))
    }

    /// The HTML of list cards, with `<h3>` titles when `h3`, else `<h2>` ones.
    pub(super) fn cards(&self, list: &[Listed], h3: bool) -> Result<Vec<String>, Diagnostic> {
        list.iter().map(|l| self.cards.get(l, h3, &self.templates)).collect()
    }
}

/// A kind of output: the files it makes, the record each one reads, and how each
/// is made from its record. Implemented once per module of `kinds/`.
pub(crate) trait Output: Sync + 'static {
    /// One file to make.
    type Job: Copy + Send + Sync + 'static;
    /// What one file shows; its hash is the file's fingerprint.
    type Record<'r>: Serialize;
    /// Part of every fingerprint, so two kinds never share one.
    const NAME: &'static str;
    /// Whether `render` uses the templates and the settings (`Env`): then their hash
    /// is part of each file's fingerprint too.
    const USES_THEME: bool;

    fn jobs(&self, reads: &Reads) -> Vec<Self::Job>;
    /// The file's site path: a folder path ending in `/` stands for its `index.html`.
    fn path(&self, reads: &Reads, job: Self::Job) -> String;
    fn sitemap(&self, reads: &Reads, job: Self::Job) -> Sitemap;
    /// Exactly what the file shows.
    fn record<'r>(&self, reads: &'r Reads<'r>, job: Self::Job) -> Self::Record<'r>;
    /// The file, from its record alone.
    fn render(&self, env: &Env, record: &Self::Record<'_>) -> Result<Content, Diagnostic>;
}

/// Bumped when rendering changes in a way the records do not show.
const FORMAT: &str = "byline-records-1";

/// One file of a plan.
pub(crate) struct PlannedFile {
    pub file: String,
    pub fingerprint: Fingerprint,
    pub sitemap: Option<SitemapEntry>,
}

/// A kind of output with its type left behind, as the list of kinds holds them.
pub(crate) trait Kind: Sync {
    /// Every file of the kind (without fingerprints: cheap).
    fn files(&self, reads: &Reads) -> Vec<String>;
    /// Every file with its fingerprint; `theme` is the hash of the templates and
    /// settings, for the kinds that use them.
    fn plan(&'static self, reads: &Reads, theme: Fingerprint) -> Box<dyn Planned>;
}

/// The planned files of one kind, ready to render any of them.
pub(crate) trait Planned: Send + Sync {
    fn files(&self) -> &[PlannedFile];
    fn render(&self, i: usize, reads: &Reads, env: &Env) -> Result<Content, Diagnostic>;
}

struct KindPlan<K: Output> {
    kind: &'static K,
    jobs: Vec<K::Job>,
    files: Vec<PlannedFile>,
}

impl<K: Output> Kind for K {
    fn files(&self, reads: &Reads) -> Vec<String> {
        self.jobs(reads).into_iter().map(|j| file_for(&self.path(reads, j))).collect()
    }

    fn plan(&'static self, reads: &Reads, theme: Fingerprint) -> Box<dyn Planned> {
        let global = (crate::support::stamp::program(), FORMAT, K::USES_THEME.then_some(theme));
        let jobs = self.jobs(reads);
        let files = jobs
            .par_iter()
            .map(|&job| {
                let path = self.path(reads, job);
                let file = file_for(&path);
                let fingerprint = record::hash(&(global, K::NAME, &file, &self.record(reads, job)));
                let sitemap = match self.sitemap(reads, job) {
                    Sitemap::Listed(lastmod) => Some(SitemapEntry {
                        url: reads.config().url(&path),
                        lastmod: lastmod.map(|d| d.to_rfc3339()),
                    }),
                    Sitemap::Unlisted => None,
                };
                PlannedFile { file, fingerprint, sitemap }
            })
            .collect();
        Box::new(KindPlan { kind: self, jobs, files })
    }
}

impl<K: Output> Planned for KindPlan<K> {
    fn files(&self) -> &[PlannedFile] {
        &self.files
    }

    fn render(&self, i: usize, reads: &Reads, env: &Env) -> Result<Content, Diagnostic> {
        self.kind.render(env, &self.kind.record(reads, self.jobs[i]))
    }
}

//! Renders the validated site: every kind of output (`kinds/`), in parallel, handed
//! file by file to a sink (the `write` stage's stager) so the whole site is never
//! held in memory. Never reads the disk and never writes itself.
//!
//! Each file is planned first: its record (what it shows) is gathered and hashed
//! into its fingerprint, and only files whose fingerprint the output does not
//! already hold are rendered, from their record.

mod campaign;
mod cards;
pub(crate) mod cta;
pub(crate) mod glyphs;
mod guard;
mod jsonld;
mod kinds;
mod output;
mod paging;
mod pictures;
mod record;
mod seo;
pub(crate) mod share;
pub(crate) mod share_kit;
mod site_view;
pub(crate) mod templates;
mod views;

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::load::Asset;
use crate::model::Site;
use crate::support::diagnostic::Diagnostic;
use kinds::{KINDS, SITEMAP, STATIC};
pub use output::Content;
pub(crate) use output::{Card, CardPicture};
use output::{Env, Planned, Reads};
pub(crate) use record::Fingerprint;
use site_view::SiteView;
use templates::Templates;

/// One rendered file: its path below the output folder (`/`-separated), what it
/// holds, and the fingerprint of what it was made from.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    pub path: String,
    pub content: Content,
    pub inputs: Fingerprint,
}

/// Why rendering stopped.
#[derive(Debug)]
pub(crate) enum Failure<E> {
    /// Template errors: every one of the run.
    Site(Vec<Diagnostic>),
    /// The sink refused a file.
    Sink(E),
}

/// The output file of a site path: `posts/a/` → `posts/a/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// The files every kind but static files makes from `site` (cheap: no records),
/// but for the raster images of the site: their stripped originals replace their
/// static files on purpose.
pub(crate) fn output_files(site: &Site) -> HashSet<String> {
    let reads = Reads::new(site);
    let mut files: HashSet<String> = KINDS.iter().chain([&SITEMAP]).flat_map(|k| k.files(&reads)).collect();
    for image in &site.images {
        files.remove(&image.path);
    }
    files
}

/// The hash of what a file rendered with the theme may read besides its record:
/// the templates, and the settings as templates see them (`site`), which is all a
/// file is made with of `site.yaml` but for the highlight theme, which posts' bodies
/// were highlighted with. The other settings (posts per page, feed items) shape
/// records.
fn theme(site: &Site, templates: &Templates, site_view: &SiteView) -> Fingerprint {
    record::hash(&(templates.fingerprint, site_view, &site.config.highlight_theme))
}

/// What a render will do: every output file of the site, and the ones to render.
pub(crate) struct Plan<'a> {
    reads: Reads<'a>,
    site_view: SiteView,
    kinds: Vec<Box<dyn Planned>>,
    /// The files to render: (kind, file of the kind).
    todo: Vec<(usize, usize)>,
}

impl Plan<'_> {
    /// The output files that will be rendered.
    pub(crate) fn to_render(&self) -> impl Iterator<Item = &str> {
        self.todo.iter().map(|&(k, i)| self.kinds[k].files()[i].file.as_str())
    }

    /// Every output file, rendered or not.
    pub(crate) fn files(&self) -> impl Iterator<Item = &str> {
        self.kinds.iter().flat_map(|k| k.files()).map(|f| f.file.as_str())
    }
}

/// What the output already holds, as a plan asks it.
pub(crate) trait Held: Sync {
    /// True when the output holds `file` as these inputs make it (then it is kept
    /// and not rendered).
    fn holds(&self, file: &str, inputs: Fingerprint) -> bool;
    /// The files below the folder `dir` (`pagefind/`) the output holds, each with
    /// the inputs it was made from: for a kind whose files are named after their
    /// contents, and so only known once made.
    fn under(&self, dir: &str) -> Vec<(String, Fingerprint)>;
    /// Whether the search index is to be built (not when nothing is written).
    fn wants_index(&self) -> bool {
        true
    }
}

/// No output: everything is rendered into nothing (`check`, benchmarks), and the
/// search index, which no template makes and so cannot fail to render, is left
/// out (at 10,000 posts it takes longer than all the rest).
pub(crate) struct Nothing;

impl Held for Nothing {
    fn holds(&self, _: &str, _: Fingerprint) -> bool {
        false
    }

    fn under(&self, _: &str) -> Vec<(String, Fingerprint)> {
        Vec::new()
    }

    fn wants_index(&self) -> bool {
        false
    }
}

/// Plans a render of `site` and its static files, rendering only the files
/// `held` does not already hold as their inputs make them.
pub(crate) fn plan<'a>(
    site: &'a Site,
    templates: &Templates,
    assets: &'a BTreeMap<String, Asset>,
    held: &dyn Held,
) -> Plan<'a> {
    let mut reads = Reads::new(site);
    reads.held_index = held.wants_index().then(|| held.under(kinds::search::DIR));
    let site_view = SiteView::new(site);
    let theme = theme(site, templates, &site_view);
    let mut kinds: Vec<Box<dyn Planned>> = KINDS.iter().map(|k| k.plan(&reads, theme)).collect();
    reads.sitemap = kinds.iter().flat_map(|k| k.files()).filter_map(|f| f.sitemap.clone()).collect();
    kinds.push(SITEMAP.plan(&reads, theme));
    let generated: HashSet<&str> = kinds.iter().flat_map(|k| k.files()).map(|f| f.file.as_str()).collect();
    reads.set_statics(assets, &generated);
    kinds.push(STATIC.plan(&reads, theme));
    let all: Vec<(usize, usize)> =
        kinds.iter().enumerate().flat_map(|(k, p)| (0..p.files().len()).map(move |i| (k, i))).collect();
    let todo = all
        .into_par_iter()
        .filter(|&(k, i)| {
            let f = &kinds[k].files()[i];
            !held.holds(&f.file, f.fingerprint)
        })
        .collect();
    Plan { reads, site_view, kinds, todo }
}

/// Renders what `plan` says to, giving each file to `sink`. Returns every output
/// file of the site, rendered or not.
pub(crate) fn render_planned<E: Send>(
    templates: &Templates,
    plan: Plan<'_>,
    sink: impl Fn(Rendered) -> Result<(), E> + Sync,
) -> Result<Vec<String>, Failure<E>> {
    let files: Vec<String> = plan.files().map(String::from).collect();
    let Plan { reads, site_view, kinds, todo } = plan;
    let env = Env::new(&site_view, templates.bind(&site_view), reads.site.posts.len());
    let errors: Mutex<Vec<Diagnostic>> = Mutex::default();
    let sink_error: Mutex<Option<E>> = Mutex::new(None);
    // Once the sink refused a file (a full disk, an interrupted build), the rest
    // is not rendered: the build is going to fail anyway.
    let refused = AtomicBool::new(false);
    todo.into_par_iter().for_each(|(k, i)| {
        if refused.load(Ordering::Relaxed) {
            return;
        }
        let planned = &kinds[k].files()[i];
        match kinds[k].render(i, &reads, &env) {
            Ok(content) => {
                let file = Rendered { path: planned.file.clone(), content, inputs: planned.fingerprint };
                if let Err(e) = sink(file)
                    && let Ok(mut slot) = sink_error.lock()
                {
                    refused.store(true, Ordering::Relaxed);
                    slot.get_or_insert(e);
                }
            }
            Err(d) => {
                if let Ok(mut all) = errors.lock() {
                    all.push(d);
                }
            }
        }
    });
    let mut errors = errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        // A broken partial fails every page that uses it: report it once.
        errors.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
        errors.dedup_by(|a, b| (&a.path, a.line, &a.message) == (&b.path, b.line, &b.message));
        return Err(Failure::Site(errors));
    }
    if let Some(e) = sink_error.into_inner().ok().flatten() {
        return Err(Failure::Sink(e));
    }
    Ok(files)
}

/// Renders chosen files of one site, for callers that need a few (benchmarks).
pub struct Renderer<'a> {
    templates: &'a Templates,
    plan: Plan<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates, assets: &'a BTreeMap<String, Asset>) -> Self {
        Renderer { templates, plan: plan(site, templates, assets, &Nothing) }
    }

    /// Renders the output file `file` (`posts/a/index.html`), if the site has it.
    pub fn render(&self, file: &str) -> Option<Result<Content, Diagnostic>> {
        let p = &self.plan;
        let (k, i) = (p.kinds.iter().enumerate())
            .find_map(|(k, planned)| planned.files().iter().position(|f| f.file == file).map(|i| (k, i)))?;
        let env = Env::new(&p.site_view, self.templates.bind(&p.site_view), p.reads.site.posts.len());
        Some(p.kinds[k].render(i, &p.reads, &env))
    }
}

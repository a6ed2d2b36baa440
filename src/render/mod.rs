//! Renders the validated site: every page and feed, in parallel, handed one by one
//! to a sink (the `write` stage's stager) so the whole site is never held in memory.
//! Never reads the disk and never writes itself.

mod feeds;
mod fragments;
pub mod jobs;
mod jsonld;
mod pages;
pub mod seo;
mod share;
pub mod templates;
pub mod views;

use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::highlight;
use crate::model::Site;
pub use jobs::Job;
use templates::Templates;

/// One rendered file: its path below the output folder (`/`-separated) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// Template errors: every one of the run.
    Site(Vec<Diagnostic>),
    /// The sink refused a file.
    Sink(E),
}

/// The output file of a site path: `posts/a/` → `posts/a/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// The output files a render of `site` will produce (before it runs).
pub fn output_files(site: &Site) -> Vec<String> {
    jobs::jobs(site).into_iter().map(|j| file_for(&jobs::path(site, j))).collect()
}

/// Renders chosen pages of one site, for callers that need a few (benchmarks, the
/// preview server).
pub struct Renderer<'a> {
    ctx: pages::Ctx<'a>,
    jobs: Vec<Job>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates) -> Result<Self, Vec<Diagnostic>> {
        Ok(Renderer { ctx: pages::Ctx::new(site, templates)?, jobs: jobs::jobs(site) })
    }

    /// Renders one page or feed.
    pub fn render(&self, job: Job) -> Result<Rendered, Diagnostic> {
        self.ctx.render(job, &self.jobs)
    }
}

/// Renders every file of `site`, giving each to `sink`; returns every output path.
pub fn render_each<E: Send>(
    site: &Site,
    templates: &Templates,
    sink: impl Fn(Rendered) -> Result<(), E> + Sync,
) -> Result<Vec<String>, Failure<E>> {
    let ctx = pages::Ctx::new(site, templates).map_err(Failure::Site)?;
    let jobs = jobs::jobs(site);
    let errors: Mutex<Vec<Diagnostic>> = Mutex::default();
    let sink_error: Mutex<Option<E>> = Mutex::new(None);
    let mut paths: Vec<String> = jobs
        .par_iter()
        .filter_map(|&job| match ctx.render(job, &jobs) {
            Ok(r) => {
                let path = r.path.clone();
                if let Err(e) = sink(r)
                    && let Ok(mut slot) = sink_error.lock()
                {
                    slot.get_or_insert(e);
                }
                Some(path)
            }
            Err(d) => {
                if let Ok(mut all) = errors.lock() {
                    all.push(d);
                }
                None
            }
        })
        .collect();
    let errors = errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        return Err(Failure::Site(errors));
    }
    if let Some(e) = sink_error.into_inner().ok().flatten() {
        return Err(Failure::Sink(e));
    }
    if let Some(css) = site.config.highlight_theme.as_deref().and_then(highlight::stylesheet) {
        let r = Rendered { path: "css/syntax.css".into(), bytes: css.into_bytes() };
        paths.push(r.path.clone());
        sink(r).map_err(Failure::Sink)?;
    }
    Ok(paths)
}

/// Renders every file of `site` into memory (for small sites, checks and tests).
pub fn render(site: &Site, templates: &Templates) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let out = Mutex::new(Vec::new());
    let result = render_each(site, templates, |r| out.lock().map(|mut v| v.push(r)).map_err(|_| ()));
    match result {
        Ok(_) => Ok(out.into_inner().unwrap_or_default()),
        Err(Failure::Site(d)) => Err(d),
        Err(Failure::Sink(())) => Ok(Vec::new()),
    }
}

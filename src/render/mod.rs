//! Renders the validated site: every page and feed, in parallel, handed one by one
//! to a sink (the `write` stage's stager) so the whole site is never held in memory.
//! Never reads the disk and never writes itself.

mod feeds;
mod fragments;
mod guard;
pub mod inputs;
pub mod jobs;
mod jsonld;
mod pages;
pub mod seo;
mod share;
pub mod templates;
pub mod views;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::highlight;
use crate::model::Site;
pub use inputs::Fingerprint;
use inputs::Inputs;
pub use jobs::Job;
use templates::Templates;
use views::Shared;

/// One rendered file: its path below the output folder (`/`-separated), bytes, and
/// the fingerprint of what it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
    pub inputs: Fingerprint,
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

/// The output files a render of `site` will produce (before it runs), the
/// highlighting stylesheet included.
pub fn output_files(site: &Site) -> std::collections::HashSet<String> {
    let mut files: std::collections::HashSet<String> =
        jobs::jobs(site).into_iter().map(|j| file_for(&jobs::path(site, j))).collect();
    if site.config.highlight_theme.is_some() {
        files.insert(STYLESHEET.into());
    }
    files
}

/// Renders chosen pages of one site, for callers that need a few (benchmarks).
pub struct Renderer<'a> {
    ctx: pages::Ctx<'a>,
    jobs: Vec<Job>,
    inputs: Inputs<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates) -> Self {
        let shared = Shared::new(site);
        Renderer {
            inputs: Inputs::new(site, templates.fingerprint, &shared),
            ctx: pages::Ctx::new(site, templates, shared),
            jobs: jobs::jobs(site),
        }
    }

    /// Renders one page or feed.
    pub fn render(&self, job: Job) -> Result<Rendered, Diagnostic> {
        let (path, bytes) = self.ctx.render(job, &self.jobs)?;
        Ok(Rendered { path, bytes, inputs: self.inputs.of(job) })
    }
}

/// What a render will do: every output file of the site, and the ones to render.
pub struct Plan<'a> {
    jobs: Vec<Job>,
    /// The views the fingerprints were made from, for rendering.
    shared: Shared<'a>,
    /// Every output file, rendered or not.
    pub files: Vec<String>,
    /// The jobs to render, with their output files and fingerprints.
    todo: Vec<(Job, String, Fingerprint)>,
    /// The highlighting stylesheet's fingerprint, when it is to be written.
    stylesheet: Option<Fingerprint>,
}

/// The generated highlighting stylesheet.
pub const STYLESHEET: &str = "css/syntax.css";

impl Plan<'_> {
    /// The output files that will be rendered.
    pub fn to_render(&self) -> impl Iterator<Item = &str> {
        self.todo.iter().map(|(_, f, _)| f.as_str()).chain(self.stylesheet.map(|_| STYLESHEET))
    }
}

/// Plans a render of `site`: `stale(file, inputs)` says whether a file must be
/// rendered (false when the output already holds what these inputs make).
pub fn plan<'a>(
    site: &'a Site,
    templates: &Templates,
    stale: impl Fn(&str, Fingerprint) -> bool + Sync,
) -> Plan<'a> {
    let jobs = jobs::jobs(site);
    let shared = Shared::new(site);
    let inputs = Inputs::new(site, templates.fingerprint, &shared);
    let all = inputs.files(&jobs);
    let mut files: Vec<String> = all.iter().map(|(_, f, _)| f.clone()).collect();
    let mut stylesheet = None;
    if site.config.highlight_theme.is_some() {
        let fp = inputs.stylesheet();
        stylesheet = stale(STYLESHEET, fp).then_some(fp);
        files.push(STYLESHEET.into());
    }
    let todo = all.into_par_iter().filter(|(_, f, fp)| stale(f, *fp)).collect();
    Plan { jobs, shared, files, todo, stylesheet }
}

/// Renders what `plan` says to, giving each file to `sink`. Returns every output
/// file of the site, rendered or not.
pub fn render_planned<'a, E: Send>(
    site: &'a Site,
    templates: &'a Templates,
    plan: Plan<'a>,
    sink: impl Fn(Rendered) -> Result<(), E> + Sync,
) -> Result<Vec<String>, Failure<E>> {
    let Plan { jobs, shared, files, todo, stylesheet } = plan;
    if let (Some(fp), Some(theme)) = (stylesheet, site.config.highlight_theme.as_deref()) {
        let bytes = highlight::stylesheet(theme).unwrap_or_default().into_bytes();
        sink(Rendered { path: STYLESHEET.into(), bytes, inputs: fp }).map_err(Failure::Sink)?;
    }
    if todo.is_empty() {
        return Ok(files);
    }
    let ctx = pages::Ctx::new(site, templates, shared);
    let errors: Mutex<Vec<Diagnostic>> = Mutex::default();
    let sink_error: Mutex<Option<E>> = Mutex::new(None);
    // Once the sink refused a file (a full disk, an interrupted build), the rest
    // is not rendered: the build is going to fail anyway.
    let refused = AtomicBool::new(false);
    todo.into_par_iter().for_each(|(job, _, inputs)| {
        if refused.load(Ordering::Relaxed) {
            return;
        }
        match ctx.render(job, &jobs) {
            Ok((path, bytes)) => {
                if let Err(e) = sink(Rendered { path, bytes, inputs })
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

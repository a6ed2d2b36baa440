//! Renders the validated site into memory: every page, feed and asset as bytes, in
//! parallel. Never reads the disk and never writes; the `write` stage does that.

mod feeds;
pub mod jobs;
mod pages;
pub mod seo;
mod share;
pub mod templates;
pub mod views;

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

/// The output file of a site path: `posts/a/` → `posts/a/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// Renders every page of `site`. All template errors of the run are returned.
pub fn render(site: &Site, templates: &Templates) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let ctx = pages::Ctx::new(site, templates);
    let jobs = jobs::jobs(site);
    let results: Vec<Result<Rendered, Diagnostic>> =
        jobs.par_iter().map(|&job| ctx.render(job, &jobs)).collect();
    let mut out = Vec::with_capacity(results.len() + 1);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(r) => out.push(r),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(css) = site.config.highlight_theme.as_deref().and_then(highlight::stylesheet) {
        out.push(Rendered { path: "css/syntax.css".into(), bytes: css.into_bytes() });
    }
    Ok(out)
}

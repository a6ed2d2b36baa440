//! `byline check`: everything a build validates, by the same steps and without
//! writing anything, plus links between pages, author profiles, an SEO lint of
//! every post, and what the build replaces or lets through unsafe. Findings are
//! diagnostics with a code; `report` prints them for people, GitHub or tools.

mod links;
pub mod report;
mod safety;
mod seo;

use crate::commands::build::{BuildOptions, Prepared, check_places, prepare};
use crate::render::{self, Failure};
use crate::support::diagnostic::{Diagnostic, Severity};

/// Everything a build refuses a site for, by the build's own steps, writing
/// nothing: the output and cache folders, every file and the checks across
/// them (`prepare`), and every page and feed rendered (into nothing), since a
/// template can fail on one page only.
pub fn validate(opts: &BuildOptions) -> Result<Prepared, Vec<Diagnostic>> {
    check_places(opts, &opts.output_dir(), &opts.cache_dir()).map_err(|d| vec![d])?;
    let p = prepare(opts, None)?;
    let plan = render::plan(&p.site, &p.templates, &p.assets, &render::Nothing);
    match render::render_planned(&p.templates, plan, |_| Ok::<(), ()>(())) {
        Err(Failure::Site(errors)) => Err(errors),
        Ok(_) | Err(Failure::Sink(())) => Ok(p),
    }
}

/// Every finding of one check (the report sorts them by file and line).
pub fn check(opts: &BuildOptions, strict: bool) -> Vec<Diagnostic> {
    let mut p = match validate(opts) {
        Ok(p) => p,
        Err(errors) => return errors,
    };
    let mut outputs = render::output_files(&p.site);
    outputs.extend(p.assets.keys().cloned());
    let mut found = links::check(&p.site, &outputs);
    found.extend(links::authors(&p.site, &outputs));
    found.extend(seo::lint(&p.site));
    found.extend(safety::check(&p.site));
    found.extend(render::cta::warnings(&p.site));
    // What the build warns about too (characters cards cannot draw).
    found.append(&mut p.warnings);
    if strict {
        for d in &mut found {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    found
}

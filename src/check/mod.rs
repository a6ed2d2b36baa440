//! `byline check`: everything a build validates, without writing anything, plus
//! links between pages, author profiles, an SEO lint of every post, and what the
//! build replaces or lets through unsafe. Findings are diagnostics with a code;
//! `report` prints them for people, GitHub or tools.

mod links;
pub mod report;
mod safety;
mod seo;

use std::collections::HashSet;

use crate::build::{BuildOptions, prepare};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render;

/// Every finding of one check (the report sorts them by file and line).
pub fn check(opts: &BuildOptions, strict: bool) -> Vec<Diagnostic> {
    let p = match prepare(opts, None) {
        Ok(p) => p,
        Err(errors) => return errors,
    };
    let mut outputs: HashSet<String> = render::output_files(&p.site).into_iter().collect();
    outputs.extend(p.assets.keys().cloned());
    if p.site.config.highlight_theme.is_some() {
        outputs.insert("css/syntax.css".into());
    }
    let mut found = links::check(&p.site, &outputs);
    found.extend(links::authors(&p.site, &outputs));
    found.extend(seo::lint(&p.site));
    found.extend(safety::check(&p.site));
    if strict {
        for d in &mut found {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    found
}

//! The report of an import: what was read and written, every change worth
//! knowing and everything left as it was (each with its file and line), and the
//! next steps; as text for people or JSON for tools.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::address;

use super::{Imported, Line, LineKind, Source};

/// How many of each thing the import wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    pub posts: usize,
    pub drafts: usize,
    pub pages: usize,
    pub authors: usize,
    pub stub_authors: usize,
    pub tags: usize,
    pub images: usize,
    pub redirects: usize,
}

pub(crate) fn counts(imported: &Imported) -> Counts {
    let tags: HashSet<String> =
        imported.posts.iter().flat_map(|p| p.tags.iter().map(|t| address::tag_key(t))).collect();
    Counts {
        posts: imported.posts.len(),
        drafts: imported.posts.iter().filter(|p| p.draft).count(),
        pages: imported.pages.len(),
        authors: imported.authors.len(),
        stub_authors: imported.authors.iter().filter(|a| a.stub).count(),
        tags: tags.len(),
        images: imported.images.len(),
        redirects: imported.redirects.len(),
    }
}

/// The report as JSON.
#[derive(Debug, Serialize)]
struct Json<'a> {
    source: Source,
    from: &'a Path,
    dest: &'a Path,
    counts: Counts,
    lines: &'a [Line],
    /// Whether the written site built.
    built: bool,
}

pub(crate) fn json(source: Source, from: &Path, dest: &Path, imported: &Imported, built: bool) -> String {
    let report = Json { source, from, dest, counts: counts(imported), lines: &imported.report.lines, built };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn heading(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Converted => "Converted, with a change worth knowing",
        LineKind::LeftAsIs => "Left as it was (check these by hand)",
        LineKind::Skipped => "Not published or not imported",
        LineKind::Stub => "Made up because the source had nothing",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report as text.
pub(crate) fn human(source: Source, from: &Path, dest: &Path, imported: &Imported) -> String {
    let c = counts(imported);
    let mut out = format!(
        "Imported {} from {} into {}:\n  {} ({} drafts), {}, {} ({} stubs), {}, {}, {}\n",
        source.name(),
        from.display(),
        dest.display(),
        plural(c.posts, "post", "posts"),
        c.drafts,
        plural(c.pages, "page", "pages"),
        plural(c.authors, "author", "authors"),
        c.stub_authors,
        plural(c.tags, "tag", "tags"),
        plural(c.images, "image", "images"),
        plural(c.redirects, "redirect", "redirects"),
    );
    for kind in [LineKind::LeftAsIs, LineKind::Skipped, LineKind::Stub, LineKind::Converted] {
        let lines: Vec<&Line> = imported.report.lines.iter().filter(|l| l.kind == kind).collect();
        if lines.is_empty() {
            continue;
        }
        out += &format!("\n{} ({}):\n", heading(kind), lines.len());
        for l in lines {
            let at = match l.origin.line {
                Some(n) => format!("{}:{n}", l.origin.file.display()),
                None if l.origin.file.as_os_str().is_empty() => String::new(),
                None => l.origin.file.display().to_string(),
            };
            let sep = if at.is_empty() { "" } else { ": " };
            out += &format!("  {at}{sep}{}\n", crate::support::diagnostic::printable(&l.message));
        }
    }
    out += &format!("\nNext steps:\n  byline serve {}     preview the site\n", dest.display());
    if imported.report.lines.iter().any(|l| l.kind == LineKind::LeftAsIs) {
        out += "  check the \"left as it was\" lines above and fix them by hand\n";
    }
    out
}

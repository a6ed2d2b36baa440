//! A Jekyll site's standalone pages: the markdown files at its top level (an
//! About page), with the address Jekyll gave them as an alias.

use std::path::Path;

use super::Config;
use super::liquid::{self, Target};
use crate::address;
use crate::import::front;
use crate::import::{Item, LineKind, Report, scan};
use crate::support::diagnostic::Diagnostic;

/// Files at the top level that are not pages of the blog.
const NOT_PAGES: &[&str] = &["readme", "index", "404", "changelog", "license", "contributing"];

/// The pages at the top level of `source`.
pub(crate) fn read(
    source: &Path,
    config: &Config,
    resolve: &dyn Fn(Target<'_>) -> Option<String>,
    report: &mut Report,
) -> Result<Vec<Item>, Vec<Diagnostic>> {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    let Ok(entries) = std::fs::read_dir(source) else { return Ok(pages) };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        if !path.is_file()
            || !["md", "markdown"].contains(&ext)
            || NOT_PAGES.contains(&stem.to_lowercase().as_str())
        {
            continue;
        }
        match page(&path, &stem, config, resolve, report) {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(pages) } else { Err(errors) }
}

fn page(
    path: &Path,
    stem: &str,
    config: &Config,
    resolve: &dyn Fn(Target<'_>) -> Option<String>,
    report: &mut Report,
) -> Result<Item, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))?;
    let f = front::read(path, &text)?;
    let slug = address::slugify(stem);
    let title = f.text("title").unwrap_or_else(|| {
        let t = scan::title_from_slug(stem);
        report.add(
            LineKind::Converted,
            scan::origin(path, None),
            format!("no title: `{t}` made from the file name"),
        );
        t
    });
    let pretty = config.permalink.trim() == "pretty" || config.permalink.ends_with('/');
    let old = f
        .text("permalink")
        .and_then(|p| scan::alias(&p, None))
        .unwrap_or_else(|| if pretty { format!("/{stem}/") } else { format!("/{stem}.html") });
    let converted = liquid::convert(&f.body, resolve);
    for (line, message) in converted.left {
        report.add(LineKind::LeftAsIs, scan::origin(path, Some(f.body_line + line - 1)), message);
    }
    let mut aliases: Vec<String> = vec![old];
    aliases.extend(front::list(f.get("redirect_from"), false).iter().filter_map(|a| scan::alias(a, None)));
    aliases.retain(|a| *a != format!("/{slug}/"));
    Ok(Item {
        slug,
        title,
        description: f.text("description"),
        body: converted.text,
        aliases,
        draft: front::boolean(f.get("published")) == Some(false),
        origin: scan::origin(path, Some(1)),
        ..Item::default()
    })
}

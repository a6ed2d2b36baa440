//! The pages only the preview server shows, made fresh on every request and never
//! published: the editorial calendar, the focus-keyword report and the share kits.

use std::path::Path;

/// The editorial calendar.
pub(super) const CALENDAR: &str = "/__byline/calendar";
/// The focus-keyword report.
pub(super) const KEYWORDS: &str = "/__byline/keywords";
/// The share kits: `/__byline/share/` and `/__byline/share/<slug>`.
pub(super) const SHARE: &str = "/__byline/share";

/// The page at `path` (without the query) of the site in `site`, with its HTTP
/// status, when it is one of the preview pages.
pub(super) fn page(path: &str, site: &Path) -> Option<(u16, String)> {
    if let Some(rest) = path.strip_prefix(SHARE).filter(|r| r.is_empty() || r.starts_with('/')) {
        return Some(crate::commands::share::page::respond(site, rest));
    }
    let now = chrono::Utc::now().fixed_offset();
    let made = match path {
        CALENDAR => crate::commands::calendar::calendar(site.to_path_buf(), now.date_naive(), now, 6)
            .map(|c| crate::commands::calendar::to_html(&c)),
        KEYWORDS => crate::commands::report::keywords(site.to_path_buf(), now, 12)
            .map(|r| crate::commands::report::to_html(&r)),
        _ => return None,
    };
    Some(match made {
        Ok(page) => (200, page),
        Err(d) => (500, trouble(&d)),
    })
}

/// Why the page cannot be made, said on the page as the terminal says it.
fn trouble(d: &[crate::support::diagnostic::Diagnostic]) -> String {
    let said = crate::markdown::escape_html(&crate::support::diagnostic::human(d.to_vec()));
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview page</title></head><body><h1>This page cannot be made right now</h1><pre>{said}</pre></body></html>"
    )
}

//! One Hugo content file as a post or a page: its front matter's fields, its
//! old address, its bundle's images, and its body with the shortcodes converted.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value as Json;

use super::config::Config;
use super::permalink::{self, Parts};
use super::shortcodes;
use crate::address;
use crate::content::date::parse_date;
use crate::import::front::{self, Front};
use crate::import::{ImageCopy, Item, LineKind, Report, scan};
use crate::support::diagnostic::Diagnostic;

/// A content file read, before its body is converted (which needs every
/// page's address).
#[derive(Debug)]
pub(crate) struct Raw {
    pub path: PathBuf,
    pub front: Front,
    pub item: Item,
    /// The address Hugo published it at.
    pub old: String,
    /// The images of its bundle: file name and where they are copied.
    pub resources: Vec<(String, ImageCopy)>,
    /// The site path of its folder (`/posts/`), which relative aliases start from.
    pub dir: String,
}

/// Where a file is in `content/`: its sections and its name (a bundle's folder).
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub sections: Vec<String>,
    pub name: String,
    /// The bundle's folder, for `index.md`.
    pub bundle: Option<PathBuf>,
    pub post: bool,
}

/// Whether Hugo published no page for the file: `headless: true`, or
/// `build` (or `_build`) with `render: never` (or `false`).
pub(crate) fn unrendered(f: &Front) -> bool {
    if front::boolean(f.get("headless")) == Some(true) {
        return true;
    }
    let build = f.get("build").or_else(|| f.get("_build")).and_then(Json::as_object);
    let render = build.and_then(|b| b.get("render"));
    matches!(render.and_then(front::text).as_deref(), Some("never" | "false"))
}

/// The first of `keys` the front matter has as a date.
fn date(path: &Path, f: &Front, keys: &[&str], report: &mut Report) -> Option<DateTime<FixedOffset>> {
    let (key, written) = keys.iter().find_map(|k| f.text(k).map(|t| (*k, t)))?;
    match parse_date(&written) {
        Ok(d) => Some(d),
        Err(_) => {
            let msg = format!("the date `{written}` cannot be read and was left out");
            report.add(LineKind::Converted, scan::origin(path, f.line(key)), msg);
            None
        }
    }
}

/// Reads the content file at `path`, at `place`.
pub(crate) fn raw(
    path: &Path,
    place: &Place,
    config: &Config,
    report: &mut Report,
) -> Result<Raw, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))?;
    let f = front::read(path, &text)?;
    for line in &f.tabs {
        report.add(
            LineKind::Converted,
            scan::origin(path, Some(*line)),
            "a tab indenting the front matter was replaced by two spaces",
        );
    }
    let slug_field = f.text("slug");
    let mut slug = address::slugify(slug_field.as_deref().unwrap_or(&place.name));
    if slug.is_empty() {
        slug = if place.post { "post".into() } else { "page".into() };
    }
    let title = f.text("title").unwrap_or_else(|| {
        let t = scan::title_from_slug(&place.name);
        report.add(
            LineKind::Converted,
            scan::origin(path, None),
            format!("no title: `{t}` made from the file name"),
        );
        t
    });
    let date = date(path, &f, &["date", "publishDate", "publishdate", "pubdate", "published"], report);
    let updated = date_quiet(&f, &["lastmod", "modified"]);
    let mut tags = front::list(f.get("tags"), false);
    tags.extend(front::list(f.get("categories"), false));
    scan::dedup_tags(&mut tags);
    let draft = draft(path, &f, report);
    let image = image(&f);
    let parts = Parts {
        date,
        title: title.clone(),
        slug: slug_field,
        filename: place.name.clone(),
        sections: place.sections.clone(),
    };
    let old = old_address(&f, place, &parts, config);
    let resources = place.bundle.as_deref().map(|dir| bundle_images(dir, path, place)).unwrap_or_default();
    let mut authors = front::list(f.get("authors"), false);
    if authors.is_empty() {
        authors = front::list(f.get("author"), false);
    }
    let item = Item {
        slug,
        title,
        date,
        updated,
        authors,
        tags,
        description: f.text("description").or_else(|| f.text("summary")),
        draft,
        canonical_url: f.text("canonicalURL").or_else(|| f.text("canonical_url")),
        image,
        origin: scan::origin(path, Some(1)),
        ..Item::default()
    };
    let dir = place.sections.iter().fold(String::from("/"), |d, s| format!("{d}{}/", permalink::urlize(s)));
    Ok(Raw { path: path.to_path_buf(), front: f, item, old, resources, dir })
}

/// Whether the page is a draft: `draft: true`, or an `expiryDate` past (told).
fn draft(path: &Path, f: &Front, report: &mut Report) -> bool {
    let mut draft = front::boolean(f.get("draft")) == Some(true);
    if let Some(expiry) = date_quiet(f, &["expiryDate", "expirydate", "unpublishdate"])
        && expiry < Utc::now()
    {
        draft = true;
        let msg = format!("expired on {}: imported as a draft", expiry.format("%Y-%m-%d"));
        report.add(
            LineKind::Converted,
            scan::origin(path, f.line("expiryDate").or(f.line("expirydate"))),
            msg,
        );
    }
    draft
}

/// The featured image: the first of `images`, or `image`.
fn image(f: &Front) -> Option<String> {
    match f.get("images") {
        Some(Json::Array(list)) => list.iter().find_map(front::text),
        Some(other) => front::text(other),
        None => f.text("image"),
    }
}

fn date_quiet(f: &Front, keys: &[&str]) -> Option<DateTime<FixedOffset>> {
    keys.iter().find_map(|k| f.text(k)).and_then(|d| parse_date(&d).ok())
}

/// Where Hugo published the page: `url`, else its section's pattern, else the default.
fn old_address(f: &Front, place: &Place, parts: &Parts, config: &Config) -> String {
    if let Some(url) = f.text("url").and_then(|u| scan::alias(&u, None)) {
        return url;
    }
    let section = place.sections.first();
    let pattern = section.and_then(|s| config.permalinks.iter().find(|(k, _)| k.eq_ignore_ascii_case(s)));
    match pattern {
        Some((_, pattern)) => permalink::expand(pattern, parts),
        None => permalink::default_path(parts),
    }
}

/// The images beside a bundle's `index.md`, copied to `/images/<sections>/<name>/`.
fn bundle_images(dir: &Path, index: &Path, place: &Place) -> Vec<(String, ImageCopy)> {
    let mut site_dir = String::from("/images/");
    for s in place.sections.iter().chain(std::iter::once(&place.name)) {
        site_dir.push_str(&permalink::urlize(s));
        site_dir.push('/');
    }
    scan::files(dir, scan::IMAGES)
        .into_iter()
        .filter(|p| p != index)
        .filter_map(|p| {
            let rel = p.strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            let to =
                format!("{site_dir}{}", rel.split('/').map(permalink::urlize).collect::<Vec<_>>().join("/"));
            Some((rel, ImageCopy { from: p, to }))
        })
        .collect()
}

/// The page with its body converted, its bundle's images linked at their new
/// site paths and its old addresses as aliases; `new` is its byline address.
pub(crate) fn finish(
    raw: Raw,
    new: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    report: &mut Report,
) -> (Item, Vec<ImageCopy>) {
    let Raw { path, front, mut item, old, resources, dir } = raw;
    let converted = shortcodes::convert(&front.body, resolve);
    for (line, message) in converted.left {
        report.add(LineKind::LeftAsIs, scan::origin(&path, Some(front.body_line + line - 1)), message);
    }
    let mut body = converted.text;
    for (name, copy) in &resources {
        body = relink(&body, name, &copy.to);
        if item.image.as_deref().map(|i| i.trim_start_matches("./")) == Some(name.as_str()) {
            item.image = Some(copy.to.clone());
        }
    }
    item.body = body;
    // A draft was never published, so it had no address; an expired post had one.
    let was_draft = front::boolean(front.get("draft")) == Some(true);
    let mut aliases: Vec<String> = if was_draft { Vec::new() } else { vec![old] };
    // An alias without a leading `/` is relative to the page's folder.
    let written = front::list(front.get("aliases"), false);
    let absolute = written
        .iter()
        .map(|a| if a.starts_with('/') || a.contains("://") { a.clone() } else { format!("{dir}{a}") });
    aliases.extend(absolute.filter_map(|a| scan::alias(&a, None)));
    let mut seen = Vec::new();
    aliases.retain(|a| {
        a != new && !seen.contains(a) && {
            seen.push(a.clone());
            true
        }
    });
    item.aliases = aliases;
    (item, resources.into_iter().map(|(_, c)| c).collect())
}

/// `body` with the links to `name` (as markdown and HTML write them) sent to `to`.
pub(crate) fn relink(body: &str, name: &str, to: &str) -> String {
    let mut out = body.to_string();
    for prefix in ["", "./"] {
        for (open, closes) in [("](", &[")", " "][..]), ("src=\"", &["\""][..]), ("href=\"", &["\""][..])] {
            for close in closes {
                let from = format!("{open}{prefix}{name}{close}");
                out = out.replace(&from, &format!("{open}{to}{close}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headless_and_never_rendered_pages_are_known() {
        let p = Path::new("x.md");
        for text in [
            "---\nheadless: true\n---\n",
            "---\nbuild:\n  render: never\n---\n",
            "+++\n[_build]\nrender = false\n+++\n",
        ] {
            assert!(unrendered(&front::read(p, text).unwrap()), "{text}");
        }
        assert!(!unrendered(&front::read(p, "---\nbuild:\n  list: never\n---\n").unwrap()));
    }

    #[test]
    fn links_to_a_bundle_image_are_sent_to_its_new_place() {
        let body = "![a](cover.png) ![b](./cover.png \"t\") <img src=\"cover.png\"> [c](cover.png.txt)";
        assert_eq!(
            relink(body, "cover.png", "/images/posts/x/cover.png"),
            "![a](/images/posts/x/cover.png) ![b](/images/posts/x/cover.png \"t\") <img src=\"/images/posts/x/cover.png\"> [c](cover.png.txt)"
        );
    }
}

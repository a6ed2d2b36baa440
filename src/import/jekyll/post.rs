//! One Jekyll post: its file name's date and slug, its front matter's fields,
//! its old addresses, and its body with the Liquid converted.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde_json::Value as Json;

use super::liquid::{self, Target};
use super::permalink::{self, Parts};
use super::{Config, defaults};
use crate::address;
use crate::content::date::parse_date;
use crate::import::front::{self, Front};
use crate::import::{Item, LineKind, Report, scan};
use crate::support::diagnostic::Diagnostic;

/// A post read, before its body is converted (which needs every post's address).
#[derive(Debug)]
pub(crate) struct Raw {
    pub path: PathBuf,
    /// The file name without its extension, as `post_url` names it.
    pub stem: String,
    pub front: Front,
    pub item: Item,
    /// The address Jekyll published it at (None for a draft without a date).
    pub old: Option<String>,
}

/// The date and slug in a file name `2015-01-21-slug`.
fn name_parts(stem: &str) -> (Option<NaiveDate>, &str) {
    if let (Some(date), Some(rest)) = (stem.get(..10), stem.get(10..))
        && let Some(slug) = rest.strip_prefix('-')
        && let Ok(d) = NaiveDate::parse_from_str(date, "%Y-%m-%d")
    {
        return (Some(d), slug);
    }
    (None, stem)
}

/// Reads the post at `path`.
pub(crate) fn raw(
    path: &Path,
    draft: bool,
    folder_category: Option<&str>,
    config: &Config,
    report: &mut Report,
) -> Result<Raw, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))?;
    let mut front = front::read(path, &text)?;
    let rel = path.strip_prefix(&config.root).unwrap_or(path).to_string_lossy().replace('\\', "/");
    defaults::apply(
        &config.defaults,
        &rel,
        if draft { &["posts", "drafts"] } else { &["posts"] },
        &mut front,
    );
    for line in &front.tabs {
        let msg = "a tab indenting the front matter was replaced by two spaces";
        report.add(LineKind::Converted, scan::origin(path, Some(*line)), msg);
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let (file_date, name_slug) = name_parts(&stem);
    let date = date(path, &front, file_date, report).or_else(|| modified(path, report));
    let slug_field = front.text("slug");
    let name = slug_field.clone().unwrap_or_else(|| name_slug.to_string());
    let mut slug = address::slugify(&name);
    if slug.is_empty() {
        slug = "post".into();
    }
    let title = front.text("title").unwrap_or_else(|| {
        let t = scan::title_from_slug(name_slug);
        report.add(
            LineKind::Converted,
            scan::origin(path, None),
            format!("no title: `{t}` made from the file name"),
        );
        t
    });
    let mut categories: Vec<String> = folder_category.map(str::to_string).into_iter().collect();
    categories.extend(front::list(front.get("categories"), true));
    categories.extend(front::list(front.get("category"), false));
    let mut tags = front::list(front.get("tags"), true);
    tags.extend(categories.iter().cloned());
    scan::dedup_tags(&mut tags);
    let unpublished = front::boolean(front.get("published")) == Some(false);
    let (image, image_alt) = image(front.get("image"));
    let item = Item {
        slug,
        title,
        date,
        updated: front.text("last_modified_at").and_then(|d| parse_date(&d).ok()),
        tags,
        authors: named_authors(&front),
        description: front.text("description").or_else(|| front.text("excerpt")),
        draft: draft || unpublished,
        canonical_url: front.text("canonical_url"),
        image: image.map(|i| site_or_address(&i, config.baseurl.as_deref())),
        image_alt,
        origin: scan::origin(path, Some(1)),
        ..Item::default()
    };
    // A draft was never published, so it had no address.
    let old = date.filter(|_| !(draft || unpublished)).map(|date| {
        let pattern =
            front.text("permalink").unwrap_or_else(|| permalink::pattern(&config.permalink).to_string());
        permalink::expand(&pattern, &Parts { date, slug: &name, title: &name, categories: &categories })
    });
    Ok(Raw { path: path.to_path_buf(), stem, front, item, old })
}

/// The post's date: `date:` in any form Jekyll reads, else the file name's.
fn date(
    path: &Path,
    front: &Front,
    file: Option<NaiveDate>,
    report: &mut Report,
) -> Option<DateTime<FixedOffset>> {
    let from_file =
        file.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|n| Utc.from_utc_datetime(&n).fixed_offset());
    let Some(written) = front.text("date") else {
        return from_file;
    };
    match parse_date(&written) {
        Ok(d) => Some(d),
        Err(_) => {
            let msg = format!("the date `{written}` cannot be read; the file name's date is used");
            report.add(LineKind::Converted, scan::origin(path, front.line("date")), msg);
            from_file
        }
    }
}

/// A draft's date where it has none: its file's modification time, as Jekyll
/// dates drafts.
fn modified(path: &Path, report: &mut Report) -> Option<DateTime<FixedOffset>> {
    let time = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let date = DateTime::<Utc>::from(time).fixed_offset();
    let msg = "no date: dated by the file's modification time, as Jekyll dates drafts";
    report.add(LineKind::Converted, scan::origin(path, None), msg);
    Some(date)
}

/// The authors a post names, as written: `author` and `authors`, each a name,
/// a list of names or `{name: ..}`.
fn named_authors(front: &Front) -> Vec<String> {
    let mut names = Vec::new();
    for key in ["author", "authors"] {
        match front.get(key) {
            Some(Json::Object(m)) => names.extend(m.get("name").and_then(front::text)),
            Some(Json::Array(items)) => {
                for i in items {
                    match i {
                        Json::Object(m) => names.extend(m.get("name").and_then(front::text)),
                        other => names.extend(front::text(other)),
                    }
                }
            }
            other => names.extend(front::list(other, false)),
        }
    }
    names.retain(|n| !n.trim().is_empty());
    names
}

/// `image:` as a string or `{path: .., alt: ..}`.
fn image(v: Option<&Json>) -> (Option<String>, Option<String>) {
    match v {
        Some(Json::Object(m)) => {
            (m.get("path").or_else(|| m.get("url")).and_then(front::text), m.get("alt").and_then(front::text))
        }
        Some(v) => (front::text(v), None),
        None => (None, None),
    }
}

/// A path the site links to as a site path (without the base), or an address.
fn site_or_address(s: &str, base: Option<&str>) -> String {
    scan::local(s, base).unwrap_or_else(|| s.to_string())
}

/// The post with its body converted and its old addresses as aliases.
pub(crate) fn finish(raw: Raw, resolve: &dyn Fn(Target<'_>) -> Option<String>, report: &mut Report) -> Item {
    let Raw { path, front, mut item, old, .. } = raw;
    let converted = liquid::convert(&front.body, resolve);
    for (line, message) in converted.left {
        report.add(LineKind::LeftAsIs, scan::origin(&path, Some(front.body_line + line - 1)), message);
    }
    item.body = converted.text;
    if path.extension().is_some_and(|e| e == "html") {
        item.body = crate::import::html::to_markdown(&item.body);
        report.add(
            LineKind::Converted,
            scan::origin(&path, None),
            "an HTML post: its body was converted to markdown",
        );
    }
    let mut aliases: Vec<String> = old.into_iter().collect();
    aliases
        .extend(front::list(front.get("redirect_from"), false).iter().filter_map(|a| scan::alias(a, None)));
    let new = format!("/posts/{}/", item.slug);
    let mut seen = Vec::new();
    aliases.retain(|a| {
        *a != new && !seen.contains(a) && {
            seen.push(a.clone());
            true
        }
    });
    item.aliases = aliases;
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_gives_a_date_and_a_slug() {
        assert_eq!(
            name_parts("2015-01-21-hello-world"),
            (NaiveDate::from_ymd_opt(2015, 1, 21), "hello-world")
        );
        assert_eq!(name_parts("a-draft"), (None, "a-draft"));
        assert_eq!(name_parts("2015-13-01-x"), (None, "2015-13-01-x"));
        assert_eq!(name_parts("2015-é1-01x"), (None, "2015-é1-01x"));
    }
}

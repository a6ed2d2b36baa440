//! A post file: front matter fields, their validation, and the rendered body.

use std::path::Path;

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;

use super::Body;
use super::frontmatter::{OneOrMany, Text, find_line, parse_fields, split};
use super::{key_error, key_span};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::LinkContext;
use crate::model::{Post, Span};

pub const KEYS: &[&str] = &[
    "title",
    "date",
    "authors",
    "author",
    "description",
    "tags",
    "keywords",
    "updated",
    "draft",
    "slug",
    "canonical_url",
    "image",
    "image_alt",
];

#[derive(Debug, Deserialize)]
struct RawPost {
    title: Option<Text>,
    date: Option<Text>,
    authors: Option<OneOrMany>,
    author: Option<OneOrMany>,
    description: Option<Text>,
    tags: Option<OneOrMany>,
    keywords: Option<OneOrMany>,
    updated: Option<Text>,
    draft: Option<bool>,
    slug: Option<Text>,
    canonical_url: Option<String>,
    image: Option<String>,
    image_alt: Option<Text>,
}

/// Parses a date as people write it: `2024-03-05`, `2024-03-05T09:30:00+01:00`,
/// `2024-03-05 09:30` (UTC). The error names the forms that work.
pub fn parse_date(s: &str) -> Result<DateTime<FixedOffset>, String> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d);
    }
    for fmt in ["%Y-%m-%d %H:%M:%S %:z", "%Y-%m-%d %H:%M:%S%:z", "%Y-%m-%d %H:%M %:z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Ok(d);
        }
    }
    let utc = FixedOffset::east_opt(0);
    for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let (Ok(n), Some(utc)) = (NaiveDateTime::parse_from_str(s, fmt), utc) {
            return Ok(utc.from_utc_datetime(&n));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        && let Some(n) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(Utc.from_utc_datetime(&n).fixed_offset());
    }
    Err(format!(
        "`{s}` is not a date: write it as 2024-03-05, or with a time and offset as 2024-03-05T09:30:00+01:00"
    ))
}

/// The years a post's dates may have: RSS dates (RFC 2822) have four-digit years,
/// and years outside this range cannot be written in a feed.
pub const YEARS: RangeInclusive<i32> = 0..=9999;

/// `Err` with a plain message when `year` is outside [`YEARS`].
pub fn check_year(year: i32) -> Result<(), String> {
    if YEARS.contains(&year) { Ok(()) } else { Err("the year must be between 0000 and 9999".into()) }
}

/// A `date:` or `updated:` value: a date, or an error at the key's line (at the
/// value itself when only the year is wrong).
fn date_field<T>(
    path: &Path,
    text: &str,
    fields: &super::frontmatter::Fields<T>,
    key: &str,
    value: &Text,
) -> Result<DateTime<FixedOffset>, Diagnostic> {
    let written = value.clone().into_string();
    let date = parse_date(&written).map_err(|msg| key_error(path, text, fields, key, msg))?;
    check_year(date.year()).map_err(|msg| {
        let line = fields.line_of(key);
        let (line, column) = find_line(text, line, written.trim()).unwrap_or((line, 1));
        Diagnostic::error(path, msg)
            .at(text, line, column)
            .with_hint("write the date with a four-digit year, e.g. 2024-03-05")
    })?;
    Ok(date)
}

/// Where each of `ids` is written, searching on from the last one found (a list is
/// written in order), starting after the colon of the key on `line`. An id not found
/// points at the key. One pass, whatever the number of ids.
fn author_spans(text: &str, line: usize, ids: &[String]) -> Vec<Span> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
    // The cursor: a line, a byte offset in it, and the column of that offset.
    let start = first.find(':').map_or(0, |i| i + 1);
    let (mut at_line, mut at_byte, mut at_col) = (line, start, first[..start].chars().count() + 1);
    let mut spans = Vec::with_capacity(ids.len());
    for id in ids {
        let found = (at_line..=lines.len()).find_map(|l| {
            let from = if l == at_line { at_byte } else { 0 };
            lines.get(l - 1)?.get(from..)?.find(id.as_str()).map(|i| (l, from + i))
        });
        let Some((l, byte)) = found else {
            spans.push(Span { line, column: 1, text: crate::diagnostic::shown_line(first) });
            continue;
        };
        let src = lines.get(l - 1).copied().unwrap_or("");
        let skipped = if l == at_line { &src[at_byte..byte] } else { &src[..byte] };
        let column = if l == at_line { at_col } else { 1 } + skipped.chars().count();
        spans.push(Span { line: l, column, text: crate::diagnostic::shown_line(src) });
        (at_line, at_byte, at_col) = (l, byte + id.len(), column + id.chars().count());
    }
    spans
}

/// The default slug: the file name without `.md` and without a leading `YYYY-MM-DD-`
/// (for `index.md`, the folder's name).
pub fn slug_from_path(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = if stem == "index" {
        path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or(stem)
    } else {
        stem
    };
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(
            |(i, c)| {
                if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() }
            },
        )
        && b[10] == b'-';
    slug::slugify(if dated { &stem[11..] } else { stem })
}

/// Parses one post. `path` is relative to the site folder and only used in messages.
pub fn parse(path: &Path, text: &str, config: &Config) -> Result<(Post, Body), Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let fields = parse_fields::<RawPost>(path, text, split.yaml, split.yaml_line, KEYS)?;
    let raw = &fields.raw;
    let mut errors = Vec::new();
    let fence = || Span { line: 1, column: 1, text: "---".into() };

    let title = raw.title.clone().map(Text::into_string).unwrap_or_default();
    if title.trim().is_empty() {
        let msg = if raw.title.is_some() { "`title` is empty" } else { "`title` is missing" };
        errors.push(
            fence()
                .error(path, msg)
                .with_hint("add a line such as `title: Why our experts write` to the front matter"),
        );
    }
    let date = match &raw.date {
        None => {
            errors.push(
                fence().error(path, "`date` is missing").with_hint("add a line such as `date: 2024-03-05`"),
            );
            None
        }
        Some(d) => date_field(path, text, &fields, "date", d).map_err(|e| errors.push(e)).ok(),
    };
    let updated = match &raw.updated {
        None => None,
        Some(d) => date_field(path, text, &fields, "updated", d).map_err(|e| errors.push(e)).ok(),
    };
    let (author_key, authors) = match (&raw.authors, &raw.author) {
        (Some(a), None) => ("authors", a.clone().into_vec()),
        (None, Some(a)) => ("author", a.clone().into_vec()),
        (Some(_), Some(_)) => {
            errors.push(
                key_error(path, text, &fields, "author", "both `author` and `authors` are given")
                    .with_hint("keep one: `authors: [id, other-id]`"),
            );
            ("authors", Vec::new())
        }
        (None, None) => ("authors", Vec::new()),
    };
    let authors: Vec<String> =
        authors.into_iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
    if authors.is_empty() && errors.iter().all(|e| !e.message.contains("author")) {
        errors.push(fence().error(path, "`authors` is missing").with_hint(
            "add the id of each author, e.g. `authors: [ada-lovelace]` (the name of their file in authors/)",
        ));
    }
    let author_spans = author_spans(text, fields.line_of(author_key), &authors);

    let slug = match &raw.slug {
        Some(s) => slug::slugify(s.clone().into_string()),
        None => slug_from_path(path),
    };
    if slug.is_empty() {
        let msg = "this post's address would be empty: its slug has no letters or digits";
        let d = if raw.slug.is_some() {
            key_error(path, text, &fields, "slug", msg)
        } else {
            fence().error(path, msg)
        };
        errors.push(d.with_hint("set `slug: a-few-words` in the front matter"));
    }
    let canonical_url = raw.canonical_url.clone();
    if let Some(c) = &canonical_url
        && !(c.starts_with("https://") || c.starts_with("http://"))
    {
        errors.push(
            key_error(path, text, &fields, "canonical_url", format!("`{c}` is not an absolute address"))
                .with_hint("write the full address where the post first appeared, starting with https://"),
        );
    }
    let (Some(date), true) = (date, errors.is_empty()) else {
        return Err(errors);
    };

    let page_url = config.url(&format!("posts/{slug}/"));
    let links = LinkContext::new(&config.base_url, &page_url);
    let body_at = Body::of(text, &split);
    let list = |v: &Option<OneOrMany>| {
        v.clone()
            .map(OneOrMany::into_vec)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    let post = Post {
        source: path.to_path_buf(),
        slug_span: if raw.slug.is_some() { key_span(text, &fields, "slug") } else { fence() },
        slug,
        title_line: fields.line_of("title"),
        description_line: fields.line_of("description"),
        title: title.trim().to_string(),
        description: raw
            .description
            .clone()
            .map(Text::into_string)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        date,
        updated,
        authors,
        author_spans,
        tags: list(&raw.tags),
        keywords: list(&raw.keywords),
        draft: raw.draft.unwrap_or(false),
        canonical_url,
        image: raw.image.as_ref().map(|i| links.rewrite(i.as_str().into()).to_string()),
        image_alt: raw.image_alt.clone().map(Text::into_string),
        body: Default::default(),
        fingerprint: 0,
    };
    Ok((post, body_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_forms() {
        assert_eq!(parse_date("2024-03-05").unwrap().to_rfc3339(), "2024-03-05T00:00:00+00:00");
        assert_eq!(
            parse_date("2024-03-05T09:30:00+01:00").unwrap().to_rfc3339(),
            "2024-03-05T09:30:00+01:00"
        );
        assert_eq!(parse_date("2024-03-05 09:30").unwrap().to_rfc3339(), "2024-03-05T09:30:00+00:00");
        assert!(parse_date("March 5th").unwrap_err().contains("2024-03-05"));
        assert!(parse_date("2024-02-30").is_err());
    }

    fn post(front: &str) -> Result<(Post, Body), Vec<Diagnostic>> {
        let config =
            crate::config::parse(Path::new("site.yaml"), "title: T\nbase_url: https://e.com/\n").unwrap();
        parse(Path::new("a.md"), &format!("---\ntitle: T\nauthors: [ada]\n{front}---\n"), &config)
    }

    #[test]
    fn author_spans_follow_the_list_in_order() {
        let text = "---\nauthors: [a, ada, a]\nx:\n  - bo\n---\n";
        let ids = ["a", "ada", "a", "bo", "zed"].map(String::from);
        let got: Vec<(usize, usize)> =
            author_spans(text, 2, &ids).iter().map(|s| (s.line, s.column)).collect();
        assert_eq!(got, [(2, 11), (2, 14), (2, 19), (4, 5), (2, 1)]);
    }

    #[test]
    fn years_0000_and_9999_are_the_limits() {
        let (p, _) = post("date: 0000-01-01\nupdated: 9999-12-31T23:59:59-12:00\n").unwrap();
        assert_eq!((p.date.year(), p.updated.map(|u| u.year())), (0, Some(9999)));
        for (front, line, column) in [
            ("date: -0001-12-31\n", 4, 7),
            ("date: '+10000-01-01'\n", 4, 8),
            ("date: 2024-01-01\nupdated:\n  +10000-01-01\n", 6, 3),
        ] {
            let errs = post(front).unwrap_err();
            assert_eq!(errs.len(), 1, "{front}: {errs:?}");
            assert_eq!(errs[0].message, "the year must be between 0000 and 9999", "{front}");
            assert_eq!((errs[0].line, errs[0].column), (Some(line), Some(column)), "{front}");
        }
    }

    #[test]
    fn slugs_drop_the_date_prefix() {
        assert_eq!(slug_from_path(Path::new("content/posts/2024-03-05-Hello World.md")), "hello-world");
        assert_eq!(slug_from_path(Path::new("content/posts/launch/index.md")), "launch");
        assert_eq!(slug_from_path(Path::new("content/posts/2024.md")), "2024");
    }
}

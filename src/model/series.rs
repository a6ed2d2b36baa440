//! Series: posts that belong together in an order (`series:` and `series_part:`).
//! Builds each series' list of posts, and finds what is wrong or worth saying about
//! them: two names that would share an address (an error), and a part number that
//! is missing or given twice (a warning). No I/O.
//!
//! The order of a series: the posts with a `series_part` first, by part number
//! (two with the same number by date), then the posts without one, by date, oldest
//! first; posts of the same moment by slug.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Post, Span};
use crate::address::{tag_key, tag_slug};
use crate::support::diagnostic::Diagnostic;

/// A post's place in a series, as its front matter gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InSeries {
    /// The series' name as written here.
    pub name: String,
    /// Where `series:` is written.
    pub span: Span,
    /// `series_part:`, when given, and where it is written.
    pub part: Option<u32>,
    pub part_span: Span,
}

/// A series with its posts (indexes into `Site::posts`), in the series' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The name as the first post of the series writes it.
    pub name: String,
    pub slug: String,
    pub posts: Vec<usize>,
}

impl Series {
    pub fn path(&self) -> String {
        format!("series/{}/", self.slug)
    }
}

/// The address of a series named `name`: the rules of tag names (names that differ
/// only by case, spaces or dashes are one series).
pub(crate) fn slug(name: &str) -> String {
    tag_slug(name)
}

/// How two posts of one series follow each other.
fn order(a: &Post, b: &Post) -> std::cmp::Ordering {
    let part = |p: &Post| p.series.as_ref().and_then(|s| s.part);
    // Numbered parts come first (`None` is greater here), in number order.
    let key = |p: &Post| (part(p).is_none(), part(p));
    key(a).cmp(&key(b)).then(a.date.cmp(&b.date)).then_with(|| a.slug.cmp(&b.slug))
}

/// Every series of `posts` sorted by name, and for each post its series and place.
pub(crate) fn index(posts: &[Post]) -> (Vec<Series>, Vec<Option<(usize, usize)>>) {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in posts.iter().enumerate() {
        if let Some(s) = &p.series {
            by_key.entry(tag_key(&s.name)).or_default().push(i);
        }
    }
    let mut series: Vec<Series> = by_key
        .into_values()
        .map(|mut ids| {
            ids.sort_by(|&a, &b| order(&posts[a], &posts[b]));
            let name = posts[ids[0]].series.as_ref().map_or_else(String::new, |s| s.name.clone());
            Series { slug: slug(&name), name, posts: ids }
        })
        .collect();
    series.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.slug.cmp(&b.slug)));
    let mut places = vec![None; posts.len()];
    for (s, one) in series.iter().enumerate() {
        for (place, &i) in one.posts.iter().enumerate() {
            places[i] = Some((s, place));
        }
    }
    (series, places)
}

/// Series names that are not the same series but would have the same address.
pub(super) fn names(posts: &[Post]) -> Vec<Diagnostic> {
    let mut by_slug: HashMap<String, (String, &str, &Path, &Span)> = HashMap::new();
    let mut found = Vec::new();
    let mut all: Vec<(&Post, &InSeries)> =
        posts.iter().filter_map(|p| Some((p, p.series.as_deref()?))).collect();
    all.sort_by(|a, b| a.0.source.cmp(&b.0.source));
    for (post, s) in all {
        let key = tag_key(&s.name);
        match by_slug.entry(slug(&s.name)) {
            Entry::Vacant(v) => {
                v.insert((key, &s.name, &post.source, &s.span));
            }
            Entry::Occupied(o) => {
                let (first_key, first, path, at) = o.get();
                if *first_key != key {
                    let msg = format!(
                        "the series `{}` and `{first}` ({}:{}) would have the same address /series/{}/",
                        s.name,
                        path.display(),
                        at.line,
                        o.key()
                    );
                    found.push(s.span.error(&post.source, msg).with_hint(
                        "write the name the same way in every post of the series, or name one series differently",
                    ));
                }
            }
        }
    }
    found
}

/// A warning at the `series_part:` of `post`.
fn at_part(post: &Post, s: &InSeries, message: String, hint: &str) -> Diagnostic {
    let mut d = s.part_span.error(&post.source, message).with_hint(hint);
    d.severity = crate::support::diagnostic::Severity::Warning;
    d.code = Some("series-part");
    d
}

/// Part numbers given twice in one series, and parts missing before the last one,
/// among every post written (drafts and scheduled posts too: a part still to come
/// fills its place).
pub(crate) fn numbering(posts: &[Post]) -> Vec<Diagnostic> {
    let mut by_key: BTreeMap<String, Vec<(&Post, &InSeries, u32)>> = BTreeMap::new();
    for p in posts {
        if let Some(s) = &p.series
            && let Some(n) = s.part
        {
            by_key.entry(tag_key(&s.name)).or_default().push((p, s, n));
        }
    }
    let mut found = Vec::new();
    for mut parts in by_key.into_values() {
        parts.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.source.cmp(&b.0.source)));
        let mut before: Option<(&Post, u32)> = None;
        for &(post, s, n) in &parts {
            match before {
                Some((other, m)) if m == n => found.push(at_part(
                    post,
                    s,
                    format!("{} is part {n} of the series `{}` too", other.source.display(), s.name),
                    "give each post of a series its own `series_part:` number",
                )),
                Some((other, m)) if n > m + 1 => found.push(at_part(
                    post,
                    s,
                    format!(
                        "the series `{}` has no part {}: this post is part {n}, the one before it ({}) part {m}",
                        s.name,
                        missing(m + 1, n),
                        other.source.display()
                    ),
                    "number the parts 1, 2, 3… without gaps, or add the missing part",
                )),
                None if n > 1 => found.push(at_part(
                    post,
                    s,
                    format!(
                        "the series `{}` has no part {}: this post, part {n}, is its first",
                        s.name,
                        missing(1, n)
                    ),
                    "number the parts 1, 2, 3… without gaps, or add the missing part",
                )),
                _ => {}
            }
            before = Some((post, n));
        }
    }
    found
}

/// The part numbers from `from` up to (not with) `to`, in words: `3`, `3 or 4`, `3 to 5`.
fn missing(from: u32, to: u32) -> String {
    match to - from {
        1 => from.to_string(),
        2 => format!("{from} or {}", from + 1),
        _ => format!("{from} to {}", to - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(slug: &str, date: &str, name: &str, part: Option<u32>) -> Post {
        let date = chrono::DateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z")).unwrap();
        let at = |line| Span { line, column: 1, text: String::new() };
        let series = InSeries { name: name.into(), span: at(5), part, part_span: at(6) };
        Post {
            source: format!("{slug}.md").into(),
            slug: slug.into(),
            title: slug.into(),
            description: None,
            date,
            updated: None,
            authors: Vec::new(),
            author_spans: Vec::new(),
            slug_span: Default::default(),
            title_line: 1,
            description_line: 1,
            tags: Vec::new(),
            tag_spans: Vec::new(),
            keywords: Vec::new(),
            draft: false,
            canonical_url: None,
            image: None,
            image_alt: None,
            share_text: None,
            stage: None,
            cta: Default::default(),
            series: Some(Box::new(series)),
            body: Default::default(),
            aliases: Vec::new(),
            fingerprint: 0,
        }
    }

    fn slugs(posts: &[Post], s: &Series) -> Vec<String> {
        s.posts.iter().map(|&i| posts[i].slug.clone()).collect()
    }

    #[test]
    fn numbered_parts_come_first_by_number_then_the_others_by_date() {
        let posts = [
            post("d", "2024-04-01", "Pipes", None),
            post("c", "2024-01-01", "pipes", None),
            post("b", "2024-03-01", "Pipes", Some(1)),
            post("a", "2024-02-01", "Pipes", Some(2)),
        ];
        let (series, places) = index(&posts);
        assert_eq!(series.len(), 1);
        assert_eq!(slugs(&posts, &series[0]), ["b", "a", "c", "d"]);
        assert_eq!(series[0].name, "Pipes");
        assert_eq!(places, [Some((0, 3)), Some((0, 2)), Some((0, 0)), Some((0, 1))]);
    }

    #[test]
    fn gaps_and_duplicates_are_said_at_the_later_part() {
        let posts = [
            post("a", "2024-01-01", "Pipes", Some(2)),
            post("b", "2024-02-01", "Pipes", Some(2)),
            post("c", "2024-03-01", "Pipes", Some(5)),
        ];
        let got: Vec<(String, String)> =
            numbering(&posts).into_iter().map(|d| (d.path.display().to_string(), d.message)).collect();
        assert_eq!(
            got,
            [
                ("a.md".into(), "the series `Pipes` has no part 1: this post, part 2, is its first".into()),
                ("b.md".into(), "a.md is part 2 of the series `Pipes` too".into()),
                (
                    "c.md".into(),
                    "the series `Pipes` has no part 3 or 4: this post is part 5, the one before it (b.md) part 2"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn names_that_only_share_an_address_are_refused() {
        let posts = [post("a", "2024-01-01", "C++", None), post("b", "2024-01-01", "C plus plus", None)];
        let errors = names(&posts);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("/series/c-plus-plus/"), "{}", errors[0].message);
        assert!(
            names(&[
                post("a", "2024-01-01", "Data Pipes", None),
                post("b", "2024-01-01", "data-pipes", None)
            ])
            .is_empty()
        );
    }
}

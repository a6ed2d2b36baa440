//! `focus_keywords:` in site.yaml: the terms the company wants to be known for,
//! each with the other ways people write it. They change no page (only `check`
//! and `byline report keywords` read them), so they stay out of [`Config`] and
//! its fingerprint.
//!
//! [`Config`]: super::Config

use std::path::Path;

use super::key;
use crate::content::frontmatter::{Fields, Item, Key, Kind, Located};
use crate::model::FocusKeyword;

/// The fields of one `focus_keywords:` item written as a group.
pub(super) const FOCUS_KEYWORD: &[Key] = &[
    key("term", Kind::Text, "text", "term: data observability"),
    key("also", Kind::List, "a list of other ways to write it", "also: [pipeline monitoring]"),
];

/// The site's focus keywords, in the order written; every problem is added to `f`.
pub(super) fn read(f: &mut Fields<'_>, path: &Path) -> Vec<FocusKeyword> {
    let mut out: Vec<FocusKeyword> = Vec::new();
    for item in f.items("focus_keywords", FOCUS_KEYWORD) {
        let (term, also) = match item {
            Item::Text(t) => (Some(t), Vec::new()),
            Item::Group(mut g) => {
                let term = g.text("term");
                if term.is_none() {
                    let d = g.fence.error(path, "a focus keyword written as a group needs `term:`");
                    g.errors.push(
                        d.with_hint("write it as `{term: data observability, also: [pipeline monitoring]}`"),
                    );
                }
                let also = g.list("also").unwrap_or_default();
                f.absorb(g);
                (term, also)
            }
        };
        let Some(term) = term else { continue };
        if let Some(k) = usable(f, path, &term, &out) {
            let also = also.iter().filter_map(|a| usable(f, path, a, &out)).map(|a| a.term).collect();
            out.push(FocusKeyword { also, ..k });
        }
    }
    out
}

/// `t` as a keyword, or `None` (and a problem said) when it has no words or
/// repeats one given before.
fn usable(
    f: &mut Fields<'_>,
    path: &Path,
    t: &Located<String>,
    before: &[FocusKeyword],
) -> Option<FocusKeyword> {
    let term = t.value.split_whitespace().collect::<Vec<_>>().join(" ");
    if !term.chars().any(char::is_alphanumeric) {
        f.errors.push(t.span.error(path, "a focus keyword needs at least one letter or digit"));
        return None;
    }
    let same = |k: &str| k.to_lowercase() == term.to_lowercase();
    if let Some(first) = before.iter().find(|k| same(&k.term) || k.also.iter().any(|a| same(a))) {
        let d = t.span.error(path, format!("`{term}` is already a focus keyword (under `{}`)", first.term));
        f.errors.push(d.with_hint("give each term once"));
        return None;
    }
    Some(FocusKeyword { term, also: Vec::new(), span: t.span.clone() })
}

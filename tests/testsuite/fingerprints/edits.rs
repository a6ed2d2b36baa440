//! Single-field edits of a site's sources, and strategies that draw them at random:
//! one key of a post, author, page or `site.yaml`, a body, or one tag renamed in every
//! post that has it (tags have no file of their own: a post's `tags:` line names them,
//! and a tag is shown as first written).

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::strategy::Union;

use super::sources::{
    Sources, quoted, quoted_list, rename_tag, set_body, set_front_key, set_in_group, set_key,
};

/// One field of one entity, changed.
#[derive(Debug, Clone)]
pub(super) enum Edit {
    /// A key of a post's, author's or page's front matter, or of `site.yaml`, set to
    /// YAML text (or removed).
    Key { file: String, key: &'static str, value: Option<String> },
    /// A key inside a block of `site.yaml` (`organization:`).
    InGroup { file: String, group: &'static str, key: &'static str, value: String },
    /// The markdown after the front matter.
    Body { file: String, text: String },
    /// A tag's name, in every post that has it.
    Tag { from: String, to: String },
}

impl Edit {
    /// The files the edit rewrites, with their new text.
    pub(super) fn files(&self, s: &Sources) -> Vec<(String, String)> {
        match self {
            Edit::Key { file, key, value } if file == "site.yaml" => {
                vec![(file.clone(), set_key(s.text(file), key, value.as_deref()))]
            }
            Edit::Key { file, key, value } => {
                vec![(file.clone(), set_front_key(s.text(file), key, value.as_deref()))]
            }
            Edit::InGroup { file, group, key, value } => {
                vec![(file.clone(), set_in_group(s.text(file), group, key, value))]
            }
            Edit::Body { file, text } => vec![(file.clone(), set_body(s.text(file), text))],
            Edit::Tag { from, to } => s
                .posts
                .iter()
                .filter(|p| super::sources::tags_of(s.text(p)).contains(from))
                .map(|p| (p.clone(), rename_tag(s.text(p), from, to)))
                .collect(),
        }
    }

    /// The kind of entity edited, for the tally of a run.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Edit::Tag { .. } => "tag",
            Edit::Key { file, .. } | Edit::InGroup { file, .. } | Edit::Body { file, .. } => {
                if file == "site.yaml" {
                    "site.yaml"
                } else if file.starts_with("content/posts/") {
                    "post"
                } else if file.starts_with("authors/") {
                    "author"
                } else {
                    "page"
                }
            }
        }
    }
}

/// A short text with the characters HTML, XML and JSON escape.
fn text() -> impl Strategy<Value = String> {
    r#"[A-Z][a-z]{2,8}( ([a-z]{2,8}|&|<em>|"quoted"|l'été)){0,5}"#
}

fn quoted_text() -> BoxedStrategy<String> {
    text().prop_map(|t| quoted(&t)).boxed()
}

/// Paragraphs, a heading and a code block now and then.
fn body() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => text(),
        1 => text().prop_map(|t| format!("## {t}")),
        1 => Just("```rust\nfn main() { println!(\"hi\"); }\n```".to_string()),
    ];
    prop::collection::vec(part, 1..5).prop_map(|parts| parts.join("\n\n"))
}

/// A moment from January 2024 to early 2027: mostly past, some after [`crate::common::NOW`].
fn date() -> BoxedStrategy<String> {
    (0u64..1130, 0u32..24)
        .prop_map(|(days, hour)| {
            let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().checked_add_days(Days::new(days)).unwrap();
            format!("{day}T{hour:02}:15:00+01:00")
        })
        .boxed()
}

fn words() -> BoxedStrategy<String> {
    prop::collection::vec("[a-z]{3,9}", 0..4).prop_map(|w| quoted_list(&w)).boxed()
}

/// Edits of key `key` of a file drawn from `files`, to a value drawn from `value`.
fn key(files: &[String], key: &'static str, value: BoxedStrategy<Option<String>>) -> BoxedStrategy<Edit> {
    (select(files.to_vec()), value).prop_map(move |(file, value)| Edit::Key { file, key, value }).boxed()
}

fn body_of(files: &[String]) -> BoxedStrategy<Edit> {
    (select(files.to_vec()), body()).prop_map(|(file, text)| Edit::Body { file, text }).boxed()
}

fn post_edits(s: &Sources) -> BoxedStrategy<Edit> {
    let p = &s.posts;
    let mut tags = s.tags.clone();
    tags.extend(["Fresh topic".to_string(), "Another new topic".to_string()]);
    let tags = subsequence(tags, 0..=3).prop_map(|t| Some(quoted_list(&t))).boxed();
    let authors = subsequence(s.author_ids.clone(), 1..=2).prop_map(|a| Some(quoted_list(&a))).boxed();
    Union::new([
        key(p, "title", quoted_text().prop_map(Some).boxed()),
        key(p, "description", prop::option::of(quoted_text()).boxed()),
        key(p, "date", date().prop_map(Some).boxed()),
        key(p, "updated", prop::option::of(date()).boxed()),
        key(p, "tags", tags),
        key(p, "keywords", prop::option::of(words()).boxed()),
        key(p, "authors", authors),
        key(p, "draft", Just(Some("true".to_string())).boxed()),
        body_of(p),
    ])
    .boxed()
}

fn author_edits(s: &Sources) -> BoxedStrategy<Edit> {
    let a = &s.authors;
    let email = "[a-z]{3,8}@(example\\.com|mail\\.example\\.org)";
    let photo = prop::option::of(select(s.images.clone())).boxed();
    let social = prop::option::of("[a-z]{3,10}".prop_map(|h| format!("{{x: {h}}}"))).boxed();
    Union::new([
        key(a, "name", quoted_text().prop_map(Some).boxed()),
        key(a, "role", prop::option::of(quoted_text()).boxed()),
        key(a, "email", prop::option::of(email).boxed()),
        key(a, "location", prop::option::of(quoted_text()).boxed()),
        key(a, "expertise", prop::option::of(words()).boxed()),
        key(a, "photo", photo),
        key(a, "social", social),
        body_of(a),
    ])
    .boxed()
}

/// A tag renamed: in upper or lower case (the same address) or to a new name.
fn tag_edits(s: &Sources) -> BoxedStrategy<Edit> {
    (select(s.tags.clone()), 0..3u8, "[A-Z][a-z]{3,8} [a-z]{3,8}")
        .prop_map(|(from, how, new)| {
            let to = match how {
                0 => from.to_uppercase(),
                1 => from.to_lowercase(),
                _ => new,
            };
            Edit::Tag { from, to }
        })
        .boxed()
}

fn page_edits(s: &Sources) -> BoxedStrategy<Edit> {
    let p = &s.pages;
    Union::new([
        key(p, "title", quoted_text().prop_map(Some).boxed()),
        key(p, "description", prop::option::of(quoted_text()).boxed()),
        body_of(p),
    ])
    .boxed()
}

fn site_edits() -> BoxedStrategy<Edit> {
    let site = ["site.yaml".to_string()];
    let number = |n: std::ops::RangeInclusive<u32>| n.prop_map(|n| Some(n.to_string())).boxed();
    let themes = select(["InspiredGitHub", "base16-ocean.light", "none"].map(String::from).to_vec());
    let organization = quoted_text()
        .prop_map(|value| Edit::InGroup {
            file: "site.yaml".into(),
            group: "organization",
            key: "name",
            value,
        })
        .boxed();
    Union::new([
        key(&site, "title", quoted_text().prop_map(Some).boxed()),
        key(&site, "description", quoted_text().prop_map(Some).boxed()),
        key(
            &site,
            "language",
            select(["en", "en-GB", "de", "fr"].map(String::from).to_vec()).prop_map(Some).boxed(),
        ),
        key(&site, "posts_per_page", number(1..=10)),
        key(&site, "feed_items", number(1..=25)),
        key(&site, "highlight_theme", themes.prop_map(Some).boxed()),
        organization,
    ])
    .boxed()
}

/// Any single-field edit of the site: each kind of entity it has equally often.
pub(super) fn any_edit(s: &Sources) -> BoxedStrategy<Edit> {
    let mut kinds = vec![post_edits(s), author_edits(s), tag_edits(s), site_edits()];
    if !s.pages.is_empty() {
        kinds.push(page_edits(s));
    }
    Union::new(kinds).boxed()
}

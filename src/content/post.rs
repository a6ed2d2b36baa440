//! A post file: front matter fields, their validation, and the rendered body.

use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset};

use super::Body;
pub use super::date::{YEARS, check_year, parse_date};
use super::frontmatter::{Fields, Key, Kind, Located, read, split};
use super::{aliases, links, series};
use crate::address::{self, MAX_SLUG};
use crate::config::Config;
use crate::markdown::LinkContext;
use crate::model::{Post, PostRefs, Span};
use crate::support::diagnostic::Diagnostic;

const fn key(name: &'static str, kind: Kind, expected: &'static str, example: &'static str) -> Key {
    Key { name, kind, expected, example }
}

/// Every field of a post, and how each is written.
pub const FIELDS: &[Key] = &[
    key("title", Kind::Text, "text", "title: Why our experts write"),
    key("date", Kind::Text, "a date", "date: 2025-02-04"),
    key("authors", Kind::List, "a list of author ids", "authors: [maya-okafor, chris-koch]"),
    key("author", Kind::List, "an author id", "author: maya-okafor"),
    key("description", Kind::Text, "text", "description: One or two sentences for search results."),
    key("tags", Kind::List, "a list of names", "tags: [Data engineering, Design]"),
    key("keywords", Kind::List, "a list of words", "keywords: [backfill, idempotency]"),
    key("updated", Kind::Text, "a date", "updated: 2025-02-10"),
    key("draft", Kind::Flag, "true or false", "draft: true"),
    key("slug", Kind::Text, "a few words for the address", "slug: backfills-are-a-product"),
    key(
        "canonical_url",
        Kind::Text,
        "an address",
        "canonical_url: https://example.com/where-it-first-appeared/",
    ),
    key("image", Kind::Text, "the path or address of an image", "image: /images/backfill.png"),
    key("image_alt", Kind::Text, "text", "image_alt: A chart of nightly backfills"),
    key("share_text", Kind::Text, "text", "share_text: Backfills are a product: here is how we ship them."),
    series::SERIES,
    series::SERIES_PART,
    key("stage", Kind::Text, "one of the site's buying stages", "stage: consideration"),
    key("cta", Kind::Text, "the name of a call to action, or `false`", "cta: webinar"),
    aliases::ALIASES,
    aliases::REDIRECT_FROM,
];

/// A post that cannot be built: every problem of its file, and what the checks
/// across files still need of it (when its front matter could be read at all).
#[derive(Debug)]
pub struct Rejected {
    pub errors: Vec<Diagnostic>,
    pub refs: Option<PostRefs>,
}

impl From<Vec<Diagnostic>> for Rejected {
    fn from(errors: Vec<Diagnostic>) -> Self {
        Rejected { errors, refs: None }
    }
}

/// A `date:` or `updated:` value: a date, or an error at the value.
fn date_field(f: &mut Fields<'_>, path: &Path, key: &str) -> Option<DateTime<FixedOffset>> {
    let written = f.text(key)?;
    let error = match parse_date(&written.value) {
        Ok(date) => match check_year(date.year()) {
            Ok(()) => return Some(date),
            Err(msg) => written
                .span
                .error(path, msg)
                .with_hint("write the date with a four-digit year, e.g. 2024-03-05"),
        },
        Err(e) => written.span.error(path, e.message).with_hint(e.hint),
    };
    f.errors.push(error);
    None
}

/// The author ids and where each is written; an error when neither or both of
/// `author` and `authors` are given.
fn authors(f: &mut Fields<'_>, path: &Path) -> Vec<Located<String>> {
    let both = f.has("authors") && f.has("author");
    let before = f.errors.len();
    let (authors, author) = (f.list("authors"), f.list("author"));
    let wrong = f.errors.len() > before;
    if both {
        let d = f
            .key_error("author", "both `author` and `authors` are given")
            .with_hint("keep one: `authors: [id, other-id]`");
        f.errors.push(d);
        return Vec::new();
    }
    let ids: Vec<Located<String>> = authors
        .or(author)
        .unwrap_or_default()
        .into_iter()
        .map(|a| Located { value: a.value.trim().to_string(), span: a.span })
        .filter(|a| !a.value.is_empty())
        .collect();
    if ids.is_empty() && !wrong {
        f.errors.push(f.fence.error(path, "`authors` is missing").with_hint(
            "add the id of each author, e.g. `authors: [ada-lovelace]` (the name of their file in authors/)",
        ));
    }
    ids
}

/// The slug of a post or page (`what`) and where it comes from: `slug:`, or else
/// the file name; an error when it is empty or too long.
pub(crate) fn slug(f: &mut Fields<'_>, path: &Path, what: &str) -> Option<(String, Span)> {
    let (written, span) = match f.text("slug") {
        Some(s) => (Some(s.value), s.span),
        None => (None, f.fence.clone()),
    };
    let slug = match &written {
        Some(s) => address::slugify(s),
        None => slug_from_path(path),
    };
    let (msg, hint) = if slug.is_empty() {
        let msg = format!("this {what}'s address would be empty: its slug has no letters or digits");
        (msg, "set `slug: a-few-words` in the front matter".to_string())
    } else if let Some(why) = address::too_long(&slug) {
        let short = address::shorten(&slug, 60);
        let hint = match written {
            Some(_) => format!("shorten `slug:` to at most {MAX_SLUG} characters, e.g. `slug: {short}`"),
            None => format!("the file name gives the address: set a shorter one, e.g. `slug: {short}`"),
        };
        (format!("this {what}'s address is too long: {why}"), hint)
    } else {
        return Some((slug, span));
    };
    f.errors.push(span.error(path, msg).with_hint(hint));
    None
}

/// Tag names and where each is written; a name that cannot be a tag is an error.
fn tags(f: &mut Fields<'_>, path: &Path) -> Vec<Located<String>> {
    let mut tags = Vec::new();
    for t in trimmed(f.list("tags")) {
        let Some(msg) = address::tag_problem(&t.value) else {
            tags.push(t);
            continue;
        };
        let hint = if t.value.chars().any(char::is_alphanumeric) {
            "a tag names a topic in a few words, like `Data engineering`"
        } else {
            "a tag names a topic in words, like `Data engineering`; a symbol goes with a word, like `C++`"
        };
        f.errors.push(t.span.error(path, msg).with_hint(hint));
    }
    tags
}

/// The values of a list, trimmed, without empty ones.
fn trimmed(list: Option<Vec<Located<String>>>) -> Vec<Located<String>> {
    list.unwrap_or_default()
        .into_iter()
        .map(|l| Located { value: l.value.trim().to_string(), span: l.span })
        .filter(|l| !l.value.is_empty())
        .collect()
}

/// The title, or an error at the fence when it is missing or empty.
pub(crate) fn title(f: &mut Fields<'_>, path: &Path, example: &str) -> String {
    let written = f.text("title");
    let title = written.as_ref().map_or("", |t| t.value.trim()).to_string();
    if title.is_empty() {
        let msg = if f.has("title") { "`title` is empty" } else { "`title` is missing" };
        f.errors.push(
            f.fence.error(path, msg).with_hint(format!("add a line such as `{example}` to the front matter")),
        );
    }
    title
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
    address::slugify(if dated { &stem[11..] } else { stem })
}

/// The slug a post file gets, as the loader would give it, when its front matter
/// can be read (for `byline new post`, to find the addresses that are taken).
pub fn slug_of(path: &Path, text: &str) -> Option<String> {
    let split = split(path, text).ok()?;
    let mut f = read(path, text, split.yaml, split.yaml_line, FIELDS).ok()?;
    slug(&mut f, path, "post").map(|(s, _)| s)
}

/// Parses one post. `path` is relative to the site folder and only used in messages.
pub fn parse(path: &Path, text: &str, config: &Config) -> Result<(Post, Body), Rejected> {
    let split = split(path, text).map_err(|d| Rejected::from(vec![d]))?;
    let mut f = read(path, text, split.yaml, split.yaml_line, FIELDS)?;
    let title = title(&mut f, path, "title: Why our experts write");
    let date = date_field(&mut f, path, "date");
    if !f.has("date") {
        f.errors.push(
            f.fence.error(path, "`date` is missing").with_hint("add a line such as `date: 2024-03-05`"),
        );
    }
    let updated = date_field(&mut f, path, "updated");
    let authors = authors(&mut f, path);
    let slug = slug(&mut f, path, "post");
    let tags = tags(&mut f, path);
    let keywords = trimmed(f.list("keywords"));
    let aliases = aliases::read(&mut f, path);
    let series = series::read(&mut f, path);
    let draft = f.flag("draft").unwrap_or(false);
    let stage = crate::config::stages::of_post(&mut f, path, &config.stages);
    let cta = crate::config::cta::pick(&mut f, path, &config.calls_to_action);
    let canonical_url = f.text("canonical_url").map(|c| c.value);
    if let Some(c) = canonical_url.as_deref()
        && !(c.starts_with("https://") || c.starts_with("http://"))
    {
        let d = f.key_error("canonical_url", format!("`{c}` is not an absolute address"));
        f.errors.push(
            d.with_hint("write the full address where the post first appeared, starting with https://"),
        );
    }
    let (description, image, image_alt) = (f.text("description"), f.text("image"), f.text("image_alt"));
    let share_text = f.text("share_text").map(|t| t.value.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(i) = &image
        && let Some((msg, hint)) = links::problem("image", &i.value, links::Use::Image)
    {
        f.errors.push(i.span.error(path, msg).with_hint(hint));
    }
    let (author_ids, author_spans): (Vec<String>, Vec<Span>) =
        authors.into_iter().map(|a| (a.value, a.span)).unzip();
    let (Some(date), Some((slug, slug_span)), true) = (date, slug.clone(), f.errors.is_empty()) else {
        let (slug, slug_span) = slug.map_or((None, f.fence.clone()), |(s, span)| (Some(s), span));
        let refs =
            PostRefs { source: path.to_path_buf(), authors: author_ids, author_spans, slug, slug_span };
        return Err(Rejected { errors: f.errors, refs: Some(refs) });
    };
    let page_url = config.url(&format!("posts/{slug}/"));
    let links = LinkContext::new(&config.base_url, &page_url);
    let (tags, tag_spans): (Vec<String>, Vec<Span>) = tags.into_iter().map(|t| (t.value, t.span)).unzip();
    let post = Post {
        source: path.to_path_buf(),
        slug_span,
        slug,
        title_line: f.line_of("title"),
        description_line: f.line_of("description"),
        title,
        description: description.map(|d| d.value.trim().to_string()).filter(|s| !s.is_empty()),
        date,
        updated,
        authors: author_ids,
        author_spans,
        tags,
        tag_spans,
        keywords: keywords.into_iter().map(|k| k.value).collect(),
        draft,
        stage,
        cta,
        canonical_url,
        image: image.map(|i| links.rewrite(i.value.as_str().into()).to_string()),
        image_alt: image_alt.map(|a| a.value),
        share_text,
        series: series.map(Box::new),
        body: Default::default(),
        aliases,
        fingerprint: 0,
    };
    Ok((post, Body::of(text, &split)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(front: &str) -> Result<(Post, Body), Vec<Diagnostic>> {
        let config =
            crate::config::parse(Path::new("site.yaml"), "title: T\nbase_url: https://e.com/\n").unwrap();
        parse(Path::new("a.md"), &format!("---\ntitle: T\nauthors: [ada]\n{front}---\n"), &config)
            .map_err(|r| r.errors)
    }

    #[test]
    fn author_spans_follow_the_list_in_order() {
        let config =
            crate::config::parse(Path::new("site.yaml"), "title: T\nbase_url: https://e.com/\n").unwrap();
        let text = "---\ntitle: T\ndate: 2024-01-01\nauthors: [a, ada,\n  a, \"bo\"]\n---\n";
        let (p, _) = parse(Path::new("a.md"), text, &config).unwrap();
        let got: Vec<(usize, usize)> = p.author_spans.iter().map(|s| (s.line, s.column)).collect();
        assert_eq!(got, [(4, 11), (4, 14), (5, 3), (5, 7)]);
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
    fn every_bad_field_of_a_post_is_reported() {
        let errs = post("date: 2024-13-45\ndraft: maybe\ntags: {a: b}\nslug: '!!!'\n").unwrap_err();
        let got: Vec<(usize, usize, &str)> =
            errs.iter().map(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0), e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (4, 7, "`2024-13-45` is not a date: there is no month 13"),
                (7, 8, "this post's address would be empty: its slug has no letters or digits"),
                (6, 1, "`tags` must be a list of names, like `tags: [Data engineering, Design]`"),
                (5, 1, "`draft` must be true or false, like `draft: true`"),
            ]
        );
    }

    #[test]
    fn slugs_drop_the_date_prefix() {
        assert_eq!(slug_from_path(Path::new("content/posts/2024-03-05-Hello World.md")), "hello-world");
        assert_eq!(slug_from_path(Path::new("content/posts/launch/index.md")), "launch");
        assert_eq!(slug_from_path(Path::new("content/posts/2024.md")), "2024");
    }
}

//! Property tests of the parsers: posts, authors and pages (front-matter splitter
//! and fields), site.yaml and the markdown renderer, fed arbitrary bytes (through
//! the loader that reads files, so non-UTF-8 is covered) and YAML-like text built
//! from fragments of the real fields. None may panic, and every error must point
//! at a line of the file. Inputs are small, so each case runs in milliseconds.

use std::path::Path;
use std::sync::Arc;

use byline::internals::config::{self, Config};
use byline::internals::markdown::{self, LinkContext, MarkdownOptions, Resolver};
use byline::internals::{author, page, post};
use byline::support::diagnostic::{Diagnostic, Severity};
use proptest::prelude::*;
use proptest::sample::select;

const CASES: u32 = 512;

fn site() -> Config {
    config::parse(Path::new("site.yaml"), "title: T\nbase_url: https://blog.example.com/\n").unwrap()
}

/// The last line a position in `text` can be on: after a final newline comes one more.
fn last_line(text: &str) -> usize {
    text.split('\n').count()
}

/// Every finding is an error that names the file and a line of it, in words.
fn located(errors: &[Diagnostic], path: &str, text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "an Err holds at least one error");
    for d in errors {
        prop_assert_eq!(d.severity, Severity::Error);
        prop_assert_eq!(d.path.to_str(), Some(path));
        let line = d.line.ok_or_else(|| TestCaseError::fail(format!("no line: {d:?}")))?;
        prop_assert!((1..=last_line(text)).contains(&line), "line {} of {}: {:?}", line, last_line(text), d);
        prop_assert!(d.column.is_none_or(|c| c >= 1), "{:?}", d);
        prop_assert!(!d.message.trim().is_empty(), "{:?}", d);
        for word in
            ["usize", "i64", "u64", "f64", "u128", "i128", "::", "enum ", "struct ", "Option<", "serde"]
        {
            prop_assert!(!d.message.contains(word), "a program's word `{}` in: {}", word, d.message);
        }
        let _ = d.to_string();
    }
    Ok(())
}

/// Parses `text` as a post, an author, a page and site.yaml, checking every outcome.
fn parse_everything(text: &str) -> Result<(), TestCaseError> {
    let config = site();
    match post::parse(Path::new("content/posts/p.md"), text, &config) {
        // What loads must render: RSS dates are where out-of-range years panicked.
        Ok((p, _)) => {
            let _ = (p.date.to_rfc2822(), p.updated.map(|u| u.to_rfc2822()));
        }
        Err(e) => located(&e.errors, "content/posts/p.md", text)?,
    }
    if let Err(e) = author::parse(Path::new("authors/ada.md"), text, &config) {
        located(&e, "authors/ada.md", text)?;
    }
    if let Err(e) = page::parse(Path::new("content/about.md"), text) {
        located(&e, "content/about.md", text)?;
    }
    if let Err(e) = config::parse(Path::new("site.yaml"), text) {
        located(&e, "site.yaml", text)?;
    }
    Ok(())
}

/// Writes `bytes` to a file and reads it back as the loader does: the text, or a
/// located "not UTF-8" error.
fn through_the_loader(bytes: &[u8]) -> Result<Option<String>, TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join("p.md");
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    match byline::internals::read_text(dir.path(), &path) {
        Ok(text) => Ok(Some(text)),
        Err(d) => {
            let lines = bytes.split(|&b| b == b'\n').count();
            prop_assert_eq!(d.message.as_str(), "the file is not UTF-8 text");
            prop_assert!(d.line.is_some_and(|l| (1..=lines).contains(&l)), "{:?}", d);
            prop_assert!(d.column.is_some_and(|c| c >= 1), "{:?}", d);
            Ok(None)
        }
    }
}

/// The keys of each kind of file (for posts, those besides the required ones).
#[rustfmt::skip]
const POST_KEYS: &[&str] = &[
    "description", "tags", "keywords", "updated", "draft", "slug", "canonical_url", "image", "image_alt",
    "author", "aliases", "redirect_from", "share_text", "series", "series_part", "stage", "cta",
];
#[rustfmt::skip]
const AUTHOR_KEYS: &[&str] = &["name", "role", "photo", "email", "location", "expertise", "social", "aliases"];
#[rustfmt::skip]
const SITE_KEYS: &[&str] = &[
    "title", "base_url", "description", "language", "posts_per_page", "feed_items", "organization",
    "highlight_theme", "theme", "redirects", "focus_keywords", "campaign_links", "campaign_feed_links",
    "stages", "calls_to_action", "cta_defaults", "cta_mid_after_words",
];
/// Keys of nested maps (organization, social), and keys that are wrong.
#[rustfmt::skip]
const OTHER_KEYS: &[&str] = &[
    "name", "logo", "url", "social", "x", "linkedin", "github", "mastodon", "bluesky", "tittle", "Title", "<<",
    "? title", "\"title\"", "'date'", "", "term", "also",
    "heading", "text", "button", "image", "image_alt", "form", "action", "email_field", "hidden", "talk_to_author",
    "site", "stages", "tags", "newsletter", "decision",
];

/// Values that are fine somewhere, dates of every kind among them.
#[rustfmt::skip]
const SCALARS: &[&str] = &[
    "2024-03-05", "2024-03-05T09:30:00+01:00", "2024-03-05 09:30", "-0001-01-01", "\"-0001-01-01\"",
    "+10000-01-01", "'+10000-01-01'", "0000-01-01", "9999-12-31T23:59:59-12:00", "2024-02-30",
    "-262144-01-01", "+262143-12-31", "20240101", "ada-lovelace", "chris-koch", "Ada Lovelace", "true", "no",
    "~", "null", "0", "-1", "3", "18446744073709551616", "1e400", ".nan", "https://example.com/", "/images/a.png",
    "none", "InspiredGitHub", "\"@ada@hachyderm.io\"", "ada@example.com", "\"\"", "''", "'it''s'", "ünïcödé ✓",
    "a #comment", "*anchor", "!!str 5", "{}", "[]", "[a, b]", "{a: 1}",
    "/2019/05/old-slug/", "old/../x", "/a%zz/", "\"/x/?p=1\"", "{/old/: /new/}", "{/feed.xml: https://e.com/}",
    "awareness", "decision", "decison", "false", "javascript:alert(1)", "data:text/html,x", "newsletter",
    "{newsletter: {heading: H, form: {action: https://l.example/s, email_field: EMAIL}}}",
    "{talk: {talk_to_author: true}}", "{w: {heading: H, button: B, url: \"javascript:x\"}}",
    "{site: newsletter, stages: {decision: talk}}", "[awareness, awareness]",
];

/// Dates: mostly ones that work, and the years and forms that must not.
#[rustfmt::skip]
const DATES: &[&str] = &[
    "2024-03-05", "2024-03-05T09:30:00+01:00", "2024-03-05 09:30", "2024-03-05 09:30:00 +01:00",
    "0000-01-01", "9999-12-31T23:59:59-12:00", "0000-01-01T00:00:00+14:00", "\"2024-03-05\"",
];
#[rustfmt::skip]
const ODD_DATES: &[&str] = &[
    "-0001-01-01", "\"-0001-01-01\"", "+10000-01-01", "'+10000-01-01'", "-262144-01-01", "+262143-12-31",
    "2024-02-30", "20240101", "2024-03-05T25:00:00Z", "9999-12-31T23:59:60Z", "",
];

/// Values that break something: quotes, indicators, control characters.
#[rustfmt::skip]
const ODD: &[&str] = &[
    "\"unclosed", "'unclosed", "\"a\\u00e9\\x00\"", "|", ">-", "&anchor value", "!!binary aGk=", "[,]",
    "{a: 1, a: 2}", "a: b", "#", "-", "- a", "?", "%", "@", "`", "\u{0}", "\u{7}", "\u{1b}[31m", "\r", "\u{feff}",
    "\u{85}", "\u{2028}", "\t", "  ", "[", "]", "{", "}", ",", "'", "\"",
];

/// Whole lines that YAML treats specially.
#[rustfmt::skip]
const LINES: &[&str] = &[
    "---", "...", "--- x", "# comment", "&a title: x", "title: &a x\nslug: *a", "<<: *a", "%YAML 1.2",
    "\u{feff}---", "  - stray", "\"title\": \"x\"", "? complex\n: key", "\ttitle: tab",
];

/// A key of a file with `keys`, now and then another.
fn key(keys: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => select(keys), 1 => select(OTHER_KEYS)]
}

/// A scalar, now and then an odd one.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(SCALARS).prop_map(String::from),
        1 => select(ODD).prop_map(String::from),
        1 => "[ -~]{0,16}",
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]
}

/// A value: a scalar, or lists and maps of values, nested up to a few levels.
fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((select(OTHER_KEYS), inner), 0..3).prop_map(|kv| {
                let pairs: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", pairs.join(", "))
            }),
        ]
    })
}

/// One line or a few of a file with `keys`.
fn fragment(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let indent = select(&["  ", "    ", "\t", ""][..]);
    prop_oneof![
        6 => (key(keys), scalar()).prop_map(|(k, v)| format!("{k}: {v}")),
        2 => (key(keys), value()).prop_map(|(k, v)| format!("{k}: {v}")),
        2 => (key(keys), prop::collection::vec(value(), 0..3), indent).prop_map(|(k, items, indent)| {
            let items: String = items.iter().map(|v| format!("\n{indent}- {v}")).collect();
            format!("{k}:{items}")
        }),
        2 => (key(keys), select(OTHER_KEYS), value()).prop_map(|(k, n, v)| format!("{k}:\n  {n}: {v}")),
        1 => (0usize..40, 0usize..40)
            .prop_map(|(open, close)| format!("tags: {}a{}", "[".repeat(open), "]".repeat(close))),
        1 => (0usize..40).prop_map(|depth| {
            (0..depth).map(|i| format!("{}k{i}:", " ".repeat(i))).collect::<Vec<_>>().join("\n")
        }),
        1 => select(LINES).prop_map(String::from),
        1 => "[ -~\t\u{0}\u{7f}\u{85}\u{a0}]{0,24}",
    ]
}

/// The lines a file with `keys` needs (a post's with any date), so that most files
/// get past the checks of required fields to those of the others.
fn required(keys: &'static [&'static str]) -> BoxedStrategy<String> {
    if keys == POST_KEYS {
        let date = || prop_oneof![3 => select(DATES), 1 => select(ODD_DATES)];
        (date(), prop::option::of(date()))
            .prop_map(|(date, updated)| {
                let updated = updated.map(|u| format!("\nupdated: {u}")).unwrap_or_default();
                format!("title: A post\ndate: {date}\nauthors: [ada-lovelace]{updated}")
            })
            .boxed()
    } else if keys == AUTHOR_KEYS {
        Just("name: Ada Lovelace".to_string()).boxed()
    } else {
        Just("title: Blog\nbase_url: https://blog.example.com/".to_string()).boxed()
    }
}

/// A file: maybe a BOM, an opening fence, fields, maybe a closing fence, a body;
/// for site.yaml mostly just the fields.
fn document() -> impl Strategy<Value = String> {
    select(&[POST_KEYS, AUTHOR_KEYS, SITE_KEYS][..]).prop_flat_map(|keys| {
        let fenced = if keys == SITE_KEYS { 0.1 } else { 0.9 };
        let open = prop_oneof![12 => Just("---\n"), 1 => select(&["---\r\n", "--- \n", "", "---"][..])];
        let close = prop_oneof![12 => Just("\n---\n"), 1 => select(&["\n...\n", "\n---", "\n", ""][..])];
        let body =
            select(&["", "Body.\n", "text\n---\nmore\n", "[a](b.md)\n\n```rust\nfn main() {}\n```\n"][..]);
        let fences = prop::option::weighted(fenced, (open, close, body));
        let fields =
            (prop::option::weighted(0.8, required(keys)), prop::collection::vec(fragment(keys), 0..4));
        (any::<bool>(), fences, fields).prop_map(|(bom, fences, (required, lines))| {
            let (open, close, body) = fences.unwrap_or(("", "\n", ""));
            let lines: Vec<String> = required.into_iter().chain(lines).collect();
            format!("{}{open}{}{close}{body}", if bom { "\u{feff}" } else { "" }, lines.join("\n"))
        })
    })
}

/// Markdown made of the constructs the renderer treats specially.
fn markdown_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => select(&[
            "# Heading", "## Heading {#custom}", "### Same", "### Same", "<!-- more -->", "<!--more-->", "```rust",
            "```", "```nosuchlanguage", "~~~python", "    indented code", "[a](other.md)", "[b](@/posts/b.md#part)",
            "[c](../pages/x.md)", "[d](/posts/a/)", "[e](https://example.com/)", "[f](#heading)", "![i](img.png)",
            "![i](../../../../x.png)", "![*a* `b` <c>\nd](/i/a%20b.png \"t&\")", "[![i](i.png)](/x/)",
            "![o ![n](n.png)](o.png)", "[^2]: ![f](f.gif)", "![r][ref]", "[ref]: ref.jpg", "[^1]", "[^1]: note", "| a | b |", "|---|---|", "> quote", "* item",
            "1. item", "- [ ] task", "~~gone~~", "`code`", "<div>", "</div>", "<script>x</script>", "&amp; &#0; &#x110000;",
            "\"quotes\" -- and...", "[unclosed](", "[x]: y.md", "[x]", "\\", "{#", "\t", "\u{0}", "\r",
        ][..])
        .prop_map(String::from),
        1 => "[ -~]{0,20}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.join("\n"))
}

proptest! {
    // No regression files: a failure prints its smallest input, to be kept as a test.
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_every_error_has_a_line(
        fenced in any::<bool>(),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let bytes = if fenced { [b"---\n".as_slice(), &bytes, b"\n---\n"].concat() } else { bytes };
        if let Some(text) = through_the_loader(&bytes)? {
            parse_everything(&text)?;
        }
        parse_everything(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn yaml_like_front_matter_never_panics_and_every_error_has_a_line(text in document()) {
        parse_everything(&text)?;
    }

    #[test]
    fn markdown_never_panics_and_links_keep_their_lines(
        text in markdown_text(),
        highlight in any::<bool>(),
    ) {
        let resolver: Resolver =
            [("content/posts/b.md".to_string(), "posts/b/".to_string())].into_iter().collect();
        let links = LinkContext::new("https://blog.example.com/", "https://blog.example.com/posts/a/")
            .with_source("content/posts/a.md", Arc::new(resolver));
        let cache = byline::internals::Highlights::default();
        let opts = MarkdownOptions { highlight: highlight.then_some(&cache) };
        let rendered = markdown::render(&text, &links, opts);
        for l in &rendered.links {
            prop_assert!((1..=last_line(&text)).contains(&l.line), "{:?} in {:?}", l, text);
        }
        // Each image of the site shown is found where the body says its <img> is, in order.
        let mut ends = (0, 0);
        for i in &rendered.images {
            prop_assert!((1..=last_line(&text)).contains(&i.line) && i.column >= 1, "{:?} in {:?}", i, text);
            let img = rendered.html.get(i.html.clone()).unwrap_or_default();
            prop_assert!(img.starts_with("<img src=\"") && img.ends_with(" />"), "{:?}: {:?}", i, rendered.html);
            prop_assert!(i.html.start >= ends.0, "{:?} in {:?}", i, text);
            ends.0 = i.html.end;
            if let Some(r) = &i.summary {
                let in_summary = rendered.summary_html.get(r.clone()).unwrap_or_default();
                prop_assert!(in_summary.starts_with("<img src=\"") && in_summary.ends_with(" />"), "{:?}", i);
                prop_assert!(r.start >= ends.1, "{:?} in {:?}", i, text);
                ends.1 = r.end;
            }
        }
    }
}

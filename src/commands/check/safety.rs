//! What the build changes, or lets through, that a writer should know about:
//! characters no page or feed may hold (written as U+FFFD instead), and raw HTML
//! that can run a script (published as written). Script URLs dropped from markdown
//! links are reported with the links (`links.rs`).

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::Config;
use crate::markdown::chars::{describe, find};
use crate::markdown::{Notice, NoticeKind, Rendered};
use crate::model::{Author, Post, Site};
use crate::support::diagnostic::Diagnostic;

const NOT_ALLOWED: &str =
    "which web pages and feeds may not contain; byline writes U+FFFD (\u{FFFD}) instead";

/// Every finding about forbidden characters and scripts in the site's files.
pub(super) fn check(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    fields(Path::new("site.yaml"), &config_fields(&site.config), &mut found);
    for p in &site.posts {
        fields(&p.source, &post_fields(p), &mut found);
        body(&p.source, &p.body, &mut found);
    }
    for a in &site.authors {
        fields(&a.source, &author_fields(a), &mut found);
        body(&a.source, &a.bio, &mut found);
    }
    for p in &site.pages {
        let page = [("title", vec![p.title.as_str()], None), ("description", opt(&p.description), None)];
        fields(&p.source, &page, &mut found);
        body(&p.source, &p.body, &mut found);
    }
    found
}

/// The notices markdown left on a body, as warnings at their lines.
fn body(source: &Path, body: &Rendered, found: &mut Vec<Diagnostic>) {
    for Notice { line, kind } in &body.notices {
        let (code, message, hint) = match kind {
            NoticeKind::Forbidden(c) => (
                "forbidden-character",
                format!("this line holds {}, {NOT_ALLOWED}", describe(*c)),
                "delete it: text pasted from a terminal or another program often carries such characters",
            ),
            NoticeKind::BadReference(r) => (
                "forbidden-character",
                format!("the character reference `{r}` stands for a character {NOT_ALLOWED}"),
                "delete the reference",
            ),
            NoticeKind::ScriptElement => (
                "raw-html-script",
                "raw HTML here has a `<script>` element; it is published as written".to_string(),
                "raw HTML passes through unchanged: make sure the script is meant to run for every reader",
            ),
            NoticeKind::EventHandler(name) => (
                "raw-html-script",
                format!("the raw HTML attribute `{name}` runs a script; it is published as written"),
                "raw HTML passes through unchanged: remove the attribute unless it is meant to be there",
            ),
            NoticeKind::ScriptUrl { attribute, scheme } => (
                "raw-html-script",
                format!(
                    "the raw HTML attribute `{attribute}` holds a `{scheme}:` URL, which can run a script; it is published as written"
                ),
                "raw HTML passes through unchanged: use an `https://` address or a site path",
            ),
            NoticeKind::ImageWithoutAlt(target) => (
                "image-alt",
                format!("the image `{target}` has no alt text"),
                "describe what it shows between the brackets, `![A chart of weekly signups](chart.png)`: screen readers and search engines see only that; for a purely decorative image write `<img src=\"…\" alt=\"\">`",
            ),
        };
        found.push(Diagnostic::warning(source, message).at_line(*line).with_code(code).with_hint(hint));
    }
}

/// A front-matter field: its key, its text values, and the key's line when the
/// model knows it.
type Field<'a> = (&'a str, Vec<&'a str>, Option<usize>);

fn opt(v: &Option<String>) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn all(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn post_fields(p: &Post) -> Vec<Field<'_>> {
    vec![
        ("title", vec![p.title.as_str()], Some(p.title_line)),
        ("description", opt(&p.description), Some(p.description_line)),
        ("tags", all(&p.tags), None),
        ("keywords", all(&p.keywords), None),
        ("image_alt", opt(&p.image_alt), None),
        ("share_text", opt(&p.share_text), None),
        ("image", opt(&p.image), None),
        ("canonical_url", opt(&p.canonical_url), None),
    ]
}

fn author_fields(a: &Author) -> Vec<Field<'_>> {
    vec![
        ("name", vec![a.name.as_str()], None),
        ("role", opt(&a.role), None),
        ("photo", opt(&a.photo), None),
        ("email", opt(&a.email), None),
        ("location", opt(&a.location), None),
        ("expertise", all(&a.expertise), None),
        ("social", a.social.iter().flat_map(|l| [l.url.as_str(), l.label.as_str()]).collect(), None),
    ]
}

fn config_fields(c: &Config) -> Vec<Field<'_>> {
    let org = &c.organization;
    vec![
        ("title", vec![c.title.as_str()], None),
        ("description", vec![c.description.as_str()], None),
        ("organization name", vec![org.name.as_str()], None),
        ("organization url", opt(&org.url), None),
        ("organization logo", opt(&org.logo), None),
        ("organization social", org.social.iter().map(|l| l.url.as_str()).collect(), None),
    ]
}

/// A warning per forbidden character (once each) in each field's values.
fn fields(source: &Path, fields: &[Field<'_>], found: &mut Vec<Diagnostic>) {
    for (key, values, line) in fields {
        let chars: BTreeSet<char> = values.iter().flat_map(|v| find(v).map(|(_, c)| c)).collect();
        for c in chars {
            let d = Diagnostic::warning(source, format!("the `{key}` value holds {}, {NOT_ALLOWED}", describe(c)))
                .with_code("forbidden-character")
                .with_hint("a YAML escape in a double-quoted value (`\\x01`, `\\e`, `\\0`, `\\uFFFE`) makes such characters: remove it");
            found.push(match line {
                Some(l) => d.at_line(*l),
                None => d,
            });
        }
    }
}

//! Reads a WordPress export (WXR) into plain records: the channel's settings, its
//! users, its categories and tags, and each item with its fields, terms and
//! postmeta. Elements are named by namespace, not prefix, so both spellings of
//! the WXR namespace (`http://` and `https://wordpress.org/export/1.2/`) and any
//! prefix work; CDATA and text are read alike. One pass over the events, so large
//! files take time linear in their size.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::support::diagnostic::Diagnostic;

/// A term an item is filed under: `<category domain="post_tag" nicename="x">X</category>`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// An `<item>`: its simple fields by canonical name (`title`, `wp:post_type`,
/// `content:encoded`), its terms and its postmeta, and the line it starts on.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawItem {
    pub fields: HashMap<String, String>,
    pub terms: Vec<Term>,
    pub meta: Vec<(String, String)>,
    pub line: usize,
    /// The line `content:encoded` starts on.
    pub content_line: usize,
}

impl RawItem {
    pub(crate) fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |s| s.trim())
    }

    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
}

/// Everything a WXR file says, as records.
#[derive(Debug, Default)]
pub(crate) struct Wxr {
    /// The channel's own simple fields (`title`, `link`, `wp:base_site_url`).
    pub channel: HashMap<String, String>,
    /// `wp:author` records, with the line each starts on.
    pub authors: Vec<(HashMap<String, String>, usize)>,
    /// Channel-level `wp:category` and `wp:tag` (domain `category` or `post_tag`).
    pub terms: Vec<Term>,
    pub items: Vec<RawItem>,
}

/// The prefix byline knows a namespace by, whatever the file calls it.
fn canonical_prefix(ns: &str) -> &'static str {
    let ns = ns.trim_start_matches("https://").trim_start_matches("http://");
    if ns.starts_with("wordpress.org/export/") && ns.contains("/excerpt") {
        "excerpt:"
    } else if ns.starts_with("wordpress.org/export/") {
        "wp:"
    } else if ns.starts_with("purl.org/dc/elements/") {
        "dc:"
    } else if ns.starts_with("purl.org/rss/1.0/modules/content") {
        "content:"
    } else {
        "other:"
    }
}

fn canonical(ns: &ResolveResult<'_>, local: &str) -> String {
    match ns {
        ResolveResult::Bound(n) => format!("{}{local}", canonical_prefix(n.as_ref())),
        ResolveResult::Unbound => local.to_string(),
        ResolveResult::Unknown(p) => format!("{p}:{local}"),
    }
}

/// Counts lines up to a byte offset, moving forward only.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    line_start: usize,
}

impl Lines<'_> {
    /// The 1-based line and column of byte `pos` (at or after the last one asked).
    fn at(&mut self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.bytes.len());
        if pos < self.at {
            self.at = 0;
            self.line = 1;
            self.line_start = 0;
        }
        for (i, b) in self.bytes[self.at..pos].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.at + i + 1;
            }
        }
        self.at = pos;
        let column = String::from_utf8_lossy(&self.bytes[self.line_start..pos]).chars().count() + 1;
        (self.line, column)
    }
}

/// The five entities XML predefines, and character references.
fn entity(name: &str) -> Option<String> {
    Some(match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?.to_string()
        }
    })
}

fn attribute(e: &BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
        .unwrap_or_default()
}

/// Where the reader is: the open elements, by canonical name.
#[derive(Default)]
struct State {
    stack: Vec<String>,
    text: String,
    item: Option<RawItem>,
    author: Option<(HashMap<String, String>, usize)>,
    term: Option<Term>,
    meta: (String, String),
}

/// Reads WXR `bytes`; `path` names the file in messages.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Wxr, Diagnostic> {
    let mut reader = NsReader::from_reader(bytes);
    let mut lines = Lines { bytes, at: 0, line: 1, line_start: 0 };
    let mut wxr = Wxr::default();
    let mut st = State::default();
    let mut buf = Vec::new();
    let mut saw_rss = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_resolved_event_into(&mut buf);
        let (ns, event) = match event {
            Ok(ok) => ok,
            Err(e) => {
                let (line, column) = lines.at(reader.error_position() as usize);
                let text = String::from_utf8_lossy(bytes);
                return Err(Diagnostic::error(path, format!("this is not well-formed XML: {e}"))
                    .at(&text, line, column)
                    .with_hint("a WordPress export is an XML file; export it again from Tools → Export"));
            }
        };
        match event {
            Event::Start(e) => {
                let name = canonical(&ns, e.local_name().as_ref());
                saw_rss |= name == "rss";
                let line = lines.at(before).0;
                open(&mut st, &name, &e, line);
                st.stack.push(name);
                st.text.clear();
            }
            Event::Empty(e) => {
                let name = canonical(&ns, e.local_name().as_ref());
                let line = lines.at(before).0;
                open(&mut st, &name, &e, line);
                st.stack.push(name);
                st.text.clear();
                close(&mut st, &mut wxr);
            }
            Event::End(_) => close(&mut st, &mut wxr),
            Event::Text(t) => st.text.push_str(&t.xml10_content()),
            Event::CData(t) => st.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.into_inner();
                match entity(&name) {
                    Some(s) => st.text.push_str(&s),
                    None => {
                        st.text.push('&');
                        st.text.push_str(&name);
                        st.text.push(';');
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_rss {
        return Err(Diagnostic::error(path, "this is not a WordPress export: it has no <rss> element")
            .with_hint("export the site from WordPress with Tools → Export → All content"));
    }
    Ok(wxr)
}

/// An element `name` starts (its parent on top of the stack).
fn open(st: &mut State, name: &str, e: &BytesStart<'_>, line: usize) {
    let parent = st.stack.last().map(String::as_str).unwrap_or("");
    match name {
        "item" if parent == "channel" => st.item = Some(RawItem { line, ..Default::default() }),
        "wp:author" if parent == "channel" => st.author = Some((HashMap::new(), line)),
        "wp:category" | "wp:tag" if parent == "channel" => st.term = Some(Term::default()),
        "category" if parent == "item" => {
            st.term = Some(Term {
                domain: attribute(e, "domain"),
                nicename: attribute(e, "nicename"),
                name: String::new(),
            })
        }
        "wp:postmeta" => st.meta = Default::default(),
        "content:encoded" => {
            if let Some(item) = st.item.as_mut() {
                item.content_line = line;
            }
        }
        _ => {}
    }
}

/// The element on top of the stack ends, with the text read inside it.
fn close(st: &mut State, wxr: &mut Wxr) {
    let Some(name) = st.stack.pop() else { return };
    let parent = st.stack.last().map(String::as_str).unwrap_or("");
    let text = std::mem::take(&mut st.text);
    match (parent, name.as_str()) {
        ("channel", "item") => wxr.items.extend(st.item.take()),
        ("channel", "wp:author") => wxr.authors.extend(st.author.take()),
        ("channel", "wp:category" | "wp:tag") => {
            if let Some(mut t) = st.term.take() {
                t.domain = if name == "wp:tag" { "post_tag".into() } else { "category".into() };
                wxr.terms.push(t);
            }
        }
        ("wp:category", "wp:category_nicename") | ("wp:tag", "wp:tag_slug") => {
            if let Some(t) = st.term.as_mut() {
                t.nicename = text;
            }
        }
        ("wp:category", "wp:cat_name") | ("wp:tag", "wp:tag_name") => {
            if let Some(t) = st.term.as_mut() {
                t.name = text;
            }
        }
        ("item", "category") => {
            if let (Some(item), Some(mut t)) = (st.item.as_mut(), st.term.take()) {
                t.name = text;
                item.terms.push(t);
            }
        }
        ("wp:postmeta", "wp:meta_key") => st.meta.0 = text,
        ("wp:postmeta", "wp:meta_value") => st.meta.1 = text,
        ("item", "wp:postmeta") => {
            if let Some(item) = st.item.as_mut() {
                item.meta.push(std::mem::take(&mut st.meta));
            }
        }
        ("item", field) => {
            if let Some(item) = st.item.as_mut() {
                item.fields.insert(field.to_string(), text);
            }
        }
        ("wp:author", field) => {
            if let Some((a, _)) = st.author.as_mut() {
                a.insert(field.to_string(), text);
            }
        }
        ("channel", field) => {
            wxr.channel.insert(field.to_string(), text);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0"?><rss xmlns:wp="NS" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Blog &amp; more</title>"#;

    fn read(ns: &str, body: &str) -> Wxr {
        let text = format!("{}{body}</channel></rss>", HEAD.replace("NS", ns));
        parse(Path::new("x.xml"), text.as_bytes()).unwrap()
    }

    #[test]
    fn both_namespace_spellings_are_read() {
        for ns in ["http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/"] {
            let w = read(
                ns,
                "<item><title><![CDATA[A <b>b</b>]]></title><wp:post_type>post</wp:post_type></item>",
            );
            assert_eq!(w.channel["title"], "Blog & more");
            assert_eq!(w.items[0].get("title"), "A <b>b</b>");
            assert_eq!(w.items[0].get("wp:post_type"), "post");
        }
    }

    #[test]
    fn terms_meta_and_lines_are_kept() {
        let w = read(
            "http://wordpress.org/export/1.2/",
            "\n<item>\n<category domain=\"post_tag\" nicename=\"c-sharp\"><![CDATA[C#]]></category><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta></item>",
        );
        let item = &w.items[0];
        assert_eq!(item.line, 2);
        assert_eq!(
            item.terms[0],
            Term { domain: "post_tag".into(), nicename: "c-sharp".into(), name: "C#".into() }
        );
        assert_eq!(item.meta("_thumbnail_id"), Some("7"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_a_panic(text in "\\PC*") {
            let _ = parse(Path::new("x.xml"), text.as_bytes());
        }

        #[test]
        fn any_text_inside_an_export_is_read_or_refused_without_a_panic(inner in "(<[a-z:]{1,8}( [a-z]=\"[^\"]*\")?>|</[a-z:]{1,8}>|<!\\[CDATA\\[|\\]\\]>|&[a-z#0-9]{0,6};|\\PC){0,60}") {
            let text = format!("{}<item>{inner}</item></channel></rss>", HEAD.replace("NS", "http://wordpress.org/export/1.2/"));
            let _ = parse(Path::new("x.xml"), text.as_bytes());
        }
    }

    #[test]
    fn broken_xml_is_an_error_with_a_line() {
        let err = parse(Path::new("x.xml"), b"<rss>\n<channel>\n<item></channel>").unwrap_err();
        assert_eq!(err.line, Some(3), "{err:?}");
    }
}

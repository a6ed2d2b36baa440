//! Raw HTML in markdown passes through as written (that is documented). This finds
//! what in it can run a script, for `byline check` to point at: `<script>` elements,
//! event-handler attributes (`onclick=`) and attributes holding a script URL; and
//! `<img>` elements without an `alt` attribute (`alt=""` marks a decorative image
//! and is fine). It also rewrites character references to forbidden characters
//! (`&#1;`) as `&#xFFFD;`.

use std::borrow::Cow;

use super::NoticeKind;
use super::chars::is_forbidden;
use super::urls::{numeric_reference, script_scheme};

/// What in `html` can run a script, each with its byte offset. Comments and the
/// content of `<script>` elements are skipped.
pub(super) fn scan(html: &str) -> Vec<(usize, NoticeKind)> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let rest = &html[at + 1..];
        if rest.starts_with("!--") {
            i = rest.find("-->").map_or(html.len(), |e| at + 1 + e + 3);
            continue;
        }
        let name_len =
            rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':')).count();
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            i = at + 1;
            continue;
        }
        let (end, seen) = attributes(html, at + 1 + name_len, &mut found);
        if rest[..name_len].eq_ignore_ascii_case("img") && !seen.alt {
            found.push((at, NoticeKind::ImageWithoutAlt(seen.src.unwrap_or_default())));
        }
        if rest[..name_len].eq_ignore_ascii_case("script") {
            found.push((at, NoticeKind::ScriptElement));
            i = find_ignoring_case(html, end, "</script").unwrap_or(html.len());
        } else {
            i = end;
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// What `attributes` saw of a tag besides the risky attributes.
#[derive(Default)]
struct Seen {
    alt: bool,
    src: Option<String>,
}

/// Reads the attributes of a tag from `i` to its `>`, recording the risky ones;
/// returns the offset after the tag, and whether it has `alt` and its `src`.
fn attributes(html: &str, mut i: usize, found: &mut Vec<(usize, NoticeKind)>) -> (usize, Seen) {
    let mut seen = Seen::default();
    let b = html.as_bytes();
    let len = b.len();
    // Every stop is at an ASCII byte, so every offset is a character boundary.
    let skip_space = |mut i: usize| {
        while i < len && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    loop {
        while i < len && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= len || b[i] == b'>' {
            return ((i + 1).min(len), seen);
        }
        let start = i;
        i += 1; // a name's first character may be anything, `=` included
        while i < len && !b[i].is_ascii_whitespace() && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        i = skip_space(i);
        let mut value = None;
        if i < len && b[i] == b'=' {
            i = skip_space(i + 1);
            if i < len && (b[i] == b'"' || b[i] == b'\'') {
                let from = i + 1;
                let to = html[from..].find(b[i] as char).map_or(len, |e| from + e);
                value = Some(&html[from..to]);
                i = (to + 1).min(len);
            } else {
                let from = i;
                while i < len && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = Some(&html[from..i]);
            }
        }
        match name.as_str() {
            "alt" => seen.alt = true,
            "src" => seen.src = value.map(str::to_string),
            _ => {}
        }
        if name.len() > 2 && name.starts_with("on") {
            found.push((start, NoticeKind::EventHandler(name.clone())));
        }
        if let Some(scheme) = value.and_then(|v| script_scheme(v, true)) {
            found.push((start, NoticeKind::ScriptUrl { attribute: name, scheme: scheme.into() }));
        }
    }
}

fn find_ignoring_case(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle.as_bytes()))
}

/// True for a character reference's value that must not reach the output: no
/// character at all, NUL, or a forbidden one. References to C1 controls
/// (`&#150;`) are left alone: browsers read them as the Windows-1252 characters
/// their authors meant (`–`).
fn bad_reference(value: u32) -> bool {
    match char::from_u32(value) {
        None | Some('\0') => true,
        Some(c) => is_forbidden(c) && !(0x80..=0x9F).contains(&value),
    }
}

/// `html` with each numeric reference to a forbidden character written as
/// `&#xFFFD;`, and each such reference as written, with its offset.
pub(super) fn replace_bad_references(html: &str) -> (Cow<'_, str>, Vec<(usize, String)>) {
    if !html.contains("&#") {
        return (Cow::Borrowed(html), Vec::new());
    }
    let mut out = String::with_capacity(html.len());
    let mut found = Vec::new();
    let mut last = 0;
    for (at, _) in html.match_indices('&') {
        if at < last {
            continue;
        }
        if let Some((value, len)) = numeric_reference(&html[at + 1..])
            && bad_reference(value)
        {
            out.push_str(&html[last..at]);
            out.push_str("&#xFFFD;");
            last = at + 1 + len;
            found.push((at, html[at..last].to_string()));
        }
    }
    if found.is_empty() {
        return (Cow::Borrowed(html), found);
    }
    out.push_str(&html[last..]);
    (Cow::Owned(out), found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NoticeKind::*;

    fn kinds(html: &str) -> Vec<NoticeKind> {
        scan(html).into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn scripts_handlers_and_script_urls_are_found() {
        let url = |a: &str, s: &str| ScriptUrl { attribute: a.into(), scheme: s.into() };
        assert_eq!(kinds("<SCRIPT src=x.js></SCRIPT>"), [ScriptElement]);
        assert_eq!(kinds("<img src=x alt=x onerror=alert(1)>"), [EventHandler("onerror".into())]);
        assert_eq!(kinds("<div\n  OnMouseOver = 'x()'>"), [EventHandler("onmouseover".into())]);
        assert_eq!(kinds(r#"<a href="JaVaScRiPt:alert(1)">x</a>"#), [url("href", "javascript")]);
        assert_eq!(kinds(r#"<a href="&#106;avascript:x">"#), [url("href", "javascript")]);
        assert_eq!(kinds("<iframe src='data:text/html,<b>'>"), [url("src", "data")]);
        assert_eq!(kinds("<svg/onload=alert(1)>"), [EventHandler("onload".into())]);
        let offsets: Vec<usize> = scan("ab <script>x</script><b onclick=y>").iter().map(|f| f.0).collect();
        assert_eq!(offsets, [3, 24]);
    }

    #[test]
    fn ordinary_html_comments_and_script_text_are_not_findings() {
        assert!(
            kinds(r#"<a href="/x" title="on=1">one < two</a> <img src="data:image/png;base64,AA==" alt="">"#)
                .is_empty()
        );
        assert!(kinds("<!-- <script> onclick= --> <p>x</p>").is_empty());
        assert_eq!(kinds("<script>if (a<b) { x.onclick = '<img onerror=1>' }</script>"), [ScriptElement]);
        assert!(kinds("a < b and <3 and <").is_empty());
    }

    #[test]
    fn references_to_forbidden_characters_become_the_replacement_character() {
        let (out, at) = replace_bad_references("a&#1;b&#x1B;c&#0;d&#xFFFE;e&#150;f&#65;&amp;&#x110000;");
        assert_eq!(out, "a&#xFFFD;b&#xFFFD;c&#xFFFD;d&#xFFFD;e&#150;f&#65;&amp;&#xFFFD;");
        let at: Vec<usize> = at.iter().map(|(i, _)| *i).collect();
        assert_eq!(at, [1, 6, 13, 18, 44]);
        assert_eq!(replace_bad_references("x&#x1b;").1, [(1, "&#x1b;".to_string())]);
        assert!(matches!(replace_bad_references("&#65; &amp;").0, Cow::Borrowed(_)));
    }
}

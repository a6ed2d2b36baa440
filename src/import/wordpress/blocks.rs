//! Gutenberg's block comments and `wpautop`'s paragraphs: the HTML a WordPress
//! body means, before its shortcodes are read.

use super::shortcodes::escape;

/// `body` without Gutenberg's `<!-- wp:name {...} -->` and `<!-- /wp:name -->`
/// comments (`<!-- wp:more -->` becomes byline's `<!-- more -->`).
pub(crate) fn strip_comments(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut more = false;
    while let Some(i) = rest.find("<!--") {
        let after = rest[i + 4..].trim_start();
        let Some(end) = rest[i..].find("-->") else { break };
        out.push_str(&rest[..i]);
        if after.starts_with("wp:more") || after.starts_with("more") {
            if !std::mem::replace(&mut more, true) {
                out.push_str("<!-- more -->");
            }
        } else if let Some((url, close)) = embed(after, &rest[i + end + 3..]) {
            // An embed block holds the address as text in a wrapper: a link says it.
            out.push_str(&format!("\n\n<p><a href=\"{0}\">{0}</a></p>\n\n", escape(&url)));
            let inner = &rest[i + end + 3..][..close];
            out.extend(inner.matches('\n').map(|_| '\n'));
            rest = &rest[i + end + 3 + close..];
            continue;
        } else if !(after.starts_with("wp:") || after.starts_with("/wp:")) {
            out.push_str(&rest[i..i + end + 3]);
        } else {
            // Keep the line the block comment stood on, so body lines still count.
            out.extend(rest[i..i + end].matches('\n').map(|_| '\n'));
        }
        rest = &rest[i + end + 3..];
    }
    out.push_str(rest);
    out
}

/// For a Gutenberg embed block's opening comment (`after` is its text after
/// `<!--`), the address it embeds and where its closing comment starts in `next`
/// (the text after the opening comment).
fn embed(after: &str, next: &str) -> Option<(String, usize)> {
    let name_end = after.find(|c: char| c.is_whitespace() || c == '-').unwrap_or(after.len());
    let name = &after[..name_end];
    if !(name == "wp:embed" || name.starts_with("wp:core-embed/")) {
        return None;
    }
    let attrs = &after[name_end..after.find("-->").unwrap_or(after.len())];
    let start = attrs.find("\"url\":\"")? + 7;
    let url = attrs[start..].split('"').next()?.replace("\\/", "/");
    let close = next.find(&format!("<!-- /{name}"))?;
    Some((url, close))
}

/// Tags that start a block: text beginning with one is not wrapped in `<p>`.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "figure",
    "table",
    "hr",
    "video",
    "audio",
    "iframe",
    "dl",
    "form",
    "section",
    "!--",
    "address",
    "details",
];

/// WordPress's `wpautop`: text between blank lines is a paragraph, a single line
/// break inside one is a `<br>`; blocks of HTML stay as they are.
pub(crate) fn autop(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut in_pre = false;
    for chunk in html.replace("\r\n", "\n").split("\n\n") {
        let t = chunk.trim();
        if t.is_empty() {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        let block = lower.starts_with('<')
            && BLOCKS.iter().any(|b| {
                lower[1..].starts_with(b)
                    && !lower[1 + b.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            });
        if in_pre || block {
            out.push_str(t);
        } else {
            out.push_str("<p>");
            out.push_str(&t.replace('\n', "<br>\n"));
            out.push_str("</p>");
        }
        in_pre = (in_pre || lower.contains("<pre")) && !lower.contains("</pre>");
        out.push_str("\n\n");
    }
    out
}

//! WordPress's own syntax inside a post's HTML, made plain HTML before it becomes
//! markdown: Gutenberg block comments removed (their content is already HTML),
//! `[caption]`, `[gallery]`, `[embed]`, `[video]` and `[audio]` shortcodes
//! converted, and `wpautop`'s convention (bare text with blank lines between
//! paragraphs) made into `<p>` elements. An unknown shortcode is left as it was
//! and listed with its line in the body; it is kept out of the HTML converter's
//! reach (which would escape its brackets) by a placeholder.

use std::collections::HashMap;

use super::blocks;

/// The shortcodes this module converts.
const KNOWN: &[&str] = &["caption", "wp_caption", "gallery", "embed", "video", "audio"];

/// The body's HTML with the placeholders and what they stand for.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    pub html: String,
    /// The text each placeholder stands for, in order: placeholder `i` is
    /// [`placeholder(i)`].
    pub kept: Vec<String>,
    /// Unknown shortcodes: their name and the 1-based line in the body.
    pub unknown: Vec<(String, usize)>,
    /// Gallery ids no attachment in the export has.
    pub missing: Vec<String>,
}

/// A mark in the text that the HTML converter leaves alone (private-use characters).
pub(crate) fn placeholder(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

/// Puts back what the placeholders in `markdown` stand for.
pub(crate) fn restore(markdown: &str, kept: &[String]) -> String {
    let mut out = markdown.to_string();
    for (i, text) in kept.iter().enumerate().rev() {
        out = out.replace(&placeholder(i), text);
    }
    out
}

/// Escapes text for an HTML attribute value or element content.
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The HTML of a WordPress body; `attachments` gives each attachment id's URL and title.
pub(crate) fn prepare(body: &str, attachments: &HashMap<String, (String, String)>) -> Prepared {
    let mut p = Prepared::default();
    let gutenberg = body.contains("<!-- wp:");
    let without = blocks::strip_comments(body);
    let html = shortcodes(&without, attachments, &mut p);
    p.html = if gutenberg { html } else { blocks::autop(&html) };
    p
}

/// A shortcode's attributes: `key="v"`, `key='v'`, `key=v`, and bare words (by position).
pub(crate) fn attributes(s: &str) -> HashMap<String, String> {
    let mut found = HashMap::new();
    let mut rest = s.trim();
    let mut position = 0;
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let (key, after) = rest.split_at(key_end);
        let after = after.trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let (value, tail) = match v.chars().next() {
                Some(q @ ('"' | '\'' | '\u{201d}' | '\u{2033}')) => {
                    let inner = &v[q.len_utf8()..];
                    let end = inner.find([q, '"', '\'']).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => v.split_at(v.find(char::is_whitespace).unwrap_or(v.len())),
            };
            found.insert(key.to_ascii_lowercase(), value.to_string());
            rest = tail.trim_start();
        } else {
            found.insert(position.to_string(), key.trim_matches(['"', '\'']).to_string());
            position += 1;
            rest = after;
        }
    }
    found
}

/// One shortcode at the start of `s` (which starts with `[`): its name, its
/// attribute text, and the length of the tag; `None` when it is none.
fn tag_at(s: &str) -> Option<(String, &str, usize, bool)> {
    let inner = &s[1..];
    let closing = inner.starts_with('/');
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len =
        inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(inner.len());
    if name_len == 0 {
        return None;
    }
    let end = inner.find(']')?;
    if inner[..end].contains(['[', '\n']) && !inner[..end].contains('=') {
        return None;
    }
    let attrs = inner[name_len..end].trim_end_matches('/');
    let len = 1 + usize::from(closing) + end + 1;
    Some((inner[..name_len].to_ascii_lowercase(), attrs, len, closing))
}

/// Converts the shortcodes of `text` (lines are counted in it: block comments
/// leave their line breaks behind, so they are the body's lines).
fn shortcodes(text: &str, attachments: &HashMap<String, (String, String)>, p: &mut Prepared) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(off) = text[i..].find('[') {
        let at = i + off;
        out.push_str(&text[i..at]);
        // `[[name]]` is WordPress's way of writing a shortcode as text.
        if text[at..].starts_with("[[") {
            let end = text[at..].find("]]").map_or(at + 2, |e| at + e + 2);
            p.kept.push(text[at + 1..end - 1].to_string());
            out.push_str(&placeholder(p.kept.len() - 1));
            i = end;
            continue;
        }
        let Some((name, attrs, len, closing)) = tag_at(&text[at..]) else {
            out.push('[');
            i = at + 1;
            continue;
        };
        let line = text[..at].matches('\n').count() + 1;
        if !KNOWN.contains(&name.as_str()) || closing {
            let shortcode = closing || looks_like_shortcode(&name, attrs, &text[at + len..]);
            if !closing && shortcode {
                p.unknown.push((name.clone(), line));
            } else if !shortcode {
                out.push('[');
                i = at + 1;
                continue;
            }
            p.kept.push(text[at..at + len].to_string());
            out.push_str(&placeholder(p.kept.len() - 1));
            i = at + len;
            continue;
        }
        let attrs = attributes(attrs);
        let close = format!("[/{name}]");
        let (content, next) = match text[at + len..].find(&close) {
            Some(c) if name != "gallery" => (&text[at + len..at + len + c], at + len + c + close.len()),
            _ => ("", at + len),
        };
        out.push_str(&convert(&name, &attrs, content, attachments, p));
        i = next;
    }
    out.push_str(&text[i..]);
    out
}

/// Whether `[name attrs]` is a shortcode rather than bracketed prose (`[sic]`,
/// `[1]`): a name starting with a letter, and attributes, a `_` or `-` in the
/// name, or a closing `[/name]` after it.
fn looks_like_shortcode(name: &str, attrs: &str, after: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && (attrs.contains('=') || name.contains(['_', '-']) || after.contains(&format!("[/{name}]")))
}

/// The HTML a known shortcode stands for.
fn convert(
    name: &str,
    attrs: &HashMap<String, String>,
    content: &str,
    attachments: &HashMap<String, (String, String)>,
    p: &mut Prepared,
) -> String {
    match name {
        "caption" | "wp_caption" => caption(attrs, content),
        "gallery" => {
            let mut html = String::from("<figure class=\"gallery\">");
            for id in attrs.get("ids").or(attrs.get("include")).map_or("", |s| s).split(',') {
                let id = id.trim();
                match attachments.get(id) {
                    Some((url, title)) => {
                        html += &format!("<img src=\"{}\" alt=\"{}\">", escape(url), escape(title));
                    }
                    None if !id.is_empty() => p.missing.push(id.to_string()),
                    None => {}
                }
            }
            html + "</figure>\n\n"
        }
        "embed" => {
            let url = content.trim();
            let url = if url.is_empty() { attrs.get("src").map_or("", |s| s) } else { url };
            format!("\n\n<p><a href=\"{0}\">{0}</a></p>\n\n", escape(url))
        }
        _ => media(name, attrs, content),
    }
}

/// `[caption]<a><img></a> The caption[/caption]` (or `caption="..."`) as a figure.
fn caption(attrs: &HashMap<String, String>, content: &str) -> String {
    let (image, text) = match content.find("<img") {
        Some(start) => {
            let img_end = content[start..].find('>').map_or(content.len(), |e| start + e + 1);
            let end = match content[..start].rfind("<a") {
                Some(_) => content[img_end..].find("</a>").map_or(img_end, |e| img_end + e + 4),
                None => img_end,
            };
            let lead = content[..start].rfind("<a").unwrap_or(start);
            (&content[lead..end], content[end..].trim())
        }
        None => ("", content.trim()),
    };
    let text = if text.is_empty() { attrs.get("caption").map_or("", |s| s.as_str()) } else { text };
    format!("\n\n<figure class=\"wp-caption\">{image}<figcaption>{text}</figcaption></figure>\n\n")
}

/// `[video]` and `[audio]` as the HTML elements.
fn media(name: &str, attrs: &HashMap<String, String>, content: &str) -> String {
    let keys = ["src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "0"];
    let src = keys.iter().find_map(|k| attrs.get(*k)).map_or(content.trim(), |s| s.as_str());
    let poster = attrs.get("poster").map(|p| format!(" poster=\"{}\"", escape(p))).unwrap_or_default();
    // No fallback link inside: htmd would make it a markdown link, which byline
    // checks as a page of the site when it is on the old site's address.
    format!("\n\n<{name} controls src=\"{}\"{poster}></{name}>\n\n", escape(src))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &str) -> Prepared {
        let mut attachments = HashMap::new();
        attachments
            .insert("7".to_string(), ("/wp-content/uploads/a.png".to_string(), "A \"pic\"".to_string()));
        prepare(body, &attachments)
    }

    #[test]
    fn a_caption_becomes_a_figure() {
        let p = html(
            r#"[caption id="attachment_7" align="alignnone" width="300"]<a href="/x"><img src="/a.png" alt="A"></a> The chart[/caption]"#,
        );
        assert!(p.html.contains(r#"<figure class="wp-caption"><a href="/x"><img src="/a.png" alt="A"></a><figcaption>The chart</figcaption></figure>"#), "{}", p.html);
    }

    #[test]
    fn a_gallery_shows_its_attachments_and_reports_missing_ones() {
        let p = html(r#"[gallery ids="7,99" columns="2"]"#);
        assert!(
            p.html.contains(r#"<img src="/wp-content/uploads/a.png" alt="A &quot;pic&quot;">"#),
            "{}",
            p.html
        );
        assert_eq!(p.missing, ["99"]);
    }

    #[test]
    fn embeds_videos_and_audio_become_elements() {
        let p = html(
            "[embed]https://www.youtube.com/watch?v=x[/embed]\n\n[video mp4=\"/v.mp4\"][/video]\n\n[audio src=\"/a.mp3\"]",
        );
        assert!(p.html.contains(r#"<a href="https://www.youtube.com/watch?v=x">"#), "{}", p.html);
        assert!(p.html.contains(r#"<video controls src="/v.mp4">"#), "{}", p.html);
        assert!(p.html.contains(r#"<audio controls src="/a.mp3">"#), "{}", p.html);
    }

    #[test]
    fn an_unknown_shortcode_is_kept_and_listed_with_its_line() {
        let p = html("one\n\n[contact-form-7 id=\"3\" title=\"Contact\"]\n\nA [sic] remark and [1].");
        assert_eq!(p.unknown, [("contact-form-7".to_string(), 3)]);
        let back = restore(&p.html, &p.kept);
        assert!(back.contains("[contact-form-7 id=\"3\" title=\"Contact\"]"), "{back}");
        assert!(back.contains("[sic]") && back.contains("[1]"), "{back}");
    }

    #[test]
    fn gutenberg_comments_go_and_their_html_stays() {
        let p = html(
            "<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {\"id\":7} -->\n<figure class=\"wp-block-image\"><img src=\"/a.png\" alt=\"\"/></figure>\n<!-- /wp:image -->\n<!-- wp:more -->\n<!--more-->",
        );
        assert!(!p.html.contains("wp:"), "{}", p.html);
        assert!(p.html.contains("<p>Hi</p>") && p.html.contains("<figure class=\"wp-block-image\">"));
        assert!(p.html.contains("<!-- more -->"));
    }

    #[test]
    fn a_gutenberg_embed_becomes_a_link() {
        let p = html(
            "<!-- wp:embed {\"url\":\"https:\\/\\/www.youtube.com\\/watch?v=x\",\"type\":\"video\"} -->\n<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=x\n</div></figure>\n<!-- /wp:embed -->\n<p>after</p>",
        );
        assert!(
            p.html.contains(
                "<p><a href=\"https://www.youtube.com/watch?v=x\">https://www.youtube.com/watch?v=x</a></p>"
            ),
            "{}",
            p.html
        );
        assert!(!p.html.contains("wp-block-embed") && p.html.contains("<p>after</p>"), "{}", p.html);
    }

    #[test]
    fn regression_bracketed_prose_is_not_a_shortcode() {
        let p = html("A [sic] remark, a note [1] and [Editor's note].");
        assert!(p.unknown.is_empty(), "{:?}", p.unknown);
    }

    #[test]
    fn regression_one_excerpt_marker_for_wp_more_and_more() {
        let p = html("<p>a</p>\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n<p>b</p>");
        assert_eq!(p.html.matches("<!-- more -->").count(), 1, "{}", p.html);
    }

    #[test]
    fn regression_a_video_has_no_fallback_link_to_check() {
        let p = html("[video mp4=\"https://old.example/v.mp4\"][/video]");
        assert!(!p.html.contains("<a "), "{}", p.html);
    }

    #[test]
    fn a_closing_tag_of_an_unknown_shortcode_is_kept_too() {
        let p = html("[tabs title=\"x\"]inside[/tabs]");
        assert_eq!(restore(&p.html, &p.kept).trim(), "<p>[tabs title=\"x\"]inside[/tabs]</p>");
        assert_eq!(p.unknown.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn any_body_is_converted_without_a_panic(body in "([\\[\\]/=\"' a-z\n<>!-]|caption|gallery ids=|<!-- wp:|-->|\\PC){0,80}") {
            let p = html(&body);
            let _ = restore(&crate::import::html::to_markdown(&p.html), &p.kept);
        }
    }

    #[test]
    fn bare_text_becomes_paragraphs() {
        assert_eq!(
            blocks::autop("One\nline two\n\n<h2>T</h2>\n\nThree"),
            "<p>One<br>\nline two</p>\n\n<h2>T</h2>\n\n<p>Three</p>\n\n"
        );
    }
}

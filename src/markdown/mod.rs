//! Markdown to HTML with pulldown-cmark. Everything (heading ids, highlighting, link
//! rewriting, the summary cut) is done on the event stream, never on produced HTML.

pub mod cache;
pub mod highlight;
mod links;

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use links::{LinkContext, Resolver};

/// A markdown document rendered to HTML, with what list pages and feeds need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    /// The whole document.
    pub html: String,
    /// Up to `<!-- more -->`, else the first paragraph.
    pub summary_html: String,
    /// The summary as plain text, for meta descriptions.
    pub summary_text: String,
    /// True when the document goes on past the summary.
    pub has_more: bool,
    pub word_count: usize,
    /// Every link and image as written, with where it points now (for `byline check`).
    pub links: Vec<LinkRef>,
    /// The ids of the document's headings (link targets for `#anchor`s).
    pub anchors: Vec<String>,
}

/// A link or image in a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct LinkRef {
    /// The target as the author wrote it.
    pub written: String,
    /// The target after rewriting (absolute for anything inside the site).
    pub url: String,
    /// 1-based line in the document's body.
    pub line: usize,
    pub image: bool,
}

/// Options shared by every document of a build.
#[derive(Clone, Copy)]
pub struct MarkdownOptions<'a> {
    /// Highlighting on, through this cache; `None` leaves code as plain text.
    pub highlight: Option<&'a cache::Cache>,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn is_more_marker(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->") && t[4..t.len() - 3].trim() == "more"
}

/// Renders `src` into HTML, summary and counts.
pub fn render(src: &str, links: &LinkContext, opts: MarkdownOptions<'_>) -> Rendered {
    let (events, link_refs, anchors) = transform(src, links, opts);

    let mut more_at = None;
    let mut first_para_end = None;
    let mut depth = 0usize;
    let mut word_count = 0;
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && *end == TagEnd::Paragraph && first_para_end.is_none() {
                    first_para_end = Some(i + 1);
                }
            }
            // An HTML block comes as Start(HtmlBlock), Html.., End(HtmlBlock).
            Event::Html(h) if depth == 1 && more_at.is_none() && is_more_marker(h) => {
                more_at = Some(i.saturating_sub(1))
            }
            Event::Text(t) | Event::Code(t) => word_count += t.split_whitespace().count(),
            _ => {}
        }
    }
    let summary_end = more_at.or(first_para_end).unwrap_or(events.len());
    let summary = &events[..summary_end];
    let has_more = events[summary_end..].iter().any(|e| match e {
        Event::Html(h) => !is_more_marker(h) && !h.trim().is_empty(),
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => false,
        _ => true,
    });

    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    let mut summary_html = String::new();
    pulldown_cmark::html::push_html(&mut summary_html, summary.iter().cloned());
    Rendered {
        html,
        summary_html,
        summary_text: plain_text(summary),
        has_more,
        word_count,
        links: link_refs,
        anchors,
    }
}

fn is_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::FootnoteDefinition
    )
}

/// The text of events with markup dropped and whitespace folded.
fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    let mut in_code_block = false;
    for ev in events {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) | Event::Code(t) if !in_code_block => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(end) if is_block(end) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Applies heading ids, code highlighting and link rewriting.
fn transform<'a>(
    src: &'a str,
    links: &LinkContext,
    opts: MarkdownOptions<'_>,
) -> (Vec<Event<'a>>, Vec<LinkRef>, Vec<String>) {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut refs = Vec::new();
    let mut out: Vec<Event<'a>> = Vec::new();
    let mut used_ids = HashSet::new();
    let mut heading: Option<(usize, HeadingLevel)> = None;
    let mut code: Option<(String, String)> = None; // (lang, text)
    for (ev, range) in Parser::new_ext(src, parser_options()).into_offset_iter() {
        if let Some((_, text)) = code.as_mut() {
            match ev {
                Event::Text(t) => {
                    text.push_str(&t);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    out.push(Event::Html(code_block(&lang, &text, opts).into()));
                    continue;
                }
                _ => continue,
            }
        }
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            // Wide tables scroll inside a focusable region instead of the page.
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">".into(),
                ));
                out.push(ev);
            }
            Event::End(TagEnd::Table) => {
                out.push(ev);
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((out.len(), level));
                out.push(ev);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level)) = heading.take() {
                    set_heading_id(&mut out, start, level, &mut used_ids);
                }
                out.push(ev);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = follow(links, &mut refs, dest_url, line_of(range.start), false);
                out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = follow(links, &mut refs, dest_url, line_of(range.start), true);
                out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            other => out.push(other),
        }
    }
    let mut anchors: Vec<String> = used_ids.into_iter().collect();
    anchors.sort();
    (out, refs, anchors)
}

/// Rewrites a link or image target and records it for `byline check`.
fn follow<'a>(
    links: &LinkContext,
    refs: &mut Vec<LinkRef>,
    dest: CowStr<'a>,
    line: usize,
    image: bool,
) -> CowStr<'a> {
    let written = dest.to_string();
    let url = links.rewrite(dest);
    refs.push(LinkRef { written, url: url.to_string(), line, image });
    url
}

/// Gives the heading starting at `out[start]` an id from its text (unless the author
/// wrote `{#id}`), unique within the document.
fn set_heading_id<'a>(out: &mut [Event<'a>], start: usize, level: HeadingLevel, used: &mut HashSet<String>) {
    let text = plain_text(&out[start + 1..]);
    if let Event::Start(Tag::Heading { id, classes, attrs, .. }) = &out[start] {
        let wanted = match id {
            Some(id) => id.to_string(),
            None => {
                let s = slug::slugify(&text);
                if s.is_empty() { "section".to_string() } else { s }
            }
        };
        let mut unique = wanted.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{wanted}-{n}");
            n += 1;
        }
        out[start] = Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(unique)),
            classes: classes.clone(),
            attrs: attrs.clone(),
        });
    }
}

fn code_block(lang: &str, text: &str, opts: MarkdownOptions<'_>) -> String {
    let highlighted =
        if lang.is_empty() { None } else { opts.highlight.and_then(|c| c.highlight(text, lang)) };
    // hl-code takes the highlight theme's colours; tabindex lets keyboard users
    // scroll a wide block.
    let class = if highlighted.is_some() { "code hl-code" } else { "code" };
    let body = highlighted.unwrap_or_else(|| escape_html(text));
    if lang.is_empty() {
        format!("<pre class=\"{class}\" tabindex=\"0\"><code>{body}</code></pre>\n")
    } else {
        let lang = escape_html(lang);
        format!(
            "<pre class=\"{class}\" tabindex=\"0\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n"
        )
    }
}

/// Escapes text for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(src: &str) -> Rendered {
        let links = LinkContext::new("https://e.com/blog/", "https://e.com/blog/posts/a/");
        let cache = cache::Cache::default();
        render(src, &links, MarkdownOptions { highlight: Some(&cache) })
    }

    #[test]
    fn summary_is_first_paragraph_or_up_to_more() {
        let r = md("First *para*.\n\nSecond.\n");
        assert_eq!(r.summary_html, "<p>First <em>para</em>.</p>\n");
        assert_eq!(r.summary_text, "First para.");
        assert!(r.has_more);
        let r = md("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
        assert!(r.summary_html.contains("Two."));
        assert!(!r.summary_html.contains("Three"));
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = md("## Why it matters\n\n## Why it matters\n\n## Custom {#mine}\n");
        assert!(r.html.contains("<h2 id=\"why-it-matters\">"));
        assert!(r.html.contains("<h2 id=\"why-it-matters-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">"));
    }

    #[test]
    fn code_is_highlighted_or_escaped() {
        let r = md("```rust\nfn main() {}\n```\n\n```nosuchlang\n<b>&\n```\n");
        assert!(r.html.contains("hl-"));
        assert!(r.html.contains("&lt;b&gt;&amp;"));
    }

    #[test]
    fn template_syntax_and_raw_html_pass_as_written() {
        let r = md("{{ site.title }} {% raw %}\n\n<div class=\"x\">hi</div>\n");
        assert!(r.html.contains("{{ site.title }} {% raw %}"));
        assert!(r.html.contains("<div class=\"x\">hi</div>"));
    }

    #[test]
    fn site_paths_and_relative_links_become_absolute() {
        let r = md("[a](/posts/b/) [c](img.png) [d](https://x.org/) [e](#top)");
        assert!(r.html.contains("href=\"https://e.com/blog/posts/b/\""));
        assert!(r.html.contains("href=\"https://e.com/blog/posts/a/img.png\""));
        assert!(r.html.contains("href=\"https://x.org/\""));
        assert!(r.html.contains("href=\"#top\""));
    }
}

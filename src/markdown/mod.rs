//! Markdown to HTML with pulldown-cmark. Everything (heading ids, highlighting, link
//! rewriting, dropping script URLs, the summary cut) is done on the event stream,
//! never on produced HTML. Characters no output may hold are replaced before parsing.

pub(crate) mod chars;
pub(crate) mod highlight;
mod links;
mod raw_html;
mod shown;
mod transform;
pub(crate) mod urls;

use crate::cache::Highlights;
use pulldown_cmark::{Event, Options, Tag, TagEnd};

pub use links::{LinkContext, Resolver};
pub(crate) use shown::ShownImage;
pub(crate) use urls::{scheme, script_scheme};

/// A markdown document rendered to HTML, with what list pages and feeds need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    /// The whole document.
    pub html: String,
    /// Up to `<!-- more -->`, else the first paragraph; without footnote references
    /// and footnotes (a list page does not show the notes).
    pub summary_html: String,
    /// The summary as plain text, for meta descriptions.
    pub summary_text: String,
    /// True when the document goes on past the summary.
    pub has_more: bool,
    pub word_count: usize,
    /// Every link and image as written, with where it points now (for `byline check`);
    /// those with a script URL too, though the HTML leaves their target out.
    pub links: Vec<LinkRef>,
    /// The ids of the document's headings (link targets for `#anchor`s).
    pub anchors: Vec<String>,
    /// What `byline check` should say about the document, by line.
    pub notices: Vec<Notice>,
    /// The images of the site it shows, in order, each with where its `<img>` is
    /// (`load` finds their files; pages show their variants in its place).
    pub images: Vec<ShownImage>,
    /// The places between blocks of the document where a paragraph of the
    /// document itself (not of a list, quote, table or footnote) has just ended
    /// and more follows, in order: where a post page may put a block of its own.
    pub breaks: Vec<Break>,
}

/// A place after a top-level paragraph (see [`Rendered::breaks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Break {
    /// The byte of `Rendered::html` just after the paragraph's `</p>` and newline.
    pub at: usize,
    /// How many words come before it.
    pub words: usize,
}

impl Rendered {
    /// Moves every line number on by `lines` (for a body that starts below its
    /// file's front matter).
    pub fn shift_lines(&mut self, lines: usize) {
        for l in &mut self.links {
            l.line += lines;
        }
        for n in &mut self.notices {
            n.line += lines;
        }
        for i in &mut self.images {
            i.line += lines;
        }
    }
}

/// Something in a document worth a warning: what the build replaced, or raw HTML
/// that can run a script (raw HTML passes as written).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// 1-based line in the document's body (in its file, once shifted).
    pub line: usize,
    pub kind: NoticeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum NoticeKind {
    /// A character no page or feed may hold, replaced with U+FFFD.
    Forbidden(char),
    /// A character reference in raw HTML (`&#1;`, as written) to such a character,
    /// replaced with `&#xFFFD;`.
    BadReference(String),
    /// A `<script>` element in raw HTML.
    ScriptElement,
    /// An event-handler attribute (`onclick`) in raw HTML.
    EventHandler(String),
    /// An attribute (`href`) in raw HTML holding a URL of a script-capable scheme.
    ScriptUrl { attribute: String, scheme: String },
    /// An image without alt text (its target as written): `![](x.png)`, or raw
    /// `<img>` without `alt` (raw `alt=""` marks a decorative image and is fine).
    ImageWithoutAlt(String),
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
    pub highlight: Option<&'a Highlights>,
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
    let mut notices = forbidden_characters(src);
    let src = chars::clean(src);
    let t = transform::transform(&src, links, opts);
    let events = t.events;
    notices.extend(t.notices);
    notices.sort();
    notices.dedup();

    let mut more_at = None;
    let mut first_para_end = None;
    let mut depth = 0usize;
    let mut word_count = 0;
    // Top-level paragraph ends: the event after each, and the words before it.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && *end == TagEnd::Paragraph {
                    first_para_end.get_or_insert(i + 1);
                    cuts.push((i + 1, word_count));
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
    let summary: Vec<usize> = without_footnotes(&events[..summary_end]);
    let has_more = events[summary_end..].iter().any(|e| match e {
        Event::Html(h) => !is_more_marker(h) && !h.trim().is_empty(),
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => false,
        _ => true,
    });

    // Only where more follows: a block after the last paragraph is no mid-point.
    cuts.retain(|&(at, _)| events[at..].iter().any(|e| !matches!(e, Event::Html(h) if h.trim().is_empty())));
    let cut_events: Vec<usize> = cuts.iter().map(|c| c.0).collect();
    let written = shown::write(events.iter().enumerate(), &t.shown, &cut_events, src.len() * 3 / 2);
    let shown::Written { html, images: in_html, cuts: cut_at } = written;
    let in_summary = shown::write(summary.iter().map(|&i| (i, &events[i])), &t.shown, &[], 0);
    let shown::Written { html: summary_html, images: in_summary, .. } = in_summary;
    let breaks =
        (cuts.iter().zip(cut_at)).filter_map(|(&(_, words), at)| Some(Break { at: at?, words })).collect();
    let summary: Vec<Event> = summary.into_iter().map(|i| events[i].clone()).collect();
    let images = (t.shown.into_iter().zip(in_html).zip(in_summary))
        .filter_map(|((m, html), summary)| Some(ShownImage { html: html?, summary, ..m.image }))
        .collect();
    Rendered {
        html,
        summary_html,
        summary_text: plain_text(&summary),
        has_more,
        word_count,
        links: t.links,
        anchors: t.anchors,
        notices,
        images,
        breaks,
    }
}

/// A notice for each line of `src` holding forbidden characters, once per character.
fn forbidden_characters(src: &str) -> Vec<Notice> {
    if !chars::has_forbidden(src) {
        return Vec::new();
    }
    let starts = transform::line_starts(src);
    chars::find(src)
        .map(|(at, c)| Notice { line: transform::line_of(&starts, at), kind: NoticeKind::Forbidden(c) })
        .collect()
}

/// The places of the summary's events without footnote references and
/// definitions: on a list page the notes are not there, so links to them would
/// lead nowhere.
fn without_footnotes(events: &[Event]) -> Vec<usize> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_definition = 0usize;
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Event::Start(Tag::FootnoteDefinition(_)) => in_definition += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_definition = in_definition.saturating_sub(1),
            Event::FootnoteReference(_) => {}
            _ if in_definition == 0 => out.push(i),
            _ => {}
        }
    }
    out
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

/// Escapes text for HTML text and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
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
        let cache = Highlights::default();
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

    #[test]
    fn script_urls_in_links_and_images_are_dropped_and_their_text_kept() {
        let src = "[a](javascript:alert(1)) [b](JaVaScRiPt:x) <javascript:alert(2)>\n\n\
                   [c][r] [d](&#106;avascript:x) [e](data:text/html;base64,PHNjcmlwdD4=) [f](vbscript:x)\n\n\
                   ![g](data:text/html,x) ![h](data:image/png;base64,AAAA) [i](/ok/)\n\n\
                   [r]: javascript:alert(3)\n";
        let r = md(src);
        let doc = scraper::Html::parse_fragment(&r.html);
        let hrefs: Vec<&str> = doc
            .select(&scraper::Selector::parse("a").unwrap())
            .map(|a| a.value().attr("href").unwrap_or("(none)"))
            .collect();
        assert_eq!(hrefs, ["https://e.com/blog/ok/"]);
        let srcs: Vec<&str> = doc
            .select(&scraper::Selector::parse("img").unwrap())
            .filter_map(|i| i.value().attr("src"))
            .collect();
        assert_eq!(srcs, ["data:image/png;base64,AAAA"]);
        let text = doc.root_element().text().collect::<String>();
        for kept in ["a", "b", "javascript:alert(2)", "c", "d", "e", "f", "g"] {
            assert!(text.split_whitespace().any(|w| w == kept), "{kept} missing from {text:?}");
        }
        let attrs = doc.root_element().descendants().filter_map(scraper::ElementRef::wrap);
        for (name, value) in attrs.flat_map(|e| e.value().attrs().collect::<Vec<_>>()) {
            assert!(!value.to_lowercase().contains("script:"), "{name}={value}");
        }
        let dropped: Vec<(&str, usize)> = r
            .links
            .iter()
            .filter(|l| script_scheme(&l.written, l.image).is_some())
            .map(|l| (l.written.as_str(), l.line))
            .collect();
        assert_eq!(dropped.len(), 8, "{dropped:?}");
        assert!(dropped.contains(&("javascript:alert(3)", 3)), "{dropped:?}");
    }

    #[test]
    fn summaries_carry_no_footnote_references() {
        let r = md("Claim[^1] and more[^n].\n\n[^1]: The source.\n[^n]: Another.\n");
        assert!(r.html.contains("footnote-reference"), "{}", r.html);
        assert!(!r.summary_html.contains("<sup") && !r.summary_html.contains("href"), "{}", r.summary_html);
        assert_eq!(r.summary_html, "<p>Claim and more.</p>\n");
        assert_eq!(r.summary_text, "Claim and more.");
        let r = md("[^a]: Defined first.\n\nUses it[^a].\n\n<!-- more -->\n\nRest.\n");
        assert!(!r.summary_html.contains("Defined first") && !r.summary_html.contains("<sup"));
        assert!(r.summary_html.contains("Uses it."), "{}", r.summary_html);
    }

    #[test]
    fn forbidden_characters_are_replaced_and_noted_by_line() {
        let r = md("A\u{0}b \u{1b}[0m\n\nline &#1; two \u{fffe}\n\n```\ncode\u{7}\n```\n");
        for out in [&r.html, &r.summary_html, &r.summary_text] {
            assert!(!chars::has_forbidden(out), "{out:?}");
        }
        assert!(r.html.contains("A\u{fffd}b \u{fffd}[0m"), "{}", r.html);
        assert!(r.html.contains("code\u{fffd}"), "{}", r.html);
        let got: Vec<(usize, NoticeKind)> = r.notices.iter().map(|n| (n.line, n.kind.clone())).collect();
        use NoticeKind::Forbidden;
        assert_eq!(
            got,
            [
                (1, Forbidden('\u{0}')),
                (1, Forbidden('\u{1b}')),
                (3, Forbidden('\u{1}')),
                (3, Forbidden('\u{fffe}')),
                (6, Forbidden('\u{7}'))
            ]
        );
    }

    #[test]
    fn an_image_without_alt_text_is_noted_by_line_but_a_decorative_one_is_not() {
        let r = md(
            "![A chart](a.png)\n\n![](b.png)\n\n![ ](c.png) ![`code`](d.png)\n\n<img src=\"e.png\">\n\n<img src=\"f.png\" alt=\"\">\n",
        );
        let got: Vec<(usize, NoticeKind)> = r.notices.iter().map(|n| (n.line, n.kind.clone())).collect();
        assert_eq!(
            got,
            [
                (3, NoticeKind::ImageWithoutAlt("b.png".into())),
                (5, NoticeKind::ImageWithoutAlt("c.png".into())),
                (7, NoticeKind::ImageWithoutAlt("e.png".into())),
            ]
        );
    }

    #[test]
    fn raw_html_passes_but_scripts_are_noted_by_line() {
        let r =
            md("Intro.\n\n<div>\n<a\n href=\"javascript:x()\">a</a>\n<script>alert(1)</script>\n</div>\n\n\
                    Text <img src=x alt=\"\" onerror=\"y()\"> and &#x1; <b title=\"&#0;\">b</b>\n");
        assert!(r.html.contains("<script>alert(1)</script>"), "raw HTML passes: {}", r.html);
        assert!(r.html.contains("<b title=\"&#xFFFD;\">"), "{}", r.html);
        let got: Vec<(usize, NoticeKind)> = r.notices.iter().map(|n| (n.line, n.kind.clone())).collect();
        let url = NoticeKind::ScriptUrl { attribute: "href".into(), scheme: "javascript".into() };
        assert_eq!(
            got,
            [
                (5, url),
                (6, NoticeKind::ScriptElement),
                (9, NoticeKind::Forbidden('\u{1}')),
                (9, NoticeKind::BadReference("&#0;".into())),
                (9, NoticeKind::EventHandler("onerror".into())),
            ]
        );
    }
}

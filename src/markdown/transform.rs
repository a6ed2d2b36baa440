//! The event stream between pulldown-cmark's parser and its HTML writer: heading ids,
//! highlighted code, wrapped tables and rewritten links; links and images with a
//! script URL lose their target (their text stays), characters decoded from
//! references that no output may hold are replaced, and raw HTML that can run a
//! script is noted for `byline check`.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::shown::{Marked, ShownImage};
use super::{LinkContext, LinkRef, MarkdownOptions, Notice, NoticeKind};
use super::{chars, escape_html, highlight, parser_options, plain_text, raw_html, urls};

/// The transformed events of a document, with what was learnt on the way.
pub(super) struct Transformed<'a> {
    pub events: Vec<Event<'a>>,
    pub links: Vec<LinkRef>,
    /// The ids of the headings, sorted.
    pub anchors: Vec<String>,
    pub notices: Vec<Notice>,
    /// The images of the site shown, in order, with the places of their events.
    pub shown: Vec<Marked>,
}

struct State<'a, 'o> {
    src: &'a str,
    links: &'o LinkContext,
    opts: MarkdownOptions<'o>,
    /// Byte offset of the start of each line of the source.
    line_starts: Vec<usize>,
    out: Vec<Event<'a>>,
    refs: Vec<LinkRef>,
    notices: Vec<Notice>,
    used_ids: HashSet<String>,
    heading: Option<(usize, HeadingLevel)>,
    /// The code block being read: its language and text.
    code: Option<(String, String)>,
    /// One entry per open link or image: true when its start was dropped, so its
    /// end must be too.
    open: Vec<bool>,
    /// The HTML block being read: each piece with its offset in the source.
    html_block: Option<Vec<(CowStr<'a>, usize)>>,
    /// The images being read: where each starts, its target as written, and whether
    /// its alt text has any words yet.
    images: Vec<(usize, String, bool)>,
    /// The images of the site shown (the last one may still be being read).
    shown: Vec<Marked>,
}

/// Applies heading ids, code highlighting, link rewriting and the safety rules.
pub(super) fn transform<'a>(src: &'a str, links: &LinkContext, opts: MarkdownOptions<'_>) -> Transformed<'a> {
    let mut st = State {
        src,
        links,
        opts,
        line_starts: line_starts(src),
        out: Vec::new(),
        refs: Vec::new(),
        notices: Vec::new(),
        used_ids: HashSet::new(),
        heading: None,
        code: None,
        open: Vec::new(),
        html_block: None,
        images: Vec::new(),
        shown: Vec::new(),
    };
    for (ev, range) in Parser::new_ext(src, parser_options()).into_offset_iter() {
        st.event(ev, range.start);
    }
    let mut anchors: Vec<String> = st.used_ids.into_iter().collect();
    anchors.sort();
    Transformed { events: st.out, links: st.refs, anchors, notices: st.notices, shown: st.shown }
}

/// The byte offset at which each line of `src` starts.
pub(super) fn line_starts(src: &str) -> Vec<usize> {
    std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The 1-based line of byte `offset`.
pub(super) fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&s| s <= offset)
}

impl<'a> State<'a, '_> {
    fn event(&mut self, ev: Event<'a>, at: usize) {
        match &ev {
            Event::Code(t) => {
                self.alt_text(t);
                self.alt_append(t);
            }
            // Inline HTML inside an image is text of its description, as the writer has it.
            Event::InlineHtml(h) => self.alt_append(h),
            Event::SoftBreak | Event::HardBreak => self.alt_append(" "),
            _ => {}
        }
        if let Some((_, text)) = self.code.as_mut() {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = self.code.take().unwrap_or_default();
                    self.out.push(Event::Html(code_block(&lang, &text, self.opts).into()));
                }
                _ => {}
            }
            return;
        }
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .map(|l| chars::clean(l).into_owned())
                        .unwrap_or_default(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            // Wide tables scroll inside a focusable region instead of the page.
            Event::Start(Tag::Table(_)) => {
                self.out.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">".into(),
                ));
                self.out.push(ev);
            }
            Event::End(TagEnd::Table) => {
                self.out.push(ev);
                self.out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((self.out.len(), level));
                self.out.push(ev);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level)) = self.heading.take() {
                    set_heading_id(&mut self.out, start, level, &mut self.used_ids);
                }
                self.out.push(ev);
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => self.link(tag, at),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if ev == Event::End(TagEnd::Image) {
                    self.image_ends();
                    if self.images.is_empty()
                        && let Some(m) = self.shown.last_mut().filter(|m| m.end.is_none())
                    {
                        m.end = Some(self.out.len());
                    }
                }
                if !self.open.pop().unwrap_or(false) {
                    self.out.push(ev);
                }
            }
            Event::Text(t) => {
                self.alt_text(&t);
                let t = self.clean(t, at);
                self.alt_append(&t);
                self.out.push(Event::Text(t));
            }
            other => self.html(other, at),
        }
    }

    /// Text inside an image is its alt text.
    fn alt_text(&mut self, text: &str) {
        if let Some((_, _, words)) = self.images.last_mut()
            && !text.trim().is_empty()
        {
            *words = true;
        }
    }

    /// Text inside an image of the site shown goes into its description.
    fn alt_append(&mut self, text: &str) {
        if !self.images.is_empty()
            && let Some(m) = self.shown.last_mut().filter(|m| m.end.is_none())
        {
            m.image.alt.push_str(text);
        }
    }

    /// An image ends: a notice when it had no alt text.
    fn image_ends(&mut self) {
        if let Some((at, written, false)) = self.images.pop() {
            let line = line_of(&self.line_starts, at);
            self.notices.push(Notice { line, kind: NoticeKind::ImageWithoutAlt(written) });
        }
    }

    /// A link or image: its target rewritten, or, when that is a script URL, the
    /// tag left out so that only its text is written.
    fn link(&mut self, tag: Tag<'a>, at: usize) {
        let (image, dest) = match &tag {
            Tag::Image { dest_url, .. } => (true, dest_url.clone()),
            Tag::Link { dest_url, .. } => (false, dest_url.clone()),
            _ => return self.out.push(Event::Start(tag)),
        };
        let written = dest.to_string();
        let dropped = urls::script_scheme(&written, image).is_some();
        let url = self.links.rewrite(dest);
        let line = line_of(&self.line_starts, at);
        // An image inside another's description is part of its alt text.
        let outermost = self.images.is_empty();
        if image {
            self.images.push((at, written.clone(), false));
        }
        let shown = (image && outermost && !dropped).then(|| self.links.site_path(&url)).flatten();
        let source = shown.as_ref().and_then(|_| self.links.source_file(&written));
        self.refs.push(LinkRef { written: written.clone(), url: url.to_string(), line, image });
        self.open.push(dropped);
        if dropped {
            return;
        }
        let url = self.clean(url, at);
        let tag = match tag {
            Tag::Image { link_type, title, id, .. } => {
                let title = self.clean(title, at);
                if let Some(path) = shown {
                    let column = self.column_of(at);
                    let image = ShownImage {
                        written,
                        path,
                        source,
                        alt: String::new(),
                        title: title.to_string(),
                        line,
                        column,
                        html: 0..0,
                        summary: None,
                    };
                    self.shown.push(Marked { image, start: self.out.len(), end: None });
                }
                Tag::Image { link_type, dest_url: url, title, id }
            }
            Tag::Link { link_type, title, id, .. } => {
                Tag::Link { link_type, dest_url: url, title: self.clean(title, at), id }
            }
            other => other,
        };
        self.out.push(Event::Start(tag));
    }

    /// Raw HTML is noted (whole blocks at once, a tag may span lines) and its
    /// references to forbidden characters replaced; other events pass.
    fn html(&mut self, ev: Event<'a>, at: usize) {
        match ev {
            Event::Start(Tag::HtmlBlock) => self.html_block = Some(Vec::new()),
            Event::End(TagEnd::HtmlBlock) => {
                let pieces = self.html_block.take().unwrap_or_default();
                self.note_raw_html(&pieces);
            }
            Event::Html(ref h) if self.html_block.is_some() => {
                if let Some(pieces) = self.html_block.as_mut() {
                    pieces.push((h.clone(), at));
                }
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) => self.note_raw_html(&[(h.clone(), at)]),
            _ => {}
        }
        let ev = match ev {
            Event::Html(h) => Event::Html(self.replace_references(h, at)),
            Event::InlineHtml(h) => Event::InlineHtml(self.replace_references(h, at)),
            other => other,
        };
        self.out.push(ev);
    }

    /// The 1-based column, in characters, of byte `at` of the source.
    fn column_of(&self, at: usize) -> usize {
        let start =
            self.line_starts.get(line_of(&self.line_starts, at).wrapping_sub(1)).copied().unwrap_or(0);
        self.src.get(start..at).map_or(1, |s| s.chars().count() + 1)
    }

    /// The line of `offset` bytes into the piece of raw HTML that starts at `at`.
    fn line_in(&self, piece: &str, at: usize, offset: usize) -> usize {
        line_of(&self.line_starts, at) + piece[..offset].matches('\n').count()
    }

    fn note_raw_html(&mut self, pieces: &[(CowStr<'a>, usize)]) {
        let joined: String = pieces.iter().map(|(p, _)| p.as_ref()).collect();
        let mut starts = Vec::with_capacity(pieces.len());
        let mut total = 0;
        for (p, _) in pieces {
            starts.push(total);
            total += p.len();
        }
        for (offset, kind) in raw_html::scan(&joined) {
            let i = starts.partition_point(|&s| s <= offset).saturating_sub(1);
            let Some((piece, at)) = pieces.get(i) else { continue };
            let line = self.line_in(piece, *at, offset - starts[i]);
            self.notices.push(Notice { line, kind });
        }
    }

    fn replace_references(&mut self, h: CowStr<'a>, at: usize) -> CowStr<'a> {
        let (replaced, found) = raw_html::replace_bad_references(&h);
        if found.is_empty() {
            return h;
        }
        for (offset, written) in found {
            let line = self.line_in(&h, at, offset);
            self.notices.push(Notice { line, kind: NoticeKind::BadReference(written) });
        }
        replaced.into_owned().into()
    }

    /// Text decoded from a reference (`&#1;`) may hold a forbidden character: it is
    /// replaced and noted. (Characters written as such are replaced before parsing.)
    fn clean(&mut self, t: CowStr<'a>, at: usize) -> CowStr<'a> {
        if !chars::has_forbidden(&t) {
            return t;
        }
        let line = line_of(&self.line_starts, at);
        for (_, c) in chars::find(&t) {
            self.notices.push(Notice { line, kind: NoticeKind::Forbidden(c) });
        }
        chars::clean(&t).into_owned().into()
    }
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
    let highlighted = if lang.is_empty() {
        None
    } else {
        opts.highlight.and_then(|c| c.get_or_make(text, lang, highlight::highlight))
    };
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

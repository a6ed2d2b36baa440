//! The images of the site itself that a document shows (`![chart](images/chart.png)`,
//! `![logo](/images/logo.png)`): what `load` needs to find their files, and where
//! each one's `<img>` is in the HTML, so that the render stage can put a
//! `<picture>` of its variants in its place without parsing HTML again. Knows
//! nothing of files or sizes: bodies are rendered once and cached.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::Event;

/// An image of the site that a document shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ShownImage {
    /// The target as the author wrote it.
    pub written: String,
    /// Its site path, decoded, without query or fragment: `posts/a/images/chart.png`.
    pub path: String,
    /// For a relative target, the file it names from the site folder, resolved
    /// against the document's folder (`content/posts/images/chart.png`); `None`
    /// for a site path (`/images/chart.png`), or a target that climbs above the
    /// site folder.
    pub source: Option<String>,
    /// Its description, as plain text.
    pub alt: String,
    pub title: String,
    /// 1-based line in the document's body (in its file, once shifted) and column
    /// (in characters) of its `!`.
    pub line: usize,
    pub column: usize,
    /// The bytes of its `<img>` in `Rendered::html`.
    pub html: Range<usize>,
    /// The bytes of its `<img>` in `Rendered::summary_html`, when the summary shows it.
    pub summary: Option<Range<usize>>,
}

/// An image being read by the transform: its record so far, and the places of its
/// start and end events in the transformed events.
#[derive(Debug)]
pub(super) struct Marked {
    pub image: ShownImage,
    pub start: usize,
    pub end: Option<usize>,
}

/// Appends to a string, keeping its length where the event iterator can read it
/// while the HTML writer holds the string.
struct Counting<'c> {
    html: String,
    len: &'c Cell<usize>,
}

impl fmt::Write for Counting<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.html.push_str(s);
        self.len.set(self.html.len());
        Ok(())
    }
}

/// Writes `events` (each with its place among the document's events) as HTML, and
/// says where the markup of each of `marks` went: the bytes from before its start
/// event to after its end event, when both were written. The writer finishes
/// writing an event before it asks for the next (an image's alt text included),
/// so the length of the HTML when an event is asked for is where it starts.
/// Likewise it says where the events `cuts` (places among the document's
/// events, in order) start, `None` for one not written.
pub(super) fn write<'e, 'a: 'e>(
    events: impl Iterator<Item = (usize, &'e Event<'a>)>,
    marks: &[Marked],
    cuts: &[usize],
    capacity: usize,
) -> Written {
    let mut cut_at: Vec<Option<usize>> = vec![None; cuts.len()];
    let starts: HashMap<usize, usize> = marks.iter().enumerate().map(|(k, m)| (m.start, k)).collect();
    let ends: HashMap<usize, usize> =
        marks.iter().enumerate().filter_map(|(k, m)| Some((m.end?, k))).collect();
    let mut begun: Vec<Option<usize>> = vec![None; marks.len()];
    let mut ranges: Vec<Option<Range<usize>>> = vec![None; marks.len()];
    let len = Cell::new(0);
    let mut out = Counting { html: String::with_capacity(capacity), len: &len };
    // The image whose end event the writer was handed last.
    let mut closing: Option<usize> = None;
    let iter = events.map(|(i, ev)| {
        let at = len.get();
        if let Some(k) = closing.take() {
            close(k, at, &begun, &mut ranges);
        }
        if let Some(&k) = starts.get(&i) {
            begun[k] = Some(at);
        }
        if let Some(&k) = ends.get(&i) {
            closing = Some(k);
        }
        if let Ok(c) = cuts.binary_search(&i) {
            cut_at[c] = Some(at);
        }
        ev.clone()
    });
    // Writing to a string cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(&mut out, iter);
    if let Some(k) = closing {
        close(k, len.get(), &begun, &mut ranges);
    }
    Written { html: out.html, images: ranges, cuts: cut_at }
}

/// HTML written by [`write`], with where the markup of each mark and each cut went.
pub(super) struct Written {
    pub html: String,
    pub images: Vec<Option<Range<usize>>>,
    pub cuts: Vec<Option<usize>>,
}

/// Ends the range of image `k` at `at`, if it was begun.
fn close(k: usize, at: usize, begun: &[Option<usize>], ranges: &mut [Option<Range<usize>>]) {
    if let (Some(Some(start)), Some(range)) = (begun.get(k), ranges.get_mut(k)) {
        *range = Some(*start..at);
    }
}

#[cfg(test)]
mod tests {
    use crate::cache::Highlights;
    use crate::markdown::{LinkContext, MarkdownOptions, Rendered, render};

    fn md(src: &str) -> Rendered {
        let links = LinkContext::new("https://e.com/blog/", "https://e.com/blog/posts/a/")
            .with_source("content/posts/a.md", Default::default());
        render(src, &links, MarkdownOptions { highlight: Some(&Highlights::default()) })
    }

    #[test]
    fn each_local_image_knows_its_file_its_text_and_where_its_img_is() {
        let r = md("Intro ![A *bar* chart](images/chart.png \"Q&A\") and\n\n\
                    text ![Logo](/images/logo.png) ![x](https://other.org/x.png) ![d](data:image/png;base64,AA)\n\n\
                    | t |\n|---|\n| ![In a cell](../b/c%20d.png?v=2) |\n");
        let got: Vec<_> =
            r.images.iter().map(|i| (i.path.as_str(), i.source.as_deref(), i.line, i.column)).collect();
        assert_eq!(
            got,
            [
                ("posts/a/images/chart.png", Some("content/posts/images/chart.png"), 1, 7),
                ("images/logo.png", None, 3, 6),
                ("posts/b/c d.png", Some("content/b/c d.png"), 7, 3),
            ]
        );
        assert_eq!((r.images[0].alt.as_str(), r.images[0].title.as_str()), ("A bar chart", "Q&A"));
        for i in &r.images {
            let img = &r.html[i.html.clone()];
            assert!(img.starts_with("<img src=\"") && img.ends_with("/>"), "{img}");
        }
        let first = &r.images[0];
        assert_eq!(r.summary_html[first.summary.clone().unwrap()], r.html[first.html.clone()]);
        assert_eq!(r.images[1].summary, None, "past the summary");
    }

    #[test]
    fn an_image_inside_an_image_or_a_footnote_is_placed_right() {
        let r = md(
            "![outer ![inner](in.png)](out.png)\n\nSee[^n].\n\n[^n]: ![Note](note.png)\n\n<!-- more -->\n",
        );
        let paths: Vec<&str> = r.images.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["posts/a/out.png", "posts/a/note.png"], "the inner one is alt text");
        assert!(r.html[r.images[0].html.clone()].contains("out.png"));
        assert!(r.html[r.images[1].html.clone()].contains("note.png"));
        assert_eq!(r.images[1].summary, None, "the summary leaves footnotes out");
        assert!(r.summary_html[r.images[0].summary.clone().unwrap()].contains("out.png"));
    }
}

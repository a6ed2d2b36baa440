//! The images a body shows, as pages show them: each raster image of the site as a
//! `<picture>` of its variants (WebP, and a JPEG or PNG fallback, by width) put in
//! place of the `<img>` that markdown made, at the bytes the body recorded for it
//! (bodies are rendered before image files are read). Only the first image of a
//! page loads at once; the others wait until they are scrolled near.
//!
//! What a page shows of the images is [`Pictures`], in its record: a changed image
//! size renders the page again.

use std::ops::Range;

use serde::Serialize;

use super::views::PostImage;
use crate::markdown::{Rendered, ShownImage, escape_html};
use crate::model::Site;

/// The widths an image of the body is shown at: the text column's (the
/// stylesheet's `--measure`), the screen's on a narrower screen.
const SIZES: &str = "(max-width: 44rem) 100vw, 44rem";

/// The variants of each image a body shows, in its order: `None` for one that is
/// not a raster image of the site (an SVG), shown as markdown made it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Pictures(Vec<Option<PostImage>>);

impl Pictures {
    pub(crate) fn of(site: &Site, body: &Rendered) -> Self {
        let each = body.images.iter().map(|i| Some(PostImage::variants(site, site.image_at(&i.path)?)));
        Pictures(each.collect())
    }

    /// `body`'s HTML with its images in variants; the first one loads at once when
    /// `first_eager` (it is the first image of the page).
    pub(crate) fn html(&self, body: &Rendered, first_eager: bool) -> String {
        splice(&body.html, &body.images, |i| Some(i.html.clone()), &self.0, first_eager, None)
    }

    /// [`Pictures::html`] with `insert` put at its byte of the body's HTML (a place
    /// between blocks, which no image's markup spans).
    pub(crate) fn html_with(
        &self,
        body: &Rendered,
        first_eager: bool,
        insert: Option<(usize, &str)>,
    ) -> String {
        splice(&body.html, &body.images, |i| Some(i.html.clone()), &self.0, first_eager, insert)
    }
}

/// The summary of `body` as list pages show it: its images in variants, none eager.
pub(crate) fn summary(site: &Site, body: &Rendered) -> String {
    if body.images.iter().all(|i| i.summary.is_none()) {
        return body.summary_html.clone();
    }
    let pictures = Pictures::of(site, body);
    splice(&body.summary_html, &body.images, |i| i.summary.clone(), &pictures.0, false, None)
}

/// `html` with the markup at each image's range (by `range`) replaced by a
/// `<picture>` of its variants, or, for one without, given `loading="lazy"`.
/// Ranges that do not fit `html` in order are left alone: the text is kept.
/// `insert` is put at its byte of `html` (at the end, if that is no place in it).
fn splice(
    html: &str,
    images: &[ShownImage],
    range: impl Fn(&ShownImage) -> Option<Range<usize>>,
    pictures: &[Option<PostImage>],
    first_eager: bool,
    mut insert: Option<(usize, &str)>,
) -> String {
    let mut out = String::with_capacity(html.len() + images.len() * 400);
    let mut done = 0;
    let mut first = true;
    let mut put = |out: &mut String, done: &mut usize, before: usize| {
        if let Some((at, extra)) = insert.filter(|(at, _)| *at <= before && *at >= *done)
            && let Some(text) = html.get(*done..at)
        {
            out.push_str(text);
            out.push_str(extra);
            *done = at;
            insert = None;
        }
    };
    for (image, picture) in images.iter().zip(pictures) {
        let Some(r) = range(image) else { continue };
        let Some(markup) = html.get(r.clone()).filter(|_| r.start >= done) else { continue };
        put(&mut out, &mut done, r.start);
        let lazy = !(first && first_eager);
        first = false;
        out.push_str(&html[done..r.start]);
        match picture {
            Some(p) => out.push_str(&picture_markup(image, p, lazy)),
            None => match markup.strip_suffix(" />").filter(|_| lazy) {
                Some(open) => {
                    out.push_str(open);
                    out.push_str(" loading=\"lazy\" decoding=\"async\" />");
                }
                None => out.push_str(markup),
            },
        }
        done = r.end;
    }
    put(&mut out, &mut done, html.len());
    out.push_str(&html[done..]);
    if let Some((_, extra)) = insert {
        out.push_str(extra);
    }
    out
}

/// A `<picture>` of an image's variants, with its description and title.
fn picture_markup(image: &ShownImage, p: &PostImage, lazy: bool) -> String {
    let (webp, fallback, src) =
        (escape_html(&p.webp_srcset), escape_html(&p.fallback_srcset), escape_html(&p.src));
    let mut img = format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{SIZES}\"><img src=\"{src}\" srcset=\"{fallback}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        p.width,
        p.height,
        escape_html(&image.alt),
    );
    if !image.title.is_empty() {
        img.push_str(&format!(" title=\"{}\"", escape_html(&image.title)));
    }
    img.push_str(if lazy {
        " loading=\"lazy\" decoding=\"async\"></picture>"
    } else {
        " decoding=\"async\"></picture>"
    });
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(html: Range<usize>) -> ShownImage {
        ShownImage {
            written: "a.png".into(),
            path: "posts/a/a.png".into(),
            source: None,
            alt: "A \"quoted\" <chart>".into(),
            title: "Q&A".into(),
            line: 1,
            column: 1,
            html,
            summary: None,
        }
    }

    fn variants() -> PostImage {
        PostImage {
            webp_srcset: "https://e.com/a-480.webp 480w, https://e.com/a-960.webp 960w".into(),
            fallback_srcset: "https://e.com/a-480.png 480w, https://e.com/a-960.png 960w".into(),
            src: "https://e.com/a-960.png?x&y".into(),
            width: 960,
            height: 540,
            share: ("https://e.com/a-960.png".into(), 960, 540),
            original: None,
            original_width: 960,
            original_height: 540,
        }
    }

    #[test]
    fn images_become_pictures_the_first_eager_and_their_text_escaped() {
        let img = "<img src=\"https://e.com/a.png\" alt=\"x\" />";
        let html = format!("<p>{img}</p><p>{img}</p><p>{img}</p>");
        let (a, b, c) =
            (3..3 + img.len(), 10 + img.len()..10 + 2 * img.len(), 17 + 2 * img.len()..17 + 3 * img.len());
        let images = [shown(a), shown(b), shown(c)];
        let pictures = [Some(variants()), None, Some(variants())];
        let out = splice(&html, &images, |i| Some(i.html.clone()), &pictures, true, None);
        let doc = scraper::Html::parse_fragment(&out);
        let imgs: Vec<_> =
            doc.select(&scraper::Selector::parse("img").unwrap()).map(|e| e.value().clone()).collect();
        assert_eq!(imgs.len(), 3, "{out}");
        assert_eq!(imgs[0].attr("loading"), None);
        assert_eq!(imgs[0].attr("alt"), Some("A \"quoted\" <chart>"));
        assert_eq!(imgs[0].attr("title"), Some("Q&A"));
        assert_eq!(imgs[0].attr("src"), Some("https://e.com/a-960.png?x&y"));
        assert_eq!((imgs[0].attr("width"), imgs[0].attr("height")), (Some("960"), Some("540")));
        assert_eq!(imgs[1].attr("src"), Some("https://e.com/a.png"), "no variants: as it was");
        for later in &imgs[1..] {
            assert_eq!(later.attr("loading"), Some("lazy"));
        }
        assert_eq!(out.matches("<picture>").count(), 2);
    }

    #[test]
    fn ranges_that_do_not_fit_leave_the_html_as_it_is() {
        let html = "<p>é <img src=\"x\" /></p>";
        for bad in [[2..4, 0..1], [0..200, 1..2], [5..19, 3..6]] {
            let images = [shown(bad[0].clone()), shown(bad[1].clone())];
            let out = splice(
                html,
                &images,
                |i| Some(i.html.clone()),
                &[Some(variants()), Some(variants())],
                false,
                None,
            );
            assert!(out.ends_with("</p>"), "{out}");
        }
    }
}

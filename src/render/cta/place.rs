//! Where a call to action goes in the middle of a long post: after the paragraph
//! of the post itself (never one inside a list, table, quote or footnote; the
//! markdown stage records only those) nearest the middle by words.

use crate::markdown::Rendered;

/// The byte of `body.html` after which the block goes, when the post has more
/// than `after_words` words and a paragraph with more after it.
pub(crate) fn mid(body: &Rendered, after_words: Option<usize>) -> Option<usize> {
    if body.word_count <= after_words? {
        return None;
    }
    let half = body.word_count / 2;
    body.breaks.iter().min_by_key(|b| b.words.abs_diff(half)).map(|b| b.at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Highlights;
    use crate::markdown::{LinkContext, MarkdownOptions, render};

    fn md(src: &str) -> Rendered {
        let links = LinkContext::new("https://e.com/", "https://e.com/posts/a/");
        render(src, &links, MarkdownOptions { highlight: Some(&Highlights::default()) })
    }

    fn words(n: usize) -> String {
        vec!["word"; n].join(" ")
    }

    #[test]
    fn the_middle_is_after_the_paragraph_nearest_half_the_words() {
        let src = format!("{}\n\n{}\n\n{}\n\n{}\n", words(10), words(30), words(10), words(50));
        let body = md(&src);
        let at = mid(&body, Some(20)).unwrap();
        assert_eq!(&body.html[..at].matches("</p>").count(), &3, "after 50 of 100 words");
        assert!(body.html[..at].ends_with("</p>\n"), "{}", &body.html[..at]);
        assert_eq!(mid(&body, Some(100)), None, "not over the threshold");
        assert_eq!(mid(&body, None), None, "off");
    }

    #[test]
    fn paragraphs_in_lists_quotes_tables_and_footnotes_are_never_the_middle() {
        let long = words(40);
        let src = format!(
            "{long}\n\n- {long}\n\n  {long}\n\n> {long}\n>\n> {long}\n\n| a |\n|---|\n| {long} |\n\n```\n{long}\n```\n\nNote[^n].\n\n[^n]: {long}\n\n{long}\n"
        );
        let body = md(&src);
        for b in &body.breaks {
            let before = &body.html[..b.at];
            let open = |tag: &str| {
                before.matches(&format!("<{tag}")).count() - before.matches(&format!("</{tag}>")).count()
            };
            for tag in ["ul", "li", "blockquote", "table", "pre", "div"] {
                assert_eq!(open(tag), 0, "inside <{tag}> at {}: {before}", b.at);
            }
        }
        assert!(mid(&body, Some(10)).is_some());
    }

    #[test]
    fn a_post_whose_last_block_is_its_only_paragraph_has_no_middle() {
        let body = md(&format!("## Heading\n\n{}\n", words(500)));
        assert_eq!(mid(&body, Some(10)), None);
    }
}

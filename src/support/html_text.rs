//! The words of HTML byline rendered (a post's body), read back with a real HTML
//! parser: its headings and the rest of its text, apart. For reports about what
//! posts say, not for building pages (pages are made from the event stream).

use std::rc::Rc;

use htmd::{HtmlToMarkdown, Node};
use markup5ever_rcdom::NodeData;

/// The text of a body: each heading's, and everything else but code blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    pub headings: Vec<String>,
    pub body: String,
}

/// Reads `html` (a fragment) into its outline.
pub(crate) fn outline(html: &str) -> Outline {
    let converter = HtmlToMarkdown::builder().build();
    let mut out = Outline::default();
    if let Ok(tree) = converter.html_to_tree(html) {
        walk(&tree, &mut out);
    }
    out
}

fn tag(node: &Rc<Node>) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn walk(node: &Rc<Node>, out: &mut Outline) {
    match tag(node).as_deref() {
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
            let mut text = String::new();
            collect(node, &mut text);
            out.headings.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        Some("pre" | "script" | "style" | "template") => {}
        _ => {
            if let NodeData::Text { contents } = &node.data {
                out.body.push_str(&contents.borrow());
                out.body.push(' ');
            }
            for child in node.children.borrow().iter() {
                walk(child, out);
            }
        }
    }
}

fn collect(node: &Rc<Node>, out: &mut String) {
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    for child in node.children.borrow().iter() {
        collect(child, out);
    }
}

/// All the text of `html` (a fragment), code included, with a space where one
/// block ends and the next begins: what full-text search indexes.
pub(crate) fn text(html: &str) -> String {
    let converter = HtmlToMarkdown::builder().build();
    let mut out = String::with_capacity(html.len() / 2);
    if let Ok(tree) = converter.html_to_tree(html) {
        all_text(&tree, &mut out);
    }
    out
}

fn all_text(node: &Rc<Node>, out: &mut String) {
    let tag = tag(node);
    let block = match tag.as_deref() {
        Some("script" | "style" | "template") => return,
        Some(t) => BLOCKS.contains(&t),
        None => false,
    };
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    if block {
        out.push(' ');
    }
    for child in node.children.borrow().iter() {
        all_text(child, out);
    }
    if block {
        out.push(' ');
    }
}

/// Elements whose text is a word apart from the text around it.
const BLOCKS: &[&str] = &[
    "address",
    "blockquote",
    "br",
    "dd",
    "div",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_body_come_apart_and_code_blocks_are_left_out() {
        let o = outline(
            "<h2 id=\"a\">Why <em>data</em> &amp; more</h2><p>Body <a href=\"/x\">link</a> text.</p><pre><code>data = 1</code></pre><ul><li>item</li></ul>",
        );
        assert_eq!(o.headings, ["Why data & more"]);
        let words: Vec<&str> = o.body.split_whitespace().collect();
        assert_eq!(words, ["Body", "link", "text.", "item"]);
    }

    #[test]
    fn all_text_keeps_code_and_parts_of_words_together() {
        let t = text(
            "<p>Un<em>break</em>able</p><pre><code>let x = 1;</code></pre><ul><li>one</li><li>two</li></ul><script>no()</script>",
        );
        let words: Vec<&str> = t.split_whitespace().collect();
        assert_eq!(words, ["Unbreakable", "let", "x", "=", "1;", "one", "two"]);
    }
}

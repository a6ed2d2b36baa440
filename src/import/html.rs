//! HTML bodies (WordPress, Ghost) as markdown, through htmd in its faithful mode:
//! what markdown cannot say stays HTML. Before converting, whatever in the HTML
//! could run a script is removed (raw HTML passes through byline's markdown stage
//! as written): `<script>`, `<style>`, event-handler attributes and script URLs.
//! Figures (WordPress captions and galleries, Ghost image, gallery and bookmark
//! cards) and Ghost callouts become plain markdown.

use std::rc::Rc;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{Options, TranslationMode};
use htmd::{Element, HtmlToMarkdown, Node};
use markup5ever_rcdom::NodeData;

use crate::markdown::urls::script_scheme;

/// `html` as markdown, with nothing in it that can run a script.
pub(crate) fn to_markdown(html: &str) -> String {
    let converter = HtmlToMarkdown::builder()
        .options(Options { translation_mode: TranslationMode::Faithful, ..Default::default() })
        .skip_tags(vec!["script", "style", "noscript", "object", "embed", "base", "meta", "link"])
        .add_handler(vec!["figure"], figure)
        .add_handler(vec!["div"], callout)
        .build();
    let Ok(tree) = converter.html_to_tree(html) else { return String::new() };
    make_safe(&tree);
    converter.tree_to_markdown(&tree).trim().to_string()
}

/// The text of an HTML fragment (a title with markup), entities decoded, white
/// space collapsed.
pub(crate) fn plain(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let converter = HtmlToMarkdown::builder().skip_tags(vec!["script", "style"]).build();
    match converter.html_to_tree(html) {
        Ok(tree) => text(&tree),
        Err(_) => html.to_string(),
    }
}

/// Attributes that hold a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href"];

/// Presentational attributes HTML no longer has (old editors and embed codes
/// write them; the Nu HTML Checker refuses them), which the theme's CSS replaces.
const OBSOLETE: &[&str] = &[
    "frameborder",
    "scrolling",
    "marginheight",
    "marginwidth",
    "allowtransparency",
    "align",
    "valign",
    "bgcolor",
    "cellpadding",
    "cellspacing",
    "border",
    "hspace",
    "vspace",
];

/// Removes event handlers, script URLs and obsolete attributes from every element
/// below `node`.
fn make_safe(node: &Rc<Node>) {
    if let NodeData::Element { attrs, name, .. } = &node.data {
        let image = &*name.local == "img";
        attrs.borrow_mut().retain(|a| {
            let key = a.name.local.to_string().to_ascii_lowercase();
            // `srcdoc` is a whole page of HTML, scripts and all.
            let style = key == "style" && a.value.to_ascii_lowercase().contains("expression(");
            if key.starts_with("on") || key == "srcdoc" || style || OBSOLETE.contains(&key.as_str()) {
                return false;
            }
            // WordPress's own classes say nothing on the new site, and keep an
            // element HTML that could be markdown.
            if key == "class" && a.value.split_whitespace().all(wordpress_class) {
                return false;
            }
            let is_image = image && key == "src";
            !(URL_ATTRIBUTES.contains(&key.as_str()) && script_scheme(&a.value, is_image).is_some())
        });
    }
    for child in node.children.borrow().iter() {
        make_safe(child);
    }
}

/// A class WordPress's editor adds: `wp-block-heading`, `size-large`, `aligncenter`.
fn wordpress_class(c: &str) -> bool {
    ["wp-", "size-", "align", "has-", "is-", "attachment-"].iter().any(|p| c.starts_with(p))
}

/// The value of attribute `name` of `node`, if it is an element that has it.
fn attr(node: &Rc<Node>, name: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else { return None };
    attrs.borrow().iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string())
}

fn tag(node: &Rc<Node>) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn has_class(node: &Rc<Node>, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// Every element below `node` (not itself), in document order, that `keep` accepts.
fn descendants(node: &Rc<Node>, keep: &dyn Fn(&Rc<Node>) -> bool, found: &mut Vec<Rc<Node>>) {
    for child in node.children.borrow().iter() {
        if keep(child) {
            found.push(child.clone());
        }
        descendants(child, keep, found);
    }
}

fn find(node: &Rc<Node>, keep: &dyn Fn(&Rc<Node>) -> bool) -> Vec<Rc<Node>> {
    let mut found = Vec::new();
    descendants(node, keep, &mut found);
    found
}

/// The text of `node` and everything below it, with runs of white space as one space.
fn text(node: &Rc<Node>) -> String {
    fn collect(node: &Rc<Node>, out: &mut String) {
        if let NodeData::Text { contents } = &node.data {
            out.push_str(&contents.borrow());
        }
        if tag(node).is_some_and(|t| matches!(t.as_str(), "script" | "style")) {
            return;
        }
        for child in node.children.borrow().iter() {
            collect(child, out);
        }
    }
    let mut out = String::new();
    collect(node, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for an HTML attribute value in double quotes.
pub(crate) fn escape_attribute(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Text for inside `[...]` in markdown.
pub(crate) fn escape_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link or image target for markdown: in `<...>` when it has spaces or parentheses.
pub(crate) fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace(['<', '>'], ""))
    } else {
        url.to_string()
    }
}

fn image_markdown(img: &Rc<Node>) -> Option<String> {
    let src = attr(img, "src")?;
    let alt = attr(img, "alt").unwrap_or_default();
    Some(format!("![{}]({})", escape_label(&alt), destination(&src)))
}

/// A figure: its images, one per line, and its caption in italics; a bookmark card
/// as a link with its description. Anything else (an embed) as it was.
fn figure(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let node = element.node;
    if has_class(node, "kg-bookmark-card") {
        let href = find(node, &|n| tag(n).as_deref() == Some("a")).first().and_then(|a| attr(a, "href"));
        let title = find(node, &|n| has_class(n, "kg-bookmark-title")).first().map(text);
        let description = find(node, &|n| has_class(n, "kg-bookmark-description")).first().map(text);
        if let Some(href) = href.filter(|h| script_scheme(h, false).is_none()) {
            let label = title.filter(|t| !t.is_empty()).unwrap_or_else(|| href.clone());
            let mut md = format!("\n\n[{}]({})", escape_label(&label), destination(&href));
            if let Some(d) = description.filter(|d| !d.is_empty()) {
                md += &format!(": {}", escape_label(&d));
            }
            return Some((md + "\n\n").into());
        }
    }
    let images = find(node, &|n| tag(n).as_deref() == Some("img"));
    if images.is_empty() {
        return handlers.fallback(element);
    }
    let mut md = String::from("\n\n");
    for img in &images {
        if let Some(i) = image_markdown(img) {
            md += &i;
            md += "\n\n";
        }
    }
    if let Some(caption) = find(node, &|n| tag(n).as_deref() == Some("figcaption")).first() {
        let c = handlers.walk_children(caption).content;
        let c = c.trim();
        if !c.is_empty() {
            md += &format!("*{c}*\n\n");
        }
    }
    Some(md.into())
}

/// A Ghost callout card as a quote with its emoji; other `div`s as they were.
fn callout(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let node = element.node;
    if !has_class(node, "kg-callout-card") {
        return handlers.fallback(element);
    }
    let emoji = find(node, &|n| has_class(n, "kg-callout-emoji")).first().map(text).unwrap_or_default();
    let body = find(node, &|n| has_class(n, "kg-callout-text"))
        .first()
        .map(|t| handlers.walk_children(t).content)
        .unwrap_or_else(|| text(node));
    let line = format!("{emoji} {}", body.trim()).trim().to_string();
    let quoted: Vec<String> = line.lines().map(|l| format!("> {l}")).collect();
    Some(format!("\n\n{}\n\n", quoted.join("\n")).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_script_urls_handlers_and_srcdoc_are_removed() {
        let md = to_markdown(
            r#"<p><a href="javascript:alert(1)" class="x">click</a> <span onclick="evil()">t</span></p><script>bad()</script>"#,
        );
        assert!(!md.contains("javascript"), "{md}");
        assert!(!md.contains("onclick"), "{md}");
        assert!(!md.contains("bad()"), "{md}");
        let md = to_markdown(
            r#"<iframe srcdoc="<script>x()</script>" src="https://www.youtube.com/embed/a"></iframe><svg><script>y()</script></svg><form action="javascript:z()"><button formaction="JaVaScRiPt:w()">b</button></form>"#,
        );
        for bad in ["srcdoc", "x()", "y()", "z()", "w()"] {
            assert!(!md.contains(bad), "{bad}: {md}");
        }
        assert!(md.contains("https://www.youtube.com/embed/a"), "{md}");
    }

    #[test]
    fn regression_an_embed_keeps_its_address_without_obsolete_attributes() {
        let md = to_markdown(
            r#"<iframe src="https://player.vimeo.com/video/1" width="640" frameborder="0" scrolling="no" allowfullscreen></iframe>"#,
        );
        assert!(
            md.contains(r#"src="https://player.vimeo.com/video/1""#) && md.contains("width=\"640\""),
            "{md}"
        );
        assert!(!md.contains("frameborder") && !md.contains("scrolling"), "{md}");
    }

    #[test]
    fn a_figure_becomes_an_image_and_a_caption() {
        let md = to_markdown(
            r#"<figure class="wp-caption"><img src="/a b.png" alt="A [chart]"><figcaption>The <b>chart</b></figcaption></figure>"#,
        );
        assert_eq!(md, "![A \\[chart\\]](</a b.png>)\n\n*The **chart***");
    }

    #[test]
    fn ghost_cards_are_converted() {
        let md = to_markdown(
            r#"<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://ex.com/"><div class="kg-bookmark-content"><div class="kg-bookmark-title">Ex</div><div class="kg-bookmark-description">About ex</div></div></a></figure><div class="kg-card kg-callout-card"><div class="kg-callout-emoji">💡</div><div class="kg-callout-text">Note this</div></div>"#,
        );
        assert_eq!(md, "[Ex](https://ex.com/): About ex\n\n> 💡 Note this");
    }
}

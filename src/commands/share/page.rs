//! The share kits as pages of `byline serve` (`/__byline/share/` and
//! `/__byline/share/<slug>`): each network's text in a read-only text box with a
//! copy button. Made on request from the site's sources; never written into the
//! published output.

use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use super::{ShareKit, kit, load};
use crate::markdown::escape_html as e;

/// Escaped in a slug put into a link: all but RFC 3986's unreserved characters.
const PATH_PART: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The page's head and styles, with `title` (already escaped).
fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{title}</title>\
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:50rem;padding:0 1rem;color:#1d2430}}\
textarea{{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #8a96a3;border-radius:4px}}\
button{{font:inherit;padding:.3rem .9rem;margin-top:.4rem}}\
a:focus-visible,button:focus-visible,textarea:focus-visible{{outline:3px solid #1a5fb4;outline-offset:2px}}\
section{{margin-bottom:2rem}}.count{{color:#4a5563}}.over{{color:#a51d2d;font-weight:bold}}</style></head>"
    )
}

/// Copies a text box's text when its button is pressed. Buttons stay hidden without
/// scripts (the boxes can still be selected and copied by hand).
const SCRIPT: &str = r#"<script>
document.querySelectorAll("button[data-copy]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () {
    var box = document.getElementById(b.dataset.copy);
    var said = document.getElementById(b.dataset.copy + "-status");
    box.select();
    var done = function () { said.textContent = "Copied."; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(box.value).then(done, function () { said.textContent = "Select the text and copy it."; });
    } else {
      said.textContent = "Select the text and copy it.";
    }
  });
});
</script>"#;

/// One post's kit as a page.
pub fn to_html(kit: &ShareKit) -> String {
    let mut sections = String::new();
    for n in &kit.networks {
        let id = format!("share-{}", n.network);
        let over = n.length > n.limit;
        sections.push_str(&format!(
            "<section aria-labelledby=\"{id}-heading\"><h2 id=\"{id}-heading\">{label}</h2>\
<label for=\"{id}\">Text for {label}</label>\
<textarea id=\"{id}\" readonly rows=\"{rows}\">{text}</textarea>\
<p class=\"count{over_class}\" id=\"{id}-count\">{length} of {limit} ({counting}){over_text}</p>\
<button type=\"button\" data-copy=\"{id}\" aria-describedby=\"{id}-count\" hidden>Copy the {label} text</button> \
<span id=\"{id}-status\" role=\"status\"></span></section>",
            label = e(n.label),
            rows = n.text.lines().count().clamp(3, 16) + 1,
            text = e(&n.text),
            over_class = if over { " over" } else { "" },
            length = n.length,
            limit = n.limit,
            counting = e(n.counting),
            over_text = if over { ": over the limit, the link alone is too long" } else { "" },
        ));
    }
    let draft = if kit.draft { " This post is a draft." } else { "" };
    format!(
        "{}<body><main><p><a href=\"/__byline/share/\">All share kits</a></p><h1>Share kit: {}</h1>\
<p>Preview only: this page is never published.{draft} Post: <a href=\"{}\">{}</a></p>{sections}</main>{SCRIPT}</body></html>",
        head(&format!("Share kit: {}", e(&kit.title))),
        e(&kit.title),
        e(&kit.url),
        e(&kit.url),
    )
}

/// The page for a request below `/__byline/share/`: `rest` is what follows it
/// (empty for the list of posts). Returns the status and the page.
pub fn respond(site_dir: &Path, rest: &str) -> (u16, String) {
    let site = match load(site_dir) {
        Ok(site) => site,
        Err(_) => {
            let page = format!(
                "{}<body><main><h1>Share kits</h1><p>The site does not build right now; see the terminal.</p></main></body></html>",
                head("Share kits")
            );
            return (500, page);
        }
    };
    let slug = percent_encoding::percent_decode_str(rest.trim_matches('/')).decode_utf8_lossy().into_owned();
    if slug.is_empty() {
        return (200, index(&site));
    }
    match site.posts.iter().find(|p| p.slug == slug) {
        Some(p) => (200, to_html(&kit(&site, p))),
        None => {
            let page = format!(
                "{}<body><main><h1>No such post</h1><p>There is no post <code>{}</code>. <a href=\"/__byline/share/\">All share kits</a></p></main></body></html>",
                head("No such post"),
                e(&slug)
            );
            (404, page)
        }
    }
}

/// The list of posts, each linking to its kit.
fn index(site: &crate::model::Site) -> String {
    let mut items = String::new();
    for p in &site.posts {
        let slug = percent_encoding::utf8_percent_encode(&p.slug, PATH_PART);
        items.push_str(&format!(
            "<li><a href=\"/__byline/share/{}\">{}</a> <span class=\"count\">{}{}</span></li>",
            e(&slug.to_string()),
            e(&p.title),
            p.date.format("%Y-%m-%d"),
            if p.draft { ", draft" } else { "" }
        ));
    }
    if items.is_empty() {
        items.push_str("<li>No posts yet.</li>");
    }
    format!(
        "{}<body><main><h1>Share kits</h1><p>Preview only: these pages are never published. Ready-to-paste texts for LinkedIn, X, Mastodon and Bluesky for each post.</p><ul>{items}</ul></main></body></html>",
        head("Share kits")
    )
}

//! The keyword report as a page, for `byline serve` only (never published).

use super::text::{parts, warnings};
use super::{Coverage, KeywordReport};
use crate::markdown::escape_html as e;

fn keyword(c: &Coverage, weeks: i64) -> String {
    let also = if c.also.is_empty() {
        String::new()
    } else {
        format!(" <small>also: {}</small>", e(&c.also.join(", ")))
    };
    let experts: Vec<String> = c.experts.iter().map(|x| format!("{} ({})", e(&x.name), x.posts)).collect();
    let flags: String = warnings(c, weeks).iter().map(|w| format!("<li>{}</li>", e(w))).collect();
    let flags = if flags.is_empty() { String::new() } else { format!("<ul class=\"flags\">{flags}</ul>") };
    let mut rows = String::new();
    for p in &c.posts {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&p.post.date),
            e(&p.post.title),
            e(&p.post.authors.join(", ")),
            e(&parts(&p.uses))
        ));
    }
    let table = if rows.is_empty() {
        "<p>No published post uses it.</p>".to_string()
    } else {
        format!(
            "<table><thead><tr><th>Date</th><th>Post</th><th>Authors</th><th>Where</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    format!(
        "<section><h2>{}{also}</h2><p>{} posts: {}. Experts: {}. Newest post: {}{}.</p>{flags}{table}</section>",
        e(&c.term),
        c.posts.len(),
        e(&parts(&c.posts_by_part)),
        if experts.is_empty() { "none".to_string() } else { experts.join(", ") },
        e(c.newest.as_deref().unwrap_or("never")),
        if c.scheduled > 0 { format!(", {} scheduled", c.scheduled) } else { String::new() },
    )
}

/// The report as a standalone page.
pub fn to_html(r: &KeywordReport) -> String {
    let sections: String = r.keywords.iter().map(|c| keyword(c, r.weeks)).collect();
    let mut none = String::new();
    for p in &r.posts_without_keywords {
        none.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            e(&p.date),
            e(&p.title),
            e(&p.authors.join(", ")),
            e(&p.file)
        ));
    }
    if none.is_empty() {
        none.push_str("<tr><td colspan=\"4\">Every published post uses a focus keyword.</td></tr>");
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>Focus keywords</title>\
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2430}}table{{border-collapse:collapse;width:100%;margin-bottom:1.5rem}}th,td{{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde3ea;vertical-align:top}}.flags{{color:#8a2c0d;font-weight:600}}small{{font-weight:400;color:#4a5563}}</style></head>\
<body><h1>Focus keywords</h1><p>As of {}, over {} published posts. Preview only: this page is never published.</p>{sections}\
<section><h2>Posts that use no focus keyword</h2><table><thead><tr><th>Date</th><th>Post</th><th>Authors</th><th>File</th></tr></thead><tbody>{none}</tbody></table></section></body></html>",
        e(&r.as_of),
        r.posts
    )
}

//! The keyword report for people, in the terminal.

use super::{Coverage, KeywordReport};
use crate::model::keywords::Uses;

/// `n thing` or `n things`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The parts a keyword is used in, in words: `2 in the title, 5 in the body`.
pub(super) fn parts(u: &Uses) -> String {
    let all = [
        (u.title, "the title"),
        (u.description, "the description"),
        (u.tags, "tags"),
        (u.headings, "headings"),
        (u.body, "the body"),
    ];
    let named: Vec<String> =
        all.iter().filter(|(n, _)| *n > 0).map(|(n, part)| format!("{n} in {part}")).collect();
    if named.is_empty() { "nowhere".into() } else { named.join(", ") }
}

/// What needs attention about `c`, in words.
pub(super) fn warnings(c: &Coverage, weeks: i64) -> Vec<String> {
    let mut out = Vec::new();
    if c.flags.no_recent_post {
        out.push(format!("no post in the last {weeks} weeks"));
    }
    if c.flags.one_expert {
        out.push("only one expert writes about it".to_string());
    }
    if c.flags.never_in_title {
        out.push("never in a title".to_string());
    }
    out
}

fn keyword(out: &mut String, c: &Coverage, weeks: i64) {
    let also = if c.also.is_empty() { String::new() } else { format!(" (also: {})", c.also.join(", ")) };
    out.push_str(&format!("\n{}{also}\n", c.term));
    match c.posts.len() {
        0 => out.push_str("  no published post uses it\n"),
        n => out.push_str(&format!("  {}: {}\n", plural(n, "post", "posts"), parts(&c.posts_by_part))),
    }
    if !c.experts.is_empty() {
        let who: Vec<String> = c.experts.iter().map(|e| format!("{} ({})", e.name, e.posts)).collect();
        out.push_str(&format!("  experts: {}\n", who.join(", ")));
    }
    let newest = c.newest.as_deref().unwrap_or("never");
    let scheduled = if c.scheduled > 0 { format!(", {} scheduled", c.scheduled) } else { String::new() };
    out.push_str(&format!("  newest post: {newest}{scheduled}\n"));
    if !c.stages.is_empty() {
        let by: Vec<String> = c.stages.iter().map(|(s, n)| format!("{s} {n}")).collect();
        out.push_str(&format!("  by stage: {}\n", by.join(", ")));
    }
    for w in warnings(c, weeks) {
        out.push_str(&format!("  ! {w}\n"));
    }
    for p in &c.posts {
        out.push_str(&format!("    {}  {}  ({})\n", p.post.date, p.post.title, parts(&p.uses)));
    }
}

/// The report as plain text.
pub fn to_text(r: &KeywordReport) -> String {
    let mut out =
        format!("Focus keywords, as of {} ({} published)\n", r.as_of, plural(r.posts, "post", "posts"));
    for c in &r.keywords {
        keyword(&mut out, c, r.weeks);
    }
    out.push_str(&format!("\nPosts that use no focus keyword ({}):\n", r.posts_without_keywords.len()));
    if r.posts_without_keywords.is_empty() {
        out.push_str("  none\n");
    }
    for p in &r.posts_without_keywords {
        out.push_str(&format!("  {}  {}  ({})  {}\n", p.date, p.title, p.authors.join(", "), p.file));
    }
    out.push_str("\nPosts by buying stage (published, to come):\n");
    for s in r.stages.stages.iter().chain([&r.stages.without_stage]) {
        let name = if s.stage.is_empty() { "no stage" } else { s.stage.as_str() };
        out.push_str(&format!("  {name:<16} {:>4} {:>4}\n", s.published, s.upcoming));
    }
    out
}

//! The SEO lint: what makes a post weak in search results and social cards.

use std::collections::HashMap;

use crate::model::Site;
use crate::model::keywords::{Matcher, PostWords};
use crate::support::diagnostic::Diagnostic;

const TITLE_MAX: usize = 60;
const DESCRIPTION_MIN: usize = 50;
const DESCRIPTION_MAX: usize = 160;

/// Findings for every post of the site (warnings; errors under `--strict`).
pub(super) fn lint(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut titles: HashMap<String, &std::path::Path> = HashMap::new();
    let mut descriptions: HashMap<String, &std::path::Path> = HashMap::new();
    for p in &site.posts {
        let warn =
            |code, line, msg: String| Diagnostic::warning(&p.source, msg).at_line(line).with_code(code);
        let title_len = p.title.chars().count();
        if title_len > TITLE_MAX {
            found.push(warn(
                "seo-title-length",
                p.title_line,
                format!("the title is {title_len} characters long; search results show about {TITLE_MAX}"),
            ));
        }
        match &p.description {
            None => found.push(
                warn("seo-description-missing", p.description_line, "the post has no description".into())
                    .with_hint(format!("add `description:` with {DESCRIPTION_MIN} to {DESCRIPTION_MAX} characters saying what the reader will learn")),
            ),
            Some(d) => {
                let n = d.chars().count();
                if !(DESCRIPTION_MIN..=DESCRIPTION_MAX).contains(&n) {
                    found.push(warn("seo-description-length", p.description_line, format!("the description is {n} characters long; aim for {DESCRIPTION_MIN} to {DESCRIPTION_MAX}")));
                }
            }
        }
        if p.tags.is_empty() && p.keywords.is_empty() {
            found.push(
                warn("seo-no-keywords", 1, "the post has no tags or keywords".into()).with_hint(
                    "add `tags:` (topics readers browse) and `keywords:` (what people search for)",
                ),
            );
        } else {
            let haystack = format!("{} {}", p.title, p.description.as_deref().unwrap_or("")).to_lowercase();
            let words: Vec<&String> = p.tags.iter().chain(&p.keywords).collect();
            if !words.iter().any(|w| haystack.contains(&w.to_lowercase())) {
                found.push(
                    warn(
                        "seo-keywords-unused",
                        p.title_line,
                        "none of the tags or keywords appear in the title or description".into(),
                    )
                    .with_hint(format!(
                        "work one of them in: {}",
                        words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        if let Some(first) = titles.insert(p.title.to_lowercase(), &p.source) {
            found.push(warn(
                "seo-duplicate-title",
                p.title_line,
                format!("{} has the same title", first.display()),
            ));
        }
        if let Some(d) = &p.description
            && let Some(first) = descriptions.insert(d.to_lowercase(), &p.source)
        {
            found.push(warn(
                "seo-duplicate-description",
                p.description_line,
                format!("{} has the same description", first.display()),
            ));
        }
    }
    found.extend(focus_keywords(site));
    found
}

/// A note on each post that has none of the site's focus keywords in its title,
/// description, tags or keywords: where search results and link previews would
/// show that the post is about what the company wants to be known for.
fn focus_keywords(site: &Site) -> Vec<Diagnostic> {
    if site.focus_keywords.is_empty() {
        return Vec::new();
    }
    let matchers: Vec<Matcher> = site.focus_keywords.iter().map(Matcher::new).collect();
    let terms: Vec<String> = site.focus_keywords.iter().take(5).map(|k| format!("`{}`", k.term)).collect();
    site.posts
        .iter()
        .filter(|p| {
            let words = PostWords::of(p);
            !matchers.iter().any(|m| words.uses(m).up_front())
        })
        .map(|p| {
            Diagnostic::info(
                &p.source,
                "the post uses none of the focus keywords in its title, description or tags",
            )
            .at_line(p.title_line)
            .with_code("seo-focus-keyword")
            .with_hint(format!(
                "if it is about one of them, say so in the title, the description or `tags:`: {}{}",
                terms.join(", "),
                if site.focus_keywords.len() > terms.len() { ", ..." } else { "" }
            ))
        })
        .collect()
}

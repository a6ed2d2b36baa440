//! `byline report keywords`: how the site covers the company's focus keywords.
//! For each keyword the published posts that use it (in which parts, how often),
//! the experts who write about it, its newest post, and what needs attention: no
//! post lately, only one expert, never in a title. Then the posts that use none.
//! The same report is a preview page of `byline serve`; it is never published.

mod html;
mod text;

use chrono::{DateTime, FixedOffset, TimeDelta};
use rayon::prelude::*;
use serde::Serialize;

pub use html::to_html;
pub use text::to_text;

use crate::commands::build::{BuildOptions, prepare};
use crate::model::keywords::{Matcher, PostWords, Uses, words};
use crate::model::{Post, Site};
use crate::support::diagnostic::Diagnostic;
use crate::support::html_text::outline;

/// The most `--weeks` can be: about twenty years.
pub const MAX_WEEKS: i64 = 1000;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct KeywordReport {
    /// The day the report is for (`YYYY-MM-DD`).
    pub as_of: String,
    /// A keyword with no post in this many weeks is flagged.
    pub weeks: i64,
    /// Published posts looked at.
    pub posts: usize,
    pub keywords: Vec<Coverage>,
    /// Published posts that use no focus keyword anywhere, newest first.
    pub posts_without_keywords: Vec<PostLine>,
    /// Every post by buying stage (`stage:`), published and to come.
    pub stages: crate::model::stages::StageCounts,
}

/// One focus keyword across the site.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub term: String,
    pub also: Vec<String>,
    /// Published posts that use it, newest first.
    pub posts: Vec<PostUse>,
    /// How many of those posts use it in each part.
    pub posts_by_part: Uses,
    /// Its authors, most posts first.
    pub experts: Vec<Expert>,
    pub newest: Option<String>,
    /// Scheduled (not yet published) posts that use it.
    pub scheduled: usize,
    /// The published posts that use it, by buying stage (posts with no stage left out).
    pub stages: std::collections::BTreeMap<String, usize>,
    pub flags: Flags,
}

/// What needs attention about a keyword.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Flags {
    /// No published post uses it in the last `weeks` weeks.
    pub no_recent_post: bool,
    /// Exactly one expert writes about it.
    pub one_expert: bool,
    /// No post has it in its title.
    pub never_in_title: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostLine {
    pub date: String,
    pub title: String,
    pub slug: String,
    pub file: String,
    pub authors: Vec<String>,
}

/// A post that uses a keyword, and how many times in each part.
#[derive(Debug, Clone, Serialize)]
pub struct PostUse {
    #[serde(flatten)]
    pub post: PostLine,
    pub uses: Uses,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Expert {
    pub id: String,
    pub name: String,
    pub posts: usize,
}

fn weeks_ok(weeks: i64) -> Result<(), Diagnostic> {
    if (1..=MAX_WEEKS).contains(&weeks) {
        return Ok(());
    }
    Err(Diagnostic::error(
        "--weeks",
        format!("`{weeks}` weeks cannot be used: give a number of weeks from 1 to {MAX_WEEKS}"),
    )
    .with_hint("keywords with no post in this many weeks are flagged; the default is 12"))
}

/// Reports on the site in `site_dir` as of `now` (passed in: tests never read the clock).
pub fn keywords(
    site_dir: std::path::PathBuf,
    now: DateTime<FixedOffset>,
    weeks: i64,
) -> Result<KeywordReport, Vec<Diagnostic>> {
    weeks_ok(weeks).map_err(|d| vec![d])?;
    let opts =
        BuildOptions { drafts: true, future: true, no_highlight: true, ..BuildOptions::new(site_dir, now) };
    let site = prepare(&opts, None)?.site;
    if site.focus_keywords.is_empty() {
        return Err(vec![Diagnostic::error("site.yaml", "the site has no focus keywords to report on").with_hint(
            "list the terms the company wants to be known for, e.g. `focus_keywords: [data observability, {term: data contracts, also: [schema contracts]}]`",
        )]);
    }
    Ok(report(&site, now, weeks))
}

/// The words of a post's every part.
fn post_words(p: &Post) -> PostWords {
    let o = outline(&p.body.html);
    PostWords {
        headings: o.headings.iter().flat_map(|h| words(h)).collect(),
        body: words(&o.body),
        ..PostWords::of(p)
    }
}

fn line(site: &Site, p: &Post) -> PostLine {
    PostLine {
        date: p.date.format("%Y-%m-%d").to_string(),
        title: p.title.clone(),
        slug: p.slug.clone(),
        file: p.source.to_string_lossy().into_owned(),
        authors: p.authors.iter().map(|id| site.author(id).map_or(id.clone(), |a| a.name.clone())).collect(),
    }
}

/// The report over `site` (which holds drafts and scheduled posts too).
pub(crate) fn report(site: &Site, now: DateTime<FixedOffset>, weeks: i64) -> KeywordReport {
    let published: Vec<&Post> = site.posts.iter().filter(|p| !p.draft && p.date <= now).collect();
    let scheduled: Vec<&Post> = site.posts.iter().filter(|p| !p.draft && p.date > now).collect();
    let texts: Vec<PostWords> = published.par_iter().map(|p| post_words(p)).collect();
    let upcoming: Vec<PostWords> = scheduled.par_iter().map(|p| post_words(p)).collect();
    let recent = TimeDelta::try_weeks(weeks).and_then(|w| now.checked_sub_signed(w));
    let matchers: Vec<Matcher> = site.focus_keywords.iter().map(Matcher::new).collect();
    let keywords = site
        .focus_keywords
        .iter()
        .zip(&matchers)
        .map(|(k, m)| {
            let uses: Vec<(&Post, Uses)> =
                published.iter().zip(&texts).map(|(p, w)| (*p, w.uses(m))).filter(|(_, u)| u.any()).collect();
            coverage(
                site,
                k.term.clone(),
                k.also.clone(),
                &uses,
                recent,
                upcoming.iter().filter(|w| w.uses(m).any()).count(),
            )
        })
        .collect();
    let posts_without_keywords = published
        .iter()
        .zip(&texts)
        .filter(|(_, w)| !matchers.iter().any(|m| w.uses(m).any()))
        .map(|(p, _)| line(site, p))
        .collect();
    KeywordReport {
        as_of: now.format("%Y-%m-%d").to_string(),
        weeks,
        posts: published.len(),
        keywords,
        posts_without_keywords,
        stages: crate::model::stages::count(site),
    }
}

fn coverage(
    site: &Site,
    term: String,
    also: Vec<String>,
    uses: &[(&Post, Uses)],
    recent: Option<DateTime<FixedOffset>>,
    scheduled: usize,
) -> Coverage {
    let count = |f: fn(&Uses) -> usize| uses.iter().filter(|(_, u)| f(u) > 0).count();
    let posts_by_part = Uses {
        title: count(|u| u.title),
        description: count(|u| u.description),
        tags: count(|u| u.tags),
        headings: count(|u| u.headings),
        body: count(|u| u.body),
    };
    let mut experts: Vec<Expert> = Vec::new();
    for id in uses.iter().flat_map(|(p, _)| &p.authors) {
        match experts.iter_mut().find(|e| &e.id == id) {
            Some(e) => e.posts += 1,
            None => experts.push(Expert {
                id: id.clone(),
                name: site.author(id).map_or(id.clone(), |a| a.name.clone()),
                posts: 1,
            }),
        }
    }
    experts.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.name.cmp(&b.name)));
    let newest = uses.iter().map(|(p, _)| p.date).max();
    let mut stages = std::collections::BTreeMap::new();
    for stage in uses.iter().filter_map(|(p, _)| p.stage.as_ref()) {
        *stages.entry(stage.clone()).or_insert(0) += 1;
    }
    let flags = Flags {
        no_recent_post: newest.is_none_or(|d| recent.is_some_and(|r| d < r)),
        one_expert: experts.len() == 1,
        never_in_title: posts_by_part.title == 0,
    };
    Coverage {
        term,
        also,
        posts: uses.iter().map(|(p, u)| PostUse { post: line(site, p), uses: *u }).collect(),
        posts_by_part,
        experts,
        newest: newest.map(|d| d.format("%Y-%m-%d").to_string()),
        scheduled,
        stages,
        flags,
    }
}

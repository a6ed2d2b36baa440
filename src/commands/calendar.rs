//! `byline calendar`: the editorial calendar. Scheduled posts and drafts by date,
//! and for every author when they last published, how much in the last 90 days, and
//! whether they have gone quiet.

use std::path::PathBuf;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use serde::Serialize;

use crate::commands::build::{BuildOptions, prepare};
use crate::commands::schedule;
use crate::support::diagnostic::Diagnostic;

/// A post that is not published yet.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Upcoming {
    pub date: String,
    /// `scheduled` (dated in the future) or `draft`.
    pub status: &'static str,
    pub title: String,
    pub authors: Vec<String>,
    pub file: String,
    /// For a scheduled post, the daily run of the published workflow that puts it
    /// out (`2027-03-02 06:00 UTC`), see `commands::schedule`.
    pub publishing_run: Option<String>,
}

/// A post whose time has come since the previous daily run: the run at `now`
/// publishes it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Due {
    pub date: String,
    pub title: String,
    pub file: String,
}

/// One author's publishing rhythm.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AuthorRhythm {
    pub id: String,
    pub name: String,
    pub last_published: Option<String>,
    pub posts_last_90_days: usize,
    pub next_scheduled: Option<String>,
    /// True when the author has not published in the given number of weeks.
    pub quiet: bool,
}

/// The calendar as of `today`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Calendar {
    pub today: String,
    /// The moment the calendar was made for (RFC 3339), which `due` is relative to.
    pub now: String,
    pub quiet_after_weeks: i64,
    pub upcoming: Vec<Upcoming>,
    pub authors: Vec<AuthorRhythm>,
    /// The posts the daily run starting at `now` publishes; the workflow rebuilds
    /// the site only when this is not empty.
    pub due: Vec<Due>,
    /// Posts by buying stage, published and to come.
    pub stages: crate::model::stages::StageCounts,
}

/// The most `--weeks` can be: about twenty years.
pub const MAX_WEEKS: i64 = 1000;

/// 90 days before `end_of_today`, and `weeks` weeks before it (when an author who
/// has not published since counts as quiet).
fn cutoffs(
    end_of_today: DateTime<FixedOffset>,
    weeks: i64,
) -> Result<(DateTime<FixedOffset>, DateTime<FixedOffset>), Diagnostic> {
    if !(1..=MAX_WEEKS).contains(&weeks) {
        return Err(Diagnostic::error(
            "--weeks",
            format!("`{weeks}` weeks cannot be used: give a number of weeks from 1 to {MAX_WEEKS}"),
        )
        .with_hint("authors who have not published for this many weeks are marked quiet; the default is 6"));
    }
    let before = |days: i64| TimeDelta::try_days(days).and_then(|d| end_of_today.checked_sub_signed(d));
    match (before(90), before(weeks * 7)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Diagnostic::error("--today", "this day is too far in the past to look back from")
            .with_hint("give a later day as YYYY-MM-DD, e.g. 2025-03-05")),
    }
}

/// Builds the calendar of the site in `site_dir` as of `today`, with the posts due
/// at the moment `now` (both passed in, so tests never read the clock).
pub fn calendar(
    site_dir: PathBuf,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    weeks: i64,
) -> Result<Calendar, Vec<Diagnostic>> {
    crate::content::post::check_year(today.year()).map_err(|msg| {
        vec![
            Diagnostic::error("--today", format!("`{today}` cannot be used: {msg}"))
                .with_hint("write the day as YYYY-MM-DD, e.g. 2025-03-05"),
        ]
    })?;
    let end_of_today =
        today.and_hms_opt(23, 59, 59).map(|t| Utc.from_utc_datetime(&t).fixed_offset()).unwrap_or_default();
    let (cutoff_90, quiet_cutoff) = cutoffs(end_of_today, weeks).map_err(|d| vec![d])?;
    let opts = BuildOptions {
        drafts: true,
        future: true,
        no_highlight: true,
        ..BuildOptions::new(site_dir, end_of_today)
    };
    let site = prepare(&opts, None)?.site;
    let published = |p: &crate::model::Post| !p.draft && p.date <= end_of_today;
    let day = |d: chrono::DateTime<chrono::FixedOffset>| d.format("%Y-%m-%d").to_string();
    let mut upcoming: Vec<Upcoming> = site
        .posts
        .iter()
        .filter(|p| !published(p))
        .map(|p| Upcoming {
            date: day(p.date),
            status: if p.draft { "draft" } else { "scheduled" },
            title: p.title.clone(),
            authors: p
                .authors
                .iter()
                .map(|id| site.author(id).map_or(id.clone(), |a| a.name.clone()))
                .collect(),
            file: p.source.to_string_lossy().into_owned(),
            publishing_run: (!p.draft).then(|| schedule::shown(schedule::publishing_run(p.date))),
        })
        .collect();
    let due = site
        .posts
        .iter()
        .filter(|p| !p.draft && schedule::due(p.date, now))
        .map(|p| Due {
            date: day(p.date),
            title: p.title.clone(),
            file: p.source.to_string_lossy().into_owned(),
        })
        .collect();
    upcoming.sort_by(|a, b| (&a.date, &a.title).cmp(&(&b.date, &b.title)));
    let authors = site
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let posts: Vec<&crate::model::Post> =
                site.index.author_posts[i].iter().map(|&p| &site.posts[p]).collect();
            let last = posts.iter().filter(|p| published(p)).map(|p| p.date).max();
            let next = posts.iter().filter(|p| !p.draft && p.date > end_of_today).map(|p| p.date).min();
            AuthorRhythm {
                id: a.id.clone(),
                name: a.name.clone(),
                last_published: last.map(day),
                posts_last_90_days: posts.iter().filter(|p| published(p) && p.date > cutoff_90).count(),
                next_scheduled: next.map(day),
                quiet: last.is_none_or(|d| d < quiet_cutoff),
            }
        })
        .collect();
    let stages = crate::model::stages::count(&site);
    Ok(Calendar {
        today: today.format("%Y-%m-%d").to_string(),
        now: now.to_rfc3339(),
        quiet_after_weeks: weeks,
        upcoming,
        authors,
        due,
        stages,
    })
}

/// The calendar for people.
pub fn to_text(c: &Calendar) -> String {
    let mut out = format!("Editorial calendar, {}\n\nComing up:\n", c.today);
    if c.upcoming.is_empty() {
        out.push_str("  nothing scheduled and no drafts\n");
    }
    for u in &c.upcoming {
        out.push_str(&format!(
            "  {}  {:<9}  {}  ({})  {}\n",
            u.date,
            u.status,
            u.title,
            u.authors.join(", "),
            u.file
        ));
        if let Some(run) = &u.publishing_run {
            out.push_str(&format!("              goes out with the daily run of {run}\n"));
        }
    }
    out.push_str(&format!("\nAuthors (quiet = nothing published in {} weeks):\n", c.quiet_after_weeks));
    for a in &c.authors {
        out.push_str(&format!(
            "  {:<28} last published {:<10}  {} in the last 90 days{}{}\n",
            a.name,
            a.last_published.as_deref().unwrap_or("never"),
            a.posts_last_90_days,
            a.next_scheduled.as_ref().map(|d| format!(", next on {d}")).unwrap_or_default(),
            if a.quiet { "  QUIET" } else { "" },
        ));
    }
    out.push_str("\nPosts by buying stage (published, to come):\n");
    for s in stage_rows(c) {
        out.push_str(&format!("  {:<28} {:>4} {:>4}\n", s.stage, s.published, s.upcoming));
    }
    out
}

/// The stages with posts, and the posts without one when there are any.
fn stage_rows(c: &Calendar) -> Vec<crate::model::stages::StageCount> {
    let mut rows = c.stages.stages.clone();
    let without = &c.stages.without_stage;
    if without.published + without.upcoming > 0 {
        rows.push(crate::model::stages::StageCount { stage: "(no stage)".into(), ..without.clone() });
    }
    rows
}

/// The calendar as a page, for `byline serve` only (never published).
pub fn to_html(c: &Calendar) -> String {
    use crate::markdown::escape_html as e;
    let mut rows = String::new();
    for u in &c.upcoming {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
            e(&u.date),
            e(u.status),
            e(u.publishing_run.as_deref().unwrap_or("")),
            e(&u.title),
            e(&u.authors.join(", ")),
            e(&u.file)
        ));
    }
    if rows.is_empty() {
        rows.push_str("<tr><td colspan=\"6\">Nothing scheduled and no drafts.</td></tr>\n");
    }
    let mut people = String::new();
    for a in &c.authors {
        people.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            e(&a.name),
            e(a.last_published.as_deref().unwrap_or("never")),
            a.posts_last_90_days,
            e(a.next_scheduled.as_deref().unwrap_or("")),
            if a.quiet { "<strong>quiet</strong>" } else { "" }
        ));
    }
    let mut stages = String::new();
    for s in stage_rows(c) {
        stages.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            e(&s.stage),
            s.published,
            s.upcoming
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>Editorial calendar</title>\
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2430}}table{{border-collapse:collapse;width:100%;margin-bottom:2rem}}th,td{{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde3ea}}</style></head>\
<body><h1>Editorial calendar</h1><p>As of {}. Preview only: this page is never published.</p>\
<h2>Coming up</h2><table><thead><tr><th>Date</th><th>Status</th><th>Goes out</th><th>Title</th><th>Authors</th><th>File</th></tr></thead><tbody>{rows}</tbody></table>\
<h2>Authors</h2><p>Quiet: nothing published in {} weeks.</p><table><thead><tr><th>Author</th><th>Last published</th><th>Posts in 90 days</th><th>Next scheduled</th><th></th></tr></thead><tbody>{people}</tbody></table>\
<h2>Posts by buying stage</h2><table><thead><tr><th>Stage</th><th>Published</th><th>To come</th></tr></thead><tbody>{stages}</tbody></table></body></html>",
        e(&c.today),
        c.quiet_after_weeks
    )
}

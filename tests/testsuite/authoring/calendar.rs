//! `byline calendar`: scheduled posts and drafts ahead, quiet authors, and the
//! options it refuses.

use serde_json::Value;

use super::{byline, stdout};
use crate::common::{TestSite, stderr};

#[test]
fn calendar_lists_scheduled_posts_and_quiet_authors() {
    let site = TestSite::new("calendar");
    let out = byline(&[
        "calendar",
        site.root().to_str().unwrap(),
        "--today",
        "2026-11-01",
        "--weeks",
        "6",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let upcoming: Vec<(String, String, String)> = c["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["date"].as_str().unwrap().into(),
                u["status"].as_str().unwrap().into(),
                u["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        upcoming,
        [
            ("2026-09-01".to_string(), "draft".to_string(), "Bo's draft".to_string()),
            ("2026-12-15".to_string(), "scheduled".to_string(), "Scheduled for December".to_string()),
        ]
    );
    let authors: Vec<(String, Option<String>, u64, bool)> = c["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().into(),
                a["last_published"].as_str().map(str::to_string),
                a["posts_last_90_days"].as_u64().unwrap(),
                a["quiet"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        authors,
        [
            ("ada".to_string(), Some("2026-10-20".to_string()), 1, false),
            ("bo".to_string(), Some("2026-01-15".to_string()), 0, true),
            ("cy".to_string(), None, 0, true),
        ]
    );
    // By late January the scheduled December post counts as published.
    let later =
        byline(&["calendar", site.root().to_str().unwrap(), "--today", "2027-01-20", "--format", "json"]);
    let c: Value = serde_json::from_str(&stdout(&later)).unwrap();
    assert_eq!(c["authors"][0]["quiet"], false, "Ada's December post is published by then");
    let text = stdout(&byline(&["calendar", site.root().to_str().unwrap(), "--today", "2026-11-01"]));
    assert!(text.contains("Bo Quiet") && text.contains("QUIET") && text.contains("Scheduled for December"));
    let bad = byline(&["calendar", site.root().to_str().unwrap(), "--today", "tomorrow"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn calendar_refuses_weeks_that_would_overflow_the_date() {
    let site = TestSite::new("calendar");
    let r = site.root();
    for weeks in ["100000000", "0", "-3", "1001"] {
        let flag = format!("--weeks={weeks}");
        let out = byline(&["calendar", r.to_str().unwrap(), "--today", "2026-11-01", &flag]);
        assert_eq!(out.status.code(), Some(1), "{weeks}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!(
                "error: --weeks: `{weeks}` weeks cannot be used: give a number of weeks from 1 to 1000"
            )),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    let most = byline(&[
        "calendar",
        r.to_str().unwrap(),
        "--today",
        "2026-11-01",
        "--weeks",
        "1000",
        "--format",
        "json",
    ]);
    assert!(most.status.success(), "{}", stderr(&most));
    let c: Value = serde_json::from_str(&stdout(&most)).unwrap();
    assert_eq!(c["quiet_after_weeks"], 1000);
    assert_eq!(c["authors"][1]["quiet"], false, "Bo published within 1000 weeks");
}

#[test]
fn calendar_refuses_the_github_format_it_cannot_print() {
    let out = byline(&["calendar", "example-site", "--format", "github"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[possible values: human, json]"), "{}", stderr(&out));
}

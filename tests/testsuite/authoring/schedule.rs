//! Scheduled posts go out on their day: the daily run of the workflow `byline init`
//! writes asks the calendar which posts are due, and a build at that moment
//! publishes exactly those.

use serde_json::Value;

use super::{byline, stdout};
use crate::common::{TestSite, stderr};

/// The example site's scheduled post: 2027-03-02T09:00:00-06:00, 15:00 UTC.
const POST: &str = "posts/planning-renewals-2027";

fn calendar_at(site: &TestSite, now: &str) -> Value {
    let out = byline(&["calendar", site.root().to_str().unwrap(), "--now", now, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn due_titles(c: &Value) -> Vec<String> {
    c["due"].as_array().unwrap().iter().map(|d| d["title"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_calendar_names_the_run_that_publishes_each_scheduled_post() {
    let site = TestSite::new("example-site");
    let c = calendar_at(&site, "2026-11-30T12:00:00Z");
    let post = c["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["file"].as_str().unwrap().contains("planning-renewals-2027"))
        .unwrap()
        .clone();
    assert_eq!(post["status"], "scheduled");
    // 15:00 UTC is after the day's 06:00 run, so the next morning's run publishes it.
    assert_eq!(post["publishing_run"], "2027-03-03 06:00 UTC");
    let drafts: Vec<&Value> =
        c["upcoming"].as_array().unwrap().iter().filter(|u| u["status"] == "draft").collect();
    assert!(!drafts.is_empty() && drafts.iter().all(|d| d["publishing_run"].is_null()), "a draft has no run");
    let text = stdout(&byline(&["calendar", site.root().to_str().unwrap(), "--now", "2026-11-30T12:00:00Z"]));
    assert!(text.contains("goes out with the daily run of 2027-03-03 06:00 UTC"), "{text}");
}

#[test]
fn the_daily_run_publishes_a_scheduled_post_on_its_day_and_only_then() {
    let site = TestSite::new("example-site");
    // The runs before, on and after the post's day, one of them started late.
    let cases = [
        ("2027-03-02T06:00:00Z", false),
        ("2027-03-02T14:59:59Z", false),
        ("2027-03-03T06:00:00Z", true),
        ("2027-03-03T07:45:00Z", true),
        ("2027-03-04T06:00:00Z", false),
    ];
    for (now, due) in cases {
        let titles = due_titles(&calendar_at(&site, now));
        assert_eq!(titles.iter().any(|t| t.contains("renewals")), due, "run at {now}: {titles:?}");
        assert_eq!(titles.len(), usize::from(due), "only that post is due at {now}: {titles:?}");
    }
    // What the run decides is what a build at that moment publishes.
    for (now, due) in [("2027-03-02T06:00:00Z", false), ("2027-03-03T06:00:00Z", true)] {
        site.build_ok(&["--now", now]);
        let page = site.out().join(POST).join("index.html");
        assert_eq!(page.exists(), due, "the page, built at {now}");
        let link = format!("/{POST}/");
        assert_eq!(site.read("rss.xml").contains(&link), due, "the feed, built at {now}");
        assert_eq!(site.read("sitemap.xml").contains(&link), due, "the sitemap, built at {now}");
    }
}

#[test]
fn the_workflow_init_writes_runs_daily_and_publishes_only_what_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("blog");
    assert!(byline(&["init", site.to_str().unwrap()]).status.success());
    let workflow = std::fs::read_to_string(site.join(".github/workflows/blog.yml")).unwrap();
    assert!(workflow.contains("schedule:\n    - cron: \"0 6 * * *\""), "{workflow}");
    assert!(workflow.contains("byline calendar --format json | jq '.due | length'"), "{workflow}");
    assert!(workflow.contains("needs.check-and-build.outputs.publish == 'true'"), "{workflow}");
    // GitHub removed the node20 runtime these versions run on (September 2026);
    // `.ci/validate` runs actionlint over the whole file.
    for old in ["actions/checkout@v4", "actions/deploy-pages@v4", "actions/upload-pages-artifact@v3"] {
        assert!(!workflow.contains(old), "{old} runs on node20");
    }
}

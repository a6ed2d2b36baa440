//! The authoring workflow: init, new post/author, check (links, profiles, SEO lint,
//! three output formats, exit codes) and the editorial calendar.

use std::collections::BTreeSet;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::{TestSite, attrs, stderr};

fn byline(args: &[&str]) -> Output {
    Command::cargo_bin("byline").unwrap().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn init_makes_a_site_that_builds_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("blog");
    let out = byline(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in [
        "site.yaml",
        "authors/jane-doe.md",
        "content/posts/welcome.md",
        ".gitignore",
        ".github/workflows/blog.yml",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    let workflow = std::fs::read_to_string(site.join(".github/workflows/blog.yml")).unwrap();
    assert!(
        workflow.contains("pull_request")
            && workflow.contains("byline check --format github")
            && workflow.contains("deploy-pages")
    );
    let built = byline(&["build", site.to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(site.join("public/posts/welcome/index.html").is_file());
    let check = byline(&["check", site.to_str().unwrap()]);
    assert!(check.status.success(), "a new site has no errors:\n{}", stdout(&check));
    let again = byline(&["init", site.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("the folder is not empty"));
    assert!(byline(&["init", site.to_str().unwrap(), "--force"]).status.success());
}

#[test]
fn new_post_appears_on_the_authors_page() {
    let site = TestSite::new("basic");
    let root = site.root();
    let out = byline(&[
        "new",
        "post",
        "Why we write: \"notes\" & more",
        "--author",
        "chris-koch",
        "--tag",
        "Pipelines",
        "--date",
        "2024-05-05",
        "--site",
        root.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = stdout(&out).trim().to_string();
    assert!(path.ends_with("content/posts/why-we-write-notes-more.md"), "{path}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("date: 2024-05-05")
            && text.contains("authors: [chris-koch]")
            && text.contains("description: \"\"")
    );
    site.build_ok(&[]);
    let page = site.html("authors/chris-koch/index.html");
    assert!(
        attrs(&page, ".card-title a", "href")
            .contains(&"https://blog.example.com/posts/why-we-write-notes-more/".to_string())
    );
    // The description placeholder is what check flags.
    let check = byline(&["check", root.to_str().unwrap(), "--format", "json"]);
    let findings: Vec<Value> = serde_json::from_str(&stdout(&check)).unwrap();
    assert!(
        findings.iter().any(|f| f["code"] == "seo-description-missing"
            && f["file"] == "content/posts/why-we-write-notes-more.md")
    );
    // Never overwritten without --force.
    let again = byline(&[
        "new",
        "post",
        "Why we write: \"notes\" & more",
        "--author",
        "chris-koch",
        "--site",
        root.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn new_post_and_author_refuse_bad_input_plainly() {
    let site = TestSite::new("basic");
    let root = site.root();
    let r = root.to_str().unwrap();
    let unknown = byline(&["new", "post", "Hello", "--author", "chris-kock", "--site", r]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("there is no author `chris-kock`")
            && stderr(&unknown).contains("did you mean `chris-koch`?")
    );
    let empty = byline(&["new", "post", "!!!", "--author", "chris-koch", "--site", r]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(stderr(&empty).contains("no letters or digits"));
    let date = byline(&["new", "post", "Hello", "--author", "chris-koch", "--date", "5 March", "--site", r]);
    assert_eq!(date.status.code(), Some(1));
    assert!(stderr(&date).contains("`5 March` is not a date"));
    let nosite =
        byline(&["new", "post", "Hello", "--author", "x", "--site", root.join("nope").to_str().unwrap()]);
    assert!(stderr(&nosite).contains("there is no site folder here"));
    std::fs::remove_file(root.join("site.yaml")).unwrap();
    let noyaml = byline(&["new", "author", "sam", "--name", "Sam", "--site", r]);
    assert_eq!(noyaml.status.code(), Some(1));
    assert!(stderr(&noyaml).contains("the site has no site.yaml"));
}

#[test]
fn new_author_has_every_field_and_builds() {
    let site = TestSite::new("basic");
    let r = site.root();
    let out = byline(&["new", "author", "sam-lee", "--name", "Sam Lee", "--site", r.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(r.join("authors/sam-lee.md")).unwrap();
    for field in ["name:", "role:", "photo:", "email:", "location:", "expertise:", "social:"] {
        assert!(text.contains(field), "{field} missing");
    }
    site.build_ok(&[]);
    assert!(site.out().join("authors/sam-lee/index.html").is_file());
    assert_eq!(
        byline(&["new", "author", "sam-lee", "--name", "Sam Lee", "--site", r.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
}

/// (code, file, line) of every finding in the `check` fixture, and nothing else.
fn expected() -> BTreeSet<(String, String, Option<u64>)> {
    [
        ("author-photo", "authors/bob.md", None),
        ("author-bio", "authors/bob.md", None),
        ("author-social", "authors/bob.md", None),
        ("author-photo", "authors/cy.md", None),
        ("author-no-posts", "authors/cy.md", None),
        ("seo-duplicate-title", "content/posts/dup-a.md", Some(2)),
        ("seo-duplicate-description", "content/posts/dup-a.md", Some(5)),
        ("broken-link", "content/posts/links.md", Some(10)),
        ("broken-link", "content/posts/links.md", Some(12)),
        ("broken-link", "content/posts/links.md", Some(14)),
        ("broken-link", "content/posts/links.md", Some(16)),
        ("broken-link", "content/posts/links.md", Some(18)),
        ("broken-link", "content/posts/links.md", Some(20)),
        ("seo-title-length", "content/posts/long-title.md", Some(2)),
        ("seo-description-missing", "content/posts/no-description.md", Some(1)),
        ("seo-no-keywords", "content/posts/no-tags.md", Some(1)),
        ("seo-description-length", "content/posts/short-description.md", Some(5)),
        ("seo-keywords-unused", "content/posts/unused.md", Some(2)),
    ]
    .into_iter()
    .map(|(c, f, l)| (c.to_string(), f.to_string(), l))
    .collect()
}

#[test]
fn check_finds_every_broken_link_and_lint_and_only_those() {
    let site = TestSite::new("check");
    let out = byline(&["check", site.root().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "broken links are errors");
    let findings: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("json output parses");
    let got: BTreeSet<(String, String, Option<u64>)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
            )
        })
        .collect();
    assert_eq!(got, expected());
    assert_eq!(findings.len(), expected().len(), "no duplicates");
    for f in &findings {
        let sev = f["severity"].as_str().unwrap();
        let code = f["code"].as_str().unwrap();
        let want = match code {
            "broken-link" => "error",
            "author-no-posts" => "info",
            _ => "warning",
        };
        assert_eq!(sev, want, "{code}");
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn check_speaks_human_and_github() {
    let site = TestSite::new("check");
    let human = byline(&["check", site.root().to_str().unwrap()]);
    assert_eq!(human.status.code(), Some(1));
    let text = stdout(&human);
    assert!(
        text.contains("error: content/posts/links.md:10: link to `/posts/nope/` leads nowhere"),
        "{text}"
    );
    assert!(text.contains("error: content/posts/links.md:16: link to `good.md#no-such-heading`: the page has no heading with the id `no-such-heading`"));
    assert!(text.contains("warning: content/posts/long-title.md:2: the title is"));
    assert!(text.trim_end().ends_with("6 errors, 11 warnings, 1 note"), "{text}");
    let gh = byline(&["check", site.root().to_str().unwrap(), "--format", "github"]);
    assert_eq!(gh.status.code(), Some(1));
    let lines: Vec<String> = stdout(&gh).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), expected().len());
    assert!(lines.contains(&"::error file=content/posts/links.md,line=12,title=broken-link::link to `missing.md`, which is not a post, page or author file of this site (name the file relative to this one (`../other-post.md`) or from content/ (`@/posts/other-post.md`))".to_string()), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("::warning file=content/posts/unused.md,line=2,title=seo-keywords-unused::"))
    );
    assert!(lines.iter().any(|l| l.starts_with("::notice file=authors/cy.md,title=author-no-posts::")));
}

#[test]
fn warnings_pass_unless_strict() {
    let site = TestSite::new("check");
    // Fix the broken links: only warnings remain.
    site.write("content/posts/links.md", "---\ntitle: Broken links about engines\ndate: 2024-01-02\nauthors: [ada]\ndescription: \"A description long enough to sit between fifty and one hundred sixty characters.\"\ntags: [Engines]\n---\n## The section\n\nFixed.\n");
    let lenient = byline(&["check", site.root().to_str().unwrap()]);
    assert_eq!(lenient.status.code(), Some(0), "{}", stdout(&lenient));
    let strict = byline(&["check", site.root().to_str().unwrap(), "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stdout(&strict).contains("error: content/posts/long-title.md:2:"));
}

#[test]
fn check_reports_build_errors_too() {
    let site = TestSite::new("basic");
    site.write("content/posts/bad.md", "---\ntitle: Bad\ndate: someday\nauthors: [ada-lovelace]\n---\n");
    let out = byline(&["check", site.root().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(findings[0]["file"], "content/posts/bad.md");
    assert_eq!(findings[0]["line"], 3);
    assert!(!site.out().exists(), "check writes nothing");
}

#[test]
fn example_site_has_no_check_errors() {
    let site = TestSite::new("example-site");
    let out = byline(&["check", site.root().to_str().unwrap(), "--format", "json"]);
    let findings: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let errors: Vec<&Value> = findings.iter().filter(|f| f["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(out.status.code(), Some(0));
}

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
fn new_post_refuses_a_date_outside_years_0000_to_9999() {
    let site = TestSite::new("basic");
    let r = site.root();
    for date in ["-0001-01-01", "+10000-01-01"] {
        let flag = format!("--date={date}");
        let out =
            byline(&["new", "post", "Hello", "--author", "chris-koch", &flag, "--site", r.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{date}");
        assert!(
            stderr(&out).contains(&format!(
                "error: --date: `{date}` cannot be used: the year must be between 0000 and 9999"
            )),
            "{}",
            stderr(&out)
        );
        assert!(!r.join("content/posts/hello.md").exists(), "nothing is written for {date}");
    }
    let edge = byline(&[
        "new",
        "post",
        "Hello",
        "--author",
        "chris-koch",
        "--date=9999-12-31",
        "--site",
        r.to_str().unwrap(),
    ]);
    assert!(edge.status.success(), "{}", stderr(&edge));
    let text = std::fs::read_to_string(r.join("content/posts/hello.md")).unwrap();
    assert!(text.contains("date: 9999-12-31\n"), "{text}");
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

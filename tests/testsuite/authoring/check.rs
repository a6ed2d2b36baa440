//! `byline check`: every broken link and lint of the `check` fixture and only those, in
//! the human, GitHub and JSON formats, with exit codes for warnings and errors.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{byline, stdout};
use crate::common::TestSite;

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
        ("image-alt", "content/posts/links.md", Some(22)),
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
    assert!(text.trim_end().ends_with("6 errors, 12 warnings, 1 note"), "{text}");
    assert!(
        text.contains("warning: content/posts/links.md:22: the image `/images/ada.png` has no alt text"),
        "{text}"
    );
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

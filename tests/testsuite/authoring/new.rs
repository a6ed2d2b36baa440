//! `byline init`, `byline new post` and `byline new author`: what they write, that it
//! builds, and the plain refusals of bad input.

use serde_json::Value;

use super::{byline, stdout};
use crate::common::{TestSite, attrs, stderr};

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

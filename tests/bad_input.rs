//! Each kind of bad input gives a plain message at the right file and line, a
//! non-zero exit, and leaves the previous output exactly as it was.

mod common;

use common::{TestSite, stderr};

/// Builds the fixture, breaks it with `files`, builds again and checks that the
/// build failed with each of `expected` (location, message) pairs and wrote nothing.
fn assert_fails(files: &[(&str, &[u8])], expected: &[(&str, &str)]) -> String {
    assert_fails_with(&[], files, expected).1
}

/// [`assert_fails`] with `args` for the second build; returns the broken site too.
fn assert_fails_with(
    args: &[&str],
    files: &[(&str, &[u8])],
    expected: &[(&str, &str)],
) -> (TestSite, String) {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let before = site.snapshot();
    for (path, text) in files {
        site.write(path, text);
    }
    let out = site.build(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    for (location, message) in expected {
        assert!(
            err.contains(&format!("error: {location}: {message}")),
            "expected `{location}: {message}` in:\n{err}"
        );
    }
    assert!(err.contains("the output folder was left as it was"), "{err}");
    assert!(site.snapshot() == before, "the previous output changed after a failed build");
    (site, err)
}

/// `byline check --format json` on `site`: exit code and findings.
fn check_json(site: &TestSite) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("check")
        .arg(site.root())
        .args(["--format", "json"])
        .output()
        .unwrap();
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("check prints json"))
}

/// Checks that a post whose `key` holds a year outside 0000-9999 fails the build
/// (with `args`) at the value, and that `byline check` reports it as an error too.
fn assert_year_refused(args: &[&str], text: &[u8], line: u64, column: u64) {
    let location = format!("content/posts/bad.md:{line}:{column}");
    let (site, err) = assert_fails_with(
        args,
        &[("content/posts/bad.md", text)],
        &[(&location, "the year must be between 0000 and 9999")],
    );
    assert!(err.contains("hint: write the date with a four-digit year"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let (code, findings) = check_json(&site);
    assert_eq!(code, Some(1), "{findings:#?}");
    let errors: Vec<_> = findings.iter().filter(|f| f["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{findings:#?}");
    assert_eq!(errors[0]["file"], "content/posts/bad.md");
    assert_eq!((errors[0]["line"].as_u64(), errors[0]["column"].as_u64()), (Some(line), Some(column)));
    assert_eq!(errors[0]["message"], "the year must be between 0000 and 9999");
}

#[test]
fn date_with_a_negative_year_is_refused_instead_of_panicking() {
    assert_year_refused(
        &[],
        b"---\ntitle: BC\ndate: \"-0001-01-01\"\nauthors: [ada-lovelace]\n---\nx\n",
        3,
        8,
    );
}

#[test]
fn date_with_a_five_digit_year_is_refused_with_future() {
    assert_year_refused(
        &["--future"],
        b"---\ntitle: Far\ndate: \"+10000-01-01\"\nauthors: [ada-lovelace]\n---\nx\n",
        3,
        8,
    );
}

#[test]
fn updated_with_a_five_digit_year_is_refused() {
    assert_year_refused(
        &[],
        b"---\ntitle: Later\ndate: 2024-01-01\nauthors: [ada-lovelace]\nupdated: \"+10000-01-01\"\n---\nx\n",
        5,
        11,
    );
}

#[test]
fn tab_in_front_matter() {
    let err = assert_fails(
        &[(
            "content/posts/bad.md",
            b"---\ntitle: Tabs\ndate: 2024-01-01\nauthors:\n\t- ada-lovelace\n---\nx\n",
        )],
        &[("content/posts/bad.md:5:1", "")],
    );
    assert!(err.contains("tabs"), "{err}");
    assert!(err.contains("5 | \t- ada-lovelace"), "shows the line: {err}");
}

#[test]
fn malformed_yaml() {
    assert_fails(
        &[(
            "content/posts/bad.md",
            b"---\ntitle: [unclosed\ndate: 2024-01-01\nauthors: [ada-lovelace]\n---\nx\n",
        )],
        &[("content/posts/bad.md:3:5", "")],
    );
}

#[test]
fn missing_title_date_and_authors() {
    let err = assert_fails(
        &[("content/posts/bad.md", b"---\ndescription: nothing else\n---\nx\n")],
        &[
            ("content/posts/bad.md:1:1", "`title` is missing"),
            ("content/posts/bad.md:1:1", "`date` is missing"),
            ("content/posts/bad.md:1:1", "`authors` is missing"),
        ],
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unparseable_date() {
    let err = assert_fails(
        &[("content/posts/bad.md", b"---\ntitle: Dates\ndate: March 5th\nauthors: [ada-lovelace]\n---\nx\n")],
        &[("content/posts/bad.md:3:7", "`March 5th` is not a date")],
    );
    assert!(err.contains("2024-03-05"), "says what works: {err}");
}

#[test]
fn unknown_author_id_suggests_the_closest() {
    let err = assert_fails(
        &[(
            "content/posts/bad.md",
            b"---\ntitle: Who\ndate: 2024-01-01\nauthors:\n  - ada-lovelace\n  - chris-kock\n---\nx\n",
        )],
        &[("content/posts/bad.md:6:5", "unknown author `chris-kock`")],
    );
    assert!(err.contains("did you mean `chris-koch`?"), "{err}");
    assert!(err.contains("6 |   - chris-kock"), "{err}");
}

#[test]
fn unknown_front_matter_key_names_the_valid_ones() {
    let err = assert_fails(
        &[(
            "content/posts/bad.md",
            b"---\ntittle: Typo\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntag: x\n---\nx\n",
        )],
        &[
            ("content/posts/bad.md:2:1", "unknown key `tittle`"),
            ("content/posts/bad.md:5:1", "unknown key `tag`"),
        ],
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("did you mean `tags`?"), "{err}");
    assert!(err.contains("`canonical_url`"), "lists valid keys: {err}");
}

#[test]
fn unknown_site_yaml_key() {
    let err = assert_fails(
        &[("site.yaml", b"title: T\nbase_url: https://blog.example.com/\npost_per_page: 3\n")],
        &[("site.yaml:3:1", "unknown key `post_per_page`")],
    );
    assert!(err.contains("did you mean `posts_per_page`?"), "{err}");
}

#[test]
fn author_file_without_name() {
    assert_fails(
        &[("authors/nameless.md", b"---\nrole: Ghost\n---\nBio.\n")],
        &[("authors/nameless.md:1:1", "`name` is missing")],
    );
}

#[test]
fn two_posts_with_the_same_slug() {
    let err = assert_fails(
        &[(
            "content/posts/copy.md",
            b"---\ntitle: Copy\ndate: 2024-01-01\nauthors: [ada-lovelace]\nslug: joint\n---\nx\n",
        )],
        &[("content/posts/joint.md:1:1", "two posts have the slug `joint`")],
    );
    assert!(err.contains("content/posts/copy.md has it too"), "names the other file: {err}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let err = assert_fails(
        &[(
            "templates/post.html",
            b"{% extends \"base.html\" %}\n{% block content %}\n{{ post.title | }}\n{% endblock content %}\n",
        )],
        &[("templates/post.html:3:17", "template error")],
    );
    assert!(err.contains("3 | {{ post.title | }}"), "{err}");
}

#[test]
fn template_render_error_names_template() {
    assert_fails(
        &[(
            "templates/page.html",
            b"{% extends \"base.html\" %}\n{% block content %}{{ no_such.thing }}{% endblock content %}\n",
        )],
        &[("templates/page.html", "template error")],
    );
}

#[test]
fn template_that_includes_itself_is_an_error_not_a_stack_overflow() {
    let err = assert_fails(
        &[(
            "templates/partials/head.html",
            b"<meta charset=\"utf-8\">\n<title>{{ meta.title }}</title>\n{% include \"partials/head.html\" %}\n",
        )],
        &[("templates/partials/head.html:3:1", "template error: templates/partials/head.html includes itself")],
    );
    assert!(err.contains("3 | {% include \"partials/head.html\" %}"), "shows the tag: {err}");
    assert!(err.contains("hint: a template cannot include or extend itself"), "{err}");
    assert!(err.contains("failed with 1 error;"), "one loop, one error: {err}");
}

#[test]
fn templates_that_include_each_other_name_the_whole_chain() {
    assert_fails(
        &[
            (
                "templates/partials/head.html",
                b"<title>{{ meta.title }}</title>\n  {%- include 'partials/meta.html' ignore missing -%}\n",
            ),
            (
                "templates/partials/meta.html",
                b"<meta charset=\"utf-8\">\n{% include \"partials/head.html\" %}\n",
            ),
        ],
        &[(
            "templates/partials/head.html:2:3",
            "template error: templates/partials/head.html includes templates/partials/meta.html, which includes templates/partials/head.html",
        )],
    );
}

#[test]
fn deeply_nested_flow_yaml_is_refused_at_the_bracket_too_deep() {
    let post = format!(
        "---\ntitle: Deep\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntags: {}\n---\nx\n",
        "[".repeat(100_000)
    );
    let err = assert_fails(
        &[("content/posts/deep.md", post.as_bytes())],
        &[("content/posts/deep.md:5:39", "lists and maps are nested more than 32 levels deep here")],
    );
    assert!(err.contains("hint: each `[` or `{` opens a list or map inside the one before it"), "{err}");
    assert!(err.len() < 2_000, "the 100,000-character line is not printed whole: {} bytes", err.len());
}

#[test]
fn deeply_nested_site_yaml_is_refused_at_the_brace_too_deep() {
    let site =
        format!("title: T\nbase_url: https://blog.example.com/\ndescription: {}\n", "{a: ".repeat(50_000));
    assert_fails(
        &[("site.yaml", site.as_bytes())],
        &[("site.yaml:3:142", "lists and maps are nested more than 32 levels deep here")],
    );
}

#[test]
fn front_matter_over_256_kib_is_refused_where_it_passes_the_limit() {
    let long = format!("description: {}\n", "word ".repeat(60_000));
    let post = format!("---\ntitle: Long\ndate: 2024-01-01\nauthors: [ada-lovelace]\n{long}---\nx\n");
    let err = assert_fails(
        &[("content/posts/long.md", post.as_bytes())],
        &[("content/posts/long.md:5:262092", "there is more than 256 KiB of YAML here")],
    );
    assert!(err.contains("hint: front matter and site.yaml hold short values"), "{err}");
}

#[test]
fn file_that_is_not_utf8() {
    assert_fails(
        &[(
            "content/posts/latin1.md",
            b"---\ntitle: Caf\xe9\ndate: 2024-01-01\nauthors: [ada-lovelace]\n---\n",
        )],
        &[("content/posts/latin1.md:2:11", "the file is not UTF-8 text")],
    );
}

#[test]
fn front_matter_never_closed() {
    assert_fails(
        &[(
            "content/posts/open.md",
            b"---\ntitle: Open\ndate: 2024-01-01\nauthors: [ada-lovelace]\n\nBody without a fence.\n",
        )],
        &[("content/posts/open.md:1:1", "the front matter opened here is never closed")],
    );
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let err = assert_fails(
        &[
            ("content/posts/a.md", b"---\ntitle: A\ndate: nope\nauthors: [ada-lovelace]\n---\n"),
            ("content/posts/b.md", b"---\ntitle: B\ndate: 2024-01-01\nauthors: [nobody]\n---\n"),
            ("authors/x.md", b"---\nrole: r\n---\n"),
        ],
        &[
            ("content/posts/a.md:3:7", "`nope` is not a date"),
            ("content/posts/b.md:4:11", "unknown author `nobody`"),
            ("authors/x.md:1:1", "`name` is missing"),
        ],
    );
    assert!(err.contains("failed with 3 errors"), "{err}");
}

#[test]
fn missing_site_folder_and_site_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("build")
        .arg(dir.path().join("nope"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there is no site folder here"));
    let out =
        assert_cmd::Command::cargo_bin("byline").unwrap().arg("build").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the site has no site.yaml"));
}

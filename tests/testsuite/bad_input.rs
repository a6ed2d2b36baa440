//! Each kind of bad input gives a plain message at the right file and line, a
//! non-zero exit, and leaves the previous output exactly as it was.

use crate::common::{self, TestSite, cases, stderr};
/// Builds the fixture, breaks it with the case's files, builds again and checks
/// that the build failed with each of its (location, message) pairs and wrote
/// nothing. Returns the broken site and the build's error output.
fn assert_fails(name: &str) -> (TestSite, String) {
    let case = cases::named(name);
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let before = site.snapshot();
    for (path, text) in &case.files {
        site.write(path, text);
    }
    let out = site.build(case.args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    for (location, message) in &case.expected {
        assert!(
            err.contains(&format!("error: {location}: {message}")),
            "expected `{location}: {message}` in:\n{err}"
        );
    }
    assert!(err.contains("the output folder was left as it was"), "{err}");
    assert!(site.snapshot() == before, "the previous output changed after a failed build");
    (site, err)
}

/// (severity, file, line, column, message) of a finding.
type Finding = (String, String, Option<u64>, Option<u64>, String);

/// The findings `byline build` printed: each `severity: path[:line[:col]]: message` line.
fn build_findings(err: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for line in err.lines() {
        let Some((severity, rest)) = ["error", "warning", "info"]
            .iter()
            .find_map(|s| line.strip_prefix(&format!("{s}: ")).map(|r| (*s, r)))
        else {
            continue;
        };
        let Some((location, message)) = rest.split_once(": ") else { continue };
        let mut parts: Vec<&str> = location.rsplitn(3, ':').collect();
        parts.reverse();
        let numbers: Vec<u64> = parts.iter().skip(1).filter_map(|p| p.parse().ok()).collect();
        let file = if numbers.len() + 1 == parts.len() { parts[0].to_string() } else { location.to_string() };
        let (l, c) = (numbers.first().copied(), numbers.get(1).copied());
        found.push((severity.to_string(), file, l, c, message.to_string()));
    }
    found.sort();
    found
}

/// `byline check --format json` on `site`: exit code and findings.
fn check_json(site: &TestSite) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("check")
        .arg(site.root())
        .args(["--format", "json", "--now", common::NOW])
        .output()
        .unwrap();
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("check prints json"))
}

#[test]
fn check_reports_exactly_what_build_reports_for_every_bad_input_case() {
    for case in cases::cases() {
        let site = TestSite::new("basic");
        for (path, text) in &case.files {
            site.write(path, text);
        }
        let built = build_findings(&stderr(&site.build(case.args)));
        let (code, json) = check_json(&site);
        let mut checked: Vec<Finding> = json
            .iter()
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                (s("severity"), s("file"), f["line"].as_u64(), f["column"].as_u64(), s("message"))
            })
            .collect();
        checked.sort();
        assert_eq!(code, Some(1), "{}: check passes what build refuses: {json:#?}", case.name);
        assert!(!built.is_empty(), "{}: the build reported nothing", case.name);
        assert_eq!(checked, built, "{}: check and build differ", case.name);
    }
}

#[test]
fn date_with_a_negative_year_is_refused_instead_of_panicking() {
    assert_year_refused("date_with_a_negative_year_is_refused_instead_of_panicking", 3, 8);
}

#[test]
fn date_with_a_five_digit_year_is_refused_with_future() {
    assert_year_refused("date_with_a_five_digit_year_is_refused_with_future", 3, 8);
}

#[test]
fn updated_with_a_five_digit_year_is_refused() {
    assert_year_refused("updated_with_a_five_digit_year_is_refused", 5, 11);
}

/// Checks that a case with a year outside 0000-9999 fails at the value with a
/// hint, and that `byline check` reports it as the one error too.
fn assert_year_refused(name: &str, line: u64, column: u64) {
    let (site, err) = assert_fails(name);
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
fn tab_in_front_matter() {
    let (_, err) = assert_fails("tab_in_front_matter");
    assert!(err.contains("tabs"), "{err}");
    assert!(err.contains("5 | \t- ada-lovelace"), "shows the line: {err}");
}

#[test]
fn malformed_yaml() {
    assert_fails("malformed_yaml");
}

#[test]
fn missing_title_date_and_authors() {
    let (_, err) = assert_fails("missing_title_date_and_authors");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unparseable_date() {
    let (_, err) = assert_fails("unparseable_date");
    assert!(err.contains("3 | date: March 5th\n  |       ^^^^^\n"), "the caret is under the value: {err}");
    assert!(err.contains("2024-03-05"), "says what works: {err}");
}

#[test]
fn unknown_author_id_suggests_the_closest() {
    let (_, err) = assert_fails("unknown_author_id_suggests_the_closest");
    assert!(err.contains("did you mean `chris-koch`?"), "{err}");
    assert!(err.contains("6 |   - chris-kock"), "{err}");
}

#[test]
fn unknown_front_matter_key_names_the_valid_ones() {
    let (_, err) = assert_fails("unknown_front_matter_key_names_the_valid_ones");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("did you mean `tags`?"), "{err}");
    assert!(err.contains("`canonical_url`"), "lists valid keys: {err}");
}

#[test]
fn unknown_site_yaml_key() {
    let (_, err) = assert_fails("unknown_site_yaml_key");
    assert!(err.contains("did you mean `posts_per_page`?"), "{err}");
}

#[test]
fn author_file_without_name() {
    assert_fails("author_file_without_name");
}

#[test]
fn two_posts_with_the_same_slug() {
    let (_, err) = assert_fails("two_posts_with_the_same_slug");
    assert!(err.contains("content/posts/copy.md has it too"), "names the other file: {err}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let (_, err) = assert_fails("template_syntax_error_names_template_and_line");
    assert!(err.contains("3 | {{ post.title | }}"), "{err}");
}

#[test]
fn template_render_error_names_template() {
    assert_fails("template_render_error_names_template");
}

#[test]
fn template_that_includes_itself_is_an_error_not_a_stack_overflow() {
    let (_, err) = assert_fails("template_that_includes_itself_is_an_error_not_a_stack_overflow");
    assert!(err.contains("3 | {% include \"partials/head.html\" %}"), "shows the tag: {err}");
    assert!(err.contains("hint: a template cannot include or extend itself"), "{err}");
    assert!(err.contains("failed with 1 error;"), "one loop, one error: {err}");
}

#[test]
fn templates_that_include_each_other_name_the_whole_chain() {
    assert_fails("templates_that_include_each_other_name_the_whole_chain");
}

#[test]
fn deeply_nested_flow_yaml_is_refused_at_the_bracket_too_deep() {
    let (_, err) = assert_fails("deeply_nested_flow_yaml_is_refused_at_the_bracket_too_deep");
    assert!(err.contains("hint: each `[` or `{` opens a list or map inside the one before it"), "{err}");
    assert!(err.len() < 2_000, "the 100,000-character line is not printed whole: {} bytes", err.len());
}

#[test]
fn deeply_nested_site_yaml_is_refused_at_the_brace_too_deep() {
    assert_fails("deeply_nested_site_yaml_is_refused_at_the_brace_too_deep");
}

#[test]
fn front_matter_over_256_kib_is_refused_where_it_passes_the_limit() {
    let (_, err) = assert_fails("front_matter_over_256_kib_is_refused_where_it_passes_the_limit");
    assert!(err.contains("hint: front matter and site.yaml hold short values"), "{err}");
}

#[test]
fn file_that_is_not_utf8() {
    assert_fails("file_that_is_not_utf8");
}

#[test]
fn front_matter_never_closed() {
    assert_fails("front_matter_never_closed");
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let (_, err) = assert_fails("every_problem_of_a_run_is_reported_together");
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

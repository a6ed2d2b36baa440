//! Front matter and model validation (issue 12): every problem of a file in one
//! run, no error repeated through the files that refer to a broken one, messages
//! in words at the value, the date forms read, author ids and tag names and their
//! addresses, and slugs of bounded length. The cases are in `common/cases.rs`,
//! where `bad_input` also checks that `byline check` reports what `build` does.

use std::path::Path;

use assert_cmd::Command;

use crate::common::{self, TestSite, cases, stderr};

/// Writes the case's files into the `basic` fixture and builds: the site and
/// the error output, after checking the exit code and every expected message.
fn fails(name: &str) -> (TestSite, String) {
    let case = cases::named(name);
    let site = TestSite::new("basic");
    for (path, text) in &case.files {
        site.write(path, text);
    }
    let out = site.build(case.args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: exit code; stderr:\n{err}");
    for (location, message) in &case.expected {
        assert!(
            err.contains(&format!("error: {location}: {message}\n")),
            "{name}: no `{location}: {message}` in:\n{err}"
        );
    }
    (site, err)
}

/// The number of errors the build's last line counts.
fn error_count(err: &str) -> usize {
    let tail = err.rsplit("the build failed with ").next().unwrap_or("");
    tail.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

#[test]
fn a_bad_date_and_an_unknown_author_are_reported_in_one_run() {
    let (_, err) = fails("a_bad_date_and_an_unknown_author_are_reported_in_one_run");
    assert_eq!(error_count(&err), 2, "{err}");
}

#[test]
fn four_bad_fields_of_one_file_are_all_reported() {
    let (_, err) = fails("four_bad_fields_of_one_file_are_all_reported");
    assert_eq!(error_count(&err), 4, "{err}");
    assert!(
        err.contains("5 | tags: {a: b}\n  | ^^^^\n  = hint: here it is a group of `key: value` lines"),
        "{err}"
    );
    assert!(err.contains("6 | draft: maybe\n  | ^^^^^\n  = hint: here it is `maybe`\n"), "{err}");
}

#[test]
fn an_author_file_without_a_name_is_reported_once_not_by_each_post() {
    let (_, err) = fails("an_author_file_without_a_name_is_reported_once_not_by_each_post");
    assert_eq!(error_count(&err), 1, "{err}");
    assert!(!err.contains("unknown author"), "{err}");
    assert!(!err.contains("each author needs a file"), "{err}");
    let note = "info: authors/18F.md: used by 4 posts: content/posts/p1.md, content/posts/p2.md, content/posts/p3.md and 1 more\n";
    assert!(err.contains(note), "{err}");
    assert!(err.find("`name` is missing") < err.find("used by 4 posts"), "the note follows the error: {err}");
}

#[test]
fn an_author_file_with_broken_yaml_is_reported_once_not_by_each_post() {
    let (_, err) = fails("an_author_file_with_broken_yaml_is_reported_once_not_by_each_post");
    assert_eq!(error_count(&err), 1, "{err}");
    assert!(
        err.contains("info: authors/18F.md: used by 2 posts: content/posts/p1.md, content/posts/p2.md\n"),
        "{err}"
    );
}

#[test]
fn an_author_file_with_a_bad_id_is_reported_once_not_by_each_post() {
    let (_, err) = fails("an_author_file_with_a_bad_id_is_reported_once_not_by_each_post");
    assert_eq!(error_count(&err), 1, "{err}");
    assert!(err.contains("rename the file, e.g. authors/18-f.md"), "{err}");
    assert!(err.contains("info: authors/18 F.md: used by 1 post: content/posts/p1.md\n"), "{err}");
}

#[test]
fn tags_given_as_a_map_say_what_tags_takes_at_the_key() {
    let (_, err) = fails("tags_given_as_a_map_say_what_tags_takes_at_the_key");
    assert!(!err.contains("untagged") && !err.contains("OneOrMany"), "{err}");
}

/// A wrong value for a field of each kind: none of them may be accepted.
fn wrong_values(kind: &byline::internals::frontmatter::Kind) -> &'static [&'static str] {
    use byline::internals::frontmatter::Kind;
    match kind {
        Kind::Text => &["[a, b]", "{a: b}", "!x 3"],
        Kind::List => &["{a: b}", "[[a]]", "[{a: b}]"],
        Kind::Flag => &["maybe", "[true]", "1"],
        Kind::Count => &["ten", "-3", "1.5", "[1]", "{a: 1}"],
        Kind::Pairs => &["[a]", "text", "{x: [a]}"],
        Kind::Group(_) => &["[a]", "text"],
        Kind::Items(_) => &["[[a]]", "{term: [a]}", "[a, [b]]"],
        Kind::Named(_) => &["[a]", "text", "{a: text}"],
    }
}

/// Words of the program that a message for people must never hold.
const RUST_WORDS: &[&str] = &[
    "enum",
    "struct",
    "variant",
    "untagged",
    "usize",
    "u64",
    "i64",
    "f64",
    "u128",
    "Option",
    "sequence",
    "map",
    "mapping",
    "serde",
    "invalid type",
    "OneOrMany",
    "Text",
    "::",
];

#[test]
fn a_wrongly_typed_value_in_any_field_is_said_at_its_key_without_rust_words() {
    use byline::internals::{author, page, post};
    let config =
        byline::internals::config::parse(Path::new("site.yaml"), "title: T\nbase_url: https://e.com/\n")
            .unwrap();
    let kinds: [(&str, &[byline::internals::frontmatter::Key]); 6] = [
        ("post", post::FIELDS),
        ("author", author::FIELDS),
        ("page", page::FIELDS),
        ("site", byline::internals::config::FIELDS),
        ("organization", byline::internals::config::ORGANIZATION),
        ("social_card", byline::internals::config::SOCIAL_CARD),
    ];
    let mut tried = 0;
    for (file, fields) in kinds {
        for key in fields {
            for value in wrong_values(&key.kind) {
                let (text, line, column) = match file {
                    "site" => (format!("title: T\nbase_url: https://e.com/\n{}: {value}\n", key.name), 3, 1),
                    "organization" | "social_card" => (
                        format!("title: T\nbase_url: https://e.com/\n{file}:\n  {}: {value}\n", key.name),
                        4,
                        3,
                    ),
                    _ => (format!("---\n{}: {value}\n---\n", key.name), 2, 1),
                };
                let errors = match file {
                    "post" => post::parse(Path::new("p.md"), &text, &config).err().map(|e| e.errors),
                    "author" => author::parse(Path::new("a.md"), &text, &config).err(),
                    "page" => page::parse(Path::new("p.md"), &text).err(),
                    _ => byline::internals::config::parse(Path::new("site.yaml"), &text).err(),
                };
                let errors = errors.unwrap_or_else(|| panic!("{file} `{}: {value}` was accepted", key.name));
                // At the key, or for a value inside it (`social: {x: [a]}`), at the inner key.
                let at_key: Vec<_> = errors
                    .iter()
                    .filter(|e| e.line == Some(line) && e.column.is_some_and(|c| c >= column))
                    .filter(|e| e.column == Some(column) || value.starts_with('{'))
                    .collect();
                assert!(
                    !at_key.is_empty(),
                    "{file} `{}: {value}`: nothing at its key: {errors:#?}",
                    key.name
                );
                for e in &errors {
                    let words = format!("{} {}", e.message, e.hint.as_deref().unwrap_or(""));
                    for w in RUST_WORDS {
                        let as_word =
                            words.split(|c: char| !c.is_alphanumeric() && c != ':').any(|word| word == *w);
                        // Longer ones inside other words too (`OneOrMany`, `serde_yaml`).
                        let inside = w.len() > 4 && words.contains(w);
                        assert!(!(as_word || inside), "{file} `{}: {value}`: `{w}` in {words}", key.name);
                    }
                }
                tried += 1;
            }
        }
    }
    assert!(tried > 90, "{tried}");
}

#[test]
fn jekyll_date_with_a_one_digit_offset_gets_its_exact_form() {
    let (_, err) = fails("jekyll_date_with_a_one_digit_offset_gets_its_exact_form");
    assert!(err.contains("  = hint: write it as `2016-09-27T14:00:00-04:00`\n"), "{err}");
}

#[test]
fn the_date_forms_of_other_generators_are_read() {
    let site = TestSite::new("basic");
    let forms = [
        ("jekyll", "2016-09-27 14:00:00 -0400", "2016-09-27T14:00:00-04:00"),
        ("utc-seconds", "2016-09-27 14:00:15", "2016-09-27T14:00:15+00:00"),
        ("rfc-minutes", "2016-09-27T14:00+02:00", "2016-09-27T14:00:00+02:00"),
        ("rfc-zulu", "2016-09-27T14:00:00Z", "2016-09-27T14:00:00+00:00"),
    ];
    for (slug, date, _) in forms {
        site.write(
            &format!("content/posts/{slug}.md"),
            format!("---\ntitle: {slug}\ndate: {date}\nauthors: [ada-lovelace]\n---\nx\n"),
        );
    }
    site.build_ok(&[]);
    for (slug, _, want) in forms {
        let page = site.html(&format!("posts/{slug}/index.html"));
        let published = common::attrs(&page, "meta[property='article:published_time']", "content");
        assert_eq!(published, [want], "{slug}");
    }
}

#[test]
fn an_author_named_with_another_case_gets_did_you_mean() {
    let (_, err) = fails("an_author_named_with_another_case_gets_did_you_mean");
    assert!(
        err.contains(
            "hint: did you mean `18F`? An author is named exactly as their file is: authors/18F.md\n"
        ),
        "{err}"
    );
}

#[test]
fn author_ids_of_any_case_and_script_are_accepted_at_their_slug() {
    let site = TestSite::new("basic");
    let ids = [("18F", "18f"), ("john_doe", "john-doe"), ("j.doe", "j-doe"), ("José", "jose")];
    for (id, _) in ids {
        site.write(&format!("authors/{id}.md"), format!("---\nname: Name of {id}\n---\nBio.\n"));
    }
    let names = ids.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>().join(", ");
    site.write(
        "content/posts/team.md",
        format!("---\ntitle: Team\ndate: 2024-05-01\nauthors: [{names}]\n---\nx\n"),
    );
    site.build_ok(&[]);
    let byline = common::attrs(&site.html("posts/team/index.html"), "a[href*='/authors/']", "href");
    for (id, slug) in ids {
        let page = site.html(&format!("authors/{slug}/index.html"));
        assert_eq!(common::texts(&page, "h1"), [format!("Name of {id}")], "{id}");
        let url = format!("https://blog.example.com/authors/{slug}/");
        assert!(byline.contains(&url), "{url} in {byline:?}");
    }
}

#[test]
fn two_author_ids_with_the_same_address_name_both_files() {
    let (_, err) = fails("two_author_ids_with_the_same_address_name_both_files");
    assert!(err.contains("hint: rename one of the two files"), "{err}");
}

#[test]
fn tags_that_differ_by_a_symbol_get_their_own_readable_address() {
    let site = TestSite::new("basic");
    let tags = [
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("C", "c"),
        (".NET", "dotnet"),
        ("Node.js", "node-dot-js"),
    ];
    let list = tags.iter().map(|(t, _)| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
    site.write("content/posts/langs.md", format!("---\ntitle: Langs\ndate: 2024-05-01\nauthors: [ada-lovelace]\ntags: [{list}, Data Engineering]\n---\nx\n"));
    site.write("content/posts/more.md", "---\ntitle: More\ndate: 2024-05-02\nauthors: [ada-lovelace]\ntags: [data-engineering, c++]\n---\nx\n");
    site.build_ok(&[]);
    for (name, slug) in tags {
        let page = site.html(&format!("tags/{slug}/index.html"));
        let h1 = common::texts(&page, "h1").concat().to_lowercase();
        assert!(h1.contains(&name.to_lowercase()), "{slug}: {h1}");
    }
    let merged = site.html("tags/data-engineering/index.html");
    assert_eq!(
        common::texts(&merged, ".card-title").len(),
        2,
        "`Data Engineering` and `data-engineering` are one tag"
    );
    assert_eq!(common::texts(&site.html("tags/c-plus-plus/index.html"), ".card-title").len(), 2);
    assert!(!site.out().join("tags/tag").exists());
}

#[test]
fn a_tag_without_letters_or_digits_is_an_error_at_the_tag() {
    let (_, err) = fails("a_tag_without_letters_or_digits_is_an_error_at_the_tag");
    assert_eq!(error_count(&err), 2, "{err}");
}

#[test]
fn tags_that_differ_by_more_than_case_never_share_an_address() {
    fails("tags_that_differ_by_more_than_case_never_share_an_address");
}

#[test]
fn a_300_character_slug_fails_with_its_location_not_file_name_too_long() {
    let (_, err) = fails("a_300_character_slug_fails_with_its_location_not_file_name_too_long");
    assert!(!err.contains("os error"), "{err}");
    assert!(
        err.contains("hint: shorten `slug:` to at most 120 characters, e.g. `slug: word-word-word"),
        "{err}"
    );
    fails("a_300_character_tag_fails_with_its_location_not_file_name_too_long");
    fails("a_long_file_name_gives_a_slug_that_fails_at_the_fence");
}

#[test]
fn a_broken_site_yaml_does_not_hide_the_problems_of_posts() {
    let (_, err) = fails("a_broken_site_yaml_does_not_hide_the_problems_of_posts");
    assert_eq!(error_count(&err), 2, "{err}");
}

#[test]
fn site_yaml_values_of_the_wrong_kind_are_all_reported() {
    let (_, err) = fails("site_yaml_values_of_the_wrong_kind_are_all_reported");
    assert_eq!(error_count(&err), 3, "{err}");
}

fn new_post(site: &TestSite, args: &[&str]) -> std::process::Output {
    let root = site.root();
    Command::cargo_bin("byline")
        .unwrap()
        .args(["new", "post"])
        .args(args)
        .arg("--site")
        .arg(&root)
        .output()
        .unwrap()
}

#[test]
fn new_post_with_a_500_character_title_gets_a_slug_cut_at_a_word() {
    let site = TestSite::new("basic");
    let title = "Backfills are a product ".repeat(21);
    let out = new_post(&site, &[title.trim(), "--author", "ada-lovelace", "--date", "2024-05-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let slug = "backfills-are-a-product-".repeat(3).trim_end_matches('-').to_string();
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(path.ends_with(&format!("content/posts/{slug}.md")), "{path}");
    assert!(
        stderr(&out)
            .contains(&format!("note: the title is long: the address is shortened to /posts/{slug}/")),
        "{}",
        stderr(&out)
    );
    site.build_ok(&[]);
    assert!(site.out().join(format!("posts/{slug}/index.html")).is_file());
}

#[test]
fn new_post_whose_address_is_taken_gets_a_2_and_says_so() {
    let site = TestSite::new("basic");
    let out = new_post(&site, &["First post", "--author", "ada-lovelace", "--date", "2024-05-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(path.ends_with("content/posts/first-post-2.md"), "{path}");
    let note = "note: content/posts/2024-01-10-first-post.md already has the address /posts/first-post/: this post gets /posts/first-post-2/\n";
    assert_eq!(stderr(&out), note);
    site.build_ok(&[]);
    assert!(site.out().join("posts/first-post-2/index.html").is_file());
}

#[test]
fn new_post_finds_an_author_file_named_markdown() {
    let site = TestSite::new("basic");
    site.write("authors/sam-lee.markdown", "---\nname: Sam Lee\n---\nBio.\n");
    let out = new_post(&site, &["By Sam", "--author", "sam-lee", "--date", "2024-05-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site.build_ok(&[]);
    assert!(site.out().join("authors/sam-lee/index.html").is_file());
}

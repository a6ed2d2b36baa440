//! Every bad-input case of the test suite as one table: files written into the
//! `basic` fixture and what the build must say about them. `bad_input` and
//! `validation` pin each case's messages; `bad_input` also checks that
//! `byline check` reports exactly what `byline build` does for every case.

/// One kind of bad input.
pub struct Case {
    pub name: &'static str,
    /// Arguments for the build that must fail.
    pub args: &'static [&'static str],
    /// Files written into the fixture: path and bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// `(location, message)` pairs the build must report as `error: LOCATION: MESSAGE`.
    pub expected: Vec<(String, String)>,
}

fn case(name: &'static str, files: &[(&'static str, &str)], expected: &[(&str, &str)]) -> Case {
    Case {
        name,
        args: &[],
        files: files.iter().map(|(p, t)| (*p, t.as_bytes().to_vec())).collect(),
        expected: expected.iter().map(|(l, m)| (l.to_string(), m.to_string())).collect(),
    }
}

fn post(front: &str) -> String {
    format!("---\n{front}---\nText.\n")
}

/// The cases that `bad_input` had before the table, and the years refused.
fn load_cases() -> Vec<Case> {
    vec![
        (case(
            "date_with_a_negative_year_is_refused_instead_of_panicking",
            &[(
                "content/posts/bad.md",
                "---\ntitle: BC\ndate: \"-0001-01-01\"\nauthors: [ada-lovelace]\n---\nx\n",
            )],
            &[("content/posts/bad.md:3:8", "the year must be between 0000 and 9999")],
        )),
        Case {
            args: &["--future"],
            ..case(
                "date_with_a_five_digit_year_is_refused_with_future",
                &[(
                    "content/posts/bad.md",
                    "---\ntitle: Far\ndate: \"+10000-01-01\"\nauthors: [ada-lovelace]\n---\nx\n",
                )],
                &[("content/posts/bad.md:3:8", "the year must be between 0000 and 9999")],
            )
        },
        case(
            "updated_with_a_five_digit_year_is_refused",
            &[(
                "content/posts/bad.md",
                "---\ntitle: Later\ndate: 2024-01-01\nauthors: [ada-lovelace]\nupdated: \"+10000-01-01\"\n---\nx\n",
            )],
            &[("content/posts/bad.md:5:11", "the year must be between 0000 and 9999")],
        ),
        case(
            "tab_in_front_matter",
            &[(
                "content/posts/bad.md",
                "---\ntitle: Tabs\ndate: 2024-01-01\nauthors:\n\t- ada-lovelace\n---\nx\n",
            )],
            &[("content/posts/bad.md:5:1", "")],
        ),
        case(
            "malformed_yaml",
            &[(
                "content/posts/bad.md",
                "---\ntitle: [unclosed\ndate: 2024-01-01\nauthors: [ada-lovelace]\n---\nx\n",
            )],
            &[("content/posts/bad.md:3:5", "")],
        ),
        case(
            "missing_title_date_and_authors",
            &[("content/posts/bad.md", "---\ndescription: nothing else\n---\nx\n")],
            &[
                ("content/posts/bad.md:1:1", "`title` is missing"),
                ("content/posts/bad.md:1:1", "`date` is missing"),
                ("content/posts/bad.md:1:1", "`authors` is missing"),
            ],
        ),
        case(
            "unparseable_date",
            &[(
                "content/posts/bad.md",
                "---\ntitle: Dates\ndate: March 5th\nauthors: [ada-lovelace]\n---\nx\n",
            )],
            &[("content/posts/bad.md:3:7", "`March 5th` is not a date")],
        ),
        case(
            "unknown_author_id_suggests_the_closest",
            &[(
                "content/posts/bad.md",
                "---\ntitle: Who\ndate: 2024-01-01\nauthors:\n  - ada-lovelace\n  - chris-kock\n---\nx\n",
            )],
            &[("content/posts/bad.md:6:5", "unknown author `chris-kock`")],
        ),
        case(
            "unknown_front_matter_key_names_the_valid_ones",
            &[(
                "content/posts/bad.md",
                "---\ntittle: Typo\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntag: x\n---\nx\n",
            )],
            &[
                ("content/posts/bad.md:2:1", "unknown key `tittle`"),
                ("content/posts/bad.md:5:1", "unknown key `tag`"),
            ],
        ),
        case(
            "unknown_site_yaml_key",
            &[("site.yaml", "title: T\nbase_url: https://blog.example.com/\npost_per_page: 3\n")],
            &[("site.yaml:3:1", "unknown key `post_per_page`")],
        ),
        case(
            "author_file_without_name",
            &[("authors/nameless.md", "---\nrole: Ghost\n---\nBio.\n")],
            &[("authors/nameless.md:1:1", "`name` is missing")],
        ),
        case(
            "two_posts_with_the_same_slug",
            &[(
                "content/posts/copy.md",
                "---\ntitle: Copy\ndate: 2024-01-01\nauthors: [ada-lovelace]\nslug: joint\n---\nx\n",
            )],
            &[("content/posts/joint.md:1:1", "two posts have the slug `joint`")],
        ),
        case(
            "template_syntax_error_names_template_and_line",
            &[(
                "templates/post.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ post.title | }}\n{% endblock content %}\n",
            )],
            &[("templates/post.html:3:17", "template error")],
        ),
        case(
            "template_render_error_names_template",
            &[(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}{{ no_such.thing }}{% endblock content %}\n",
            )],
            &[("templates/page.html", "template error")],
        ),
        case(
            "template_that_includes_itself_is_an_error_not_a_stack_overflow",
            &[(
                "templates/partials/head.html",
                "<meta charset=\"utf-8\">\n<title>{{ meta.title }}</title>\n{% include \"partials/head.html\" %}\n",
            )],
            &[(
                "templates/partials/head.html:3:1",
                "template error: templates/partials/head.html includes itself",
            )],
        ),
        case(
            "templates_that_include_each_other_name_the_whole_chain",
            &[
                (
                    "templates/partials/head.html",
                    "<title>{{ meta.title }}</title>\n  {%- include 'partials/meta.html' ignore missing -%}\n",
                ),
                (
                    "templates/partials/meta.html",
                    "<meta charset=\"utf-8\">\n{% include \"partials/head.html\" %}\n",
                ),
            ],
            &[(
                "templates/partials/head.html:2:3",
                "template error: templates/partials/head.html includes templates/partials/meta.html, which includes templates/partials/head.html",
            )],
        ),
        case(
            "front_matter_never_closed",
            &[(
                "content/posts/open.md",
                "---\ntitle: Open\ndate: 2024-01-01\nauthors: [ada-lovelace]\n\nBody without a fence.\n",
            )],
            &[("content/posts/open.md:1:1", "the front matter opened here is never closed")],
        ),
        case(
            "every_problem_of_a_run_is_reported_together",
            &[
                ("content/posts/a.md", "---\ntitle: A\ndate: nope\nauthors: [ada-lovelace]\n---\n"),
                ("content/posts/b.md", "---\ntitle: B\ndate: 2024-01-01\nauthors: [nobody]\n---\n"),
                ("authors/x.md", "---\nrole: r\n---\n"),
            ],
            &[
                ("content/posts/a.md:3:7", "`nope` is not a date"),
                ("content/posts/b.md:4:11", "unknown author `nobody`"),
                ("authors/x.md:1:1", "`name` is missing"),
            ],
        ),
    ]
}

/// A post file whose name (after its date) is 130 characters long.
const LONG_NAME: &str = "content/posts/2024-01-01-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md";

/// Cases made of long or odd bytes.
fn generated_cases() -> Vec<Case> {
    let deep = format!(
        "---\ntitle: Deep\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntags: {}\n---\nx\n",
        "[".repeat(100_000)
    );
    let site =
        format!("title: T\nbase_url: https://blog.example.com/\ndescription: {}\n", "{a: ".repeat(50_000));
    let long = format!(
        "---\ntitle: Long\ndate: 2024-01-01\nauthors: [ada-lovelace]\ndescription: {}\n---\nx\n",
        "word ".repeat(60_000)
    );
    let slug = "word-".repeat(60) + "end";
    vec![
        case(
            "deeply_nested_flow_yaml_is_refused_at_the_bracket_too_deep",
            &[("content/posts/deep.md", &deep)],
            &[("content/posts/deep.md:5:39", "lists and maps are nested more than 32 levels deep here")],
        ),
        case(
            "deeply_nested_site_yaml_is_refused_at_the_brace_too_deep",
            &[("site.yaml", &site)],
            &[("site.yaml:3:142", "lists and maps are nested more than 32 levels deep here")],
        ),
        case(
            "front_matter_over_256_kib_is_refused_where_it_passes_the_limit",
            &[("content/posts/long.md", &long)],
            &[("content/posts/long.md:5:262092", "there is more than 256 KiB of YAML here")],
        ),
        Case {
            files: vec![(
                "content/posts/latin1.md",
                b"---\ntitle: Caf\xe9\ndate: 2024-01-01\nauthors: [ada-lovelace]\n---\n".to_vec(),
            )],
            ..case(
                "file_that_is_not_utf8",
                &[],
                &[("content/posts/latin1.md:2:11", "the file is not UTF-8 text")],
            )
        },
        case(
            "a_300_character_slug_fails_with_its_location_not_file_name_too_long",
            &[(
                "content/posts/long-slug.md",
                &post(&format!("title: Long\ndate: 2024-01-01\nauthors: [ada-lovelace]\nslug: {slug}\n")),
            )],
            &[(
                "content/posts/long-slug.md:5:7",
                "this post's address is too long: the slug has 303 characters, the most is 120",
            )],
        ),
        case(
            "a_300_character_tag_fails_with_its_location_not_file_name_too_long",
            &[(
                "content/posts/long-tag.md",
                &post(&format!(
                    "title: Long\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntags: [Fine, {slug}]\n"
                )),
            )],
            &[(
                "content/posts/long-tag.md:5:14",
                "the tag `word-word-word-word-word-word-word-word-…` makes an address that is too long: the slug has 303 characters, the most is 120",
            )],
        ),
        case(
            "a_long_file_name_gives_a_slug_that_fails_at_the_fence",
            &[(LONG_NAME, "---\ntitle: Long\ndate: 2024-01-01\nauthors: [ada-lovelace]\n---\nx\n")],
            &[(
                &format!("{LONG_NAME}:1:1"),
                "this post's address is too long: the slug has 130 characters, the most is 120",
            )],
        ),
    ]
}

/// The cases of issue 12: several problems at once, cascades, wrong kinds,
/// dates, author ids and tags.
fn validation_cases() -> Vec<Case> {
    let named = |n: usize| post(&format!("title: Post {n}\ndate: 2024-02-0{n}\nauthors: [18F]\n"));
    let (p1, p2, p3, p4) = (named(1), named(2), named(3), named(4));
    vec![
        case(
            "a_bad_date_and_an_unknown_author_are_reported_in_one_run",
            &[("content/posts/bad.md", &post("title: Both\ndate: 2024-13-45\nauthors: [nobody-here]\n"))],
            &[
                ("content/posts/bad.md:3:7", "`2024-13-45` is not a date: there is no month 13"),
                ("content/posts/bad.md:4:11", "unknown author `nobody-here`"),
            ],
        ),
        case(
            "four_bad_fields_of_one_file_are_all_reported",
            &[(
                "content/posts/bad.md",
                &post(
                    "title: Four\ndate: 2024-13-45\nauthors: [ada-lovelace]\ntags: {a: b}\ndraft: maybe\nslug: [x]\n",
                ),
            )],
            &[
                ("content/posts/bad.md:3:7", "`2024-13-45` is not a date: there is no month 13"),
                (
                    "content/posts/bad.md:5:1",
                    "`tags` must be a list of names, like `tags: [Data engineering, Design]`",
                ),
                ("content/posts/bad.md:6:1", "`draft` must be true or false, like `draft: true`"),
                (
                    "content/posts/bad.md:7:1",
                    "`slug` must be a few words for the address, like `slug: backfills-are-a-product`",
                ),
            ],
        ),
        case(
            "an_author_file_without_a_name_is_reported_once_not_by_each_post",
            &[
                ("authors/18F.md", "---\nrole: Team\n---\nBio.\n"),
                ("content/posts/p1.md", &p1),
                ("content/posts/p2.md", &p2),
                ("content/posts/p3.md", &p3),
                ("content/posts/p4.md", &p4),
            ],
            &[("authors/18F.md:1:1", "`name` is missing")],
        ),
        case(
            "an_author_file_with_broken_yaml_is_reported_once_not_by_each_post",
            &[
                ("authors/18F.md", "---\nname: [18F\n---\nBio.\n"),
                ("content/posts/p1.md", &p1),
                ("content/posts/p2.md", &p2),
            ],
            &[(
                "authors/18F.md:3:1",
                "did not find expected ',' or ']' (a list opened with `[` is not closed with `]`)",
            )],
        ),
        case(
            "an_author_file_with_a_bad_id_is_reported_once_not_by_each_post",
            &[
                ("authors/18 F.md", "---\nname: Eighteen F\n---\nBio.\n"),
                ("content/posts/p1.md", &post("title: P\ndate: 2024-01-01\nauthors: [18 F]\n")),
            ],
            &[("authors/18 F.md", "`18 F` cannot be an author id: it has a space in it")],
        ),
        case(
            "tags_given_as_a_map_say_what_tags_takes_at_the_key",
            &[(
                "content/posts/bad.md",
                &post("title: T\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntags: {a: b}\n"),
            )],
            &[(
                "content/posts/bad.md:5:1",
                "`tags` must be a list of names, like `tags: [Data engineering, Design]`",
            )],
        ),
        case(
            "jekyll_date_with_a_one_digit_offset_gets_its_exact_form",
            &[(
                "content/posts/bad.md",
                &post("title: T\ndate: 2016-09-27 14:00:00 -4\nauthors: [ada-lovelace]\n"),
            )],
            &[("content/posts/bad.md:3:7", "`2016-09-27 14:00:00 -4` is not a date in a form byline reads")],
        ),
        case(
            "an_author_named_with_another_case_gets_did_you_mean",
            &[
                ("authors/18F.md", "---\nname: Eighteen F\n---\nBio.\n"),
                ("content/posts/bad.md", &post("title: T\ndate: 2024-01-01\nauthors: [18f]\n")),
            ],
            &[("content/posts/bad.md:4:11", "unknown author `18f`")],
        ),
        case(
            "two_author_ids_with_the_same_address_name_both_files",
            &[
                ("authors/john_doe.md", "---\nname: John Doe\n---\nBio.\n"),
                ("authors/John-Doe.md", "---\nname: John Doe\n---\nBio.\n"),
            ],
            &[(
                "authors/john_doe.md",
                "authors/John-Doe.md and authors/john_doe.md would both have the address /authors/john-doe/",
            )],
        ),
        case(
            "a_tag_without_letters_or_digits_is_an_error_at_the_tag",
            &[(
                "content/posts/bad.md",
                &post(
                    "title: T\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntags: [Fine, \"!!!\", \"]]>\"]\n",
                ),
            )],
            &[
                (
                    "content/posts/bad.md:5:15",
                    "the tag `!!!` has no letters or digits to make an address from",
                ),
                (
                    "content/posts/bad.md:5:22",
                    "the tag `]]>` has no letters or digits to make an address from",
                ),
            ],
        ),
        case(
            "tags_that_differ_by_more_than_case_never_share_an_address",
            &[
                (
                    "content/posts/cafe.md",
                    &post("title: T\ndate: 2024-01-01\nauthors: [ada-lovelace]\ntags: [Café]\n"),
                ),
                (
                    "content/posts/cafe2.md",
                    &post("title: U\ndate: 2024-01-02\nauthors: [ada-lovelace]\ntags: [Cafe]\n"),
                ),
            ],
            &[(
                "content/posts/cafe2.md:5:8",
                "the tags `Cafe` and `Café` (content/posts/cafe.md:5) would have the same address /tags/cafe/",
            )],
        ),
        case(
            "site_yaml_values_of_the_wrong_kind_are_all_reported",
            &[(
                "site.yaml",
                "title: [T]\nbase_url: https://blog.example.com/\nposts_per_page: ten\norganization: [Acme]\n",
            )],
            &[
                ("site.yaml:1:1", "`title` must be text, like `title: Acme Field Notes`"),
                ("site.yaml:3:1", "`posts_per_page` must be a whole number, like `posts_per_page: 10`"),
                (
                    "site.yaml:4:1",
                    "`organization` must be `name:`, `logo:`, `url:` and `social:` lines, like `organization: {name: Acme, logo: /images/logo.svg}`",
                ),
            ],
        ),
        case(
            "a_broken_site_yaml_does_not_hide_the_problems_of_posts",
            &[
                ("site.yaml", "title: T\nbase_url: https://blog.example.com/\nposts_per_page: ten\n"),
                ("content/posts/bad.md", &post("title: T\ndate: someday\nauthors: [ada-lovelace]\n")),
            ],
            &[
                ("site.yaml:3:1", "`posts_per_page` must be a whole number, like `posts_per_page: 10`"),
                ("content/posts/bad.md:3:7", "`someday` is not a date"),
            ],
        ),
        case(
            "an_unknown_highlight_theme_fails_check_as_it_fails_build",
            &[("site.yaml", "title: T\nbase_url: https://blog.example.com/\nhighlight_theme: Solarised\n")],
            &[("site.yaml:3:1", "there is no highlight theme `Solarised`")],
        ),
    ]
}

/// Every bad-input case.
pub fn cases() -> Vec<Case> {
    let mut all = load_cases();
    all.extend(generated_cases());
    all.extend(validation_cases());
    all
}

/// The case called `name`.
pub fn named(name: &str) -> Case {
    cases().into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"))
}

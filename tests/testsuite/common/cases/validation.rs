//! The cases of issue 12: several problems of a run at once, no cascades, values
//! of the wrong kind, dates, author ids and tags.

use super::{Case, case, post};

/// The cases of issue 12: several problems at once, cascades, wrong kinds,
/// dates, author ids and tags.
pub(super) fn cases() -> Vec<Case> {
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

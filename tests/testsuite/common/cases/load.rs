//! The first cases of the table: dates, YAML, missing and unknown fields, author
//! files, duplicate slugs, templates, unclosed front matter, several problems at once.

use super::{Case, case};

/// The cases that `bad_input` had before the table, and the years refused.
pub(super) fn cases() -> Vec<Case> {
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

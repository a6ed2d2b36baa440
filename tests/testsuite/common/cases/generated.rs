//! Cases made of long or odd bytes: deep nesting, huge front matter, non-UTF-8
//! text, and slugs too long for an address.

use super::{Case, case, post};

/// A post file whose name (after its date) is 130 characters long.
const LONG_NAME: &str = "content/posts/2024-01-01-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md";

/// Cases made of long or odd bytes.
pub(super) fn cases() -> Vec<Case> {
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

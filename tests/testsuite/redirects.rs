//! Old addresses: `aliases:`/`redirect_from:` and site.yaml's `redirects:` become
//! redirect pages and `_redirects` lines; conflicts are errors naming both files;
//! an address the last build published that now leads nowhere is a warning at
//! the post that replaced it.

use crate::common::{TestSite, attrs, byline, stderr};

const SECOND: &str = "content/posts/second-post.md";

fn second_post(extra: &str) -> String {
    format!(
        "---\ntitle: Second post\ndate: 2024-02-10T10:00:00+01:00\nauthor: chris-koch\n{extra}tags: [Engines, Pipelines]\n---\nWritten by Chris.\n"
    )
}

fn with_aliases() -> TestSite {
    let site = TestSite::new("basic");
    site.write(
        SECOND,
        second_post("aliases: [/2024/02/10/second/, old-second]\nredirect_from: /legacy/second.html\n"),
    );
    site.write(
        "authors/ada-lovelace.md",
        "---\nname: Ada Lovelace\nrole: Analyst\naliases: [/team/ada/]\n---\nAda.\n",
    );
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{yaml}redirects:\n  /category/engines/: /tags/engines/\n  /feed.xml: /rss.xml\n  /elsewhere/: https://example.org/x/\n"),
    );
    site
}

#[test]
fn aliases_get_redirect_pages_with_refresh_canonical_noindex_and_a_link() {
    let site = with_aliases();
    site.build_ok(&[]);
    let target = "https://blog.example.com/posts/second-post/";
    for page in ["2024/02/10/second/index.html", "old-second/index.html", "legacy/second.html"] {
        let doc = site.html(page);
        assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), [target], "{page}");
        assert_eq!(attrs(&doc, "meta[name=robots]", "content"), ["noindex"], "{page}");
        assert_eq!(
            attrs(&doc, "meta[http-equiv=refresh]", "content"),
            [format!("0; url={target}")],
            "{page}"
        );
        assert_eq!(attrs(&doc, "main a", "href"), [target], "{page}: a link for readers without refresh");
    }
    let ada = site.html("team/ada/index.html");
    assert_eq!(
        attrs(&ada, "link[rel=canonical]", "href"),
        ["https://blog.example.com/authors/ada-lovelace/"]
    );
    let tag = site.html("category/engines/index.html");
    assert_eq!(attrs(&tag, "link[rel=canonical]", "href"), ["https://blog.example.com/tags/engines/"]);
    // An old feed address is no page: it is only a line of `_redirects`.
    assert!(!site.out().join("feed.xml").exists());
}

#[test]
fn the_redirects_file_has_a_301_line_for_every_old_address() {
    let site = with_aliases();
    site.build_ok(&[]);
    let text = site.read("_redirects");
    let lines: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split(' ').collect())
        .collect();
    for want in [
        ["/2024/02/10/second/", "/posts/second-post/", "301"],
        ["/old-second/", "/posts/second-post/", "301"],
        ["/legacy/second.html", "/posts/second-post/", "301"],
        ["/team/ada/", "/authors/ada-lovelace/", "301"],
        ["/category/engines/", "/tags/engines/", "301"],
        ["/feed.xml", "/rss.xml", "301"],
        ["/elsewhere/", "https://example.org/x/", "301"],
    ] {
        assert!(lines.contains(&want.to_vec()), "{want:?} missing from:\n{text}");
    }
    assert_eq!(lines.len(), 7, "{text}");
}

#[test]
fn aliases_are_never_in_the_sitemap_or_the_feeds() {
    let site = with_aliases();
    site.build_ok(&[]);
    for file in ["sitemap.xml", "rss.xml", "atom.xml", "feed.json"] {
        let text = site.read(file);
        for old in ["2024/02/10/second", "old-second", "legacy/second", "team/ada", "category/engines"] {
            assert!(!text.contains(old), "{file} lists {old}");
        }
    }
}

#[test]
fn the_sites_own_redirects_file_is_kept_above_the_generated_lines() {
    let site = with_aliases();
    site.write("static/_redirects", "/shop/* https://shop.example.com/:splat 302\n");
    site.build_ok(&[]);
    let text = site.read("_redirects");
    assert!(text.starts_with("/shop/* https://shop.example.com/:splat 302\n"), "{text}");
    assert!(text.contains("/old-second/ /posts/second-post/ 301"), "{text}");
}

#[test]
fn an_alias_that_is_a_real_page_is_an_error_naming_both_files() {
    let site = TestSite::new("basic");
    site.write(SECOND, second_post("aliases: [/posts/joint/]\n"));
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("second-post.md:5:"), "{err}");
    assert!(err.contains("`/posts/joint/` is already the address of content/posts/joint.md"), "{err}");
}

#[test]
fn an_alias_claimed_by_two_files_is_an_error_naming_both() {
    let site = TestSite::new("basic");
    site.write(SECOND, second_post("aliases: [/old/]\n"));
    site.write("content/about.md", "---\ntitle: About\naliases: [/old]\n---\nAbout us.\n");
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("`/old/` is already claimed by"), "{err}");
    assert!(err.contains("content/about.md") && err.contains("second-post.md"), "{err}");
}

#[test]
fn a_bad_alias_is_an_error_at_its_line_and_nothing_is_written() {
    let site = TestSite::new("basic");
    site.write(SECOND, second_post("aliases: [\"https://old.example.com/x/\", \"/a/../b/\", \"/x/?p=1\"]\n"));
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for want in ["is a full address", "has a `..` segment", "has a `?` or `#` part"] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(err.contains("second-post.md:5:"), "{err}");
    assert!(!site.out().exists(), "a failed build published nothing");
}

#[test]
fn a_renamed_post_warns_at_the_post_that_replaced_it_until_an_alias_sends_readers_on() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    site.write(SECOND, second_post("slug: the-second-post\n"));
    let err = stderr(&site.build_ok(&[]));
    assert!(err.contains("`/posts/second-post/` was published and now leads nowhere"), "{err}");
    assert!(err.contains("second-post.md:5"), "at the slug line: {err}");
    assert!(err.contains("aliases: [/posts/second-post/]"), "{err}");
    // With the alias the old address answers again, and nothing is said.
    site.write(SECOND, second_post("slug: the-second-post\naliases: [/posts/second-post/]\n"));
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("leads nowhere"), "{err}");
    let doc = site.html("posts/second-post/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://blog.example.com/posts/the-second-post/"]
    );
}

#[test]
fn check_warns_about_an_address_the_last_build_published_too() {
    let site = TestSite::new("basic");
    let built = byline().arg("build").arg(site.root()).args(["--now", crate::common::NOW]).output().unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    site.write(SECOND, second_post("slug: renamed\n"));
    let out = byline().arg("check").arg(site.root()).args(["--now", crate::common::NOW]).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(text.contains("`/posts/second-post/` was published and now leads nowhere"), "{text}");
}

#[test]
fn a_draft_left_out_of_a_build_is_not_taken_for_an_address_that_leads_nowhere() {
    let site = TestSite::new("basic");
    site.build_ok(&["--drafts", "--future"]);
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("leads nowhere"), "{err}");
}

//! Rebuilds render only the files an edit touched, and whatever the sequence of
//! edits, the output is byte for byte what a fresh build of the same sources gives.

use std::fs;
use std::path::Path;

use crate::common::{self, TestSite, assert_same_tree, fresh_build, tree};

/// How many files the build on stdout says it rendered.
fn rendered(out: &std::process::Output) -> usize {
    let text = String::from_utf8_lossy(&out.stdout);
    let (before, _) = text.split_once(" rendered").unwrap_or_else(|| panic!("no count in {text}"));
    before.rsplit('(').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no count in {text}"))
}

/// How many files a build wrote in all.
fn files(out: &std::process::Output) -> usize {
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{text}"))
}

/// Rebuilds `site` in place, builds the same sources into a new folder with no
/// cache, and asserts the two trees are equal. Returns the in-place build's output.
fn rebuild_matches_fresh(site: &TestSite, step: &str) -> std::process::Output {
    let out = site.build_ok(&[]);
    let fresh = fresh_build(site, &format!("fresh-{}", step.replace(' ', "-")));
    assert_same_tree(&tree(&site.out()), &fresh, step);
    out
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_rebuild_with_nothing_changed_renders_nothing() {
    let site = TestSite::new("basic");
    let first = site.build_ok(&[]);
    // Everything but the static files: the site's, and the theme's stylesheet and favicons.
    let theme_static = tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static")).len();
    assert_eq!(
        rendered(&first),
        files(&first) - fs::read_dir(site.root().join("static/images")).unwrap().count() - theme_static
    );
    let again = site.build_ok(&[]);
    assert_eq!(rendered(&again), 0, "{}", String::from_utf8_lossy(&again.stdout));
}

#[test]
fn an_edited_post_re_renders_its_page_and_the_lists_that_show_it_only() {
    let site = TestSite::new("basic");
    let first = site.build_ok(&[]);
    let all = rendered(&first);
    let before = tree(&site.out());
    edit(&site, "content/posts/second-post.md", "Written by Chris.", "Written by Chris, and edited.");
    let out = rebuild_matches_fresh(&site, "body edit");
    let n = rendered(&out);
    assert!(n > 0 && n < all, "{n} of {all} files rendered for a one-post edit");
    let after = tree(&site.out());
    assert_ne!(
        before[Path::new("posts/second-post/index.html")],
        after[Path::new("posts/second-post/index.html")]
    );
    // Pages that do not show the post are untouched (not even their bytes rewritten).
    assert_eq!(before[Path::new("about/index.html")], after[Path::new("about/index.html")]);
}

#[test]
fn every_kind_of_edit_gives_what_a_fresh_build_gives() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let post = "content/posts/second-post.md";
    edit(&site, post, "title: Second post", "title: Second post, renamed");
    rebuild_matches_fresh(&site, "title");
    edit(&site, post, "tags: [Engines, Pipelines]", "tags: [Engines, Rust]");
    rebuild_matches_fresh(&site, "tags");
    edit(&site, post, "date: 2024-02-10T10:00:00+01:00", "date: 2023-02-10T10:00:00+01:00");
    rebuild_matches_fresh(&site, "date");
    site.write(
        "content/posts/linker.md",
        "---\ntitle: Linker\ndate: 2024-03-01T09:00:00Z\nauthor: ada-lovelace\ntags: [Rust]\n---\nSee [the second post](@/posts/second-post.md).\n",
    );
    rebuild_matches_fresh(&site, "new post");
    // The linked post moves: the linking post's page follows it.
    edit(&site, post, "title:", "slug: moved-post\ntitle:");
    rebuild_matches_fresh(&site, "slug");
    let linker = fs::read_to_string(site.out().join("posts/linker/index.html")).unwrap();
    assert!(linker.contains("/posts/moved-post/"), "the link was not updated");
    edit(&site, "authors/chris-koch.md", "name: Chris Koch", "name: Christine Koch");
    rebuild_matches_fresh(&site, "author");
    site.remove("content/posts/joint.md");
    rebuild_matches_fresh(&site, "deleted post");
    edit(&site, "content/about.md", "title:", "description: About us.\ntitle:");
    rebuild_matches_fresh(&site, "page");
    site.write("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    rebuild_matches_fresh(&site, "static file");
    site.write("templates/partials/card.html", format!("{}<!-- custom card -->", common::THEME_CARD));
    let out = rebuild_matches_fresh(&site, "template");
    assert!(rendered(&out) > 5, "a template change re-renders the pages");
    edit(&site, "site.yaml", "title: Fixture Blog", "title: Fixture Journal");
    rebuild_matches_fresh(&site, "site.yaml");
    // A file changed behind byline's back is put right even though its inputs did not change.
    fs::write(site.out().join("posts/linker/index.html"), "tampered").unwrap();
    rebuild_matches_fresh(&site, "tampered output");
}

#[test]
fn edits_to_the_example_site_give_what_a_fresh_build_gives() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    // Posts in the middle of the timeline, whose neighbours, related posts and
    // authors' lists all show their titles.
    for (n, file) in
        ["2025-06-10-catching-schema-drift.md", "2025-09-23-editorial-calendar-no-time.md"].iter().enumerate()
    {
        let rel = format!("content/posts/{file}");
        let text = fs::read_to_string(site.root().join(&rel)).unwrap();
        let title = text.lines().find(|l| l.starts_with("title: ")).unwrap().trim_end_matches('"');
        fs::write(site.root().join(&rel), text.replacen(title, &format!("{title} (edited)"), 1)).unwrap();
        let out = rebuild_matches_fresh(&site, &format!("example title {n}"));
        assert!(rendered(&out) < files(&out) / 2, "a title edit re-rendered most of the site");
    }
}

#[test]
fn body_dates_and_bylines_edits_give_what_a_fresh_build_gives() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    let post = "content/posts/2025-06-10-catching-schema-drift.md";
    // Text past the summary: the post's page and feeds change, its card may not.
    let words = "More words for the reading time. ".repeat(120);
    let text = fs::read_to_string(site.root().join(post)).unwrap();
    fs::write(site.root().join(post), format!("{text}\n\n{words}\n")).unwrap();
    let out = rebuild_matches_fresh(&site, "longer body");
    assert!(rendered(&out) < files(&out) / 2, "a body edit re-rendered most of the site");
    // A later `updated` date: the sitemap's last change.
    edit(&site, post, "date: 2025-06-10", "date: 2025-06-10\nupdated: 2026-02-01");
    rebuild_matches_fresh(&site, "updated date");
    // Another author: both authors' pages, feeds and the sitemap's dates.
    edit(&site, post, "authors: [chris-koch]", "authors: [maya-okafor]");
    rebuild_matches_fresh(&site, "byline");
}

/// Sets every file under `dir` to have been changed an hour ago.
fn age(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        fs::File::options().write(true).open(e.path()).unwrap().set_modified(past).unwrap();
    }
}

#[test]
fn files_unchanged_by_size_and_time_are_not_read_but_still_follow_moved_links() {
    let site = TestSite::new("basic");
    site.write(
        "content/posts/linker.md",
        "---\ntitle: Linker\ndate: 2024-03-01T09:00:00Z\nauthor: ada-lovelace\n---\nSee [the second post](@/posts/second-post.md).\n",
    );
    age(&site.root());
    site.build_ok(&[]); // records sizes and times: the files are old enough to trust them
    let again = site.build_ok(&[]);
    assert_eq!(rendered(&again), 0);
    // The linked post moves; the linking post, unread since, must follow it.
    edit(&site, "content/posts/second-post.md", "title:", "slug: moved-post\ntitle:");
    rebuild_matches_fresh(&site, "moved under an unread post");
    let linker = fs::read_to_string(site.out().join("posts/linker/index.html")).unwrap();
    assert!(linker.contains("/posts/moved-post/"), "the link was not updated");
    edit(&site, "content/posts/linker.md", "See", "Now see");
    rebuild_matches_fresh(&site, "edit after aging");
}

#[test]
fn an_updated_date_on_an_authors_newest_post_reaches_the_author_page_in_place() {
    // The drift this pins: the author page's JSON-LD `dateModified` comes from the
    // newest post's `updated`, which the list-card fingerprint once left out.
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    edit(&site, "content/posts/joint.md", "title:", "updated: 2024-06-30T08:00:00Z\ntitle:");
    rebuild_matches_fresh(&site, "updated added");
    let page = site.html("authors/chris-koch/index.html");
    let ld = page.select(&common::sel("script[type='application/ld+json']")).next().unwrap().inner_html();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    let profile = ld["@graph"].as_array().unwrap().iter().find(|n| n["@type"] == "ProfilePage").unwrap();
    assert_eq!(profile["dateModified"], "2024-06-30T08:00:00+00:00");
}

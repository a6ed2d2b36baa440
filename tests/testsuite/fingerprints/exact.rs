//! For one field of each kind of entity, an edit changes the fingerprints of exactly
//! the files that show the field: the files whose fingerprint changed are the files
//! whose bytes changed, on the example site and on the `seo` fixture (which has no
//! pages). A file in one set and not the other is named in the failure. A tag's name
//! is not exact (see its test, ignored with why); `cargo test -- --ignored` runs it.

use super::edits::Edit;
use super::sources::{Sources, quoted};
use super::{Changes, fresh_build};
use crate::common::TestSite;

/// What the edits below change in each site.
struct Site {
    fixture: &'static str,
    /// A post in the middle of the timeline: its neighbours, lists and feeds show it.
    post: &'static str,
    /// An author with an email address.
    author: &'static str,
    /// A tag that several posts have.
    tag: &'static str,
    page: Option<&'static str>,
}

const SITES: [Site; 2] = [
    Site {
        fixture: "example-site",
        post: "content/posts/2025-06-10-catching-schema-drift.md",
        author: "authors/maya-okafor.md",
        tag: "Data engineering",
        page: Some("content/about.md"),
    },
    Site {
        fixture: "seo",
        post: "content/posts/joint.md",
        author: "authors/ada.md",
        tag: "Engines",
        page: None,
    },
];

/// Builds each site before and after the edit `edit` makes of it (none: the site has
/// no such entity) and asserts the two sets of changed files are one.
fn assert_exact(field: &str, edit: impl Fn(&Site) -> Option<Edit>) {
    let mut failures = Vec::new();
    for s in &SITES {
        let Some(edit) = edit(s) else { continue };
        let site = TestSite::new(s.fixture);
        let sources = Sources::read(&site.root());
        let before = fresh_build(sources.root(), &site.dir.path().join("before"));
        let after = {
            let _edited = sources.edit(edit.files(&sources));
            fresh_build(sources.root(), &site.dir.path().join("after"))
        };
        let c = Changes::between(&before, &after);
        assert!(
            c.added_or_removed.is_empty(),
            "{}: {edit:?} added or removed {:?}",
            s.fixture,
            c.added_or_removed
        );
        assert!(!c.bytes.is_empty(), "{}: {edit:?} changed no file: the field is shown nowhere", s.fixture);
        let (needless, stale) = (c.needless(), c.stale());
        if !needless.is_empty() || !stale.is_empty() {
            failures.push(format!(
                "{}: {edit:?} changed the bytes of {} files; fingerprint changed, bytes did not: {needless:?}; \
                 bytes changed, fingerprint did not: {stale:?}",
                s.fixture,
                c.bytes.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{field} does not change exactly the files that show it:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_posts_title_changes_the_fingerprints_of_exactly_the_files_that_show_it() {
    assert_exact("a post's title", |s| {
        Some(Edit::Key { file: s.post.into(), key: "title", value: Some(quoted("A title written again")) })
    });
}

#[test]
fn an_authors_email_changes_the_fingerprints_of_exactly_the_files_that_show_it() {
    assert_exact("an author's email", |s| {
        Some(Edit::Key {
            file: s.author.into(),
            key: "email",
            value: Some("someone.else@example.net".into()),
        })
    });
}

#[test]
#[ignore = "not exact by design: the archive, the 404 page and a post page's related posts hold \
            each post's whole card (with its tags) in their template context, so a site's own \
            template may show the tags there; the default theme does not, so those files \
            re-render without a change"]
fn a_tags_name_changes_the_fingerprints_of_exactly_the_files_that_show_it() {
    // In capitals the tag keeps its address, so no file comes or goes.
    assert_exact("a tag's name", |s| Some(Edit::Tag { from: s.tag.into(), to: s.tag.to_uppercase() }));
}

#[test]
fn a_pages_description_changes_the_fingerprints_of_exactly_the_files_that_show_it() {
    assert_exact("a page's description", |s| {
        let value = Some(quoted("What this page is about, said again."));
        s.page.map(|page| Edit::Key { file: page.into(), key: "description", value })
    });
}

/// Not the title: every template may show `site.title` (robots.txt and the sitemap
/// included, when a site overrides them), so every file made from a template rightly
/// changes fingerprint with it.
#[test]
fn the_number_of_feed_items_changes_the_fingerprints_of_exactly_the_files_that_show_it() {
    assert_exact("the number of feed items", |_| {
        Some(Edit::Key { file: "site.yaml".into(), key: "feed_items", value: Some("3".into()) })
    });
}

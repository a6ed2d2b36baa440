//! The Hugo reader on the fixture site `tests/fixtures/import/hugo`.

use std::path::{Path, PathBuf};

use super::read;
use crate::import::{Imported, Item, Options};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/hugo")
}

fn imported() -> Imported {
    read(&fixture(), &Options { uploads: None }).unwrap()
}

fn post<'a>(i: &'a Imported, slug: &str) -> &'a Item {
    i.posts.iter().find(|p| p.slug == slug).unwrap()
}

#[test]
fn posts_pages_and_settings() {
    let i = imported();
    let slugs: Vec<&str> = i.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["charts-that-work", "first-steps", "old-news", "work-in-progress"]);
    assert_eq!(i.pages.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["about"]);
    assert_eq!(i.settings.title.as_deref(), Some("Fernhill Engineering"));
    assert_eq!(i.settings.base_url.as_deref(), Some("https://eng.fernhill.example"));
}

#[test]
fn permalinks_url_and_aliases_are_old_addresses() {
    let i = imported();
    let first = post(&i, "first-steps");
    assert_eq!(
        first.aliases,
        [
            "/2023/04/first-steps-with-stream-processing/",
            "/2023/first-steps/",
            "/blog/first-steps.html",
            "/posts/streams-101/"
        ]
    );
    assert_eq!(post(&i, "old-news").aliases, ["/news/office-hours/"]);
    assert_eq!(post(&i, "charts-that-work").aliases, ["/2023/06/charts-that-work/"]);
}

/// Every tag of a post got a `/categories/` redirect too, for pages Hugo never made.
#[test]
fn only_a_post_s_categories_get_category_page_redirects() {
    let i = imported();
    assert_eq!(
        i.redirects,
        [
            ("/tags/c++/".to_string(), "/tags/c-plus-plus/".to_string()),
            ("/categories/engineering/".into(), "/tags/engineering/".into())
        ]
    );
}

#[test]
fn bundle_images_are_copied_beside_the_post_s_images_folder() {
    let i = imported();
    let copies: Vec<&str> = i.images.iter().map(|c| c.to.as_str()).collect();
    assert_eq!(
        copies,
        [
            "/images/posts/bundle-chart/chart.png",
            "/images/posts/bundle-chart/cover.png",
            "/images/authors/maya/photo.png",
            "/images/logo.png"
        ]
    );
    assert_eq!(post(&i, "charts-that-work").image.as_deref(), Some("/images/posts/bundle-chart/cover.png"));
}

#[test]
fn authors_come_from_term_pages_data_files_and_stubs() {
    let i = imported();
    let ids: Vec<(&str, bool)> = i.authors.iter().map(|a| (a.id.as_str(), a.stub)).collect();
    assert_eq!(ids, [("chris", false), ("maya", false), ("lena", false), ("guest-writer", true)]);
    assert_eq!(post(&i, "first-steps").authors, ["chris", "maya"]);
    assert_eq!(post(&i, "charts-that-work").authors, ["maya", "lena"], "by id or by name");
    let lena = i.authors.iter().find(|a| a.id == "lena").unwrap();
    assert_eq!(lena.aliases, ["/authors/lena-virtanen/"], "Hugo's term page for the name as written");
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(48))]
    #[test]
    fn any_content_file_is_read_or_refused_without_panicking(
        fence in proptest::sample::select(vec!["---", "+++"]),
        front in "(title|date|authors|tags|aliases|url|slug|images|draft|expiryDate|[=: \t\n\\[\\]{}'\"-]|\\PC){0,80}",
        body in "(\\{\\{<|\\{\\{%|>\\}\\}|%\\}\\}|ref|figure|highlight|/|[ a-z\"=\n]|\\PC){0,60}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/posts/b")).unwrap();
        let text = format!("{fence}\n{front}\n{fence}\n{body}");
        std::fs::write(dir.path().join("content/posts/a.md"), &text).unwrap();
        std::fs::write(dir.path().join("content/posts/b/index.md"), &text).unwrap();
        let _ = read(dir.path(), &Options { uploads: None });
    }
}

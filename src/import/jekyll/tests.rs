//! The Jekyll reader on the fixture site `tests/fixtures/import/jekyll`.

use std::path::{Path, PathBuf};

use super::read;
use crate::import::{Imported, Item, LineKind, Options};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jekyll")
}

fn imported() -> Imported {
    read(&fixture(), &Options { uploads: None }).unwrap()
}

fn post<'a>(i: &'a Imported, title: &str) -> &'a Item {
    i.posts.iter().find(|p| p.title == title).unwrap()
}

#[test]
fn settings_come_from_config_yml() {
    let s = imported().settings;
    assert_eq!(s.title.as_deref(), Some("Fernhill Field Notes"));
    assert_eq!(s.base_url.as_deref(), Some("https://notes.fernhill.example/blog"));
    assert_eq!(s.language.as_deref(), Some("en-GB"));
}

#[test]
fn a_post_has_its_fields_authors_in_order_and_old_addresses() {
    let i = imported();
    let p = post(&i, "What our first backfill taught us");
    assert_eq!(p.slug, "backfills");
    assert_eq!(p.date.unwrap().to_rfc3339(), "2015-01-21T10:00:00+01:00");
    assert_eq!(p.authors, ["chris", "maya"]);
    assert_eq!(p.tags, ["rust", "pipelines", "Data Engineering"]);
    assert_eq!(p.image.as_deref(), Some("/assets/img/chart.png"));
    assert_eq!(p.image_alt.as_deref(), Some("Events per day"));
    assert_eq!(p.aliases, ["/data-engineering/2015/01/21/backfills/", "/2015/01/backfill-lessons/"]);
}

#[test]
fn liquid_is_converted_and_the_rest_listed() {
    let i = imported();
    let body = &post(&i, "What our first backfill taught us").body;
    assert!(body.contains("![Events per day](/assets/img/chart.png)"), "{body}");
    assert!(body.contains("[the follow-up](/data/2016/03/05/schema-drift/)"), "{body}");
    assert!(body.contains("[about us](/about/)"), "{body}");
    assert!(body.contains("```rust\nfn main()"), "{body}");
    assert!(body.contains("In Liquid, write {{ page.title }}."), "{body}");
    let left: Vec<_> = i.report.lines.iter().filter(|l| l.kind == LineKind::LeftAsIs).collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].origin.file.ends_with("_posts/2015-01-21-backfills.md"));
    assert_eq!(left[0].origin.line, Some(24));
    let drift = post(&i, "Schema drift, again");
    assert!(drift.body.contains("[backfills](/data-engineering/2015/01/21/backfills/)"), "{}", drift.body);
}

#[test]
fn a_tab_in_front_matter_is_replaced_and_reported() {
    let i = imported();
    assert_eq!(post(&i, "Schema drift, again").tags, ["schemas", "Data"]);
    let tab = i.report.lines.iter().find(|l| l.message.contains("tab")).unwrap();
    assert_eq!(tab.origin.line, Some(7));
}

#[test]
fn a_missing_title_a_stub_author_and_duplicate_slugs() {
    let i = imported();
    let untitled = post(&i, "Hello");
    assert_eq!(untitled.date.unwrap().to_rfc3339(), "2017-07-04T00:00:00+00:00");
    assert_eq!(untitled.aliases, ["/hello-world.html"]);
    assert_eq!(untitled.authors, ["jane-guest"]);
    let again = post(&i, "Hello again");
    assert_eq!((again.slug.as_str(), untitled.slug.as_str()), ("hello", "hello"));
    assert_eq!(again.authors, ["maya"], "the site's author is the default");
    let guest = i.authors.iter().find(|a| a.id == "jane-guest").unwrap();
    assert!(guest.stub);
    assert!(i.report.lines.iter().any(|l| l.kind == LineKind::Stub && l.message.contains("Jane Guest")));
}

#[test]
fn authors_are_mapped_to_byline_fields() {
    let i = imported();
    let maya = i.authors.iter().find(|a| a.id == "maya").unwrap();
    assert_eq!(maya.name, "Maya Okafor");
    assert_eq!(maya.role.as_deref(), Some("Head of Content"));
    assert_eq!(maya.photo.as_deref(), Some("/assets/img/maya.png"));
    assert_eq!(maya.social, [("x".into(), "mokafor".into()), ("linkedin".into(), "maya-okafor".into())]);
    let chris = i.authors.iter().find(|a| a.id == "chris").unwrap();
    assert_eq!(chris.role.as_deref(), Some("Principal Data Engineer"));
}

#[test]
fn drafts_pages_and_images() {
    let i = imported();
    let draft = post(&i, "The upcoming release");
    assert!(draft.draft);
    assert_eq!(draft.aliases, Vec::<String>::new());
    assert_eq!(i.pages.len(), 1);
    assert_eq!((i.pages[0].slug.as_str(), i.pages[0].aliases.len()), ("about", 0));
    let copied: Vec<&str> = i.images.iter().map(|c| c.to.as_str()).collect();
    assert_eq!(copied, ["/assets/img/chart.png", "/assets/img/maya.png"]);
}

/// A draft has no date in Jekyll: the written post had none and did not build.
#[test]
fn a_draft_without_a_date_is_dated_by_its_file() {
    let i = imported();
    assert!(post(&i, "The upcoming release").date.is_some());
    assert!(i.report.lines.iter().any(|l| l.message.contains("modification time")));
}

/// A draft's address, made from that date, was kept as an old address it never had.
#[test]
fn a_draft_never_published_has_no_old_address() {
    let i = imported();
    assert_eq!(post(&i, "The upcoming release").aliases, Vec::<String>::new());
}

#[test]
fn an_author_collection_gives_authors_with_their_body_as_bio() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("_authors")).unwrap();
    std::fs::create_dir_all(root.join("_posts")).unwrap();
    std::fs::write(
        root.join("_authors/sam.md"),
        "---\nname: Sam Lee\nposition: Analyst\ngithub: samlee\n---\nSam counts things.\n",
    )
    .unwrap();
    std::fs::write(root.join("_posts/2020-01-02-x.md"), "---\ntitle: X\nauthor: Sam Lee\n---\nx\n").unwrap();
    let i = read(root, &Options { uploads: None }).unwrap();
    assert_eq!(i.posts[0].authors, ["sam"]);
    let sam = &i.authors[0];
    assert_eq!(
        (sam.name.as_str(), sam.role.as_deref(), sam.bio.as_str()),
        ("Sam Lee", Some("Analyst"), "Sam counts things.")
    );
    assert_eq!(sam.social, [("github".to_string(), "samlee".to_string())]);
}

#[test]
fn broken_front_matter_is_an_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    std::fs::write(dir.path().join("_posts/2020-01-02-x.md"), "---\ntitle: X\ntags: [a\n---\nx\n").unwrap();
    let errors = read(dir.path(), &Options { uploads: None }).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].path.ends_with("_posts/2020-01-02-x.md"));
    assert!(errors[0].line.is_some() && errors[0].column.is_some(), "{:?}", errors[0]);
}

#[test]
fn an_html_post_becomes_markdown_and_link_names_a_page() {
    let i = imported();
    let notes = post(&i, "Release notes for May");
    assert_eq!(notes.authors, ["maya", "chris"]);
    assert_eq!(notes.description.as_deref(), Some("What changed in the May release of the pipeline tools."));
    assert!(notes.body.contains("[about the team](/about/)"), "{}", notes.body);
    assert!(notes.body.contains("**backfills**"), "{}", notes.body);
    assert!(!notes.body.contains("<p>"), "{}", notes.body);
}

#[test]
fn a_tab_in_config_yml_is_read_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), "title: T\nauthor:\n\tname: Sam Lee\n").unwrap();
    let i = read(dir.path(), &Options { uploads: None }).unwrap();
    assert_eq!(i.settings.title.as_deref(), Some("T"));
    let line = &i.report.lines[0];
    assert_eq!((line.kind, line.origin.line), (LineKind::Converted, Some(3)));
}

#[test]
fn a_category_folder_and_scoped_defaults() {
    let i = imported();
    let moved = post(&i, "We moved to a new office");
    assert_eq!(moved.tags, ["news"]);
    assert_eq!(moved.aliases, ["/news/2019/09/09/office-move/"]);
    assert_eq!(moved.authors, ["chris"], "from `defaults:`");
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(48))]
    #[test]
    fn any_post_file_is_read_or_refused_without_panicking(
        front in "(title|date|author|authors|tags|categories|permalink|image|published|redirect_from|slug|[: \t\n\\[\\]{}'\"-]|\\PC){0,80}",
        body in "(\\{\\{|\\{%|%\\}|\\}\\}|raw|endraw|post_url|link|highlight|[ a-z\n]|\\PC){0,60}",
        name in "(20[0-9]{2}-[01][0-9]-[0-3][0-9]-)?[a-z0-9é-]{0,12}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
        std::fs::write(dir.path().join("_posts").join(format!("{name}.md")), format!("---\n{front}\n---\n{body}")).unwrap();
        let _ = read(dir.path(), &Options { uploads: None });
    }
}

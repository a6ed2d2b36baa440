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

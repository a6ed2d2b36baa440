//! `byline import jekyll` on `tests/fixtures/import/jekyll`: multi-author posts
//! through `_data/authors.yml`, Liquid, a permalink pattern, `redirect_from`, lax
//! dates, a tab in front matter, duplicate slugs, an image under `assets/`, a draft.

use super::{Imported, fixture, import, ok};
use crate::common::attrs;

fn imported() -> Imported {
    let imported = import("jekyll", &fixture("jekyll"), &[]);
    ok(&imported);
    imported
}

#[test]
fn posts_keep_their_fields_authors_in_order_and_tags() {
    let i = imported();
    let post = "content/posts/backfills.md";
    assert_eq!(i.field(post, "title").as_deref(), Some("What our first backfill taught us"));
    assert_eq!(
        i.field(post, "date").as_deref(),
        Some("2015-01-21T10:00:00+01:00"),
        "a lax date with its offset"
    );
    assert_eq!(i.list(post, "authors"), ["chris", "maya"]);
    assert_eq!(i.list(post, "tags"), ["rust", "pipelines", "Data Engineering"]);
    assert_eq!(i.field(post, "image").as_deref(), Some("/assets/img/chart.png"));
    assert_eq!(
        i.field("content/posts/schema-drift.md", "date").as_deref(),
        Some("2016-03-05T00:00:00+00:00")
    );
    let doc = i.html("posts/backfills/index.html");
    let bylines = attrs(&doc, "a.byline-author", "href");
    assert!(bylines[0].ends_with("/authors/chris/") && bylines[1].ends_with("/authors/maya/"), "{bylines:?}");
    assert_eq!(attrs(&doc, "meta[name=author]", "content"), ["Chris Koch, Maya Okafor"]);
}

#[test]
fn authors_from_data_authors_yml_and_a_stub_for_a_guest() {
    let i = imported();
    let (maya, bio) = (i.front_matter("authors/maya.md"), i.body("authors/maya.md"));
    assert_eq!(maya["name"].as_str(), Some("Maya Okafor"));
    assert_eq!(maya["role"].as_str(), Some("Head of Content"));
    assert_eq!(maya["photo"].as_str(), Some("/assets/img/maya.png"));
    assert_eq!(maya["social"]["x"].as_str(), Some("mokafor"));
    assert!(bio.contains("Maya edits the blog"));
    assert_eq!(i.field("authors/chris.md", "role").as_deref(), Some("Principal Data Engineer"));
    assert_eq!(i.field("authors/jane-guest.md", "name").as_deref(), Some("Jane Guest"));
    assert_eq!(
        i.lines_at("stub"),
        [
            "2017-07-04-hello.markdown: the author `Jane Guest` is described nowhere: a stub author file was written"
        ]
    );
    assert_eq!(i.list("content/posts/hello-2.md", "authors"), ["maya"], "the site's author is the default");
}

#[test]
fn liquid_is_converted_and_only_what_the_report_lists_is_left() {
    let i = imported();
    let (_, body) = (i.front_matter("content/posts/backfills.md"), i.body("content/posts/backfills.md"));
    assert!(body.contains("![Events per day](/assets/img/chart.png)"), "{body}");
    assert!(
        body.contains("[the follow-up](/posts/schema-drift/)"),
        "post_url leads to the new address: {body}"
    );
    assert!(body.contains("```rust\n"), "{body}");
    assert!(body.contains("In Liquid, write {{ page.title }}."), "raw keeps its text: {body}");
    let left = i.lines_at("left_as_is");
    assert_eq!(
        left,
        ["2015-01-21-backfills.md:24: Liquid `{% include callout.html text=\"careful\" %}` left as it was"]
    );
    for (name, text) in i.bodies() {
        let (_, body) = text.split_at(text.find("\n---\n").unwrap_or(0));
        let rest =
            body.replace("{{ page.title }}", "").replace("{% include callout.html text=\"careful\" %}", "");
        assert!(!rest.contains("{%") && !rest.contains("{{"), "{name} still has Liquid: {rest}");
    }
    let drift = i.html("posts/schema-drift/index.html");
    assert!(attrs(&drift, "main a", "href").iter().any(|h| h.ends_with("/posts/backfills/")));
}

#[test]
fn every_old_address_answers() {
    let i = imported();
    i.answers("/data-engineering/2015/01/21/backfills/", "/posts/backfills/");
    i.answers("/2015/01/backfill-lessons/", "/posts/backfills/");
    i.answers("/data/2016/03/05/schema-drift/", "/posts/schema-drift/");
    i.answers("/hello-world.html", "/posts/hello/");
    i.answers("/2018/02/01/hello/", "/posts/hello-2/");
    i.answers("/about/", "/about/");
    i.answers("/news/2019/09/09/office-move/", "/posts/office-move/");
}

#[test]
fn duplicate_slugs_tab_and_missing_title_are_reported() {
    let i = imported();
    let converted = i.lines_at("converted");
    assert!(
        converted.contains(
            &"2016-03-05-schema-drift.md:7: a tab indenting the front matter was replaced by two spaces"
                .to_string()
        ),
        "{converted:?}"
    );
    assert!(
        converted.iter().any(|l| l.starts_with("2017-07-04-hello.markdown: no title: `Hello`")),
        "{converted:?}"
    );
    assert!(converted.iter().any(|l| l.contains("published as `hello-2`")), "{converted:?}");
    assert_eq!(i.list("content/posts/schema-drift.md", "tags"), ["schemas", "Data"]);
}

#[test]
fn the_draft_images_and_settings() {
    let i = imported();
    let (draft, _) =
        (i.front_matter("content/posts/upcoming-release.md"), i.body("content/posts/upcoming-release.md"));
    assert_eq!(draft["draft"].as_bool(), Some(true));
    assert!(draft.get("aliases").is_none(), "a draft was never published");
    assert!(i.dest().join("static/assets/img/chart.png").is_file());
    assert!(i.dest().join("static/assets/img/maya.png").is_file());
    assert!(!i.dest().join("static/assets/img/unused.png").exists());
    assert!(i.dest().join("public/assets/img/chart.png").is_file());
    let site = std::fs::read_to_string(i.dest().join("site.yaml")).unwrap();
    assert!(site.contains("base_url: https://notes.fernhill.example/blog/"), "{site}");
    assert!(site.contains("language: en-GB"), "{site}");
    i.check_ok();
}

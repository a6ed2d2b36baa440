//! `byline import ghost`: a Ghost 5 JSON export with co-authored posts, internal
//! tags, a scheduled post, a draft, a members-only post, cards and a page.

use scraper::Selector;

use super::{Imported, fixture, import, ok, strings};

fn imported() -> Imported {
    let imported = import("ghost", &fixture("ghost/export.json"), &[]);
    ok(&imported);
    imported
}

const POSTS: &str = "content/posts";

#[test]
fn the_export_is_imported_built_and_checked() {
    let i = imported();
    let counts = &i.report()["counts"];
    assert_eq!(
        (counts["posts"].as_u64(), counts["drafts"].as_u64(), counts["pages"].as_u64()),
        (Some(5), Some(2), Some(1))
    );
    assert_eq!(counts["authors"].as_u64(), Some(2));
    i.check_ok();
    let site: serde_yaml::Value = serde_yaml::from_str(&i.text("site.yaml")).unwrap();
    assert_eq!(site["title"].as_str(), Some("Fernhill Field Notes"));
    assert_eq!(site["description"].as_str(), Some("Notes from the field"));
    assert_eq!(site["base_url"].as_str(), Some("https://notes.fernhill.example/"));
    assert_eq!(site["language"].as_str(), Some("en"));
}

#[test]
fn co_authors_come_in_sort_order_and_internal_tags_are_dropped() {
    let i = imported();
    let post = i.front_matter(&format!("{POSTS}/shipping-faster.md"));
    assert_eq!(strings(&post["authors"]), ["chris", "maya"]);
    assert_eq!(strings(&post["tags"]), ["Engineering", "C++"]);
    assert_eq!(post["title"].as_str(), Some("Shipping faster: what we \"learned\" #1"));
    assert_eq!(post["description"].as_str(), Some("How we got to daily releases."));
    assert_eq!(post["image"].as_str(), Some("https://images.unsplash.example/feature.jpg"));
    assert_eq!(post["image_alt"].as_str(), Some("Boxes on a conveyor"));
    assert!(!i.dest().join("public/tags/hash-featured").exists());
    assert!(!i.dest().join("public/tags/featured").exists());
}

#[test]
fn scheduled_drafts_and_members_only_posts() {
    let i = imported();
    let scheduled = i.front_matter(&format!("{POSTS}/roadmap.md"));
    assert_eq!(scheduled["date"].as_str(), Some("2027-02-01T08:00:00+00:00"));
    assert!(scheduled.get("draft").is_none());
    assert!(!i.dest().join("public/posts/roadmap").exists());
    assert_eq!(i.front_matter(&format!("{POSTS}/half-written.md"))["draft"].as_bool(), Some(true));
    assert_eq!(i.front_matter(&format!("{POSTS}/for-members.md"))["draft"].as_bool(), Some(true));
    assert!(i.lines("skipped").iter().any(|l| l.contains("paid readers")), "{:?}", i.lines("skipped"));
    let source = std::fs::read_to_string(fixture("ghost/export.json")).unwrap();
    let want = source.lines().position(|l| l.contains("\"id\": \"p5\"")).map(|n| n as u64 + 1);
    let report = i.report();
    let line =
        report["lines"].as_array().unwrap().iter().find(|l| l["message"].as_str().unwrap().contains("paid"));
    assert_eq!(line.unwrap()["origin"]["line"].as_u64(), want);
}

#[test]
fn authors_keep_their_profile() {
    let i = imported();
    let maya = i.front_matter("authors/maya.md");
    assert_eq!(maya["name"].as_str(), Some("Maya Okafor"));
    assert_eq!(maya["location"].as_str(), Some("Leeds"));
    assert_eq!(maya["photo"].as_str(), Some("https://images.unsplash.example/maya.jpg"));
    assert_eq!(maya["social"]["x"].as_str(), Some("@mayawrites"));
    assert_eq!(maya["social"]["facebook"].as_str(), Some("https://www.facebook.com/mayaokafor"));
    assert!(i.body("authors/maya.md").contains("Runs the editorial calendar."));
    assert!(i.front_matter("authors/chris.md").get("photo").is_none());
    assert!(i.lines("left_as_is").iter().any(|l| l.contains("chris.jpg")));
}

#[test]
fn cards_become_markdown_and_scripts_go() {
    let i = imported();
    let body = i.body(&format!("{POSTS}/shipping-faster.md"));
    assert!(
        body.contains("![A dashboard](https://images.unsplash.example/photo.jpg)\n\n*Our dashboard*"),
        "{body}"
    );
    assert!(body.contains("[Ghost docs](https://ghost.org/docs/): How Ghost works"), "{body}");
    assert!(body.contains("> 💡 Small batches win."), "{body}");
    assert!(
        body.contains("![One](https://images.unsplash.example/a.jpg)") && body.contains("![Two]"),
        "{body}"
    );
    assert!(body.contains("<iframe"), "{body}");
    assert!(body.contains("[the drift post](/posts/schema-drift/)"), "{body}");
    let html = std::fs::read_to_string(i.dest().join("public/posts/shipping-faster/index.html")).unwrap();
    assert!(!html.contains("javascript:"));
    let page = i.html("posts/shipping-faster/index.html");
    assert!(page.select(&Selector::parse("blockquote").unwrap()).next().is_some());
}

#[test]
fn every_old_address_answers() {
    let i = imported();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("ghost/export.json")).unwrap()).unwrap();
    for post in json["db"][0]["data"]["posts"].as_array().unwrap() {
        let public = post["status"] == "published" && post["visibility"] == "public";
        if !public {
            continue;
        }
        let slug = post["slug"].as_str().unwrap();
        let to = if post["type"] == "page" { format!("/{slug}/") } else { format!("/posts/{slug}/") };
        i.answers(&format!("/{slug}/"), &to);
    }
    i.answers("/tag/engineering/", "/tags/engineering/");
    i.answers("/tag/c-plus-plus/", "/tags/c-plus-plus/");
    i.answers("/author/maya/", "/authors/maya/");
    assert_eq!(
        i.front_matter(&format!("{POSTS}/schema-drift.md"))["canonical_url"].as_str(),
        Some("https://medium.example/schema-drift")
    );
}

#[test]
fn ghost_images_are_copied_from_the_uploads_folder_and_keep_their_address() {
    let images = fixture("ghost/images");
    let i = import("ghost", &fixture("ghost/export.json"), &["--uploads", images.to_str().unwrap()]);
    ok(&i);
    let photo = "/content/images/2025/01/chris.jpg";
    assert_eq!(i.front_matter("authors/chris.md")["photo"].as_str(), Some(photo));
    let copied = std::fs::read(i.dest().join("static").join(&photo[1..])).unwrap();
    assert_eq!(copied, std::fs::read(images.join("2025/01/chris.jpg")).unwrap(), "copied as it was");
    assert!(!i.lines("left_as_is").iter().any(|l| l.contains("chris.jpg")), "{:?}", i.lines("left_as_is"));
    assert_eq!(i.report()["counts"]["images"].as_u64(), Some(1));
    i.check_ok();
    // The author page shows the photo, in byline's own sizes.
    let page = i.html("authors/chris/index.html");
    let img = Selector::parse(".author-header img, .author img, img").unwrap();
    assert!(
        page.select(&img)
            .any(|e| e.value().attr("src").is_some_and(|s| s.contains("content/images/2025/01/chris"))),
        "the photo is on the author page"
    );
}

#[test]
fn a_ghost_image_the_uploads_folder_lacks_stays_on_the_old_site_and_is_reported() {
    let empty = tempfile::tempdir().unwrap();
    let i = import("ghost", &fixture("ghost/export.json"), &["--uploads", empty.path().to_str().unwrap()]);
    ok(&i);
    assert!(
        i.lines("left_as_is")
            .iter()
            .any(|l| l.contains("chris.jpg") && l.contains("not in the uploads folder")),
        "{:?}",
        i.lines("left_as_is")
    );
    let missing = import("ghost", &fixture("ghost/export.json"), &["--uploads", "/no/such/folder"]);
    assert_eq!(missing.out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.out.stderr).contains("--uploads names no folder"));
}

//! `byline import wordpress`: the WXR fixture (three users, a Co-Authors Plus
//! guest author, categories and tags, a draft, a scheduled and a
//! password-protected post, shortcodes, Gutenberg blocks, a featured image, a
//! post with no title, a title with markup, two equal slugs), and a second small
//! export written with the `https://` namespace.

use std::fs;

use scraper::Selector;

use super::{Imported, fixture, import, ok, strings};
use crate::common::byline;

fn imported() -> Imported {
    let uploads = fixture("wordpress/uploads");
    let imported =
        import("wordpress", &fixture("wordpress/export.xml"), &["--uploads", uploads.to_str().unwrap()]);
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
        (Some(7), Some(2), Some(1))
    );
    assert_eq!((counts["authors"].as_u64(), counts["stub_authors"].as_u64()), (Some(5), Some(1)));
    assert_eq!((counts["tags"].as_u64(), counts["images"].as_u64()), (Some(4), Some(2)));
    assert!(i.dest().join("public/index.html").is_file());
    i.check_ok();
}

#[test]
fn users_guest_authors_and_co_authors_keep_their_order() {
    let i = imported();
    let post = i.front_matter(&format!("{POSTS}/hello-world.md"));
    assert_eq!(strings(&post["authors"]), ["priya", "maya"]);
    let priya = i.front_matter("authors/priya.md");
    assert_eq!(priya["name"].as_str(), Some("Priya Raman"));
    assert_eq!(priya["email"].as_str(), Some("priya@partner.example"));
    assert_eq!(priya["social"]["website"].as_str(), Some("https://priya.example"));
    assert!(i.body("authors/priya.md").contains("**security**"));
    assert_eq!(i.front_matter("authors/chris.md")["name"].as_str(), Some("Chris Koch"));
    assert_eq!(i.front_matter("authors/lena-v.md")["name"].as_str(), Some("Lena Virtanen"));
    let page = i.html("posts/hello-world/index.html");
    let byline = Selector::parse("a[href*='/authors/']").unwrap();
    let names: Vec<String> = page.select(&byline).map(|a| a.text().collect::<String>()).collect();
    let (p, m) =
        (names.iter().position(|n| n.contains("Priya")), names.iter().position(|n| n.contains("Maya")));
    assert!(p.is_some() && m.is_some() && p < m, "{names:?}");
}

#[test]
fn an_unknown_creator_gets_a_stub_author_and_a_report_line() {
    let i = imported();
    let post = i.front_matter(&format!("{POSTS}/quarterly-numbers-are-in-and-they-look-good.md"));
    assert_eq!(strings(&post["authors"]), ["ghostwriter"]);
    assert_eq!(i.front_matter("authors/ghostwriter.md")["name"].as_str(), Some("ghostwriter"));
    assert!(i.lines("stub").iter().any(|l| l.contains("ghostwriter")), "{:?}", i.lines("stub"));
}

#[test]
fn drafts_scheduled_and_password_protected_posts() {
    let i = imported();
    let draft = i.front_matter(&format!("{POSTS}/an-unfinished-thought.md"));
    assert_eq!(draft["draft"].as_bool(), Some(true));
    let scheduled = i.front_matter(&format!("{POSTS}/coming-in-spring.md"));
    assert_eq!(scheduled["date"].as_str(), Some("2027-03-01T09:00:00+00:00"));
    assert!(scheduled.get("draft").is_none());
    assert!(!i.dest().join("public/posts/coming-in-spring").exists());
    let secret = i.front_matter(&format!("{POSTS}/members-only.md"));
    assert_eq!(secret["draft"].as_bool(), Some(true));
    assert!(!i.dest().join("public/posts/members-only").exists());
    assert!(i.lines("skipped").iter().any(|l| l.contains("password-protected")), "{:?}", i.lines("skipped"));
    let published = i.front_matter(&format!("{POSTS}/pipelines.md"));
    assert_eq!(published["date"].as_str(), Some("2021-06-01T08:30:00+00:00"));
}

#[test]
fn categories_and_tags_both_become_tags() {
    let i = imported();
    let post = i.front_matter(&format!("{POSTS}/pipelines.md"));
    assert_eq!(strings(&post["tags"]), ["Data Engineering", "C#", "Rust"]);
    assert!(i.dest().join("public/tags/c-sharp/index.html").is_file());
    assert!(i.dest().join("public/tags/data-engineering/index.html").is_file());
}

#[test]
fn a_title_with_markup_and_special_characters_is_plain_text() {
    let i = imported();
    let want = "Hello world: a \"first\" post & #1";
    let post = i.front_matter(&format!("{POSTS}/hello-world.md"));
    assert_eq!(post["title"].as_str(), Some(want));
    assert_eq!(post["description"].as_str(), Some("Why we started writing."));
    let page = i.html("posts/hello-world/index.html");
    let h1 = page.select(&Selector::parse("h1").unwrap()).next().unwrap();
    assert_eq!(h1.text().collect::<String>().trim(), want);
}

#[test]
fn a_post_with_no_title_gets_one_from_its_first_line() {
    let i = imported();
    let post = i.front_matter(&format!("{POSTS}/quarterly-numbers-are-in-and-they-look-good.md"));
    assert_eq!(post["title"].as_str(), Some("Quarterly numbers are in, and they look good"));
    assert!(i.lines("converted").iter().any(|l| l.starts_with("no title")));
}

#[test]
fn the_second_of_two_equal_slugs_gets_a_number_and_keeps_its_old_address() {
    let i = imported();
    let second = i.front_matter(&format!("{POSTS}/hello-world-2.md"));
    assert_eq!(second["title"].as_str(), Some("Hello again"));
    assert_eq!(strings(&second["aliases"]), ["/2022/01/01/hello-world/"]);
    assert!(i.lines("converted").iter().any(|l| l.contains("hello-world-2")));
    i.answers("/2022/01/01/hello-world/", "/posts/hello-world-2/");
}

#[test]
fn every_old_address_answers() {
    let i = imported();
    let xml = fs::read_to_string(fixture("wordpress/export.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let wp = "http://wordpress.org/export/1.2/";
    let mut checked = 0;
    for item in doc.descendants().filter(|n| n.has_tag_name("item")) {
        let field = |name: (&str, &str)| {
            item.children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.text())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let published = field((wp, "status")) == "publish" && field((wp, "post_password")).is_empty();
        let kind = field((wp, "post_type"));
        let link = item
            .children()
            .find(|c| c.has_tag_name("link"))
            .and_then(|c| c.text())
            .unwrap_or("")
            .trim()
            .to_string();
        if !published || !(kind == "post" || kind == "page") || link.contains('?') {
            continue;
        }
        let path = &link["https://old.fernhill.example".len()..];
        let rel = format!("public/{}index.html", path.trim_start_matches('/'));
        assert!(i.dest().join(&rel).is_file(), "{link} does not answer ({rel})");
        checked += 1;
    }
    assert_eq!(checked, 5);
    i.answers("/2021/05/04/hello-world/", "/posts/hello-world/");
    i.answers("/2021/09/01/9/", "/posts/quarterly-numbers-are-in-and-they-look-good/");
    i.answers("/category/news/", "/tags/news/");
    i.answers("/tag/c-sharp/", "/tags/c-sharp/");
    i.answers("/author/maya/", "/authors/maya/");
    i.answers("/about/", "/about/");
    assert!(i.dest().join("public/wp-content/uploads/2021/05/chart.png").is_file());
}

#[test]
fn no_shortcode_or_block_syntax_is_left_but_what_the_report_lists() {
    let i = imported();
    let left = i.lines("left_as_is");
    for entry in fs::read_dir(i.dest().join(POSTS)).unwrap() {
        let body = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!body.contains("<!-- wp:") && !body.contains("<!-- /wp:"), "{body}");
        for name in ["caption", "gallery", "embed", "video", "audio"] {
            assert!(!body.contains(&format!("[{name}")) && !body.contains(&format!("[/{name}]")), "{body}");
        }
    }
    let first = i.body(&format!("{POSTS}/hello-world.md"));
    assert!(first.contains("[https://vimeo.com/76979871](https://vimeo.com/76979871)"), "{first}");
    assert!(first.contains("## Why we write") && !first.contains("wp-block"), "{first}");
    let body = i.body(&format!("{POSTS}/pipelines.md"));
    assert!(body.contains("[contact-form-7 id=\"42\" title=\"Contact us\"]"), "{body}");
    assert!(left.iter().any(|l| l.contains("[contact-form-7]")), "{left:?}");
    let line = i.report()["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["message"].as_str().unwrap().contains("contact-form-7"))
        .unwrap()["origin"]["line"]
        .as_u64();
    assert_eq!(line, Some(130));
}

#[test]
fn shortcodes_become_figures_galleries_and_media() {
    let i = imported();
    let body = i.body(&format!("{POSTS}/pipelines.md"));
    assert!(body.contains("![The team](/wp-content/uploads/2021/05/team.png)"), "{body}");
    assert!(body.contains("*The team, on call*"), "{body}");
    assert!(body.contains("![chart](/wp-content/uploads/2021/05/chart.png)"), "{body}");
    assert!(body.contains("<video controls"), "{body}");
    assert!(body.contains("<audio controls"), "{body}");
    assert!(body.contains("(https://www.youtube.com/watch?v=dQw4w9WgXcQ)"), "{body}");
    assert!(body.starts_with("Pipelines break at night."), "{body}");
    let page = i.html("posts/pipelines/index.html");
    assert!(page.select(&Selector::parse("video[src]").unwrap()).next().is_some());
}

#[test]
fn the_featured_image_is_copied_and_named() {
    let i = imported();
    let post = i.front_matter(&format!("{POSTS}/hello-world.md"));
    assert_eq!(post["image"].as_str(), Some("/wp-content/uploads/2021/05/chart.png"));
    assert!(i.dest().join("static/wp-content/uploads/2021/05/chart.png").is_file());
    assert!(
        i.body(&format!("{POSTS}/hello-world.md"))
            .contains("![A chart](/wp-content/uploads/2021/05/chart.png)")
    );
}

#[test]
fn internal_links_point_at_the_new_addresses() {
    let i = imported();
    assert!(i.body(&format!("{POSTS}/hello-world.md")).contains("[the pipelines post](/posts/pipelines/)"));
    let body = i.body(&format!("{POSTS}/pipelines.md"));
    assert!(body.contains("[the first post](/posts/hello-world/)"), "{body}");
    assert!(body.contains("[news](/tags/news/)"), "{body}");
}

#[test]
fn a_script_url_or_handler_never_reaches_a_page() {
    let i = imported();
    let html = fs::read_to_string(i.dest().join("public/posts/hello-world/index.html")).unwrap();
    for bad in ["javascript:", "onerror", "alert("] {
        assert!(!html.contains(bad), "{bad} in the page");
    }
}

#[test]
fn without_uploads_images_stay_on_the_old_site_with_report_lines() {
    let i = import("wordpress", &fixture("wordpress/export.xml"), &[]);
    ok(&i);
    assert!(!i.dest().join("static/wp-content").exists());
    let body = i.body(&format!("{POSTS}/pipelines.md"));
    assert!(body.contains("https://old.fernhill.example/wp-content/uploads/2021/05/team.png"), "{body}");
    let left = i.lines("left_as_is");
    assert!(
        left.contains(&"3 uploads stay on the old site (give --uploads to copy them)".to_string()),
        "{left:?}"
    );
    let mut unique = left.clone();
    unique.dedup();
    assert_eq!(unique, left, "a line is given twice");
    i.check_ok();
}

#[test]
fn the_https_namespace_spelling_is_read() {
    let i = import("wordpress", &fixture("wordpress/export-https.xml"), &[]);
    ok(&i);
    let post = i.front_matter(&format!("{POSTS}/gruezi.md"));
    assert_eq!(strings(&post["authors"]), ["ana"]);
    assert_eq!(post["description"].as_str(), Some("Ein Gruss."));
    assert_eq!(post["date"].as_str(), Some("2024-02-03T04:05:06+00:00"));
    assert_eq!(i.front_matter("authors/ana.md")["name"].as_str(), Some("Ana Díaz"));
    let site: serde_yaml::Value = serde_yaml::from_str(&i.text("site.yaml")).unwrap();
    assert_eq!(site["language"].as_str(), Some("de-CH"));
    i.answers("/gruezi/", "/posts/gruezi/");
}

#[test]
fn a_post_with_no_content_every_special_character_and_120_tags() {
    let i = import("wordpress", &fixture("wordpress/export-https.xml"), &[]);
    ok(&i);
    let post = i.front_matter(&format!("{POSTS}/empty.md"));
    let want = "Tab here & \"q\" 'a' bold: # [x] {y} % @ ! | > * ? \\ é 🎉 ---";
    assert_eq!(post["title"].as_str(), Some(want));
    assert_eq!(strings(&post["tags"]).len(), 120);
    assert_eq!(i.body(&format!("{POSTS}/empty.md")).trim(), "");
    let page = i.html("posts/empty/index.html");
    let h1 = page.select(&Selector::parse("h1").unwrap()).next().unwrap();
    assert_eq!(h1.text().collect::<String>().trim(), want);
    assert!(i.dest().join("public/tags/tag-119/index.html").is_file());
    i.check_ok();
}

#[test]
fn site_settings_and_redirects_are_written() {
    let i = imported();
    let site: serde_yaml::Value = serde_yaml::from_str(&i.text("site.yaml")).unwrap();
    assert_eq!(site["title"].as_str(), Some("Fernhill Notes: \"Data\" & #things"));
    assert_eq!(site["base_url"].as_str(), Some("https://old.fernhill.example/"));
    assert_eq!(site["redirects"]["/category/data-engineering/"].as_str(), Some("/tags/data-engineering/"));
}

#[test]
fn the_human_report_has_counts_lines_with_places_and_next_steps() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("site");
    let out = byline()
        .args(["import", "wordpress"])
        .arg(fixture("wordpress/export.xml"))
        .arg(&dest)
        .args(["--now", crate::common::NOW])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("7 posts (2 drafts), 1 page, 5 authors (1 stubs), 4 tags"), "{text}");
    assert!(text.contains("Left as it was"), "{text}");
    assert!(text.contains("export.xml:130: the shortcode [contact-form-7]"), "{text}");
    assert!(text.contains(&format!("byline serve {}", dest.display())), "{text}");
}

#[test]
fn a_broken_export_is_an_error_with_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("broken.xml");
    fs::write(&source, "<rss>\n<channel>\n<item><title>x</channel>\n").unwrap();
    let dest = dir.path().join("site");
    let out = byline().args(["import", "wordpress"]).arg(&source).arg(&dest).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.xml:3:"), "{err}");
    assert!(!dest.exists());
}

#[test]
fn a_site_that_does_not_build_fails_the_import_and_keeps_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let uploads = dir.path().join("uploads/2021/05");
    fs::create_dir_all(&uploads).unwrap();
    fs::write(uploads.join("chart.png"), "not a picture").unwrap();
    fs::write(uploads.join("team.png"), "not a picture either").unwrap();
    let dest = dir.path().join("site");
    let out = byline()
        .args(["import", "wordpress"])
        .arg(fixture("wordpress/export.xml"))
        .arg(&dest)
        .arg("--uploads")
        .arg(dir.path().join("uploads"))
        .args(["--now", crate::common::NOW])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chart.png"), "{err}");
    assert!(err.contains("the files written stay"), "{err}");
    assert!(dest.join("content/posts/hello-world.md").is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Next steps"));
}

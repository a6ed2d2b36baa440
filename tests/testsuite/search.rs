//! Full-text search: the records in the Pagefind index (read back from its
//! compressed fragments), what is left out of it, the search page, `search:
//! false`, and when the index is rebuilt. The browser side (finding, filters,
//! axe) is `.ci/search-check.mjs`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::common::{TestSite, attrs, sel, stdout, tree};

/// Every record of the index in `out`, by URL: Pagefind's fragments are gzip'd
/// JSON after a signature.
fn records(out: &Path) -> BTreeMap<String, Value> {
    let mut found = BTreeMap::new();
    for entry in fs::read_dir(out.join("pagefind/fragment")).expect("the index has fragments") {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text).expect("a gzip'd fragment");
        let json = text.strip_prefix(b"pagefind_dcd").expect("Pagefind's signature");
        let v: Value = serde_json::from_slice(json).expect("a fragment is JSON");
        found.insert(v["url"].as_str().unwrap().to_string(), v);
    }
    found
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect()).unwrap_or_default()
}

fn built() -> TestSite {
    let site = TestSite::new("search");
    site.build_ok(&[]);
    site
}

#[test]
fn the_index_has_one_record_per_published_post_author_and_page() {
    let site = TestSite::new("search");
    site.write(
        "content/posts/held-back.md",
        "---\ntitle: Not yet\ndate: 2030-01-01T00:00:00Z\nauthors: [maya-okafor]\n---\nA future post.\n",
    );
    site.write("content/posts/a-draft.md", "---\ntitle: Draft\ndate: 2025-01-01T00:00:00Z\nauthors: [maya-okafor]\ndraft: true\n---\nDraft text.\n");
    site.build_ok(&[]);
    let all = records(&site.out());
    let kinds: Vec<(String, String)> =
        all.iter().map(|(u, r)| (u.clone(), r["meta"]["kind"].as_str().unwrap().to_string())).collect();
    let count = |k: &str| kinds.iter().filter(|(_, kind)| kind == k).count();
    assert_eq!((count("post"), count("author"), count("page")), (7, 3, 1), "{kinds:?}");
    assert!(!all.contains_key("/posts/held-back/") && !all.contains_key("/posts/a-draft/"));
    for (url, r) in &all {
        let kind = strings(&r["filters"]["kind"]);
        let want = match r["meta"]["kind"].as_str() {
            Some("post") => "Posts",
            Some("author") => "Authors",
            _ => "Pages",
        };
        assert_eq!(kind, [want], "{url}");
        assert!(!r["meta"]["title"].as_str().unwrap_or_default().is_empty(), "{url} has a title");
    }
}

#[test]
fn a_co_authored_post_is_filed_under_every_author_with_its_tags_year_and_series() {
    let site = built();
    let all = records(&site.out());
    let plan = &all["/posts/migration-plan/"];
    assert_eq!(strings(&plan["filters"]["author"]), ["Maya Okafor", "Tomas Adeyemi"]);
    assert_eq!(strings(&plan["filters"]["tag"]), ["Customer success", "Data engineering"]);
    assert_eq!(strings(&plan["filters"]["year"]), ["2025"]);
    assert!(plan["filters"].get("series").is_none());
    assert_eq!(plan["meta"]["authors"], "Maya Okafor\nTomas Adeyemi");
    assert_eq!(plan["meta"]["date"], "2025-03-14");
    let lag = &all["/posts/measuring-lag/"];
    assert_eq!(strings(&lag["filters"]["series"]), ["Pipeline health"]);
    // Maya's photo is a raster image of the site: its small square variant.
    let photos = plan["meta"]["photos"].as_str().unwrap();
    let maya = photos.lines().next().unwrap();
    assert!(maya.ends_with("-64.webp"), "{photos}");
    let file = maya.strip_prefix("https://notes.harbourline.example/").unwrap();
    assert!(site.out().join(file).is_file(), "{file} is published");
    let author = &all["/authors/tomas-adeyemi/"];
    assert!(author["content"].as_str().unwrap().contains(author["meta"]["title"].as_str().unwrap()));
}

#[test]
fn calls_to_action_footer_and_navigation_are_not_indexed() {
    let site = built();
    let all = records(&site.out());
    // The fixture's call to action says "zephyrine", its footer "larkwhistle".
    assert!(site.read("posts/renewal-season/index.html").contains("zephyrine"));
    assert!(site.read("index.html").to_lowercase().contains("larkwhistle"));
    for (url, r) in &all {
        let text = r["content"].as_str().unwrap().to_lowercase();
        for word in ["zephyrine", "larkwhistle", "subscribe:", "skip to content"] {
            assert!(!text.contains(word), "{url} indexes `{word}`: {text}");
        }
    }
    assert!(all["/posts/conveyor-lessons/"]["content"].as_str().unwrap().contains("quillwort"));
}

#[test]
fn text_a_writer_typed_as_markup_reaches_the_index_escaped() {
    let site = TestSite::new("search");
    site.write(
        "content/posts/markup.md",
        "---\ntitle: Tags & <b>bold</b>\ndate: 2025-05-05T00:00:00Z\nauthors: [priya-raman]\n---\nWrite `<script>alert(1)</script>` & see.\n",
    );
    site.build_ok(&[]);
    let r = &records(&site.out())["/posts/markup/"];
    let text = r["content"].as_str().unwrap();
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && text.contains("&amp; see"), "{text}");
    assert!(!text.contains("<script") && !text.contains("<b>"), "{text}");
}

#[test]
fn the_search_page_is_noindex_out_of_the_sitemap_and_every_other_page_has_the_field() {
    let site = built();
    let page = site.html("search/index.html");
    assert_eq!(attrs(&page, r#"meta[name="robots"]"#, "content"), ["noindex"]);
    assert!(
        page.select(&sel("header form[role=search]")).next().is_none(),
        "no header form on the search page"
    );
    for file in [
        "index.html",
        "posts/renewal-season/index.html",
        "authors/maya-okafor/index.html",
        "about/index.html",
    ] {
        let doc = site.html(file);
        let action = attrs(&doc, "header form[role=search]", "action");
        assert_eq!(action, ["https://notes.harbourline.example/search/"], "{file}");
        assert_eq!(attrs(&doc, "header form[role=search] input[type=search]", "name"), ["q"], "{file}");
    }
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/search/") && !sitemap.contains("pagefind"), "{sitemap}");
    assert!(site.out().join("pagefind/pagefind.js").is_file());
    assert!(site.out().join("js/search.js").is_file());
    assert!(!site.out().join("pagefind/pagefind-ui.js").exists(), "Pagefind's own UI is left out");
}

#[test]
fn search_false_leaves_out_the_index_the_page_and_the_field() {
    let site = TestSite::new("search");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}search: false\n"));
    site.build_ok(&[]);
    assert!(!site.out().join("pagefind").exists() && !site.out().join("search").exists());
    let doc = site.html("index.html");
    assert!(doc.select(&sel("form[role=search]")).next().is_none());
    // Turned on again, then off: the index byline wrote is removed.
    site.write("site.yaml", &yaml);
    site.build_ok(&[]);
    assert!(site.out().join("pagefind/pagefind-entry.json").is_file());
    site.write("site.yaml", format!("{yaml}search: false\n"));
    site.build_ok(&[]);
    assert!(!site.out().join("pagefind").exists());
}

/// The index's files and their bytes.
fn index_files(site: &TestSite) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    tree(&site.out().join("pagefind"))
}

#[test]
fn a_no_op_or_a_theme_only_rebuild_leaves_the_index_alone_and_new_text_rebuilds_it() {
    let site = built();
    let before = index_files(&site);
    let stamp = |s: &TestSite| {
        fs::metadata(s.out().join("pagefind/pagefind-entry.json")).unwrap().modified().unwrap()
    };
    let first = stamp(&site);
    let out = site.build_ok(&[]);
    assert!(stdout(&out).contains("(0 rendered"), "{}", stdout(&out));
    // A stylesheet of the site's own and a changed template: pages change, the index does not.
    site.write("static/css/extra.css", "body { color: #111; }\n");
    let post = byline_template("post.html");
    site.write("templates/post.html", post.replace("</article>", "<p>Template-only change.</p></article>"));
    let out = site.build_ok(&[]);
    assert!(!stdout(&out).contains("(0 rendered"), "the posts were re-rendered");
    assert_eq!(index_files(&site), before);
    assert_eq!(stamp(&site), first, "the index files were not touched");
    // New searchable text: a new index, and the old chunks gone.
    let lessons = site.root().join("content/posts/conveyor-lessons.md");
    let text = fs::read_to_string(&lessons).unwrap();
    fs::write(&lessons, text.replace("the quillwort incident", "the bramblewick incident")).unwrap();
    site.build_ok(&[]);
    let after = index_files(&site);
    assert_ne!(after, before);
    let all = records(&site.out());
    assert_eq!(all.len(), 11, "old fragments were removed");
    let lessons = all["/posts/conveyor-lessons/"]["content"].as_str().unwrap();
    assert!(lessons.contains("bramblewick") && !lessons.contains("quillwort"));
}

/// The default theme's template `name`.
fn byline_template(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates").join(name))
        .unwrap()
}

#[test]
fn an_edit_of_a_field_search_does_not_read_leaves_the_index_alone() {
    let site = built();
    let before = index_files(&site);
    let author = site.root().join("authors/priya-raman.md");
    let text = fs::read_to_string(&author).unwrap();
    fs::write(&author, text.replacen("---\n", "---\nemail: priya@harbourline.example\n", 1)).unwrap();
    let out = site.build_ok(&[]);
    assert!(!stdout(&out).contains("(0 rendered"), "her pages show the address");
    assert!(site.read("authors/priya-raman/index.html").contains("priya@harbourline.example"));
    assert_eq!(index_files(&site), before, "an email address is not indexed: the index stays");
}

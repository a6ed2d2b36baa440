//! Whatever people write lands as text: escaped in HTML text, attributes and feeds,
//! and template syntax in a post is never evaluated.

use crate::common::{TestSite, attrs, sel, texts};
const TITLE: &str = r#"Quotes "here" & <script>alert('t')</script> 🎉"#;
const DESCRIPTION: &str = r#"Desc with "quotes", <b>tags</b> & ampersands"#;
const NAME: &str = r#"Eve "Mallory" <script>x()</script> & Co"#;

fn hostile_site() -> TestSite {
    let site = TestSite::new("basic");
    site.write(
        "authors/eve.md",
        format!("---\nname: '{NAME}'\nrole: '<i>Role</i> & \"more\"'\n---\nBio with & and \"quotes\" and {{{{ site.title }}}}.\n"),
    );
    site.write(
        "content/posts/hostile.md",
        format!(
            "---\ntitle: '{}'\ndescription: '{DESCRIPTION}'\ndate: 2024-05-01\nauthors: [eve]\ntags: ['R&D <x>']\n---\nBody with {{{{ site.title }}}} and {{% if true %}}raw{{% endif %}} and a & b.\n",
            TITLE.replace('\'', "''")
        ),
    );
    site.build_ok(&[]);
    site
}

#[test]
fn titles_names_and_descriptions_are_escaped_in_html() {
    let site = hostile_site();
    let doc = site.html("posts/hostile/index.html");
    assert_eq!(texts(&doc, "h1"), [TITLE]);
    assert!(texts(&doc, "title")[0].starts_with(TITLE));
    assert_eq!(attrs(&doc, "meta[name=description]", "content"), [DESCRIPTION]);
    assert_eq!(texts(&doc, ".post-header .lede"), [DESCRIPTION]);
    assert_eq!(texts(&doc, ".post-header .byline a > span:not(.avatar)"), [NAME]);
    let scripts: Vec<_> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1, "only the JSON-LD script: none came from user text");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    let ld: serde_json::Value =
        serde_json::from_str(&scripts[0].text().collect::<String>()).expect("JSON-LD parses");
    assert_eq!(ld["@graph"][0]["headline"], TITLE);
    assert_eq!(ld["@graph"][0]["author"][0]["name"], NAME);
    assert_eq!(doc.select(&sel(".post-header i, .lede b")).count(), 0);
    let raw = site.read("posts/hostile/index.html");
    assert!(!raw.contains("<script>"), "raw <script> in output");
    let author = site.html("authors/eve/index.html");
    assert_eq!(texts(&author, "h1"), [NAME]);
    assert_eq!(texts(&author, ".author-role"), ["<i>Role</i> & \"more\""]);
    assert_eq!(
        attrs(&author, "meta[name=description]", "content")[0],
        "Bio with & and \u{201c}quotes\u{201d} and {{ site.title }}."
    );
    assert_eq!(texts(&doc, ".tags a"), ["R&D <x>"]);
}

#[test]
fn template_syntax_in_a_post_is_text() {
    let site = hostile_site();
    let doc = site.html("posts/hostile/index.html");
    let body = texts(&doc, ".prose p")[0].clone();
    assert_eq!(body, "Body with {{ site.title }} and {% if true %}raw{% endif %} and a & b.");
}

#[test]
fn hostile_text_is_escaped_in_the_feed() {
    let site = hostile_site();
    let xml = site.read("rss.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed parses");
    let entry = feed.entries.iter().find(|e| e.links[0].href.ends_with("/posts/hostile/")).unwrap();
    assert_eq!(entry.title.as_ref().unwrap().content, TITLE);
    assert_eq!(entry.authors[0].name.as_deref(), Some(NAME));
    assert_eq!(entry.categories[0].term, "R&D <x>");
    assert!(!xml.contains("<script>"));
}

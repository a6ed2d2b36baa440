//! Rebuilds while serving: edits, new and deleted posts, a broken file that keeps the
//! last good site, and a served tree that is a fresh build after a series of edits.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use super::{Server, free_port, header, next_event, stop};
use crate::common::{self, TestSite, byline};

#[test]
fn an_edit_is_rebuilt_and_tabs_reload() {
    let server = Server::start("basic");
    let mut events = server.events();
    let post = server.site.root().join("content/posts/joint.md");
    let text =
        std::fs::read_to_string(&post).unwrap().replace("Two authors wrote this.", "Edited while serving.");
    std::fs::write(&post, text).unwrap();
    assert_eq!(next_event(&mut events).0, "reload");
    assert!(server.get("/posts/joint/").1.contains("Edited while serving."));
}

#[test]
fn adding_and_deleting_a_post_updates_the_lists() {
    let server = Server::start("basic");
    let mut events = server.events();
    server.site.write(
        "content/posts/brand-new.md",
        "---\ntitle: Brand new post\ndate: 2024-06-01\nauthors: [chris-koch]\ntags: [Engines]\n---\nFresh.\n",
    );
    assert_eq!(next_event(&mut events).0, "reload");
    assert!(server.get("/").1.contains("Brand new post"));
    assert!(server.get("/authors/chris-koch/").1.contains("Brand new post"));
    server.site.remove("content/posts/brand-new.md");
    assert_eq!(next_event(&mut events).0, "reload");
    assert!(!server.get("/").1.contains("Brand new post"));
    assert!(!server.get("/authors/chris-koch/").1.contains("Brand new post"));
    assert_eq!(server.get("/posts/brand-new/").0, 404);
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_is_reported() {
    let server = Server::start("basic");
    let mut events = server.events();
    let before = server.get("/posts/joint/").1;
    server.site.write(
        "content/posts/joint.md",
        "---\ntitle: [broken\ndate: 2024-03-01\nauthors: [ada-lovelace]\n---\nBroken.\n",
    );
    let (name, data) = next_event(&mut events);
    assert_eq!(name, "error");
    assert!(data.contains("content/posts/joint.md:3:"), "{data}");
    let (status, now) = server.get("/posts/joint/");
    assert_eq!(status, 200);
    assert_eq!(
        now,
        before.replace(header(&before, "date").unwrap_or(""), header(&now, "date").unwrap_or("")),
        "the last good page"
    );
    // A tab opened now sees the error at once.
    let mut late = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    late.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(late, "GET /__byline/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", server.port).unwrap();
    assert_eq!(next_event(&mut BufReader::new(late)).0, "error");
    server.site.write(
        "content/posts/joint.md",
        "---\ntitle: Fixed again\ndate: 2024-03-01\nauthors: [ada-lovelace]\n---\nFixed.\n",
    );
    assert_eq!(next_event(&mut events).0, "reload");
    assert!(server.get("/posts/joint/").1.contains("Fixed again"));
}

#[test]
fn after_a_series_of_edits_the_served_tree_is_a_fresh_build() {
    let server = Server::start("basic");
    let mut events = server.events();
    server.site.write(
        "content/posts/extra.md",
        "---\ntitle: Extra\ndate: 2024-07-01\nauthors: [ada-lovelace]\ntags: [New tag]\n---\nExtra.\n",
    );
    assert_eq!(next_event(&mut events).0, "reload");
    server
        .site
        .write("authors/chris-koch.md", "---\nname: Chris Koch\nrole: Staff Engineer\n---\nNew bio.\n");
    assert_eq!(next_event(&mut events).0, "reload");
    server.site.remove("content/posts/second-post.md");
    assert_eq!(next_event(&mut events).0, "reload");
    // A post linking to another, then the other moves: the link follows.
    server.site.write(
        "content/posts/linker.md",
        "---\ntitle: Linker\ndate: 2024-07-02\nauthors: [chris-koch]\n---\nSee [extra](@/posts/extra.md).\n",
    );
    assert_eq!(next_event(&mut events).0, "reload");
    let extra = server.site.root().join("content/posts/extra.md");
    let text = std::fs::read_to_string(&extra).unwrap();
    server.site.write("content/posts/extra.md", text.replacen("title:", "slug: moved\ntitle:", 1));
    assert_eq!(next_event(&mut events).0, "reload");
    let (_, linker) = server.get("/posts/linker/");
    let doc = scraper::Html::parse_document(&linker);
    let link = doc.select(&common::sel("a")).find(|a| a.text().collect::<String>() == "extra");
    let href = link.and_then(|a| a.value().attr("href")).unwrap_or_default();
    assert!(href.ends_with("/posts/moved/"), "the link in the post did not follow the moved post: {href}");
    // A template, the settings and a static file.
    server.site.write("templates/partials/card.html", format!("{}<!-- custom -->", common::THEME_CARD));
    assert_eq!(next_event(&mut events).0, "reload");
    let yaml = std::fs::read_to_string(server.site.root().join("site.yaml")).unwrap();
    server.site.write("site.yaml", yaml.replacen("title: Fixture Blog", "title: Fixture Journal", 1));
    assert_eq!(next_event(&mut events).0, "reload");
    server.site.write("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_eq!(next_event(&mut events).0, "reload");
    let out = server.site.dir.path().join("fresh");
    let status = byline()
        .args(["build", server.site.root().to_str().unwrap(), "--drafts", "--future", "--quiet", "--output"])
        .arg(&out)
        .args(["--base-url", &format!("http://127.0.0.1:{}/", server.port)])
        .status()
        .unwrap();
    assert!(status.success());
    let served = common::tree(&server.out_dir());
    let fresh = common::tree(&out);
    assert_eq!(served.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>());
    for (path, bytes) in &fresh {
        assert!(served[path] == *bytes, "{} differs from a fresh build", path.display());
    }
}

#[test]
fn serve_no_drafts_keeps_drafts_parsed_between_rebuilds() {
    let site = TestSite::new("basic");
    let mut child = byline()
        .args(["serve", site.root().to_str().unwrap(), "--port", &free_port().to_string(), "--no-drafts"])
        .env("BYLINE_TIMINGS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let err = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in err.lines().map_while(Result::ok) {
            if let Some(rest) = line.trim().strip_prefix("cache: ") {
                let _ = tx.send(rest.to_string());
            }
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    let files: usize = first.split(" of ").nth(1).and_then(|r| r.split(' ').next()).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(site.root().join("content/posts/joint.md")).unwrap();
    let mut after = String::new();
    // The watcher may start a moment after the first build: save until a rebuild runs.
    for attempt in 0..20 {
        site.write("content/posts/joint.md", format!("{text}\nEdit {attempt}.\n"));
        if let Ok(line) = rx.recv_timeout(Duration::from_secs(2)) {
            after = line;
            break;
        }
    }
    stop(&mut child);
    // Only the edited file is parsed again: the draft and the future post are kept.
    assert_eq!(after, format!("{} of {files} files reused, 0 damaged entries ignored", files - 1));
}

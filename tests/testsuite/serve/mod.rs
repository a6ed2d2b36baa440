//! `byline serve` over real HTTP: pages, traversal, live reload after edits, a broken
//! file that keeps the last good site served, and a served tree that matches a fresh
//! build. Waits poll with deadlines; no fixed sleeps.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, TestSite};

struct Server {
    child: Child,
    port: u16,
    site: TestSite,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(self.out_dir().parent().unwrap());
    }
}

/// Stops a server as Ctrl-C would, so it removes its temporary folder.
fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Polls `f` until it returns `Some` or `secs` pass.
fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts `byline serve SITE ARGS`, reads its output up to the line "serving SITE at
/// http://127.0.0.1:PORT/ ..." and returns it; the rest of the output is drained.
fn spawn_serve(site: &TestSite, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("byline"))
        .arg("serve")
        .arg(site.root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("serving ") {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "serve exited before serving");
    }
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    (child, line)
}

impl Server {
    fn start(fixture: &str) -> Server {
        let site = TestSite::new(fixture);
        let port = free_port();
        // The port it really took (another test may have taken ours meanwhile).
        let (child, line) = spawn_serve(&site, &["--port", &port.to_string()]);
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or(port);
        let server = Server { child, port, site };
        wait_for(30, "the server to answer", || server.try_get("/").filter(|(s, _)| *s == 200));
        server
    }

    fn out_dir(&self) -> PathBuf {
        std::env::temp_dir().join(format!("byline-serve-{}", self.child.id())).join("site")
    }

    fn request(&self, method: &str, path: &str) -> Option<(u16, String)> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        write!(s, "{method} {path} HTTP/1.0\r\nHost: localhost:{}\r\n\r\n", self.port).ok()?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).ok()?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text.split_whitespace().nth(1)?.parse().ok()?;
        Some((status, text))
    }

    fn try_get(&self, path: &str) -> Option<(u16, String)> {
        self.request("GET", path)
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path).unwrap_or_else(|| panic!("no answer for {path}"))
    }

    /// Opens the event stream; returns a reader positioned after the first event.
    fn events(&self) -> BufReader<TcpStream> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(s, "GET /__byline/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        let mut r = BufReader::new(s);
        next_event(&mut r);
        r
    }
}

/// The next server-sent event's name and data, within 20 seconds.
fn next_event(r: &mut BufReader<TcpStream>) -> (String, String) {
    let (mut name, mut data) = (String::new(), String::new());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        assert!(Instant::now() < deadline, "no event within 20 s");
        let mut line = String::new();
        assert!(r.read_line(&mut line).unwrap() > 0, "event stream closed");
        let line = line.trim_end();
        if let Some(n) = line.strip_prefix("event: ") {
            name = n.to_string();
        } else if let Some(d) = line.strip_prefix("data: ") {
            data = d.to_string();
        } else if line.is_empty() && !name.is_empty() {
            return (name, data);
        }
    }
}

fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response
        .lines()
        .find_map(|l| l.split_once(": ").filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()))
}

#[test]
fn serves_pages_types_and_refuses_traversal() {
    let server = Server::start("basic");
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert_eq!(header(&home, "content-type"), Some("text/html; charset=utf-8"));
    assert!(home.contains("/__byline/events"), "the reload script is injected");
    let base = format!("http://127.0.0.1:{}/", server.port);
    assert!(home.contains(&format!("href=\"{base}authors/\"")), "links point at the local server");
    let (status, draft) = server.get("/posts/draft/");
    assert_eq!(status, 200, "drafts are served");
    assert!(draft.contains("This is a draft."));
    assert_eq!(server.get("/posts/future/").0, 200, "future posts are served");
    assert_eq!(header(&server.get("/css/style.css").1, "content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(header(&server.get("/images/logo.svg").1, "content-type"), Some("image/svg+xml"));
    assert_eq!(header(&server.get("/rss.xml").1, "content-type"), Some("application/xml; charset=utf-8"));
    assert_eq!(header(&server.get("/feed.json").1, "content-type"), Some("application/json"));
    let (status, head) = server.request("HEAD", "/posts/joint/").unwrap();
    assert_eq!(status, 200);
    assert!(header(&head, "content-length").is_some_and(|l| l != "0"));
    assert!(!head.contains("<html"), "HEAD has no body");
    let (status, missing) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"), "the site's own 404 page");
    for bad in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/posts/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fsite.yaml",
        "/posts\\..\\..\\site.yaml",
    ] {
        let (status, body) = server.get(bad);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("base_url"), "{bad} leaked a file");
    }
}

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
    let card = include_str!("../../themes/default/templates/partials/card.html");
    server.site.write("templates/partials/card.html", format!("{card}<!-- custom -->"));
    assert_eq!(next_event(&mut events).0, "reload");
    let yaml = std::fs::read_to_string(server.site.root().join("site.yaml")).unwrap();
    server.site.write("site.yaml", yaml.replacen("title: Fixture Blog", "title: Fixture Journal", 1));
    assert_eq!(next_event(&mut events).0, "reload");
    server.site.write("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_eq!(next_event(&mut events).0, "reload");
    let out = server.site.dir.path().join("fresh");
    let status = Command::new(assert_cmd::cargo::cargo_bin("byline"))
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
fn sigterm_and_sighup_stop_serve_and_remove_its_temporary_folder() {
    for signal in ["-TERM", "-HUP", "-INT"] {
        let mut server = Server::start("basic");
        let folder = server.out_dir().parent().unwrap().to_path_buf();
        assert!(folder.is_dir());
        let pid = server.child.id().to_string();
        assert!(Command::new("kill").args([signal, &pid]).status().unwrap().success());
        let status = wait_for(20, "serve to stop", || server.child.try_wait().unwrap());
        assert!(status.success(), "serve did not stop cleanly on {signal}: {status:?}");
        assert!(!folder.exists(), "{signal} left {} behind", folder.display());
    }
}

/// Sends a raw GET with the given `Host` line (or none) and returns the status.
fn status_with_host(port: u16, host: Option<&str>) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(s, "GET / HTTP/1.0\r\n{host}\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn requests_for_another_host_are_refused_against_dns_rebinding() {
    let server = Server::start("basic");
    let port = server.port;
    for ok in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("LOCALHOST:{port}")] {
        assert_eq!(status_with_host(port, Some(&ok)), 200, "{ok}");
    }
    for bad in [
        Some(format!("evil.example:{port}")),
        Some("localhost".to_string()),
        Some(format!("localhost:{}", port + 1)),
        None,
    ] {
        assert_eq!(status_with_host(port, bad.as_deref()), 403, "{bad:?}");
    }
}

/// Starts `byline serve` on a copy of the basic fixture with `args` and returns the
/// line that says "serving" (with the site, which must live as long as the child).
fn serving_line(args: &[&str]) -> (Child, String, TestSite) {
    let site = TestSite::new("basic");
    let (child, line) = spawn_serve(&site, args);
    (child, line, site)
}

#[test]
fn port_0_prints_the_port_really_bound_and_65535_works_when_free() {
    let (mut child, line, _site) = serving_line(&["--port", "0"]);
    stop(&mut child);
    assert!(line.contains("http://127.0.0.1:") && !line.contains("http://127.0.0.1:0/"), "{line}");
    let port: u16 =
        line.split("http://127.0.0.1:").nth(1).and_then(|r| r.split('/').next()).unwrap().parse().unwrap();
    assert!(port > 0);
    // The last port: free here (nothing else listens on it), so it must be used.
    if TcpListener::bind("127.0.0.1:65535").is_ok() {
        let (mut child, line, _site) = serving_line(&["--port", "65535"]);
        stop(&mut child);
        assert!(line.contains("http://127.0.0.1:65535/"), "{line}");
    }
}

#[test]
fn serve_no_drafts_keeps_drafts_parsed_between_rebuilds() {
    let site = TestSite::new("basic");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("byline"))
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

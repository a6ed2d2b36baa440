//! What the preview server answers: pages and their types, HEAD, its own 404 page, no
//! way out of the output folder, and no answer for another host.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::{Server, header};

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

#[test]
fn the_preview_pages_are_served_and_never_written_to_the_output() {
    let server = Server::start("keywords");
    let (status, page) = server.get("/__byline/keywords");
    assert_eq!(status, 200, "{page}");
    let body = page.split("\r\n\r\n").nth(1).unwrap_or("");
    let doc = scraper::Html::parse_document(body);
    let h1 = scraper::Selector::parse("h1").unwrap();
    assert_eq!(
        doc.select(&h1).next().map(|h| h.text().collect::<String>()).as_deref(),
        Some("Focus keywords")
    );
    assert!(body.contains("pipeline monitoring"), "{body}");
    let (status, calendar) = server.get("/__byline/calendar");
    assert_eq!(status, 200);
    assert!(calendar.contains("Editorial calendar"));
    assert!(!server.out_dir().join("__byline").exists(), "preview pages are not files of the site");
}

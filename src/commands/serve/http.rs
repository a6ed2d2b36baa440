//! The preview server's HTTP side: serves files from the output folder (never outside
//! it), injects the live-reload script into HTML, and streams reload events.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload::Hub;

/// The URL path of the event stream the injected script listens to.
pub(super) const EVENTS: &str = "/__byline/events";

/// The script injected before `</body>` of every HTML page in serve mode only.
const SCRIPT: &str = include_str!("reload.js");

/// The `Content-Type` for a file name.
pub(super) fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json",
        Some("opml") => "text/x-opml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The file under `root` that a request path names, or `None` for anything that
/// could reach outside it: `..` (also percent-encoded), backslashes, absolute paths,
/// NUL bytes.
pub(super) fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// Inserts the reload script before the last `</body>`, or at the end.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script>{SCRIPT}</script>");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn headers(pairs: &[(&str, &str)]) -> Vec<Header> {
    pairs.iter().filter_map(|(n, v)| Header::from_bytes(n.as_bytes(), v.as_bytes()).ok()).collect()
}

/// Streams server-sent events to one tab until it goes away. Written raw (no chunked
/// encoding, which would buffer) and flushed after every event.
fn stream_events(request: Request, hub: &Hub) {
    let (rx, first) = hub.subscribe();
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(first.as_bytes()))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(msg) => msg,
            // A comment line keeps proxies and browsers from timing out.
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

/// True when the request's `Host` is one the server answers (`allowed`: `None`
/// for any).
pub(super) fn host_allowed(request: &Request, allowed: Option<&[String]>) -> bool {
    let Some(allowed) = allowed else { return true };
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str());
    host.is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h.trim())))
}

/// The answer to a request for another host.
pub(super) fn forbidden(request: Request) {
    let body = "This preview server answers only requests for its own address.";
    let h = headers(&[("Content-Type", "text/plain; charset=utf-8")]);
    let _ = request.respond(Response::new(StatusCode(403), h, io::Cursor::new(body), Some(body.len()), None));
}

/// Answers with a page made for the preview only (never a file of the output).
fn preview_page(request: Request, status: u16, page: String) {
    let body = inject(page.into_bytes());
    let len = body.len();
    let h = headers(&[("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]);
    let _ = request.respond(Response::new(StatusCode(status), h, io::Cursor::new(body), Some(len), None));
}

/// Answers one request. Event streams are answered on their own thread by the caller.
pub(super) fn respond(request: Request, root: &Path, site: &Path, hub: &Hub) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(
            Response::empty(StatusCode(405)).with_header(headers(&[("Allow", "GET, HEAD")]).remove(0)),
        );
        return;
    }
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS) {
        stream_events(request, hub);
        return;
    }
    if let Some((status, page)) = super::preview::page(url.split(['?', '#']).next().unwrap_or(""), site) {
        preview_page(request, status, page);
        return;
    }
    let (status, file) = match resolve(root, &url) {
        Some(f) => (200, f),
        None => (404, root.join("404.html")),
    };
    let found = fs::read(&file).ok();
    let ctype = if found.is_some() { content_type(&file) } else { "text/html; charset=utf-8" };
    let mut body =
        found.unwrap_or_else(|| b"<!DOCTYPE html><title>Not found</title><p>Not found</p>".to_vec());
    if ctype.starts_with("text/html") {
        body = inject(body);
    }
    // tiny_http leaves the body out for HEAD but keeps the length.
    let len = body.len();
    let h = headers(&[("Content-Type", ctype), ("Cache-Control", "no-store")]);
    let _ = request.respond(Response::new(StatusCode(status), h, io::Cursor::new(body), Some(len), None));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        fs::create_dir_all(root.join("posts/a")).unwrap();
        fs::write(root.join("posts/a/index.html"), "x").unwrap();
        fs::write(dir.path().join("secret"), "s").unwrap();
        assert_eq!(resolve(&root, "/posts/a/"), Some(root.join("posts/a/index.html")));
        assert_eq!(resolve(&root, "/posts/a"), Some(root.join("posts/a/index.html")));
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/posts/%2E%2E/%2e%2e/secret",
            "/..%2fsecret",
            "/posts\\..\\..\\secret",
            "//etc/passwd",
            "secret",
            "/%00",
        ] {
            assert_eq!(resolve(&root, bad), None, "{bad}");
        }
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>".to_vec())).unwrap();
        assert!(out.contains("</script></body>"));
        assert_eq!(content_type(Path::new("a.woff2")), "font/woff2");
    }
}

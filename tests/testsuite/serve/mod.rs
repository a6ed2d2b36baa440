//! `byline serve` over real HTTP: pages, traversal, live reload after edits, a broken
//! file that keeps the last good site served, and a served tree that matches a fresh
//! build. Waits poll with deadlines; no fixed sleeps.

mod http;
mod lifecycle;
mod rebuild;
mod share;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, byline};

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
    let mut child = byline()
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

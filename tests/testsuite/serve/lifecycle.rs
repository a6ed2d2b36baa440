//! Starting and stopping: the port printed is the port bound, and signals stop the
//! server and remove its temporary folder.

use std::net::TcpListener;
use std::process::{Child, Command};

use super::{Server, spawn_serve, stop, wait_for};
use crate::common::TestSite;

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

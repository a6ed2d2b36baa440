//! `byline serve`: builds the site with drafts and future posts into a temporary
//! folder, serves it over HTTP on loopback, rebuilds on every saved edit and tells
//! open tabs to reload. A failed rebuild keeps the last good site served and shows
//! the error in the terminal and over the page.

mod http;
mod preview;
mod reload;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};

use crate::commands::build::{self, BuildError, BuildOptions, Memory};
use crate::support::diagnostic::Diagnostic;
use reload::{Event, Hub};

/// Held while a build runs, so stopping the server never removes its folder under a
/// build that is still writing into it (which would leave the folder behind).
static BUILDING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What `byline serve` takes from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    /// Include drafts and future posts (the default; `--no-drafts` turns it off).
    pub drafts: bool,
}

/// A listener on `addr` whose connections send small writes at once: with Nagle's
/// algorithm on, the last piece of each response waited for the browser's delayed
/// acknowledgement (about 40 ms a request). Linux passes the option on to accepted
/// connections.
fn listener(addr: std::net::SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// Binds `bind:port`, or the next free port of the nine after it (saying so).
/// Returns the port really bound (the system picks one for `--port 0`).
fn bind(bind: &str, port: u16) -> Result<(tiny_http::Server, u16)> {
    let ip: std::net::IpAddr =
        bind.parse().with_context(|| format!("`{bind}` is not an IP address to listen on"))?;
    let last_port = port.saturating_add(9);
    let mut last = String::new();
    for p in port..=last_port {
        match listener((ip, p).into()) {
            Ok(l) => {
                let bound = l.local_addr().map(|a| a.port()).unwrap_or(p);
                let server = tiny_http::Server::from_listener(l, None).map_err(|e| anyhow::anyhow!("{e}"))?;
                if p != port {
                    println!("port {port} is taken; using {p} instead");
                }
                return Ok((server, bound));
            }
            Err(e) => last = e.to_string(),
        }
        if port == 0 {
            break; // the system picks the port: trying "the next one" makes no sense
        }
    }
    let tried = if last_port == port {
        format!("{bind}:{port}")
    } else {
        format!("{bind}:{port} or the ports up to {last_port}")
    };
    bail!("cannot listen on {tried} ({last}); pick another port with --port")
}

/// The `Host` headers the server answers: when it listens on loopback, only its own
/// address (a page on another site could otherwise read drafts through DNS
/// rebinding); `None` when it listens on other interfaces.
fn allowed_hosts(bind: &str, port: u16) -> Option<Vec<String>> {
    let ip: std::net::IpAddr = bind.parse().ok()?;
    if !ip.is_loopback() {
        return None;
    }
    let own = match ip {
        std::net::IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        std::net::IpAddr::V4(v4) => format!("{v4}:{port}"),
    };
    Some(vec![own, format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")])
}

fn report(diags: Vec<Diagnostic>) -> String {
    crate::support::diagnostic::human(diags)
}

/// One build into the preview folder, from what the last one kept in `memory`.
/// Returns the text of the error on failure.
fn rebuild(opts: &BuildOptions, memory: &mut Memory) -> std::result::Result<build::Summary, String> {
    // While a build writes into the preview folder, Ctrl-C waits to remove it.
    let _building = BUILDING.lock();
    build::build_with(opts, Some(memory)).map_err(|e| match e {
        BuildError::Site(diags) => report(diags),
        BuildError::Io(e) | BuildError::Partial(e) => format!("error: {e:#}"),
        BuildError::Interrupted => "error: interrupted".into(),
    })
}

/// True when every changed file is a stylesheet (tabs can swap it without reloading).
fn only_css(paths: &[PathBuf]) -> bool {
    paths.iter().all(|p| {
        p.extension().is_some_and(|e| e == "css") && !p.components().any(|c| c.as_os_str() == "templates")
    })
}

fn open_browser(url: &str) {
    for cmd in ["xdg-open", "open"] {
        if std::process::Command::new(cmd).arg(url).spawn().is_ok() {
            return;
        }
    }
    println!("could not open a browser; visit {url}");
}

/// Runs the preview server until Ctrl-C.
pub fn serve(opts: &ServeOptions) -> Result<()> {
    if !opts.site_dir.join("site.yaml").is_file() {
        bail!(
            "{} has no site.yaml: serve the folder that holds the site, e.g. `byline serve example-site`",
            opts.site_dir.display()
        );
    }
    let site_dir = opts.site_dir.canonicalize().unwrap_or_else(|_| opts.site_dir.clone());
    let (server, port) = bind(&opts.bind, opts.port)?;
    let server = Arc::new(server);
    let hosts = Arc::new(allowed_hosts(&opts.bind, port));
    let host = match opts.bind.as_str() {
        "0.0.0.0" | "::" => "localhost".to_string(),
        b if b.contains(':') => format!("[{b}]"),
        b => b.to_string(),
    };
    let url = format!("http://{host}:{port}/");
    let root = std::env::temp_dir().join(format!("byline-serve-{}", std::process::id()));
    let out = root.join("site");
    let build_opts = BuildOptions {
        output: Some(out.clone()),
        base_url: Some(url.clone()),
        drafts: opts.drafts,
        future: opts.drafts,
        ..BuildOptions::new(site_dir.clone(), chrono::Utc::now().fixed_offset())
    };
    let hub = Arc::new(Hub::default());
    {
        let (server, root) = (server.clone(), root.clone());
        // Ctrl-C, SIGTERM and SIGHUP alike.
        ctrlc::set_handler(move || {
            let _no_build_now = BUILDING.lock();
            server.unblock();
            let _ = std::fs::remove_dir_all(&root);
            println!("\nstopped");
            std::process::exit(0);
        })
        .context("cannot catch Ctrl-C")?;
    }
    // Watch before the first build, so no edit made once we say "serving" is missed.
    let watch = watch::Watch::new(&site_dir).context("cannot watch the site folder for changes")?;
    let start = Instant::now();
    let mut memory = Memory::default();
    match rebuild(&build_opts, &mut memory) {
        Ok(s) => println!("built {} files in {:.2}s", s.files, start.elapsed().as_secs_f64()),
        Err(text) => {
            eprintln!("{text}");
            hub.broadcast(&Event::Error(text));
        }
    }
    memory.settle();
    for _ in 0..8 {
        let (server, hub, out, site) = (server.clone(), hub.clone(), out.clone(), site_dir.clone());
        let hosts = hosts.clone();
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                if !http::host_allowed(&request, hosts.as_deref()) {
                    http::forbidden(request);
                } else if request.url().starts_with(http::EVENTS) {
                    // An event stream stays open: give it a thread of its own.
                    let (hub, out, site) = (hub.clone(), out.clone(), site.clone());
                    thread::spawn(move || http::respond(request, &out, &site, &hub));
                } else {
                    http::respond(request, &out, &site, &hub);
                }
            }
        });
    }
    println!(
        "serving {} at {url} (drafts and future posts {}); press Ctrl-C to stop",
        site_dir.display(),
        if opts.drafts { "included" } else { "left out" }
    );
    println!("editorial calendar (preview only): {url}__byline/calendar");
    println!("focus-keyword report (preview only): {url}__byline/keywords");
    println!("share kits (preview only): {url}__byline/share/");
    if opts.open {
        open_browser(&url);
    }
    watch_loop(&watch, &site_dir, &build_opts, &hub, memory);
    Ok(())
}

fn watch_loop(
    watch: &watch::Watch,
    site_dir: &Path,
    build_opts: &BuildOptions,
    hub: &Hub,
    mut memory: Memory,
) {
    // One save is a burst of events a few milliseconds apart (editors' temporary
    // files are ignored anyway); a trailing event costs only a no-op rebuild.
    while let Some(changed) = watch.next_batch(Duration::from_millis(30)) {
        let start = Instant::now();
        let shown: Vec<String> =
            changed.iter().map(|p| p.strip_prefix(site_dir).unwrap_or(p).display().to_string()).collect();
        let mut opts = build_opts.clone();
        opts.now = chrono::Utc::now().fixed_offset();
        match rebuild(&opts, &mut memory) {
            Ok(s) => {
                let event = if only_css(&changed) { Event::Css } else { Event::Reload };
                let tabs = hub.broadcast(&event);
                println!(
                    "{}: rebuilt in {:.0} ms ({} written), {tabs} tab{} told",
                    shown.join(", "),
                    start.elapsed().as_secs_f64() * 1000.0,
                    s.write.written,
                    if tabs == 1 { "" } else { "s" }
                );
                memory.settle();
            }
            Err(text) => {
                eprintln!("{text}\nstill serving the last good build");
                hub.broadcast(&Event::Error(text));
                // What the loader parsed is kept even when the site has problems.
                memory.settle();
            }
        }
    }
}

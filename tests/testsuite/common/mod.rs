//! Helpers shared by the integration tests: copy a fixture into a temporary folder,
//! run the real `byline` binary on it, and read what it wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use scraper::{Html, Selector};

pub mod cases;

/// The moment every test builds as of (the example site has a post scheduled for
/// March 2027, which must stay in the future).
pub const NOW: &str = "2026-11-30T12:00:00Z";

/// The default theme's card partial, which tests copy into a site to change a template.
pub const THEME_CARD: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/partials/card.html"));

/// The `byline` binary built for this test run, as a plain command.
pub fn byline() -> std::process::Command {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("byline"))
}

/// A fixture copied into a temporary folder, with its own output folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` (or `example-site` for "example-site").
    pub fn new(name: &str) -> TestSite {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let src =
            if name == "example-site" { root.join(name) } else { root.join("tests/fixtures").join(name) };
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&src, &dir.path().join("site"));
        TestSite { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Runs `byline build SITE --output OUT` plus `args`, as of [`NOW`] unless the
    /// arguments say `--now`: no test depends on today's date.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut cmd = Command::cargo_bin("byline").unwrap();
        cmd.arg("build").arg(self.root()).arg("--output").arg(self.out()).args(args);
        if !args.contains(&"--now") {
            cmd.args(["--now", NOW]);
        }
        cmd.output().unwrap()
    }

    /// Builds and panics with the error output when the build fails.
    pub fn build_ok(&self, args: &[&str]) -> Output {
        let out = self.build(args);
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        out
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Every output file and its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.out())
    }
}

/// Every file below `dir` and its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Values of `attr` on every element matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector)).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

/// Text of every element matching `selector`, whitespace folded.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The output file a site URL points at, when it is under `base_url`.
pub fn url_to_file(out: &Path, base_url: &str, url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix(base_url)?;
    let rest = rest.split(['#', '?']).next().unwrap_or("");
    let rest = percent_decode(rest);
    Some(if rest.is_empty() || rest.ends_with('/') {
        out.join(&rest).join("index.html")
    } else {
        out.join(&rest)
    })
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Every internal link, image and stylesheet in every HTML page that points at a
/// file the build did not write: (page, url).
pub fn broken_links(out: &Path, base_url: &str) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
        let mut urls = attrs(&doc, "a[href]", "href");
        urls.extend(attrs(&doc, "img[src]", "src"));
        urls.extend(attrs(&doc, "link[href]", "href"));
        for url in urls {
            if let Some(file) = url_to_file(out, base_url, &url) {
                checked += 1;
                if !file.is_file() {
                    broken.push((entry.path().display().to_string(), url));
                }
            } else if url.starts_with('/') && !url.starts_with("//") {
                broken.push((
                    entry.path().display().to_string(),
                    format!("{url} (site path not under base_url)"),
                ));
            }
        }
    }
    assert!(checked > 0, "no internal links were found at all");
    broken
}

/// Builds the site's sources into a new, empty folder beside its output (so with
/// no cache either) and returns every file of it.
pub fn fresh_build(site: &TestSite, name: &str) -> BTreeMap<PathBuf, Vec<u8>> {
    let fresh = site.dir.path().join(name);
    assert!(!fresh.exists(), "{name} is not new");
    let out = Command::cargo_bin("byline")
        .unwrap()
        .arg("build")
        .arg(site.root())
        .arg("--output")
        .arg(&fresh)
        .args(["--now", NOW])
        .output()
        .unwrap();
    assert!(out.status.success(), "fresh build failed:\n{}", stderr(&out));
    tree(&fresh)
}

/// Asserts two output trees hold the same files with the same bytes.
pub fn assert_same_tree(got: &BTreeMap<PathBuf, Vec<u8>>, want: &BTreeMap<PathBuf, Vec<u8>>, step: &str) {
    let paths = |t: &BTreeMap<PathBuf, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(got), paths(want), "{step}: other files than a fresh build");
    for (path, bytes) in want {
        assert!(got[path] == *bytes, "{step}: {} differs from a fresh build", path.display());
    }
}

/// Sets the modification time of every file below `dir` to `when`.
pub fn set_file_times(dir: &Path, when: std::time::SystemTime) {
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            fs::File::options().write(true).open(entry.path()).unwrap().set_modified(when).unwrap();
        }
    }
}

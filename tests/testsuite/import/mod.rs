//! `byline import`: each source's fixture imported into a temporary folder with
//! the real binary, then the written files, the report, the built site and
//! `byline check` looked at.

mod ghost;
mod hugo;
mod jekyll;
mod wordpress;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use scraper::{Html, Selector};

use crate::common::{NOW, byline};

/// A finished import: the temporary folder, the site it wrote, and the run.
pub struct Imported {
    pub dir: tempfile::TempDir,
    pub out: Output,
}

impl Imported {
    pub fn dest(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// The `--format json` report.
    pub fn report(&self) -> serde_json::Value {
        serde_json::from_slice(&self.out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.out.stdout)))
    }

    /// The messages of the report's lines of `kind`.
    pub fn lines(&self, kind: &str) -> Vec<String> {
        let report = self.report();
        report["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["kind"] == kind)
            .map(|l| l["message"].as_str().unwrap().to_string())
            .collect()
    }

    /// The report's lines of `kind` as `file-name:line: message`.
    pub fn lines_at(&self, kind: &str) -> Vec<String> {
        let report = self.report();
        let lines = report["lines"].as_array().unwrap();
        lines
            .iter()
            .filter(|l| l["kind"] == kind)
            .map(|l| {
                let file = l["origin"]["file"].as_str().unwrap_or("");
                let name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or("");
                let message = l["message"].as_str().unwrap_or("");
                match l["origin"]["line"].as_u64() {
                    Some(n) => format!("{name}:{n}: {message}"),
                    None => format!("{name}: {message}"),
                }
            })
            .collect()
    }

    /// A text field of the front matter of `rel`.
    pub fn field(&self, rel: &str, key: &str) -> Option<String> {
        self.front_matter(rel).get(key).and_then(|v| v.as_str().map(str::to_string))
    }

    /// A list field of the front matter of `rel`, as strings.
    pub fn list(&self, rel: &str, key: &str) -> Vec<String> {
        self.front_matter(rel).get(key).map(strings).unwrap_or_default()
    }

    /// Every markdown file written under `content/`: its name and its text.
    pub fn bodies(&self) -> Vec<(String, String)> {
        let mut all = Vec::new();
        for entry in walkdir::WalkDir::new(self.dest().join("content")).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let name = entry.file_name().to_string_lossy().into_owned();
                all.push((name, fs::read_to_string(entry.path()).unwrap()));
            }
        }
        all.sort();
        all
    }

    pub fn text(&self, rel: &str) -> String {
        fs::read_to_string(self.dest().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The front matter of a written file, parsed as YAML.
    pub fn front_matter(&self, rel: &str) -> serde_yaml::Value {
        let text = self.text(rel);
        let yaml = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map(|(y, _)| y);
        serde_yaml::from_str(yaml.unwrap_or_else(|| panic!("{rel} has no front matter:\n{text}"))).unwrap()
    }

    /// The body of a written file, after its front matter.
    pub fn body(&self, rel: &str) -> String {
        let text = self.text(rel);
        text.splitn(3, "---\n").nth(2).unwrap_or("").to_string()
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(
            &fs::read_to_string(self.dest().join("public").join(rel))
                .unwrap_or_else(|e| panic!("{rel}: {e}")),
        )
    }

    /// Asserts that the built site answers at the old `path`: the page itself,
    /// or a redirect page whose canonical address ends with `to`.
    pub fn answers(&self, path: &str, to: &str) {
        let rel = path.trim_start_matches('/');
        let rel = if rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        let page = self.html(&rel);
        let canonical = Selector::parse("link[rel=canonical]").unwrap();
        let href = page.select(&canonical).next().and_then(|l| l.value().attr("href")).unwrap_or("");
        assert!(href.ends_with(to), "{path} leads to {href}, not {to}");
    }

    /// `byline check DEST`: no errors.
    pub fn check_ok(&self) {
        let out = byline().arg("check").arg(self.dest()).args(["--now", NOW]).output().unwrap();
        assert!(
            out.status.success(),
            "check failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The path of a fixture file of `tests/fixtures/import`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(rel)
}

/// Runs `byline import KIND SOURCE DEST --format json` plus `args`, as of [`NOW`].
pub fn import(kind: &str, source: &Path, args: &[&str]) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let out = byline()
        .args(["import", kind])
        .arg(source)
        .arg(dir.path().join("site"))
        .args(["--format", "json", "--now", NOW])
        .args(args)
        .output()
        .unwrap();
    Imported { dir, out }
}

/// Asserts the import succeeded.
pub fn ok(imported: &Imported) {
    assert!(
        imported.out.status.success(),
        "import failed:\n{}\n{}",
        String::from_utf8_lossy(&imported.out.stdout),
        String::from_utf8_lossy(&imported.out.stderr)
    );
}

/// The YAML list `v` as strings.
pub fn strings(v: &serde_yaml::Value) -> Vec<String> {
    v.as_sequence()
        .map_or_else(Vec::new, |s| s.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = byline()
        .args(["import", "wordpress"])
        .arg(fixture("wordpress/export.xml"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
}

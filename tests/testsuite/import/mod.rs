//! `byline import`: each source's fixture imported into a new folder through the
//! real command, then read back: the files written, the report and the built site.

mod hugo;
mod jekyll;

use std::path::{Path, PathBuf};

use scraper::Html;

use crate::common::{NOW, byline, stderr};

/// A fixture imported into a temporary DEST.
pub struct Import {
    pub dir: tempfile::TempDir,
    /// The report, from `--format json`.
    pub report: serde_json::Value,
}

impl Import {
    /// Imports `tests/fixtures/import/<fixture>` with `byline import <kind>`; the
    /// import must succeed (its site builds).
    pub fn run(kind: &str, fixture: &str) -> Import {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(fixture);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let out = byline()
            .args(["import", kind])
            .arg(&source)
            .arg(&dest)
            .args(["--format", "json", "--now", NOW])
            .output()
            .unwrap();
        assert!(out.status.success(), "import failed:\n{}", stderr(&out));
        let report = serde_json::from_slice(&out.stdout).unwrap();
        Import { dir, report }
    }

    pub fn dest(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// The front matter of the written file `rel`, parsed as YAML, and its body.
    pub fn front(&self, rel: &str) -> (serde_yaml::Mapping, String) {
        let text = std::fs::read_to_string(self.dest().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let rest = text.strip_prefix("---\n").unwrap_or_else(|| panic!("{rel} has no front matter"));
        let end = rest.find("\n---\n").unwrap();
        (serde_yaml::from_str(&rest[..end]).unwrap(), rest[end + 5..].to_string())
    }

    /// The texts of a list field of the front matter of `rel`.
    pub fn list(&self, rel: &str, key: &str) -> Vec<String> {
        let (front, _) = self.front(rel);
        match front.get(key) {
            Some(serde_yaml::Value::Sequence(s)) => {
                s.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// A text field of the front matter of `rel`.
    pub fn text(&self, rel: &str, key: &str) -> Option<String> {
        self.front(rel).0.get(key).and_then(|v| v.as_str().map(str::to_string))
    }

    /// The built page `rel` under `public/`.
    pub fn html(&self, rel: &str) -> Html {
        let path = self.dest().join("public").join(rel);
        Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}")))
    }

    /// The report's lines of `kind` as `file-name:line: message`.
    pub fn lines(&self, kind: &str) -> Vec<String> {
        let lines = self.report["lines"].as_array().unwrap();
        lines
            .iter()
            .filter(|l| l["kind"] == kind)
            .map(|l| {
                let file = l["origin"]["file"].as_str().unwrap_or("");
                let name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or("");
                match l["origin"]["line"].as_u64() {
                    Some(n) => format!("{name}:{n}: {}", l["message"].as_str().unwrap_or("")),
                    None => format!("{name}: {}", l["message"].as_str().unwrap_or("")),
                }
            })
            .collect()
    }

    /// The old address `path` answers: the page itself or a redirect to `to`
    /// (a site path); panics when nothing answers.
    pub fn answers(&self, path: &str, to: &str) {
        let rel = path.trim_start_matches('/');
        let file = if rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        let doc = self.html(&file);
        let canonical = crate::common::attrs(&doc, "link[rel=canonical]", "href");
        assert!(
            canonical.iter().any(|c| c.ends_with(to)),
            "{path} should lead to {to}, its canonical address is {canonical:?}"
        );
    }

    /// `byline check DEST` finds no error.
    pub fn check_ok(&self) {
        let out = byline().arg("check").arg(self.dest()).args(["--now", NOW]).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(out.status.success(), "byline check failed:\n{text}");
        assert!(text.contains("0 errors"), "{text}");
    }

    /// The text of every markdown file written under `content/`.
    pub fn bodies(&self) -> Vec<(String, String)> {
        let mut all = Vec::new();
        for entry in walkdir::WalkDir::new(self.dest().join("content")).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let name = entry.file_name().to_string_lossy().into_owned();
                all.push((name, std::fs::read_to_string(entry.path()).unwrap()));
            }
        }
        all.sort();
        all
    }
}

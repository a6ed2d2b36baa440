//! The sources an edit may change (posts, authors, pages, `site.yaml`) as text, what
//! edits choose from (author ids, tags, images), and one-key rewrites of YAML text that
//! leave every other byte of the file as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A site's editable files, as they were when read.
pub(super) struct Sources {
    root: PathBuf,
    /// Path in the site folder → text, for every file below.
    texts: BTreeMap<String, String>,
    pub(super) posts: Vec<String>,
    pub(super) authors: Vec<String>,
    pub(super) pages: Vec<String>,
    pub(super) author_ids: Vec<String>,
    /// Every tag as first written, once.
    pub(super) tags: Vec<String>,
    /// Site paths of the static images (`/images/logo.svg`).
    pub(super) images: Vec<String>,
}

/// The `.md` files below `dir`, as paths in the site folder, in order.
fn markdown(root: &Path, dir: &str) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(root.join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(root).unwrap().to_str().unwrap().to_string())
        .collect();
    found.sort();
    found
}

impl Sources {
    pub(super) fn read(root: &Path) -> Sources {
        let (mut posts, mut pages) = (Vec::new(), Vec::new());
        for file in markdown(root, "content") {
            if file.starts_with("content/posts/") { posts.push(file) } else { pages.push(file) }
        }
        let authors = markdown(root, "authors");
        let author_ids =
            authors.iter().map(|a| Path::new(a).file_stem().unwrap().to_str().unwrap().to_string()).collect();
        let mut texts = BTreeMap::new();
        for file in posts.iter().chain(&authors).chain(&pages).chain(["site.yaml".to_string()].iter()) {
            texts.insert(file.clone(), fs::read_to_string(root.join(file)).unwrap());
        }
        let mut tags: Vec<String> = Vec::new();
        for post in &posts {
            for tag in tags_of(&texts[post]) {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
        let images = walkdir::WalkDir::new(root.join("static"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "svg" || x == "png"))
            .map(|e| format!("/{}", e.path().strip_prefix(root.join("static")).unwrap().to_str().unwrap()))
            .collect();
        let root = root.to_path_buf();
        Sources { root, texts, posts, authors, pages, author_ids, tags, images }
    }

    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    /// The text of `file` as it was read.
    pub(super) fn text(&self, file: &str) -> &str {
        self.texts.get(file).unwrap_or_else(|| panic!("{file} is not an editable source"))
    }

    /// Writes `files` (path and new text) into the site; the sources come back as they
    /// were when the returned guard is dropped, whatever happened meanwhile.
    pub(super) fn edit(&self, files: Vec<(String, String)>) -> Edited<'_> {
        for (file, text) in &files {
            fs::write(self.root.join(file), text).unwrap();
        }
        Edited { sources: self, files }
    }
}

/// Edited files, restored on drop.
pub(super) struct Edited<'a> {
    sources: &'a Sources,
    files: Vec<(String, String)>,
}

impl Drop for Edited<'_> {
    fn drop(&mut self) {
        for (file, _) in &self.files {
            fs::write(self.sources.root.join(file), self.sources.text(file)).unwrap();
        }
    }
}

/// A markdown file's front matter (without its fences) and body.
fn split(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").expect("the file starts with a front-matter fence");
    let end = rest.find("\n---\n").expect("the front matter is closed");
    (&rest[..=end], &rest[end + 5..])
}

/// The tags of a post: its `tags:` line, a one-line list of plain or double-quoted
/// names, as every post of the example site and the fixtures writes it.
pub(super) fn tags_of(post: &str) -> Vec<String> {
    let (front, _) = split(post);
    let Some(line) = front.lines().find_map(|l| l.strip_prefix("tags:")) else {
        return Vec::new();
    };
    let list = line.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']'));
    let list = list.unwrap_or_else(|| panic!("`tags:{line}` is not a one-line list"));
    list.split(',').map(|t| t.trim().trim_matches('"').to_string()).filter(|t| !t.is_empty()).collect()
}

/// Whether `line` continues the value of the key above it (indented, or a list item).
fn continues(line: &str) -> bool {
    line.starts_with([' ', '\t', '-'])
}

/// `yaml` with the top-level `key` set to `value` (YAML text), or removed for `None`;
/// a key that is not there is added at the end. Lines that continued the old value
/// go with it.
pub(super) fn set_key(yaml: &str, key: &str, value: Option<&str>) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let prefix = format!("{key}:");
    let new = value.map(|v| format!("{key}: {v}"));
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut found = false;
    while i < lines.len() {
        if lines[i].starts_with(&prefix) {
            found = true;
            out.extend(new.clone());
            i += 1;
            while i < lines.len() && continues(lines[i]) {
                i += 1;
            }
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    if !found {
        out.extend(new);
    }
    out.join("\n") + "\n"
}

/// `yaml` with `key` inside the top-level block `group:` set to `value`.
pub(super) fn set_in_group(yaml: &str, group: &str, key: &str, value: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines.iter().position(|l| *l == format!("{group}:"));
    let start = start.unwrap_or_else(|| panic!("no `{group}:` block"));
    let end = (start + 1..lines.len()).find(|&i| !continues(lines[i])).unwrap_or(lines.len());
    let at = (start + 1..end).find(|&i| lines[i].trim_start().starts_with(&format!("{key}:")));
    let at = at.unwrap_or_else(|| panic!("no `{key}:` in `{group}:`"));
    let indent = &lines[at][..lines[at].len() - lines[at].trim_start().len()];
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[at] = format!("{indent}{key}: {value}");
    out.join("\n") + "\n"
}

/// A markdown file with the front-matter `key` set (or removed).
pub(super) fn set_front_key(text: &str, key: &str, value: Option<&str>) -> String {
    let (front, body) = split(text);
    format!("---\n{}---\n{body}", set_key(front, key, value))
}

/// A markdown file with another body.
pub(super) fn set_body(text: &str, body: &str) -> String {
    let (front, _) = split(text);
    format!("---\n{front}---\n{body}\n")
}

/// A post with `from` replaced by `to` in its tags (the post is unchanged without it).
pub(super) fn rename_tag(post: &str, from: &str, to: &str) -> String {
    let tags: Vec<String> =
        tags_of(post).into_iter().map(|t| if t == from { to.to_string() } else { t }).collect();
    set_front_key(post, "tags", Some(&quoted_list(&tags)))
}

/// A string as a YAML double-quoted scalar (JSON's quoting is YAML's).
pub(super) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Strings as a one-line YAML list.
pub(super) fn quoted_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap()
}

#[test]
fn set_key_replaces_one_key_with_its_continuation_lines_and_keeps_the_rest() {
    let yaml = "# settings\ntitle: A\nsocial:\n  x: a\n  github: b\nrole: R\n";
    assert_eq!(set_key(yaml, "social", Some("{x: c}")), "# settings\ntitle: A\nsocial: {x: c}\nrole: R\n");
    assert_eq!(set_key(yaml, "role", None), "# settings\ntitle: A\nsocial:\n  x: a\n  github: b\n");
    assert_eq!(set_key("title: A\n", "email", Some("e")), "title: A\nemail: e\n");
    assert_eq!(
        set_in_group(yaml, "social", "github", "c"),
        "# settings\ntitle: A\nsocial:\n  x: a\n  github: c\nrole: R\n"
    );
    let post = "---\ntitle: T\ntags: [Data engineering, \"C++\"]\n---\nBody.\n";
    assert_eq!(tags_of(post), ["Data engineering", "C++"]);
    assert_eq!(
        rename_tag(post, "C++", "Go"),
        "---\ntitle: T\ntags: [\"Data engineering\",\"Go\"]\n---\nBody.\n"
    );
}

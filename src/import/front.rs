//! Front matter of another generator's files (YAML `---`, TOML `+++`, JSON `{`),
//! read into plain JSON values for the Jekyll and Hugo readers. YAML goes through
//! byline's one YAML module; a tab that indents YAML (Jekyll users have them) is
//! replaced by spaces, and the caller is told so it can report it.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value as Json};

use crate::support::diagnostic::Diagnostic;
use crate::support::yaml::{self, Node, Value, YamlError};

/// A file's front matter and body. Lines are 1-based in the whole file.
#[derive(Debug, Default)]
pub(crate) struct Front {
    pub fields: Map<String, Json>,
    /// The line each top-level key stands on, when known.
    pub lines: HashMap<String, usize>,
    pub body: String,
    pub body_line: usize,
    /// Lines of the file whose indenting tabs were replaced by spaces.
    pub tabs: Vec<usize>,
}

impl Front {
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        self.fields.get(key).filter(|v| !v.is_null())
    }

    /// A field as text (numbers and booleans as written).
    pub(crate) fn text(&self, key: &str) -> Option<String> {
        self.get(key).and_then(text).filter(|s| !s.trim().is_empty())
    }

    pub(crate) fn line(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

/// A value as text, if it is one (a string, number or boolean).
pub(crate) fn text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A string or a list of strings, as a list; `split` also splits a string at
/// spaces (Jekyll's `categories: a b`).
pub(crate) fn list(v: Option<&Json>, split: bool) -> Vec<String> {
    match v {
        Some(Json::Array(items)) => items.iter().filter_map(text).filter(|s| !s.trim().is_empty()).collect(),
        Some(Json::String(s)) if split => s.split_whitespace().map(str::to_string).collect(),
        Some(v) => text(v).filter(|s| !s.trim().is_empty()).into_iter().collect(),
        None => Vec::new(),
    }
}

/// A boolean field, also written as a string (`"false"`).
pub(crate) fn boolean(v: Option<&Json>) -> Option<bool> {
    match v? {
        Json::Bool(b) => Some(*b),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads `text`, the whole file at `path`. A file without front matter is all body.
pub(crate) fn read(path: &Path, text: &str) -> Result<Front, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").trim_end();
    match first {
        "---" => fenced(path, text, "---", Format::Yaml),
        "+++" => fenced(path, text, "+++", Format::Toml),
        _ if text.starts_with('{') => json(path, text),
        _ => Ok(Front { body: text.to_string(), body_line: 1, ..Front::default() }),
    }
}

#[derive(Clone, Copy)]
enum Format {
    Yaml,
    Toml,
}

/// Front matter between a first line `fence` and the next line `fence`.
fn fenced(path: &Path, text: &str, fence: &str, format: Format) -> Result<Front, Diagnostic> {
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let start = offset;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let l = text[offset..end].trim_end();
        if l == fence || (matches!(format, Format::Yaml) && l == "...") {
            let body = text.get(end + 1..).unwrap_or("").to_string();
            let mut front = match format {
                Format::Yaml => yaml_front(path, text, &text[start..offset])?,
                Format::Toml => toml_front(path, text, &text[start..offset])?,
            };
            front.body = body;
            front.body_line = line + 1;
            return Ok(front);
        }
        offset = end + 1;
        line += 1;
    }
    Err(Diagnostic::error(path, "the front matter opened here is never closed")
        .at(text, 1, 1)
        .with_hint(format!("add a line `{fence}` after the last front-matter field")))
}

/// YAML front matter (starting on line 2 of `file`).
fn yaml_front(path: &Path, file: &str, text: &str) -> Result<Front, Diagnostic> {
    let (entries, tabs) = lenient_yaml(path, file, text, 1)?;
    let mut front = Front { tabs: tabs.iter().map(|l| l + 1).collect(), ..Front::default() };
    for e in entries {
        front.lines.insert(e.key.clone(), e.at.line + 1);
        front.fields.insert(e.key, json_of(&e.value));
    }
    Ok(front)
}

/// YAML `key: value` lines (after `skip` lines of `file`); when they cannot be
/// read and tabs indent some lines, read again with those tabs as two spaces.
/// Also gives the lines (1-based in `text`) whose tabs were replaced.
pub(crate) fn lenient_yaml(
    path: &Path,
    file: &str,
    text: &str,
    skip: usize,
) -> Result<(Vec<yaml::Entry>, Vec<usize>), Diagnostic> {
    match yaml::parse_map(text) {
        Ok(entries) => Ok((entries, Vec::new())),
        Err(first) => {
            let (fixed, tabs) = untab(text);
            if tabs.is_empty() {
                return Err(yaml_error(path, file, first, skip));
            }
            let entries = yaml::parse_map(&fixed).map_err(|e| yaml_error(path, file, e, skip))?;
            Ok((entries, tabs))
        }
    }
}

/// A YAML problem as a diagnostic in `file`, whose YAML starts after `skip` lines.
pub(crate) fn yaml_error(path: &Path, file: &str, e: YamlError, skip: usize) -> Diagnostic {
    let d = Diagnostic::error(path, e.message).at(file, e.line + skip, e.column);
    match e.hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// `text` with the tabs that indent its lines replaced by two spaces each, and
/// the 1-based lines that had them.
pub(crate) fn untab(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut tabs = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let rest = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - rest.len()];
        if indent.contains('\t') {
            tabs.push(i + 1);
            out.push_str(&indent.replace('\t', "  "));
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    (out, tabs)
}

/// A YAML node as JSON (numbers kept as YAML shows them, in strings).
pub(crate) fn json_of(node: &Node) -> Json {
    match &node.value {
        Value::Null | Value::Tagged(_) => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number { shown, .. } => Json::String(shown.clone()),
        Value::Text(s) => Json::String(s.clone()),
        Value::List(items) => Json::Array(items.iter().map(json_of).collect()),
        Value::Map(entries) => {
            Json::Object(entries.iter().map(|e| (e.key.clone(), json_of(&e.value))).collect())
        }
    }
}

/// TOML front matter (starting on line 2 of `file`).
fn toml_front(path: &Path, file: &str, text: &str) -> Result<Front, Diagnostic> {
    let table = parse_toml(path, text, 1, file)?;
    let mut front = Front::default();
    for (key, value) in table {
        if let Some(line) = key_line_toml(text, &key) {
            front.lines.insert(key.clone(), line + 1);
        }
        front.fields.insert(key, value);
    }
    Ok(front)
}

/// Parses TOML text (after `skip` lines of `file`) into JSON values.
pub(crate) fn parse_toml(
    path: &Path,
    text: &str,
    skip: usize,
    file: &str,
) -> Result<Map<String, Json>, Diagnostic> {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => Ok(table.into_iter().map(|(k, v)| (k, json_of_toml(v))).collect()),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let (line, column) = place(text, at);
            let message = format!("this TOML cannot be read: {}", e.message());
            Err(Diagnostic::error(path, message).at(file, line + skip, column))
        }
    }
}

fn json_of_toml(v: toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s),
        toml::Value::Integer(i) => Json::String(i.to_string()),
        toml::Value::Float(f) => Json::String(f.to_string()),
        toml::Value::Boolean(b) => Json::Bool(b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.into_iter().map(json_of_toml).collect()),
        toml::Value::Table(t) => Json::Object(t.into_iter().map(|(k, v)| (k, json_of_toml(v))).collect()),
    }
}

/// The 1-based line on which the top-level TOML `key =` stands.
fn key_line_toml(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The 1-based line and column of byte `at` of `text`.
pub(crate) fn place(text: &str, at: usize) -> (usize, usize) {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[start..].chars().count() + 1)
}

/// JSON front matter: one object at the start, the body after it (Hugo).
fn json(path: &Path, text: &str) -> Result<Front, Diagnostic> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Json>();
    match values.next() {
        Some(Ok(Json::Object(fields))) => {
            let end = values.byte_offset();
            let rest = &text[end..];
            let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
            let body_line = place(text, end).0 + usize::from(text[end..].starts_with(['\r', '\n']));
            let lines =
                fields.keys().filter_map(|k| json_key_line(text, k).map(|l| (k.clone(), l))).collect();
            Ok(Front { fields, lines, body: rest.to_string(), body_line, tabs: Vec::new() })
        }
        Some(Err(e)) => Err(Diagnostic::error(path, format!("this JSON front matter cannot be read: {e}"))
            .at(text, e.line(), e.column())),
        _ => Ok(Front { body: text.to_string(), body_line: 1, ..Front::default() }),
    }
}

fn json_key_line(text: &str, key: &str) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    text.lines().position(|l| l.trim_start().starts_with(&quoted)).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_toml_and_json_front_matter_are_read() {
        let p = Path::new("x.md");
        let y = read(p, "---\ntitle: A\ntags: [x, y]\n---\nbody\n").unwrap();
        assert_eq!((y.text("title").unwrap().as_str(), y.body.as_str(), y.body_line), ("A", "body\n", 5));
        assert_eq!(list(y.get("tags"), false), ["x", "y"]);
        let t = read(p, "+++\ntitle = \"B\"\ndate = 2024-01-02T10:00:00+01:00\n+++\nbody\n").unwrap();
        assert_eq!(t.text("date").unwrap(), "2024-01-02T10:00:00+01:00");
        assert_eq!(t.line("date"), Some(3));
        let j = read(p, "{\n\"title\": \"C\"\n}\nbody\n").unwrap();
        assert_eq!((j.text("title").unwrap().as_str(), j.body.as_str(), j.body_line), ("C", "body\n", 4));
    }

    #[test]
    fn a_tab_indenting_front_matter_is_replaced_and_told() {
        let f = read(Path::new("x.md"), "---\ntitle: A\ntags:\n\t- x\n---\n").unwrap();
        assert_eq!(list(f.get("tags"), false), ["x"]);
        assert_eq!(f.tabs, [4]);
    }

    #[test]
    fn broken_front_matter_names_its_line() {
        let e = read(Path::new("x.md"), "---\ntitle: A\nb: c: d\n---\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = read(Path::new("x.md"), "+++\ntitle = \n+++\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(read(Path::new("x.md"), "---\ntitle: A\n").is_err());
    }

    #[test]
    fn an_unclosed_fence_or_json_object_is_an_error() {
        assert!(read(Path::new("x.md"), "+++\ntitle = 'a'\n").is_err());
        assert!(read(Path::new("x.md"), "{\"title\": ").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_front_matter_is_read_or_refused_without_panicking(
            fence in proptest::sample::select(vec!["---", "+++", "{", ""]),
            text in "(\\PC|\t|\n| |:|-|\\[|\\]|\\{|\\}|=|\"|'){0,120}",
        ) {
            let file = format!("{fence}\n{text}\n{}\nbody\n", if fence == "{" { "}" } else { fence });
            let _ = read(Path::new("x.md"), &file);
            let _ = untab(&text);
        }
    }
}

//! Splits a markdown file into its YAML front matter and body, and turns the YAML
//! into a raw struct with every unknown key and type error reported at its line.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::yaml;

/// A file split at its `---` fences. Lines are 1-based in the whole file.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file on which the YAML's first line stands.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file on which the body's first line stands.
    pub body_line: usize,
}

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text_nobom.find('\n').unwrap_or(text_nobom.len());
    if text_nobom[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error(path, "the file does not start with front matter")
            .at(text, 1, 1)
            .with_hint("begin the file with a line `---`, then `title:`, `date:` and the other fields, then another `---`"));
    }
    let mut offset = first_end + 1;
    let yaml_start = offset;
    let mut line = 2;
    while offset <= text_nobom.len() {
        let end = text_nobom[offset..].find('\n').map_or(text_nobom.len(), |i| offset + i);
        let l = text_nobom[offset..end].trim_end();
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text_nobom.len());
            return Ok(Split {
                yaml: &text_nobom[yaml_start..offset],
                yaml_line: 2,
                body: &text_nobom[body_start..],
                body_line: line + 1,
            });
        }
        if end == text_nobom.len() {
            break;
        }
        offset = end + 1;
        line += 1;
    }
    Err(Diagnostic::error(path, "the front matter opened here is never closed")
        .at(text, 1, 1)
        .with_hint("add a line `---` after the last front-matter field, before the text of the post"))
}

/// Parsed front matter: the raw struct and each top-level key's line in the file.
pub struct Fields<T> {
    pub raw: T,
    keys: Vec<(String, usize)>,
    first_line: usize,
}

impl<T> Fields<T> {
    pub fn raw_ref(&self) -> &T {
        &self.raw
    }

    /// The file line of a top-level key, or of the front matter's start.
    pub fn line_of(&self, key: &str) -> usize {
        self.keys.iter().find(|(k, _)| k == key).map_or(self.first_line, |(_, l)| *l)
    }
}

/// Parses `yaml` (which starts on file line `yaml_line` of `text`) into `T`,
/// allowing only `valid` keys. Reports every unknown key, then any type error.
pub fn parse_fields<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    yaml_src: &str,
    yaml_line: usize,
    valid: &[&str],
) -> Result<Fields<T>, Vec<Diagnostic>> {
    let shift = yaml_line - 1;
    let at = |e: yaml::YamlError| {
        let d = Diagnostic::error(path, e.message).at(text, e.line + shift, e.column);
        match e.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    };
    let keys: Vec<(String, usize)> = yaml::top_level_keys(yaml_src)
        .map_err(|e| vec![at(e)])?
        .into_iter()
        .map(|(k, l)| (k, l + shift))
        .collect();
    let unknown: Vec<&(String, usize)> = keys.iter().filter(|(k, _)| !valid.contains(&k.as_str())).collect();
    // Each line found once: a front matter may hold thousands of unknown keys.
    let lines: Vec<&str> = if unknown.is_empty() { Vec::new() } else { text.lines().collect() };
    let valid_list = valid.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
    let unknown: Vec<Diagnostic> = unknown
        .into_iter()
        .map(|(k, l)| {
            let hint = match did_you_mean(k, valid.iter().copied()) {
                Some(dym) => format!("{dym} (valid keys: {valid_list})"),
                None => format!("valid keys: {valid_list}"),
            };
            let source = lines.get(l.saturating_sub(1)).copied();
            Diagnostic::error(path, format!("unknown key `{k}`")).at_source(source, *l, 1).with_hint(hint)
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let raw = yaml::from_str::<T>(yaml_src).map_err(|e| {
        let mut d = at(e);
        // "missing field" has no position of its own: point at the fence.
        if d.message.starts_with("missing field") {
            d = d.at(text, shift.max(1), 1);
        }
        vec![d]
    })?;
    Ok(Fields { raw, keys, first_line: yaml_line.saturating_sub(1).max(1) })
}

/// A scalar YAML value read as text: `2024`, `true` and `1.5` are all fine titles.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(
    untagged,
    expecting = "expected one value here (words, a number, true or false), not a list or a map"
)]
pub enum Text {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Text {
    pub fn into_string(self) -> String {
        match self {
            Text::Str(s) => s,
            Text::Int(i) => i.to_string(),
            Text::Float(f) => f.to_string(),
            Text::Bool(b) => b.to_string(),
        }
    }
}

/// One string or a list of strings (`author: ada` as well as `authors: [ada, bo]`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(untagged, expecting = "expected a value or a list of values here, such as `[one, two]`")]
pub enum OneOrMany {
    One(Text),
    Many(Vec<Text>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(t) => vec![t.into_string()],
            OneOrMany::Many(v) => v.into_iter().map(Text::into_string).collect(),
        }
    }
}

/// The line (in `text`) of the first line at or after `from` that contains `needle`.
pub fn find_line(text: &str, from: usize, needle: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, c + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_fences_and_counts_lines() {
        let text = "---\ntitle: a\n---\nbody\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let err = split(Path::new("a.md"), "---\ntitle: a\nbody\n").unwrap_err();
        assert!(err.message.contains("never closed"));
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn a_list_where_one_value_belongs_is_explained_without_rust_names() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct R {
            title: Option<Text>,
            tags: Option<OneOrMany>,
        }
        let parse = |text: &str| {
            let s = split(Path::new("a.md"), text).unwrap();
            parse_fields::<R>(Path::new("a.md"), text, s.yaml, s.yaml_line, &["title", "tags"]).err().unwrap()
        };
        let errs = parse("---\ntitle: [a, b]\n---\n");
        let want = "expected one value here (words, a number, true or false), not a list or a map";
        assert_eq!((errs[0].message.as_str(), errs[0].line), (want, Some(2)));
        let errs = parse("---\ntags: [[a]]\n---\n");
        let want = "expected a value or a list of values here, such as `[one, two]`";
        assert_eq!((errs[0].message.as_str(), errs[0].line), (want, Some(2)));
    }

    #[test]
    fn unknown_keys_are_all_named_with_lines() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct R {
            title: Option<String>,
        }
        let text = "---\ntittle: a\ntag: b\n---\n";
        let s = split(Path::new("a.md"), text).unwrap();
        let errs = parse_fields::<R>(Path::new("a.md"), text, s.yaml, s.yaml_line, &["title"]).err().unwrap();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, Some(2));
        assert!(errs[0].hint.as_deref().unwrap().contains("did you mean `title`"));
        assert_eq!(errs[1].line, Some(3));
    }
}

//! Splits a markdown file into its YAML front matter and body, and reads the YAML
//! into fields that are each checked on their own: every unknown key and every
//! value of the wrong kind is reported at its place, all in one run.

use std::path::Path;

use crate::model::Span;
use crate::support::diagnostic::Diagnostic;

mod fields;

pub use fields::{Fields, Item, read};

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

/// How a field is written, for checking it and for saying how to write it.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    /// What the value must be, said in words: `a list of names`.
    pub expected: &'static str,
    /// A line that works: `tags: [Data engineering, Design]`.
    pub example: &'static str,
}

/// The shapes of value a field takes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One value, read as text (`2024` and `true` are fine titles).
    Text,
    /// One value or a list of them, each read as text.
    List,
    /// `true` or `false`.
    Flag,
    /// A whole number.
    Count,
    /// `name: value` lines, each value read as text (social profiles).
    Pairs,
    /// `key: value` lines with fields of their own (the organization).
    Group(&'static [Key]),
    /// A list whose items are each text or a group of these fields (`focus_keywords:`).
    Items(&'static [Key]),
    /// `name:` lines, each named by the user and holding fields of its own (the
    /// calls to action).
    Named(&'static [Key]),
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
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
}

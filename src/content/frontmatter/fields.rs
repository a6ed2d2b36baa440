//! Front matter read field by field: each value checked against the kind its key
//! takes, and every problem said at its place in words, with an example.

use std::path::Path;

mod items;

pub use items::Item;

use super::{Key, Kind, Located};
use crate::model::Span;
use crate::support::diagnostic::{Diagnostic, did_you_mean, shown_line};
use crate::support::yaml;

/// Front matter (or site.yaml) read into fields, each with its place in the
/// file, and every problem found in them so far. Each field is checked on its
/// own, so one run reports every problem of a file.
pub struct Fields<'a> {
    path: &'a Path,
    /// The lines of the file up to the end of its YAML (1-based: `lines[0]` is line 1).
    lines: Vec<&'a str>,
    keys: &'static [Key],
    entries: Vec<yaml::Entry>,
    /// Where a missing field is reported: the opening `---` (or line 1).
    pub fence: Span,
    /// Every problem found so far, in the order found.
    pub errors: Vec<Diagnostic>,
}

/// Reads `yaml` (which starts on file line `yaml_line` of `text`) into fields of
/// `keys`, reporting every unknown key. `Err` only when the YAML cannot be read.
pub fn read<'a>(
    path: &'a Path,
    text: &'a str,
    yaml_src: &str,
    yaml_line: usize,
    keys: &'static [Key],
) -> Result<Fields<'a>, Vec<Diagnostic>> {
    let shift = yaml_line - 1;
    let mut entries = yaml::parse_map(yaml_src).map_err(|e| {
        let d = Diagnostic::error(path, e.message).at(text, e.line + shift, e.column);
        vec![match e.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }]
    })?;
    for e in &mut entries {
        shift_entry(e, shift);
    }
    let lines: Vec<&str> = text.lines().take(shift + yaml_src.split('\n').count()).collect();
    let fence_line = yaml_line.saturating_sub(1).max(1);
    let fence = Span {
        line: fence_line,
        column: 1,
        text: lines.get(fence_line - 1).map_or(String::new(), |l| shown_line(l)),
    };
    let mut fields = Fields { path, lines, keys, entries, fence, errors: Vec::new() };
    fields.unknown_keys(None);
    Ok(fields)
}

/// Moves an entry's places from lines of the YAML to lines of the file.
fn shift_entry(e: &mut yaml::Entry, shift: usize) {
    e.at.line += shift;
    shift_node(&mut e.value, shift);
}

fn shift_node(n: &mut yaml::Node, shift: usize) {
    n.at.line += shift;
    match &mut n.value {
        yaml::Value::List(items) => items.iter_mut().for_each(|i| shift_node(i, shift)),
        yaml::Value::Map(entries) => entries.iter_mut().for_each(|e| shift_entry(e, shift)),
        _ => {}
    }
}

/// How a value that is not what a field takes was written, for the hint.
fn found(v: &yaml::Value) -> String {
    match v {
        yaml::Value::List(_) => "here it is a list; put it in quotes if it is meant as text".into(),
        yaml::Value::Map(_) => {
            "here it is a group of `key: value` lines; put it in quotes if it is meant as text".into()
        }
        yaml::Value::Null => "here it is empty".into(),
        other => match scalar_text(other) {
            Some(t) => format!("here it is `{t}`"),
            None => "here it is something else".into(),
        },
    }
}

/// A single value read as text: `2024`, `true` and `1.5` are text too.
fn scalar_text(v: &yaml::Value) -> Option<String> {
    match v {
        yaml::Value::Text(s) => Some(s.clone()),
        yaml::Value::Number { shown, .. } => Some(shown.clone()),
        yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl<'a> Fields<'a> {
    /// The place `at`, with its line to show.
    pub fn span(&self, at: yaml::Pos) -> Span {
        let text = self.lines.get(at.line.wrapping_sub(1)).map_or(String::new(), |l| shown_line(l));
        Span { line: at.line.max(1), column: at.column.max(1), text }
    }

    fn entry(&self, name: &str) -> Option<&yaml::Entry> {
        self.entries.iter().find(|e| e.key == name)
    }

    /// True when `name` is given with a value (not left empty).
    pub fn has(&self, name: &str) -> bool {
        self.entry(name).is_some_and(|e| e.value.value != yaml::Value::Null)
    }

    /// Where the key `name` is written, or the opening fence when it is not.
    pub fn key_span(&self, name: &str) -> Span {
        self.entry(name).map_or_else(|| self.fence.clone(), |e| self.span(e.at))
    }

    /// The line of the key `name`, or of the opening fence.
    pub fn line_of(&self, name: &str) -> usize {
        self.entry(name).map_or(self.fence.line, |e| e.at.line)
    }

    /// An error at the key `name`.
    pub fn key_error(&self, name: &str, message: impl Into<String>) -> Diagnostic {
        self.key_span(name).error(self.path, message)
    }

    fn spec(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// Says that `name` holds the wrong kind of value, at its key.
    fn wrong(&mut self, name: &str, v: &yaml::Value) {
        let d = match (v, self.spec(name)) {
            (yaml::Value::Tagged(tag), _) => self
                .key_error(
                    name,
                    format!("`{name}` has a value marked with the tag `{tag}`, which is not understood here"),
                )
                .with_hint("remove the tag, or put the value in quotes"),
            (_, Some(k)) => self
                .key_error(name, format!("`{name}` must be {}, like `{}`", k.expected, k.example))
                .with_hint(found(v)),
            (_, None) => self.key_error(name, format!("`{name}` cannot be used here")).with_hint(found(v)),
        };
        self.errors.push(d);
    }

    /// The node of `name` when it holds a value, after the wrong kinds of it
    /// common to every field (a `!tag`).
    fn value(&mut self, name: &str) -> Option<yaml::Node> {
        let node = self.entry(name)?.value.clone();
        match node.value {
            yaml::Value::Null => None,
            yaml::Value::Tagged(_) => {
                self.wrong(name, &node.value);
                None
            }
            _ => Some(node),
        }
    }

    /// A one-value field, as text.
    pub fn text(&mut self, name: &str) -> Option<Located<String>> {
        let node = self.value(name)?;
        match scalar_text(&node.value) {
            Some(value) => Some(Located { value, span: self.span(node.at) }),
            None => {
                self.wrong(name, &node.value);
                None
            }
        }
    }

    /// A field of one value or a list of them, each as text.
    pub fn list(&mut self, name: &str) -> Option<Vec<Located<String>>> {
        let node = self.value(name)?;
        let items = match &node.value {
            yaml::Value::List(items) => items.as_slice(),
            yaml::Value::Map(_) => {
                self.wrong(name, &node.value);
                return None;
            }
            _ => std::slice::from_ref(&node),
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match (&item.value, scalar_text(&item.value)) {
                (_, Some(value)) => out.push(Located { value, span: self.span(item.at) }),
                (yaml::Value::Null, _) => {}
                (other, None) => {
                    let other = other.clone();
                    self.wrong(name, &other);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// A `true` or `false` field.
    pub fn flag(&mut self, name: &str) -> Option<bool> {
        let node = self.value(name)?;
        match node.value {
            yaml::Value::Bool(b) => Some(b),
            other => {
                self.wrong(name, &other);
                None
            }
        }
    }

    /// A whole-number field.
    pub fn count(&mut self, name: &str) -> Option<Located<u64>> {
        let node = self.value(name)?;
        match node.value {
            yaml::Value::Number { whole: Some(n), .. } => {
                Some(Located { value: n, span: self.span(node.at) })
            }
            other => {
                self.wrong(name, &other);
                None
            }
        }
    }

    /// A field of `name: value` lines: each name and value as text, with places.
    pub fn pairs(&mut self, name: &str) -> Vec<(Located<String>, Located<String>)> {
        let Some(node) = self.value(name) else { return Vec::new() };
        let yaml::Value::Map(entries) = &node.value else {
            self.wrong(name, &node.value);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let key = Located { value: e.key.clone(), span: self.span(e.at) };
            match scalar_text(&e.value.value) {
                Some(value) => out.push((key, Located { value, span: self.span(e.value.at) })),
                None => {
                    let shown = format!("{name}: {}", e.key);
                    let message = format!(
                        "`{shown}` must be one value, like `{}`",
                        self.spec(name).map_or("", |k| k.example)
                    );
                    self.errors.push(key.span.error(self.path, message).with_hint(found(&e.value.value)));
                }
            }
        }
        out
    }

    /// A field of `key: value` lines with fields of their own: read as fields, with
    /// its unknown keys reported. Its problems are added to these fields' when
    /// [`Fields::absorb`] is called.
    pub fn group(&mut self, name: &str) -> Option<Fields<'a>> {
        let spec = self.spec(name)?;
        let Kind::Group(keys) = spec.kind else { return None };
        let node = self.value(name)?;
        let yaml::Value::Map(entries) = node.value else {
            self.wrong(name, &node.value);
            return None;
        };
        let fence = self.key_span(name);
        Some(self.child(keys, entries, fence, name))
    }

    /// The fields of a group of `keys` written inside these (`entries`, opened at
    /// `fence`), with their unknown keys reported as inside `within`.
    fn child(
        &self,
        keys: &'static [Key],
        entries: Vec<yaml::Entry>,
        fence: Span,
        within: &str,
    ) -> Fields<'a> {
        let mut group =
            Fields { path: self.path, lines: self.lines.clone(), keys, entries, fence, errors: Vec::new() };
        group.unknown_keys(Some(within));
        group
    }

    /// A field of `name:` lines named by the user, each with fields of its own:
    /// each name with its fields, their unknown keys reported. Their problems are
    /// added to these fields' when [`Fields::absorb`] is called.
    pub fn named(&mut self, name: &str) -> Vec<(Located<String>, Fields<'a>)> {
        let Some(spec) = self.spec(name) else { return Vec::new() };
        let Kind::Named(keys) = spec.kind else { return Vec::new() };
        let Some(node) = self.value(name) else { return Vec::new() };
        let yaml::Value::Map(entries) = &node.value else {
            self.wrong(name, &node.value);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let key = Located { value: e.key.clone(), span: self.span(e.at) };
            let shown = format!("{name}: {}", e.key);
            let yaml::Value::Map(inner) = &e.value.value else {
                let message =
                    format!("`{shown}` must be a group of `key: value` lines, like `{}`", spec.example);
                self.errors.push(key.span.error(self.path, message).with_hint(found(&e.value.value)));
                continue;
            };
            let group = self.child(keys, inner.clone(), key.span.clone(), &shown);
            out.push((key, group));
        }
        out
    }

    /// Adds the problems found in a group's fields to these.
    pub fn absorb(&mut self, group: Fields<'_>) {
        self.errors.extend(group.errors);
    }

    /// Reports each key that is not one of `keys`, with the closest valid one.
    fn unknown_keys(&mut self, within: Option<&str>) {
        let valid = self.keys.iter().map(|k| format!("`{}`", k.name)).collect::<Vec<_>>().join(", ");
        let mut found = Vec::new();
        for e in &self.entries {
            if self.keys.iter().any(|k| k.name == e.key) {
                continue;
            }
            let hint = match did_you_mean(&e.key, self.keys.iter().map(|k| k.name)) {
                Some(dym) => format!("{dym} (valid keys: {valid})"),
                None => format!("valid keys: {valid}"),
            };
            let message = match within {
                Some(group) => format!("unknown key `{}` in `{group}`", e.key),
                None => format!("unknown key `{}`", e.key),
            };
            found.push(self.span(e.at).error(self.path, message).with_hint(hint));
        }
        self.errors.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::split;

    const KEYS: &[Key] = &[
        Key { name: "title", kind: Kind::Text, expected: "text", example: "title: Hello" },
        Key { name: "tags", kind: Kind::List, expected: "a list of names", example: "tags: [A, B]" },
        Key { name: "draft", kind: Kind::Flag, expected: "true or false", example: "draft: true" },
        Key {
            name: "social",
            kind: Kind::Pairs,
            expected: "`network: profile` lines",
            example: "social: {x: ada}",
        },
    ];

    /// (line, column, message, hint) of every problem of `text` once each field is read.
    fn problems(text: &str) -> Vec<(usize, usize, String, String)> {
        let path = Path::new("a.md");
        let s = split(path, text).unwrap();
        let mut f = read(path, text, s.yaml, s.yaml_line, KEYS).unwrap();
        let _ = (f.text("title"), f.list("tags"), f.flag("draft"), f.pairs("social"));
        f.errors
            .iter()
            .map(|d| {
                (d.line.unwrap(), d.column.unwrap(), d.message.clone(), d.hint.clone().unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn every_value_of_the_wrong_kind_is_said_at_its_key_in_words() {
        let got = problems("---\ntitle: [a, b]\ntags: {a: b}\ndraft: maybe\nsocial: [x]\n---\n");
        let want = [
            (
                2,
                1,
                "`title` must be text, like `title: Hello`",
                "here it is a list; put it in quotes if it is meant as text",
            ),
            (
                3,
                1,
                "`tags` must be a list of names, like `tags: [A, B]`",
                "here it is a group of `key: value` lines; put it in quotes if it is meant as text",
            ),
            (4, 1, "`draft` must be true or false, like `draft: true`", "here it is `maybe`"),
            (
                5,
                1,
                "`social` must be `network: profile` lines, like `social: {x: ada}`",
                "here it is a list; put it in quotes if it is meant as text",
            ),
        ];
        assert_eq!(got, want.map(|(l, c, m, h)| (l, c, m.to_string(), h.to_string())));
    }

    #[test]
    fn tagged_values_and_nested_lists_are_explained() {
        let got = problems("---\ntitle: !x 3\ntags: [[a]]\nsocial:\n  x: [a]\n---\n");
        let messages: Vec<&str> = got.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`title` has a value marked with the tag `!x`, which is not understood here",
                "`tags` must be a list of names, like `tags: [A, B]`",
                "`social: x` must be one value, like `social: {x: ada}`",
            ]
        );
        assert_eq!((got[2].0, got[2].1), (5, 3));
    }

    #[test]
    fn unknown_keys_are_all_named_with_lines() {
        let errs = problems("---\ntittle: a\ntag: b\n---\n");
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].0, errs[0].2.as_str()), (2, "unknown key `tittle`"));
        assert!(errs[0].3.contains("did you mean `title`"));
        assert_eq!((errs[1].0, errs[1].2.as_str()), (3, "unknown key `tag`"));
    }
}

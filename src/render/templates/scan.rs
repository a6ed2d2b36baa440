//! Reads what a template refers to from its text, as tera's tags are written: its
//! `include`, `extends` and `import` tags, its macros and the macro calls each
//! makes outside any `if` or `for`. Comments and `raw` blocks are skipped. Knows
//! tera's syntax, not tera's types; run only on templates that parse.

/// A `{% %}` (statement) or `{{ }}` tag: what is inside, without the delimiters and
/// the `-` of whitespace control, and where it starts in the file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tag<'a> {
    pub statement: bool,
    pub inner: &'a str,
    pub line: usize,
    pub column: usize,
}

/// Lines and columns of byte offsets, counted forward only (offsets come in order).
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    fn at(&mut self, text: &str, offset: usize) -> (usize, usize) {
        for c in text[self.offset..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// The offset of `close` at or after `from`, outside tera's string literals.
fn closing(text: &str, from: usize, close: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[from..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if text[from + i..].starts_with(close) => return Some(from + i),
            None => {}
        }
    }
    None
}

/// The inside of a tag: delimiters, whitespace control and spaces removed.
fn inside(raw: &str) -> &str {
    let s = raw.strip_prefix('-').unwrap_or(raw);
    s.strip_suffix('-').unwrap_or(s).trim()
}

/// The offset just after the `{% endraw %}` at or after `from`, if any.
fn end_of_raw(text: &str, mut from: usize) -> Option<usize> {
    loop {
        let open = from + text[from..].find("{%")?;
        let close = open + 2 + text[open + 2..].find("%}")?;
        if inside(&text[open + 2..close]) == "endraw" {
            return Some(close + 2);
        }
        from = open + 2;
    }
}

/// Every statement and expression tag of `text`, in order.
pub(super) fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut cursor = Cursor { offset: 0, line: 1, column: 1 };
    let mut from = 0;
    while let Some(found) = text[from..].find('{') {
        let start = from + found;
        let close = match text.as_bytes().get(start + 1) {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            Some(b'#') => "#}",
            _ => {
                from = start + 1;
                continue;
            }
        };
        let end = if close == "#}" {
            text[start + 2..].find(close).map(|i| start + 2 + i)
        } else {
            closing(text, start + 2, close)
        };
        let Some(end) = end else { break };
        from = end + 2;
        let inner = inside(&text[start + 2..end]);
        if close == "#}" {
            continue;
        }
        let statement = close == "%}";
        if statement && inner == "raw" {
            match end_of_raw(text, from) {
                Some(after) => from = after,
                None => break,
            }
            continue;
        }
        let (line, column) = cursor.at(text, start);
        out.push(Tag { statement, inner, line, column });
    }
    out
}

/// What a tag names a template with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkKind {
    Include,
    Extends,
    Import,
}

/// An `include`, `extends` or `import` tag. `targets` has one name, or for
/// `include [..]` the names in order (tera takes the first that exists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    pub kind: LinkKind,
    pub targets: Vec<String>,
    pub line: usize,
    pub column: usize,
}

/// A call `namespace::name(..)` in a macro's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Call {
    pub namespace: String,
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// A macro and the calls it makes whatever its arguments (outside `if` and `for`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Macro {
    pub name: String,
    pub calls: Vec<Call>,
}

/// What one template refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Refs {
    pub links: Vec<Link>,
    /// `import "file" as namespace`: (namespace, file).
    pub imports: Vec<(String, String)>,
    pub macros: Vec<Macro>,
}

/// The first word of a statement and the rest.
fn first_word(inner: &str) -> (&str, &str) {
    let end = inner.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(inner.len());
    (&inner[..end], inner[end..].trim_start())
}

/// The string literal, or list of string literals, at the start of `s`, and the rest.
fn names(s: &str) -> (Vec<String>, &str) {
    let list = s.starts_with('[');
    let mut rest = if list { &s[1..] } else { s };
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) else { break };
        let Some(end) = rest[1..].find(q) else { break };
        out.push(rest[1..1 + end].to_string());
        rest = rest[end + 2..].trim_start();
        match rest.strip_prefix(',') {
            Some(r) if list => rest = r,
            _ => break,
        }
    }
    if list {
        rest = rest.strip_prefix(']').unwrap_or(rest);
    }
    (out, rest)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every `namespace::name(` in a tag, outside string literals.
fn calls(tag: &Tag<'_>) -> Vec<Call> {
    let s = tag.inner;
    let mut out = Vec::new();
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => continue,
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if s[i..].starts_with("::") && !s[..i].ends_with(':') => {
                let ns_start = s[..i].rfind(|c| !is_ident(c)).map_or(0, |j| j + 1);
                let after = &s[i + 2..];
                let name_end = after.find(|c| !is_ident(c)).unwrap_or(after.len());
                if ns_start < i && name_end > 0 && after[name_end..].trim_start().starts_with('(') {
                    out.push(Call {
                        namespace: s[ns_start..i].to_string(),
                        name: after[..name_end].to_string(),
                        line: tag.line,
                        column: tag.column,
                    });
                }
            }
            None => {}
        }
    }
    out
}

/// The macro being read: its calls so far and how many `if`/`for` are open.
struct Open {
    macro_: Macro,
    depth: usize,
}

/// Everything `text` refers to.
pub(super) fn refs(text: &str) -> Refs {
    let mut refs = Refs::default();
    let mut open: Option<Open> = None;
    for tag in tags(text) {
        let (word, rest) = if tag.statement { first_word(tag.inner) } else { ("", "") };
        if let Some(o) = &mut open {
            if o.depth == 0 {
                o.macro_.calls.extend(calls(&tag));
            }
            match word {
                "if" | "for" => o.depth += 1,
                "endif" | "endfor" => o.depth = o.depth.saturating_sub(1),
                "endmacro" => refs.macros.extend(open.take().map(|o| o.macro_)),
                _ => {}
            }
        }
        let kind = match word {
            "include" => LinkKind::Include,
            "extends" => LinkKind::Extends,
            "import" => LinkKind::Import,
            "macro" => {
                let (name, _) = first_word(rest);
                open = Some(Open { macro_: Macro { name: name.to_string(), calls: Vec::new() }, depth: 0 });
                continue;
            }
            _ => continue,
        };
        let (targets, after) = names(rest);
        if kind == LinkKind::Import
            && let (Some(file), ("as", ns)) = (targets.first(), first_word(after))
        {
            refs.imports.push((first_word(ns).0.to_string(), file.clone()));
        }
        refs.links.push(Link { kind, targets, line: tag.line, column: tag.column });
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_skip_comments_raw_blocks_and_strings() {
        let text = "{# {% include \"no\" %} #}\n{% raw %}{{ it's }}{% include 'no' %}{% endraw %}\n  {{ \"{% include 'no' %}\" }}{%- include \"yes.html\" -%}";
        let found = tags(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].inner, found[0].line, found[0].column), ("\"{% include 'no' %}\"", 3, 3));
        assert_eq!(found[1], Tag { statement: true, inner: "include \"yes.html\"", line: 3, column: 29 });
    }

    #[test]
    fn includes_extends_and_imports_in_every_spelling() {
        let r = refs(
            "{% extends 'base.html' %}\n{%- include \"a.html\" ignore missing -%}\n{% include ['x.html', `y.html`] ignore missing %}\n{% import \"macros.html\" as m %}",
        );
        let got: Vec<(LinkKind, Vec<&str>, usize)> = r
            .links
            .iter()
            .map(|l| (l.kind, l.targets.iter().map(String::as_str).collect(), l.line))
            .collect();
        assert_eq!(
            got,
            [
                (LinkKind::Extends, vec!["base.html"], 1),
                (LinkKind::Include, vec!["a.html"], 2),
                (LinkKind::Include, vec!["x.html", "y.html"], 3),
                (LinkKind::Import, vec!["macros.html"], 4),
            ]
        );
        assert_eq!(r.imports, [("m".to_string(), "macros.html".to_string())]);
    }

    #[test]
    fn macro_calls_inside_if_and_for_are_not_unconditional() {
        let r = refs(
            "{% macro a(n) %}{{ self::b(n=1) }}{% if n %}{{ self::a(n=n-1) }}{% endif %}\n{% for x in m::c() %}{{ self::a(n=x) }}{% endfor %}{{ \"self::no()\" }}{% endmacro a %}\n{% macro b(n) %}{{ n }}{% endmacro %}",
        );
        let calls: Vec<(&str, &str, usize)> =
            r.macros[0].calls.iter().map(|c| (c.namespace.as_str(), c.name.as_str(), c.line)).collect();
        assert_eq!(calls, [("self", "b", 1), ("m", "c", 2)]);
        assert_eq!(r.macros.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    }
}

//! The only module that knows serde_yaml (archived upstream, so it must stay
//! swappable): parses YAML text into our own raw structs, and reports problems as
//! plain messages with 1-based positions relative to the YAML text. Text that is
//! too long or nested too deeply is refused before serde_yaml sees it.

use serde::de::DeserializeOwned;

mod limits;

/// A YAML problem at a position inside the YAML text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What to do about it, when we know better than the message says.
    pub hint: Option<String>,
}

/// The 1-based line and column of byte `index` of `text`, counting lines as the
/// rest of byline does: libyaml's own count also breaks lines at a lone `\r`,
/// U+0085, U+2028 and U+2029, which would point past the file's last line.
fn position(text: &str, index: usize) -> (usize, usize) {
    let mut end = index.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// `text` without a byte-order mark: serde_yaml reads text that starts with one
/// and has a second line as a second document.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Our error for serde_yaml's `err` about `text` (given to it without a BOM).
fn convert(err: serde_yaml::Error, text: &str) -> YamlError {
    let (line, column) = err.location().map_or((1, 1), |l| position(text, l.index()));
    let mut message = err.to_string();
    // serde_yaml appends " at line L column C"; we show the position our own way.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError { line, column, message: plain_message(&message), hint: None }
}

/// Rewrites libyaml's wording into something a non-programmer can act on.
fn plain_message(message: &str) -> String {
    if message.contains("found character that cannot start any token")
        || message.contains("found a tab character")
    {
        return format!("{message} (YAML does not allow tabs for indentation; use spaces)");
    }
    if message.contains("did not find expected ',' or ']'") {
        return format!("{message} (a list opened with `[` is not closed with `]`)");
    }
    if message.contains("more than one document") {
        return "a line `---` (or `--- ` and more) starts a second YAML document here; only one is read (put a value that starts with `---` in quotes)".into();
    }
    if message.contains("mapping values are not allowed") {
        return format!("{message} (a value contains `: `; put the whole value in quotes)");
    }
    // A `!tag` turns a value into what serde calls an enum.
    for tagged in ["untagged and internally tagged enums do not support enum input", "invalid type: enum"] {
        if let Some(at) = message.find(tagged) {
            let key = &message[..at];
            return format!(
                "{key}a value marked with a `!` tag is not understood here (remove the tag, or put the value in quotes)"
            );
        }
    }
    // A number too large for 64 bits is named with the Rust type serde tried.
    const WIDE: &str = "invalid type: integer `";
    if let Some(start) = message.find(WIDE)
        && let Some(end) = message.find("` as u128").or_else(|| message.find("` as i128"))
        && start + WIDE.len() <= end
    {
        let number = &message[start + WIDE.len()..end];
        let key = &message[..start];
        return format!("{key}the number {number} is too large (put it in quotes if it is meant as text)");
    }
    // serde names the Rust type it wanted: say what it means instead.
    let mut message = message.to_string();
    for (rust, plain) in [
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a borrowed string", "expected text"),
        ("invalid type: unit value", "invalid type: empty value"),
        ("invalid type: sequence", "invalid type: list"),
        ("expected a sequence", "expected a list"),
    ] {
        if let Some(at) = message.find(rust)
            && !message[at + rust.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            message.replace_range(at..at + rust.len(), plain);
        }
    }
    message
}

/// Top-level keys of a YAML mapping with the line each is on (1-based, relative to
/// the YAML text). Empty text is an empty mapping; anything else that is not a
/// mapping is an error.
pub fn top_level_keys(text: &str) -> Result<Vec<(String, usize)>, YamlError> {
    limits::check(text)?;
    let yaml = without_bom(text);
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| convert(e, yaml))?;
    let map = match value {
        serde_yaml::Value::Null => return Ok(Vec::new()),
        serde_yaml::Value::Mapping(m) => m,
        _ => {
            let message = "expected `key: value` lines".into();
            return Err(YamlError { line: 1, column: 1, message, hint: None });
        }
    };
    let lines = key_lines(text);
    Ok(map
        .keys()
        .map(|k| {
            let name = match k {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
            };
            let line = lines.get(name.as_str()).copied().unwrap_or(1);
            (name, line)
        })
        .collect())
}

/// The key a line starts with, as `key_line` would find it: `key:` or `"key":`.
fn line_key(line: &str) -> Option<&str> {
    let (key, rest) = match line.chars().next()? {
        q @ ('"' | '\'') => {
            let inner = &line[1..];
            let end = inner.find(q)?;
            (&inner[..end], &inner[end + 1..])
        }
        _ => {
            let colon = line
                .match_indices(':')
                .map(|(i, _)| i)
                .find(|&i| line[i + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\t' || c == '\r'))?;
            (line[..colon].trim_end(), &line[colon..])
        }
    };
    (!key.is_empty() && rest.trim_start().starts_with(':')).then_some(key)
}

/// The first line of each top-level key, in one pass (a lookup per key would take
/// time quadratic in the number of keys).
fn key_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut lines = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(key) = line_key(line) {
            lines.entry(key).or_insert(i + 1);
        }
    }
    lines
}

/// The 1-based line on which the top-level `key:` stands, if it does.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start_matches(['"', '\'']);
            l.starts_with(key) && {
                let rest = l[key.len()..].trim_start_matches(['"', '\'']);
                rest.trim_start().starts_with(':')
            }
        })
        .map(|i| i + 1)
}

/// Parses YAML text into `T`. Empty text parses as an empty mapping.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    limits::check(text)?;
    if text.trim().is_empty() {
        return serde_yaml::from_str("{}").map_err(|e| convert(e, text));
    }
    let yaml = without_bom(text);
    serde_yaml::from_str(yaml).map_err(|e| convert(e, yaml))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_with_their_lines() {
        let keys = top_level_keys("title: a\n\ntags:\n  - x\ndate: 2024-01-01\n").unwrap();
        assert_eq!(keys, vec![("title".into(), 1), ("tags".into(), 3), ("date".into(), 5)]);
    }

    #[test]
    fn keys_in_quotes_or_with_colons_are_found_too() {
        let keys = top_level_keys("\"a: b\": 1\nc:d: 2\n'e' : 3\nlist:\n- x\n").unwrap();
        let want = [("a: b", 1), ("c:d", 2), ("e", 3), ("list", 4)];
        assert_eq!(keys, want.map(|(k, l)| (k.to_string(), l)));
    }

    #[test]
    fn type_errors_name_no_rust_types() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct R {
            n: Option<usize>,
            v: Option<serde_yaml::Value>,
            e: Option<E>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(untagged)]
        #[allow(dead_code)]
        enum E {
            S(String),
        }
        let err = from_str::<R>("n: many\n").unwrap_err();
        assert_eq!(err.message, "n: invalid type: string \"many\", expected a whole number");
        let err = from_str::<R>("n: [1]\n").unwrap_err();
        assert_eq!(err.message, "n: invalid type: list, expected a whole number");
        let err = from_str::<R>("e: !x 3\n").unwrap_err();
        let want = "e: a value marked with a `!` tag is not understood here (remove the tag, or put the value in quotes)";
        assert_eq!(err.message, want);
        let err = from_str::<R>("v: 18446744073709551616\n").unwrap_err();
        let want =
            "v: the number 18446744073709551616 is too large (put it in quotes if it is meant as text)";
        assert_eq!(err.message, want);
    }

    #[test]
    fn positions_count_only_newlines_as_line_breaks() {
        let err = top_level_keys("'\u{85}\u{85}\ntitle: 2024-03-05\n").unwrap_err();
        assert_eq!((err.line, err.column, err.message.as_str()), (3, 1, "found unexpected end of stream"));
        let err = top_level_keys("x: 1\ra: b: c\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 10));
        assert_eq!(position("ab\nçd", 5), (2, 2));
    }

    #[test]
    fn tab_indentation_is_explained() {
        let err = top_level_keys("title: a\ntags:\n\t- x\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("tab"), "{}", err.message);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_second_document() {
        let keys = top_level_keys("\u{feff}title: T\nbase_url: x\n").unwrap();
        assert_eq!(keys.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["title", "base_url"]);
        let err = top_level_keys("\u{feff}title: T\na: b: c\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
    }

    #[test]
    fn a_list_is_not_front_matter() {
        assert!(top_level_keys("- a\n- b\n").is_err());
    }
}

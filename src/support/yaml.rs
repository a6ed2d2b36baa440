//! The only module that knows serde_yaml (archived upstream, so it must stay
//! swappable): parses YAML text into our own tree of values, each with the place it
//! starts, and reports problems as plain messages with 1-based positions relative
//! to the YAML text. Text that is too long or nested too deeply is refused before
//! serde_yaml sees it.

mod emit;
mod limits;
mod tree;

pub(crate) use emit::{Out, document};
pub(crate) use tree::{Entry, Node, Pos, Value};

/// A YAML problem at a position inside the YAML text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
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
    if let Some(found) = duplicate(&message, text) {
        return found;
    }
    let at = err.location().and_then(|l| text.get(l.index()..)).and_then(|rest| rest.chars().next());
    YamlError { line, column, message: plain_message(&message, at), hint: None }
}

/// Rewrites libyaml's wording into something a non-programmer can act on; `at` is
/// the character the problem was found at.
fn plain_message(message: &str, at: Option<char>) -> String {
    if message.contains("found a tab character")
        || (message.contains("found character that cannot start any token") && at == Some('\t'))
    {
        return format!("{message} (YAML does not allow tabs for indentation; use spaces)");
    }
    if message.contains("found character that cannot start any token") {
        let c = at.map_or(String::new(), |c| format!("`{c}` "));
        return format!("a value cannot start with the character {c}here (put the whole value in quotes)");
    }
    for (libyaml, plain) in [
        ("did not find expected node content", "a value is missing here"),
        (
            "did not find expected '-' indicator",
            "this line is not indented like the `- ` list items before it",
        ),
        (
            "could not find expected ':'",
            "a line before this one has no `: ` after its key (a value that goes on over several lines is indented under its key)",
        ),
        ("found unexpected end of stream", "the text ends inside a quote, `[` or `{` that is never closed"),
        ("unknown anchor", "a `*` here names no `&` anchor (put the value in quotes if it is meant as text)"),
    ] {
        if message.contains(libyaml) {
            return plain.into();
        }
    }
    if let Some(at) = message.find("duplicate entry with key ") {
        let key = message[at + "duplicate entry with key ".len()..].trim_matches('"');
        return format!("`{key}` is given twice");
    }
    if message.contains("did not find expected ',' or ']'") {
        return format!("{message} (a list opened with `[` is not closed with `]`)");
    }
    if message.contains("did not find expected ',' or '}'") {
        return format!("{message} (a group opened with `{{` is not closed with `}}`)");
    }
    if message.contains("more than one document") {
        return "a line `---` (or `--- ` and more) starts a second YAML document here; only one is read (put a value that starts with `---` in quotes)".into();
    }
    if message.contains("mapping values are not allowed") {
        return "a `: ` cannot stand here (if it is part of a value, put the whole value in quotes)".into();
    }
    if message.contains("did not find expected key") {
        return "this line is not indented like the `key: value` lines before it".into();
    }
    if message.contains("block sequence entries are not allowed") {
        return "a `- ` list item cannot stand here (start the list on the line after its key)".into();
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
    message.to_string()
}

/// serde_yaml's "duplicate entry with key \"k\"", said at the second `k:` line.
fn duplicate(message: &str, text: &str) -> Option<YamlError> {
    let quoted = &message[message.find("duplicate entry with key ")? + "duplicate entry with key ".len()..];
    let key = serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.trim_matches('"').to_string());
    let mut lines = text.lines().enumerate().filter(|(_, l)| line_key(l.trim_start()) == Some(key.as_str()));
    let (first, _) = lines.next()?;
    let (second, line) = lines.next()?;
    Some(YamlError {
        line: second + 1,
        column: line.len() - line.trim_start().len() + 1,
        message: format!("`{key}` is given twice"),
        hint: Some(format!("keep one of the two: line {} has it too", first + 1)),
    })
}

/// The key a line starts with: `key:` or `"key":`.
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

/// The 1-based line on which the top-level `key:` stands, if it does.
pub(crate) fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| line_key(l) == Some(key)).map(|i| i + 1)
}

/// Parses YAML text made of `key: value` lines into its entries, each key and
/// value with the place it starts. Empty text has no entries; anything else that
/// is not `key: value` lines is an error.
pub(crate) fn parse_map(text: &str) -> Result<Vec<Entry>, YamlError> {
    limits::check(text)?;
    let yaml = without_bom(text);
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| convert(e, yaml))?;
    match value {
        serde_yaml::Value::Null => Ok(Vec::new()),
        serde_yaml::Value::Mapping(m) => Ok(tree::entries(yaml, m)),
        _ => {
            let message = "expected `key: value` lines".into();
            let hint = Some("each line names a field and gives its value, like `title: Why we write`".into());
            Err(YamlError { line: 1, column: 1, message, hint })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, key line, key column, value line, value column) of each entry.
    fn places(text: &str) -> Vec<(String, usize, usize, usize, usize)> {
        let entries = parse_map(text).unwrap();
        entries
            .into_iter()
            .map(|e| (e.key, e.at.line, e.at.column, e.value.at.line, e.value.at.column))
            .collect()
    }

    fn at(node: &Node) -> (usize, usize) {
        (node.at.line, node.at.column)
    }

    #[test]
    fn keys_and_values_come_with_their_places() {
        let got = places(
            "title: a

tags:
  - x
date:   2024-01-01 # when
empty:
last: 'q'
",
        );
        let want = [
            ("title", 1, 1, 1, 8),
            ("tags", 3, 1, 4, 3),
            ("date", 5, 1, 5, 9),
            ("empty", 6, 1, 6, 7),
            ("last", 7, 1, 7, 8),
        ];
        assert_eq!(got, want.map(|(k, a, b, c, d)| (k.to_string(), a, b, c, d)));
    }

    #[test]
    fn keys_in_quotes_or_with_colons_are_found_too() {
        let got = places("\"a: b\": 1\nc:d: 2\n'e' : 3\nlist:\n- x\n");
        let want = [("a: b", 1, 2, 1, 9), ("c:d", 2, 1, 2, 6), ("e", 3, 2, 3, 7), ("list", 4, 1, 5, 1)];
        assert_eq!(got, want.map(|(k, a, b, c, d)| (k.to_string(), a, b, c, d)));
    }

    #[test]
    fn list_items_and_nested_keys_are_placed() {
        let text = "tags: [a, \"b c\", [d]]\nauthors:\n  - ada # first\n  - |\n    bo\n\n    more\n  - z\nsocial:\n  x: \"@ada\"\n  github: ada\ndescription: long\n  words\nn: {k: v, w: 2}\n";
        let entries = parse_map(text).unwrap();
        let Value::List(tags) = &entries[0].value.value else { panic!() };
        assert_eq!(tags.iter().map(at).collect::<Vec<_>>(), [(1, 8), (1, 12), (1, 18)]);
        let Value::List(authors) = &entries[1].value.value else { panic!() };
        assert_eq!(authors.iter().map(at).collect::<Vec<_>>(), [(3, 5), (4, 5), (8, 5)]);
        let Value::Map(social) = &entries[2].value.value else { panic!() };
        let keys: Vec<_> =
            social.iter().map(|e| (e.key.as_str(), e.at.line, e.at.column, at(&e.value))).collect();
        assert_eq!(keys, [("x", 10, 3, (10, 7)), ("github", 11, 3, (11, 11))]);
        assert_eq!((entries[3].key.as_str(), entries[3].at.line), ("description", 12));
        assert_eq!(entries[3].value.value, Value::Text("long words".into()));
        let Value::Map(n) = &entries[4].value.value else { panic!() };
        assert_eq!(
            n.iter().map(|e| (e.at.column, at(&e.value))).collect::<Vec<_>>(),
            [(5, (14, 8)), (11, (14, 14))]
        );
    }

    #[test]
    fn numbers_tags_and_aliases_keep_a_place() {
        let entries = parse_map("a: 2024\nb: !x 3\nc: &l [1, 2]\nd: *l\ne: ~\n").unwrap();
        assert_eq!(entries[0].value.value, Value::Number { shown: "2024".into(), whole: Some(2024) });
        assert_eq!(
            (entries[1].value.value.clone(), at(&entries[1].value)),
            (Value::Tagged("!x".into()), (2, 7))
        );
        let Value::List(d) = &entries[3].value.value else { panic!() };
        assert_eq!(d.iter().map(at).collect::<Vec<_>>(), [(4, 4), (4, 4)]);
        assert_eq!((entries[4].value.value.clone(), at(&entries[4].value)), (Value::Null, (5, 4)));
    }

    #[test]
    fn a_large_number_is_explained_plainly() {
        let err = parse_map("v: 18446744073709551616\n").unwrap_err();
        let want =
            "v: the number 18446744073709551616 is too large (put it in quotes if it is meant as text)";
        assert_eq!(err.message, want);
    }

    #[test]
    fn a_key_given_twice_is_found_at_its_second_line() {
        let err = parse_map("title: a\ndate: 2024-01-01\ntitle: b\n").unwrap_err();
        assert_eq!((err.line, err.column, err.message.as_str()), (3, 1, "`title` is given twice"));
        assert_eq!(err.hint.as_deref(), Some("keep one of the two: line 1 has it too"));
    }

    #[test]
    fn positions_count_only_newlines_as_line_breaks() {
        let err = parse_map("'\u{85}\u{85}\ntitle: 2024-03-05\n").unwrap_err();
        assert_eq!(
            (err.line, err.column, err.message.as_str()),
            (3, 1, "the text ends inside a quote, `[` or `{` that is never closed")
        );
        let err = parse_map("x: 1\ra: b: c\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 10));
        assert_eq!(position("ab\nçd", 5), (2, 2));
    }

    #[test]
    fn tab_indentation_is_explained() {
        let err = parse_map("title: a\ntags:\n\t- x\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("tab"), "{}", err.message);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_second_document() {
        let keys: Vec<String> =
            parse_map("\u{feff}title: T\nbase_url: x\n").unwrap().into_iter().map(|e| e.key).collect();
        assert_eq!(keys, ["title", "base_url"]);
        let err = parse_map("\u{feff}title: T\na: b: c\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
    }

    #[test]
    fn a_list_is_not_front_matter() {
        assert!(parse_map("- a\n- b\n").is_err());
        assert_eq!(parse_map("# only a comment\n").unwrap(), Vec::new());
    }
}

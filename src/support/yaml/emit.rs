//! Writing YAML: `key: value` documents for the files byline generates (the site
//! and front matter an import writes). serde_yaml does the quoting and escaping,
//! so any text (`: `, `#`, quotes, line breaks, tabs) reads back as it was.

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Text(String),
    Flag(bool),
    List(Vec<String>),
    /// `key: value` lines, in this order.
    Map(Vec<(String, Out)>),
}

fn value(v: &Out) -> serde_yaml::Value {
    match v {
        Out::Text(s) => serde_yaml::Value::String(s.clone()),
        Out::Flag(b) => serde_yaml::Value::Bool(*b),
        Out::List(items) => {
            serde_yaml::Value::Sequence(items.iter().map(|s| serde_yaml::Value::String(s.clone())).collect())
        }
        Out::Map(entries) => serde_yaml::Value::Mapping(
            entries.iter().map(|(k, v)| (serde_yaml::Value::String(k.clone()), value(v))).collect(),
        ),
    }
}

/// `entries` as YAML `key: value` lines, in their order, ending with a line break.
/// Empty when there are none.
pub(crate) fn document(entries: &[(&str, Out)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let map: serde_yaml::Mapping =
        entries.iter().map(|(k, v)| (serde_yaml::Value::String((*k).to_string()), value(v))).collect();
    // Serialising owned strings, bools, lists and maps of them cannot fail.
    let text = serde_yaml::to_string(&serde_yaml::Value::Mapping(map)).unwrap_or_default();
    if text.ends_with('\n') { text } else { text + "\n" }
}

#[cfg(test)]
mod tests {
    use super::super::{Value, parse_map};
    use super::*;

    #[test]
    fn awkward_text_reads_back_as_it_was() {
        let titles = [
            "Why: a story",
            "# not a comment",
            "\"quoted\" and 'single'",
            "two\nlines",
            "tab\there",
            "true",
            "2024",
            "- dash",
            "[brackets] {braces} & *star* !bang %pct @at `tick` |pipe >gt",
            "  spaces around  ",
            "ends with colon:",
            "null",
            "~",
            "---",
            "é ü 中文 🎉",
        ];
        for t in titles {
            let text = document(&[("title", Out::Text(t.into())), ("tags", Out::List(vec![t.into()]))]);
            let entries = parse_map(&text).unwrap_or_else(|e| panic!("{t:?}: {e:?}\n{text}"));
            assert_eq!(entries[0].value.value, Value::Text(t.into()), "{text}");
            let Value::List(tags) = &entries[1].value.value else { panic!("{text}") };
            assert_eq!(tags[0].value, Value::Text(t.into()), "{text}");
        }
    }

    #[test]
    fn maps_and_flags_keep_their_order() {
        let text = document(&[
            ("draft", Out::Flag(true)),
            ("redirects", Out::Map(vec![("/category/a: b/".into(), Out::Text("/tags/a-b/".into()))])),
        ]);
        assert_eq!(text, "draft: true\nredirects:\n  '/category/a: b/': /tags/a-b/\n");
    }
}

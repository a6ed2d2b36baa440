//! The last guard against characters no output may hold (`markdown::chars`):
//! markdown bodies are cleaned where they are parsed (so `byline check` can give
//! each one's line), but front matter, settings and templates reach the output
//! here, so every file the render stage makes passes through [`text`], and JSON
//! (which would write a control character as the escape `\u0001`) through [`json`].

use serde_json::Value;

use crate::markdown::chars;

/// A rendered file's text with every forbidden character replaced by U+FFFD.
pub(super) fn text(s: String) -> String {
    chars::clean_owned(s)
}

/// True when a string anywhere in `v` holds a forbidden character.
pub(super) fn json_has_forbidden(v: &Value) -> bool {
    match v {
        Value::String(s) => chars::has_forbidden(s),
        Value::Array(items) => items.iter().any(json_has_forbidden),
        Value::Object(map) => map.values().any(json_has_forbidden),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// Replaces every forbidden character in the strings of `v` (its keys are ours).
pub(super) fn json(v: &mut Value) {
    match v {
        Value::String(s) => {
            if chars::has_forbidden(s) {
                *s = chars::clean(s).into_owned();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(json),
        Value::Object(map) => map.values_mut().for_each(json),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_in_json_values_are_replaced_not_escaped() {
        let mut v = json!({"title": "a\u{1}b", "tags": ["\u{0}", "ok"], "n": 1, "x": {"y": "\u{fffe}"}});
        assert!(json_has_forbidden(&v));
        json(&mut v);
        assert!(!json_has_forbidden(&v));
        let written = serde_json::to_string(&v).unwrap();
        assert!(!written.contains("\\u0001") && !written.contains("\\u0000"), "{written}");
        assert_eq!(v["title"], "a\u{fffd}b");
        assert_eq!(v["tags"][1], "ok");
        assert_eq!(text(String::from("x\u{1b}[0m")), "x\u{fffd}[0m");
    }
}

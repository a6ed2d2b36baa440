//! Helpers for schema.org JSON-LD: a breadcrumb list, and the JSON text made safe to
//! sit inside a `<script>` element whatever authors wrote.

use serde_json::{Value, json};

/// JSON that cannot end its `<script>` element or open a comment inside it, and
/// holds no character a page may not (not even as an escape).
pub(super) fn script_json(v: &Value) -> String {
    let cleaned;
    let v = if super::guard::json_has_forbidden(v) {
        let mut c = v.clone();
        super::guard::json(&mut c);
        cleaned = c;
        &cleaned
    } else {
        v
    };
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    if !s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A `BreadcrumbList` of (name, URL) pairs, first to last.
pub(super) fn breadcrumbs(items: &[(String, String)]) -> Value {
    json!({
        "@type": "BreadcrumbList",
        "itemListElement": items.iter().enumerate().map(|(n, (name, url))| json!({
            "@type": "ListItem", "position": n + 1, "name": name, "item": url,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = json!({"t": "</script><!-- & \u{2028}"});
        let s = script_json(&v);
        assert!(!s.contains("</script>") && !s.contains("<!--"));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}

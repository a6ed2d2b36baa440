//! `defaults:` of `_config.yml`: front matter values given to every file in a
//! scope (a path prefix, a type such as `posts`), under the file's own values.

use serde_json::{Map, Value as Json};

use crate::import::front::{self, Front};

/// One `defaults:` entry.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scoped {
    /// The path prefix it applies to, relative to the site (`""` for all).
    pub path: String,
    /// `posts`, `pages`, `drafts` or a collection; None for every type.
    pub kind: Option<String>,
    pub values: Map<String, Json>,
}

/// The entries of `defaults:` (a list of `{scope: {path, type}, values}`).
pub(crate) fn read(value: Option<&Json>) -> Vec<Scoped> {
    let Some(Json::Array(entries)) = value else { return Vec::new() };
    entries
        .iter()
        .filter_map(|e| {
            let values = e.get("values")?.as_object()?.clone();
            let scope = e.get("scope").and_then(Json::as_object);
            let text = |k: &str| scope.and_then(|s| s.get(k)).and_then(front::text);
            let path = text("path").unwrap_or_default().trim_matches('/').to_string();
            Some(Scoped { path, kind: text("type"), values })
        })
        .collect()
}

/// Gives `front` the values of every entry whose scope takes the file at `rel`
/// (relative to the site, with `/`) of one of the types `kinds` (a draft is
/// `posts` and `drafts`); its own values win, and a later entry's over an
/// earlier one's.
pub(crate) fn apply(defaults: &[Scoped], rel: &str, kinds: &[&str], front: &mut Front) {
    let mut given: Map<String, Json> = Map::new();
    for d in defaults {
        let in_path = d.path.is_empty() || rel == d.path || rel.starts_with(&format!("{}/", d.path));
        let of_kind = d.kind.as_deref().is_none_or(|k| kinds.contains(&k));
        if in_path && of_kind {
            given.extend(d.values.clone());
        }
    }
    for (key, value) in given {
        front.fields.entry(key).or_insert(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoped_values_fill_in_what_a_file_leaves_out() {
        let config: Json = serde_json::from_str(
            r#"[{"scope": {"path": "", "type": "posts"}, "values": {"author": "maya", "layout": "post"}},
                {"scope": {"path": "_posts/news"}, "values": {"author": "chris"}},
                {"scope": {"type": "pages"}, "values": {"author": "nobody"}}]"#,
        )
        .unwrap();
        let defaults = read(Some(&config));
        let mut f = Front::default();
        apply(&defaults, "_posts/2020-01-01-a.md", &["posts"], &mut f);
        assert_eq!(f.text("author").as_deref(), Some("maya"));
        let mut f = Front::default();
        apply(&defaults, "_posts/news/2020-01-01-a.md", &["posts"], &mut f);
        assert_eq!(f.text("author").as_deref(), Some("chris"));
        let mut f = Front::default();
        f.fields.insert("author".into(), Json::String("sam".into()));
        apply(&defaults, "_posts/news/2020-01-01-a.md", &["posts"], &mut f);
        assert_eq!(f.text("author").as_deref(), Some("sam"));
    }
}

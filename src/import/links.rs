//! Internal links of imported bodies: a link to an old address (a site path, or
//! the old site's address and a path) points at the new address of what had it.

use std::collections::HashMap;

use crate::address;

use super::Imported;
use super::paths::site_path;
use super::tidy::address as new_address;

/// Old site path → new site path, for every item, author and redirect.
pub(crate) fn moved(imported: &Imported) -> HashMap<String, String> {
    let mut moved = HashMap::new();
    for (items, post) in [(&imported.posts, true), (&imported.pages, false)] {
        for item in items {
            for a in &item.aliases {
                moved.insert(a.clone(), new_address(item, post));
            }
        }
    }
    for author in &imported.authors {
        for a in &author.aliases {
            moved.insert(a.clone(), format!("/authors/{}/", address::slugify(&author.id)));
        }
    }
    for (from, to) in &imported.redirects {
        moved.insert(from.clone(), to.clone());
    }
    moved
}

/// `body` with every link to an old address (a site path, or `base` and a path)
/// pointing at the new one, in markdown `](...)` and HTML `href="..."`.
pub(crate) fn rewrite(body: &str, moved: &HashMap<String, String>, base: Option<&str>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    loop {
        let md = rest.find("](");
        let html = rest.find("href=\"");
        let (at, open) = match (md, html) {
            (Some(m), Some(h)) if h < m => (h, 6),
            (Some(m), _) => (m, 2),
            (None, Some(h)) => (h, 6),
            (None, None) => break,
        };
        let start = at + open;
        let end = rest[start..].find([')', '"', ' ', '\n']).map_or(rest.len(), |e| start + e);
        out.push_str(&rest[..start]);
        out.push_str(&new_target(&rest[start..end], moved, base));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn new_target(target: &str, moved: &HashMap<String, String>, base: Option<&str>) -> String {
    let (url, fragment) = target.split_once('#').map_or((target, ""), |(u, f)| (u, f));
    let local = match base {
        Some(b) if url.starts_with(b) => &url[b.len()..],
        _ if url.starts_with('/') && !url.starts_with("//") => url,
        _ => return target.to_string(),
    };
    let Some(path) = site_path(if local.is_empty() { "/" } else { local }) else { return target.to_string() };
    match moved.get(&path) {
        Some(new) if fragment.is_empty() => new.clone(),
        Some(new) => format!("{new}#{fragment}"),
        None => target.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_old_addresses_point_at_the_new_ones() {
        let moved = HashMap::from([("/2021/05/hello/".to_string(), "/posts/hello/".to_string())]);
        let body = "[a](https://old.example/2021/05/hello/#x) and <a href=\"/2021/05/hello\">b</a> [c](https://else.example/2021/05/hello/)";
        let got = rewrite(body, &moved, Some("https://old.example"));
        assert_eq!(
            got,
            "[a](/posts/hello/#x) and <a href=\"/posts/hello/\">b</a> [c](https://else.example/2021/05/hello/)"
        );
    }
}

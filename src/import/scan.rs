//! Small helpers the Jekyll and Hugo readers share: listing a folder's files in
//! a stable order, finding the site paths a text links to, and making titles
//! and old addresses from what the files give.

use std::path::{Path, PathBuf};

use super::{ImageCopy, Item, Origin};

/// The files under `dir` (recursively) whose extension is one of `exts`, sorted.
pub(crate) fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)))
        .collect();
    found.sort();
    found
}

/// The file extensions taken as images.
pub(crate) const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"];

/// `path` as a site path: with one leading `/`, without a query or fragment.
pub(crate) fn site_path(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("").trim();
    format!("/{}", path.trim_start_matches('/'))
}

/// An old address as an alias, read as byline reads aliases (a trailing `/`
/// unless it names a file); None for an address elsewhere or one byline refuses.
pub(crate) fn alias(address: &str, base: Option<&str>) -> Option<String> {
    crate::content::aliases::normalise(&local(address, base)?).ok()
}

/// A path of the site (an image) without the site's `base`, as a site path;
/// None for an address elsewhere.
pub(crate) fn local(address: &str, base: Option<&str>) -> Option<String> {
    let mut a = address.trim();
    if let Some(base) = base.map(|b| b.trim_end_matches('/')).filter(|b| !b.is_empty()) {
        a = a.strip_prefix(base).unwrap_or(a);
    }
    if a.is_empty() || a.contains("://") || a.starts_with("//") {
        return None;
    }
    Some(site_path(a))
}

/// The site paths in `text` that start with one of `prefixes` (`/assets/`),
/// as links and images write them: up to a quote, a `)`, a space or `>`.
pub(crate) fn linked_paths(text: &str, prefixes: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in prefixes {
        let mut from = 0;
        while let Some(i) = text[from..].find(prefix) {
            let at = from + i;
            let rest = &text[at..];
            let end = rest.find(|c: char| c.is_whitespace() || "\"')>]".contains(c)).unwrap_or(rest.len());
            found.push(rest[..end].to_string());
            from = at + prefix.len();
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Copies of the files under `source` that `items` link to at a site path under
/// one of `prefixes`, kept at the same site path.
pub(crate) fn images_linked(
    source: &Path,
    items: &[&Item],
    extra: &[String],
    prefixes: &[&str],
) -> Vec<ImageCopy> {
    let mut paths: Vec<String> = Vec::new();
    for item in items {
        paths.extend(linked_paths(&item.body, prefixes));
        paths.extend(item.image.iter().filter(|i| prefixes.iter().any(|p| i.starts_with(p))).cloned());
    }
    paths.extend(extra.iter().filter(|i| prefixes.iter().any(|p| i.starts_with(p))).cloned());
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|to| {
            let decoded = percent_encoding::percent_decode_str(&to).decode_utf8_lossy().to_string();
            let from = source.join(decoded.trim_start_matches('/'));
            let inside = !decoded.split('/').any(|part| part == "..");
            (inside && from.is_file()).then_some(ImageCopy { from, to })
        })
        .collect()
}

/// Tags without repeats that differ only in case or spacing.
pub(crate) fn dedup_tags(tags: &mut Vec<String>) {
    let mut seen = Vec::new();
    tags.retain(|t| {
        let key = crate::address::tag_key(t);
        !key.is_empty() && !seen.contains(&key) && {
            seen.push(key);
            true
        }
    });
}

/// A title made from a slug: `why-we-write` → `Why we write`.
pub(crate) fn title_from_slug(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

/// Where `path` under `source` is, for the report.
pub(crate) fn origin(path: &Path, line: Option<usize>) -> Origin {
    Origin { file: path.to_path_buf(), line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linked_paths_stop_at_the_end_of_the_link() {
        let text = "![a](/assets/a.png) <img src=\"/assets/b c.png\"> [x](/img/c.jpg \"t\") /assets/";
        assert_eq!(
            linked_paths(text, &["/assets/", "/img/"]),
            ["/assets/", "/assets/a.png", "/assets/b", "/img/c.jpg"]
        );
    }

    #[test]
    fn aliases_are_site_paths_without_the_base() {
        assert_eq!(alias("/blog/2015/x.html", Some("/blog")).as_deref(), Some("/2015/x.html"));
        assert_eq!(alias("old/", None).as_deref(), Some("/old/"));
        assert_eq!(alias("/old", None).as_deref(), Some("/old/"));
        assert_eq!(alias("/:unknown/", None), None);
        assert_eq!(local("/blog/assets/a.png", Some("/blog")).as_deref(), Some("/assets/a.png"));
        assert_eq!(alias("https://elsewhere.example/x", None), None);
    }

    #[test]
    fn tags_are_one_whatever_their_case() {
        let mut tags = vec!["Rust".to_string(), "rust".into(), "Data  science".into(), "data-science".into()];
        dedup_tags(&mut tags);
        assert_eq!(tags, ["Rust", "Data  science"]);
    }

    #[test]
    fn titles_are_made_from_slugs() {
        assert_eq!(title_from_slug("why-we-write"), "Why we write");
        assert_eq!(title_from_slug("--"), "Untitled");
    }
}

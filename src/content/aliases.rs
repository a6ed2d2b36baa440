//! Old addresses of a post, page or author (`aliases:`, or `redirect_from:` as
//! Jekyll writes it), and the site's own `redirects:`: each read as a path on this
//! site, checked so that it can become a file of the output, and normalised
//! (`old/slug` and `/old/slug/` are the same address).

use std::path::Path;

use super::frontmatter::{Fields, Key, Kind, Located};
use crate::model::{Alias, Redirect};

/// The front matter key for old addresses.
pub(crate) const ALIASES: Key = Key {
    name: "aliases",
    kind: Kind::List,
    expected: "a list of old addresses on this site",
    example: "aliases: [/2019/05/old-slug/]",
};

/// The same, as Jekyll's jekyll-redirect-from plugin names it.
pub(crate) const REDIRECT_FROM: Key = Key {
    name: "redirect_from",
    kind: Kind::List,
    expected: "a list of old addresses on this site",
    example: "redirect_from: [/2019/05/old-slug/]",
};

/// Characters no path segment may hold: they are not portable in file names.
const UNSAFE: &[char] = &['\\', ':', '*', '?', '"', '<', '>', '|', '#', '%'];

/// The old addresses of `aliases:` and `redirect_from:`, each checked; every
/// problem is added to the fields' errors at its value.
pub(crate) fn read(f: &mut Fields<'_>, path: &Path) -> Vec<Alias> {
    let mut found = Vec::new();
    for key in ["aliases", "redirect_from"] {
        for Located { value, span } in f.list(key).unwrap_or_default() {
            match normalise(&value) {
                Ok(path) => found.push(Alias { path, span }),
                Err((msg, hint)) => f.errors.push(span.error(path, msg).with_hint(hint)),
            }
        }
    }
    found
}

/// site.yaml's `redirects:` lines, each checked: the old address as for an alias,
/// the new one a site path or a full `http(s)` address.
pub(crate) fn redirects(f: &mut Fields<'_>, path: &Path) -> Vec<Redirect> {
    let mut found = Vec::new();
    for (from, to) in f.pairs("redirects") {
        let from = match normalise(&from.value) {
            Ok(p) => Alias { path: p, span: from.span },
            Err((msg, hint)) => {
                f.errors.push(from.span.error(path, msg).with_hint(hint));
                continue;
            }
        };
        let target = to.value.trim();
        let full = target.starts_with("https://") || target.starts_with("http://");
        if !full && !target.starts_with('/') || target.chars().any(char::is_whitespace) {
            let msg = format!("`{target}` is not an address a redirect can lead to");
            let hint = "write a path on this site such as `/tags/news/`, or a full https:// address";
            f.errors.push(to.span.error(path, msg).with_hint(hint));
            continue;
        }
        found.push(Redirect { from, to: target.to_string() });
    }
    found
}

/// `text` as a site path: a leading `/`, no `.` or `..` segments, no empty ones
/// (`//`), and a trailing `/` unless the last segment names a file
/// (`/old/page.html`). Percent escapes are decoded, as the file on disk is named
/// by the decoded text.
pub(crate) fn normalise(text: &str) -> Result<String, (String, String)> {
    let text = text.trim();
    let example = "write the old address as a path on this site, e.g. `/2019/05/old-slug/`";
    if text.is_empty() {
        return Err(("an old address is empty".into(), example.into()));
    }
    if text.contains("://") || text.starts_with("//") {
        let msg = format!("`{text}` is a full address; an alias is a path on this site");
        return Err((msg, "keep only the path: `https://example.com/old/` becomes `/old/`".into()));
    }
    if text.contains(['?', '#']) {
        let msg = format!("`{text}` has a `?` or `#` part, which a static site cannot redirect");
        return Err((msg, "keep only the path before the `?` or `#`".into()));
    }
    // A broken escape (`%zz`) is left as it is and refused below with the `%`.
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_err(|_| (format!("`{text}` has a `%` escape that is not UTF-8"), example.to_string()))?;
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            let msg = format!("`{text}` has a `{segment}` segment; an alias names one place");
            return Err((msg, example.into()));
        }
        if segment.chars().any(|c| c.is_control() || UNSAFE.contains(&c)) || segment.ends_with(['.', ' ']) {
            let msg = format!("`{text}` has a character that cannot be part of a file name in `{segment}`");
            return Err((msg, "use letters, digits, `-`, `_` and `.` in an old address".into()));
        }
        segments.push(segment);
    }
    if segments.is_empty() {
        return Err(("`/` is the home page itself, not an old address".into(), example.into()));
    }
    let joined = segments.join("/");
    let named_file = segments.last().is_some_and(|s| s.contains('.')) && !decoded.ends_with('/');
    Ok(if named_file { format!("/{joined}") } else { format!("/{joined}/") })
}

/// The output file an alias's redirect page is written to: `old/slug/index.html`
/// for `/old/slug/`, `old/page.html` for `/old/page.html`; `None` for an address
/// that names a file of another kind (`/feed.xml`, `/old.php`), which gets only a
/// line in `_redirects` (a host would serve an HTML page there with the wrong type).
pub(crate) fn page_file(alias: &str) -> Option<String> {
    let rel = alias.trim_start_matches('/');
    if rel.ends_with('/') {
        return Some(format!("{rel}index.html"));
    }
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("html" | "htm")).then(|| rel.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_are_normalised_to_site_paths() {
        assert_eq!(normalise("old/slug").unwrap(), "/old/slug/");
        assert_eq!(normalise(" /2015/01/21/old-slug/ ").unwrap(), "/2015/01/21/old-slug/");
        assert_eq!(
            normalise("//x").unwrap_err().0,
            "`//x` is a full address; an alias is a path on this site"
        );
        assert_eq!(normalise("/a//b/").unwrap(), "/a/b/");
        assert_eq!(normalise("/old/page.html").unwrap(), "/old/page.html");
        assert_eq!(normalise("/caf%C3%A9/").unwrap(), "/café/");
        assert_eq!(normalise("/v1.2/").unwrap(), "/v1.2/");
        for bad in [
            "",
            "/",
            "https://example.com/x/",
            "/x/?p=1",
            "/a/../b/",
            "/a%zz/",
            "/a%ff/",
            "/a:b/",
            "/a\u{7}/",
        ] {
            assert!(normalise(bad).is_err(), "{bad:?} was accepted");
        }
    }

    proptest::proptest! {
        /// Whatever is written, an accepted alias is a clean site path whose page
        /// file stays inside the output.
        #[test]
        fn any_text_is_refused_or_becomes_a_clean_site_path(text in "[ -~\u{80}-\u{10ffff}]{0,40}") {
            if let Ok(path) = normalise(&text) {
                proptest::prop_assert!(path.starts_with('/') && !path.starts_with("//"), "{path:?}");
                proptest::prop_assert!(path.split('/').all(|s| s != ".." && s != "."), "{path:?}");
                let again = normalise(&path);
                proptest::prop_assert_eq!(again.as_ref(), Ok(&path));
                if let Some(file) = page_file(&path) {
                    proptest::prop_assert!(!file.starts_with('/') && !file.contains("//"), "{file:?}");
                }
            }
        }
    }

    #[test]
    fn only_html_addresses_get_a_redirect_page() {
        assert_eq!(page_file("/old/slug/").as_deref(), Some("old/slug/index.html"));
        assert_eq!(page_file("/old/page.HTML").as_deref(), Some("old/page.HTML"));
        assert_eq!(page_file("/feed.xml"), None);
        assert_eq!(page_file("/index.php"), None);
    }
}

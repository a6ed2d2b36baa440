//! Where a build may write: never into the site's own sources. The output folder
//! (and the cache folder) may not be, contain, or lie inside the site folder's
//! source folders, after links are resolved; `SITE/public` and folders outside the
//! site are fine.

use std::path::{Component, Path, PathBuf};

use crate::support::diagnostic::Diagnostic;

/// The site's folders that hold what people wrote.
const SOURCES: [&str; 5] = ["content", "authors", "static", "templates", "themes"];

/// `path` made absolute with links resolved as far as it exists (the rest, which
/// does not exist yet, is appended with `.` and `..` taken lexically).
fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(n) => out.push(n),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses a folder byline would write into (`what`: "output" or "cache") when it
/// is, holds, or lies inside the site's sources.
pub(crate) fn check(site_dir: &Path, dir: &Path, what: &str) -> Result<(), Diagnostic> {
    let target = resolve(dir);
    let site = resolve(site_dir);
    let flag = if what == "output" { "--output" } else { "--cache-dir" };
    let refuse = |why: String| {
        Diagnostic::error(dir, format!("byline will not use this folder for its {what}: {why}")).with_hint(
            format!(
                "pick a folder outside the site's sources with {flag}, such as the default `{}`",
                site_dir.join("public").display()
            ),
        )
    };
    if site.starts_with(&target) {
        return Err(refuse(
            "it holds the site itself, and a build would replace or delete the site's files".into(),
        ));
    }
    for name in SOURCES {
        let source = resolve(&site_dir.join(name));
        if target.starts_with(&source) {
            return Err(refuse(format!(
                "it is inside the site's `{name}/` folder, and a build would replace or delete the files written there"
            )));
        }
        if source.starts_with(&target) {
            return Err(refuse(format!(
                "it holds the site's `{name}/` folder, and a build would replace or delete the files written there"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_folders_and_their_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content/posts")).unwrap();
        std::fs::create_dir_all(site.join("authors")).unwrap();
        std::os::unix::fs::symlink(site.join("content"), dir.path().join("link")).unwrap();
        for bad in
            ["site/content", "site/content/posts", "site/authors", "site", "link", "site/static/x", "."]
        {
            assert!(check(&site, &dir.path().join(bad), "output").is_err(), "{bad} must be refused");
        }
        for good in ["site/public", "out", "site/public/../docs"] {
            assert!(check(&site, &dir.path().join(good), "output").is_ok(), "{good} is fine");
        }
        assert!(check(&site, &dir.path().join("site/public/../content"), "output").is_err());
    }
}

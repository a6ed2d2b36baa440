//! Which files of the site folder a build reads. Editors' temporary files are never
//! part of the site; hidden files are skipped in the sources but published from
//! `static/` (`.well-known/security.txt`, `.nojekyll`), except version control's.
//! A link is followed when it leads to something inside the site folder; one that
//! leads outside it, or nowhere, is an error naming both ends: never published, never
//! dropped without a word.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::support::diagnostic::{Diagnostic, display_path};

/// Files editors write while saving, which are never part of the site: vim swap and
/// backup files, emacs lock and auto-save files, `~` backups, atomic-save temporaries.
/// The one list, for the loader and the preview server's watcher alike.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".crdownload", ".part"].iter().any(|s| name.ends_with(s))
}

/// Folders and files that are never published, even from `static/`.
pub(crate) fn is_never_published(name: &str) -> bool {
    matches!(name, ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db") || is_editor_temp(name)
}

/// What a walk is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Markdown and templates: hidden files are skipped.
    Sources,
    /// Static files: hidden files are published.
    Static,
}

fn skipped(kind: Kind, name: &str) -> bool {
    is_never_published(name) || (kind == Kind::Sources && name.starts_with('.'))
}

/// The files below `dir` (sorted by bytes), following links that stay inside
/// `root`; problems with links are added to `errors`. A missing `dir`: no files.
pub(super) fn files(
    root: &Path,
    dir: &Path,
    max_depth: usize,
    kind: Kind,
    errors: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let mut walk = WalkDir::new(dir).max_depth(max_depth).follow_links(true).into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let Some(path) = e.path() else { continue };
                if path.is_symlink() {
                    errors.push(link_error(root, path, None));
                } else if path != dir || path.exists() {
                    errors
                        .push(Diagnostic::error(display_path(root, path), format!("cannot read this: {e}")));
                }
                continue;
            }
        };
        if entry.depth() > 0 && skipped(kind, &entry.file_name().to_string_lossy()) {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&site) => {}
                target => {
                    errors.push(link_error(root, entry.path(), target.ok().as_deref()));
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                    continue;
                }
            }
        }
        if entry.file_type().is_file() {
            out.push(entry.into_path());
        }
    }
    // By bytes: comparing paths component by component cost more than the walk.
    out.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    out
}

/// A link that leads outside the site (`target`) or nowhere (`None`).
fn link_error(root: &Path, link: &Path, target: Option<&Path>) -> Diagnostic {
    let shown = display_path(root, link);
    match target {
        Some(t) => Diagnostic::error(
            &shown,
            format!("this is a link to `{}`, outside the site folder: it is not published", t.display()),
        )
        .with_hint("copy the file into the site folder instead of linking to it, or remove the link"),
        None => Diagnostic::error(&shown, "this link leads nowhere (or in a circle): it is not published")
            .with_hint("point the link at a file inside the site folder, or remove it"),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn hidden_static_files_are_published_and_links_inside_the_site_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let stat = root.join("static");
        fs::create_dir_all(stat.join(".well-known")).unwrap();
        fs::create_dir_all(stat.join(".git")).unwrap();
        fs::create_dir_all(root.join("shared")).unwrap();
        for f in [".well-known/security.txt", ".nojekyll", ".git/HEAD", "a.css~", ".a.css.swp", "ok.css"] {
            fs::write(stat.join(f), "x").unwrap();
        }
        fs::write(root.join("shared/logo.svg"), "<svg/>").unwrap();
        fs::write(dir.path().join("secret.txt"), "s").unwrap();
        symlink(root.join("shared/logo.svg"), stat.join("logo.svg")).unwrap();
        symlink(root.join("shared"), stat.join("shared-dir")).unwrap();
        symlink(dir.path().join("secret.txt"), stat.join("secret.txt")).unwrap();
        symlink(dir.path().join("gone"), stat.join("gone.txt")).unwrap();
        let mut errors = Vec::new();
        let found = files(&root, &stat, usize::MAX, Kind::Static, &mut errors);
        let rel: Vec<String> =
            found.iter().map(|p| p.strip_prefix(&stat).unwrap().display().to_string()).collect();
        assert_eq!(
            rel,
            [".nojekyll", ".well-known/security.txt", "logo.svg", "ok.css", "shared-dir/logo.svg"]
        );
        let messages: Vec<String> =
            errors.iter().map(|d| format!("{}: {}", d.path.display(), d.message)).collect();
        assert_eq!(errors.len(), 2, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("static/secret.txt: this is a link to") && m.contains("outside"))
        );
        assert!(messages.iter().any(|m| m.starts_with("static/gone.txt: this link leads nowhere")));
        // In the sources, hidden files stay out.
        let mut errors = Vec::new();
        assert_eq!(files(&root, &stat, usize::MAX, Kind::Sources, &mut errors).len(), 3);
    }
}

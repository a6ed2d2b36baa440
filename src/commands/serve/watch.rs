//! Watching the site for edits with notify: only the folders a build reads, deaf to
//! editors' temporary files, and debounced so one save means one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// True for a path inside what a build reads: `site.yaml`, `content/`, `authors/`,
/// `static/`, `templates/`, `themes/`.
pub(super) fn relevant(site: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(site) else { return false };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = parts.next() else { return false };
    let watched = first == "site.yaml"
        || ["content", "authors", "static", "templates", "themes"].contains(&first.as_str());
    watched && rel.components().all(|c| !crate::load::is_never_published(&c.as_os_str().to_string_lossy()))
}

/// A recursive watch on the site folder.
pub(super) struct Watch {
    site: PathBuf,
    rx: Receiver<notify::Result<notify::Event>>,
    _watcher: RecommendedWatcher,
}

impl Watch {
    pub(super) fn new(site: &Path) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |ev| {
            let _ = tx.send(ev);
        })?;
        watcher.watch(site, RecursiveMode::Recursive)?;
        Ok(Watch { site: site.to_path_buf(), rx, _watcher: watcher })
    }

    fn relevant_paths(&self, ev: notify::Result<notify::Event>) -> Vec<PathBuf> {
        match ev {
            Ok(ev) if !ev.kind.is_access() => {
                ev.paths.into_iter().filter(|p| relevant(&self.site, p)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Blocks until something relevant changes, then until nothing has changed for
    /// `quiet`; returns every changed path. `None` when the watcher has stopped.
    pub(super) fn next_batch(&self, quiet: Duration) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            changed = self.relevant_paths(self.rx.recv().ok()?);
        }
        let mut deadline = Instant::now() + quiet;
        loop {
            match self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(ev) => {
                    let more = self.relevant_paths(ev);
                    if !more.is_empty() {
                        changed.extend(more);
                        deadline = Instant::now() + quiet;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_and_other_folders_are_ignored() {
        let site = Path::new("/s");
        assert!(relevant(site, Path::new("/s/content/posts/a.md")));
        assert!(relevant(site, Path::new("/s/site.yaml")));
        assert!(relevant(site, Path::new("/s/themes/x/templates/post.html")));
        assert!(relevant(site, Path::new("/s/static/.well-known/security.txt")), "published, so watched");
        for p in [
            "/s/content/posts/.a.md.swp",
            "/s/content/posts/a.md~",
            "/s/content/posts/.#a.md",
            "/s/content/posts/4913",
            "/s/content/posts/#a.md#",
            "/s/public/index.html",
            "/s/.git/index",
            "/s/.byline-cache/public/manifest.json",
            "/elsewhere/content/a.md",
        ] {
            assert!(!relevant(site, Path::new(p)), "{p}");
        }
    }
}

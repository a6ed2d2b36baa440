//! The old site's own image files (WordPress's `wp-content/uploads`, Ghost's
//! `content/images`), copied into the new site from the folder `--uploads` names.
//! Each keeps its old path (`/wp-content/uploads/2021/05/a.png`), so its old
//! address keeps working; one the folder lacks stays on the old site, and the
//! report says so.

use std::path::Path;

use super::{ImageCopy, Imported, LineKind, Origin};
use crate::support::diagnostic::Diagnostic;

/// The characters that end a URL in markdown or HTML.
const URL_EDGE: &[char] = &['(', ')', '[', ']', '"', '\'', '<', '>', ' ', '\n', '='];

/// Where one kind of old site keeps its files, and the folder they were copied to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Uploads<'a> {
    /// The path every such file's URL holds: `/wp-content/uploads/`.
    pub marker: &'static str,
    /// The folder given with `--uploads`.
    pub dir: Option<&'a Path>,
}

impl<'a> Uploads<'a> {
    /// WordPress's `wp-content/uploads`.
    pub(crate) fn wordpress(dir: Option<&'a Path>) -> Self {
        Uploads { marker: "/wp-content/uploads/", dir }
    }

    /// Ghost's `content/images`.
    pub(crate) fn ghost(dir: Option<&'a Path>) -> Self {
        Uploads { marker: "/content/images/", dir }
    }

    /// Refuses an `--uploads` that names no folder; `what` names the folder wanted.
    pub(crate) fn check(&self, what: &str) -> Result<(), Vec<Diagnostic>> {
        match self.dir.filter(|d| !d.is_dir()) {
            Some(dir) => Err(vec![
                Diagnostic::error(dir, "--uploads names no folder")
                    .with_hint(format!("give the {what} folder copied from the old server")),
            ]),
            None => Ok(()),
        }
    }

    /// The site path of the file at `url` on the new site, copying it when the
    /// folder has it; `None` when it stays on the old site (or is not one of them).
    pub(crate) fn copy(&self, url: &str, imported: &mut Imported) -> Option<String> {
        let at = url.find(self.marker)?;
        let rel = &url[at + self.marker.len()..];
        let rel = rel.split(['?', '#']).next().unwrap_or(rel);
        let from = self.dir?.join(rel);
        if rel.contains("..") || !from.is_file() {
            return None;
        }
        let to = format!("{}{rel}", self.marker);
        if !imported.images.iter().any(|i| i.to == to) {
            imported.images.push(ImageCopy { from, to: to.clone() });
        }
        Some(to)
    }

    /// A featured image's or photo's address: its site path when it is copied.
    pub(crate) fn image(&self, url: &str, imported: &mut Imported, origin: &Origin) -> String {
        self.copy(url, imported).unwrap_or_else(|| {
            // Without a folder, tidying says the image is left out.
            if self.dir.is_some() {
                self.left_on_old_site(&[url.to_string()], imported, origin);
            }
            url.to_string()
        })
    }

    /// Report lines for files that stay on the old site: each one missing from
    /// the folder, or one line for all when no folder was given.
    fn left_on_old_site(&self, urls: &[String], imported: &mut Imported, origin: &Origin) {
        let files: Vec<&String> = urls.iter().filter(|u| u.contains(self.marker)).collect();
        if files.is_empty() {
            return;
        }
        if self.dir.is_none() {
            let n = files.len();
            let msg = if n == 1 {
                "1 upload stays on the old site (give --uploads to copy it)".to_string()
            } else {
                format!("{n} uploads stay on the old site (give --uploads to copy them)")
            };
            imported.report.add(LineKind::LeftAsIs, origin.clone(), msg);
            return;
        }
        for url in files {
            let msg = format!("the upload {url} is not in the uploads folder: it stays on the old site");
            imported.report.add(LineKind::LeftAsIs, origin.clone(), msg);
        }
    }

    /// `markdown` with the URL of every file that is copied replaced by its site path.
    pub(crate) fn rewrite(&self, markdown: &str, imported: &mut Imported, origin: &Origin) -> String {
        let mut out = String::with_capacity(markdown.len());
        let mut rest = markdown;
        let mut left: Vec<String> = Vec::new();
        while let Some(at) = rest.find(self.marker) {
            let start = rest[..at].rfind(URL_EDGE).map_or(0, |s| s + 1);
            let end = rest[at..].find(URL_EDGE).map_or(rest.len(), |e| at + e);
            out.push_str(&rest[..start]);
            let url = &rest[start..end];
            match self.copy(url, imported) {
                Some(to) => out.push_str(&to),
                None => {
                    out.push_str(url);
                    if !left.iter().any(|l| l == url) {
                        left.push(url.to_string());
                    }
                }
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        self.left_on_old_site(&left, imported, origin);
        out
    }
}

//! The files of the images that markdown shows. A site path (`/images/chart.png`)
//! names a static file. A relative target names a file beside the document, found
//! as the browser finds its address: `images/chart.png` in
//! `content/posts/launch.md` is `content/posts/images/chart.png`, published under
//! the post's address (`posts/launch/images/chart.png`); in a folder post
//! (`content/posts/launch/index.md`) `chart.png` is the file beside `index.md`.
//! Such files are published because a document shows them: `content/` holds no
//! static files otherwise. A target that names no file is an error at the image.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::{Asset, read_text, walk};
use crate::markdown::ShownImage;
use crate::support::diagnostic::Diagnostic;

/// The folders whose documents may show the files beside them.
const SOURCE_FOLDERS: [&str; 2] = ["content", "authors"];

/// An error at the image in the document `source` (the path messages show).
pub(super) fn at_image(root: &Path, source: &Path, image: &ShownImage, message: String) -> Diagnostic {
    let d = Diagnostic::error(source, message);
    match read_text(root, &root.join(source)) {
        Ok(text) => d.at(&text, image.line, image.column),
        Err(_) => {
            let mut d = d.at_line(image.line);
            d.column = Some(image.column.max(1));
            d
        }
    }
}

/// The file of an image the document `source` shows: `Some` for a file of the site
/// (a file beside the document becomes a static file at the image's path),
/// `None` for one of the theme's own files, which are published as they are.
pub(super) fn locate(
    root: &Path,
    source: &Path,
    image: &ShownImage,
    assets: &mut BTreeMap<String, Asset>,
) -> Result<Option<PathBuf>, Diagnostic> {
    let written = &image.written;
    let beside = image.source.as_deref().and_then(|s| beside_document(root, s));
    match (beside, assets.get(&image.path)) {
        (Some(file), Some(Asset::File(other))) if *other != file => {
            let message = format!(
                "the image `{written}` is both {} and {}, which would be published at the same address",
                file_name(root, &file),
                file_name(root, other),
            );
            let hint = "rename or remove one of them";
            Err(at_image(root, source, image, message).with_hint(hint))
        }
        (Some(file), _) => {
            assets.insert(image.path.clone(), Asset::File(file.clone()));
            Ok(Some(file))
        }
        (None, Some(Asset::File(file))) => Ok(Some(file.clone())),
        (None, Some(Asset::Embedded(_))) => Ok(None),
        (None, None) => Err(missing(root, source, image)),
    }
}

/// The error for an image that names no file.
fn missing(root: &Path, source: &Path, image: &ShownImage) -> Diagnostic {
    let written = &image.written;
    let (message, hint) = match &image.source {
        Some(file) if SOURCE_FOLDERS.iter().any(|f| file.starts_with(&format!("{f}/"))) => (
            format!("the image `{written}` is not a file: there is no {file}"),
            format!(
                "put the image at {file}, beside this file, or correct the path; an image of \
                 static/ is named from the site's root (`/images/{name}` is static/images/{name})",
                name = file.rsplit('/').next().unwrap_or(file)
            ),
        ),
        Some(_) => (
            format!("the image `{written}` is outside the folder of this file's kind"),
            "put the image beside this file, or in static/ and name it from the site's root (`/images/chart.png`)"
                .to_string(),
        ),
        None => (
            format!("the image `{written}` is not a file of the site"),
            format!("put the image at static/{}, or correct the path", image.path),
        ),
    };
    at_image(root, source, image, message).with_hint(hint)
}

/// The file at `rel` (from the site folder) when it is a regular file inside a
/// folder of documents that a build would read: not hidden, not an editor's, and
/// not a link leading out of the site folder.
fn beside_document(root: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let top = path.components().next()?;
    if !SOURCE_FOLDERS.iter().any(|f| top == Component::Normal(f.as_ref())) {
        return None;
    }
    let hidden = path.components().any(|c| match c {
        Component::Normal(n) => n.to_str().is_none_or(|n| n.starts_with('.') || walk::is_never_published(n)),
        _ => true,
    });
    if hidden {
        return None;
    }
    let file = root.join(path);
    let site = root.canonicalize().ok()?;
    let real = file.canonicalize().ok()?;
    (real.starts_with(site) && real.is_file()).then_some(file)
}

fn file_name(root: &Path, file: &Path) -> String {
    crate::support::diagnostic::display_path(root, file).display().to_string()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn only_regular_files_inside_the_folders_of_documents_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/posts/.hidden")).unwrap();
        fs::write(root.join("content/posts/a.png"), "x").unwrap();
        fs::write(root.join("content/posts/.hidden/b.png"), "x").unwrap();
        fs::write(root.join("site.yaml"), "x").unwrap();
        assert_eq!(beside_document(root, "content/posts/a.png"), Some(root.join("content/posts/a.png")));
        for not_found in ["content/posts/.hidden/b.png", "site.yaml", "content/posts", "content/none.png"] {
            assert_eq!(beside_document(root, not_found), None, "{not_found}");
        }
    }
}

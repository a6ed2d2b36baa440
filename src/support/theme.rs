//! The default theme (`themes/default/` in this repository), embedded in the binary
//! so `byline build` works in any folder.

use include_dir::{Dir, include_dir};

/// The name `theme:` takes for the embedded theme.
pub(crate) const DEFAULT: &str = "default";

static THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

fn walk<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    out.extend(dir.files());
    for d in dir.dirs() {
        walk(d, out);
    }
}

fn files_under(sub: &str) -> Vec<(&'static str, &'static [u8])> {
    let mut out = Vec::new();
    if let Some(dir) = THEME.get_dir(sub) {
        walk(dir, &mut out);
    }
    out.into_iter()
        .filter_map(|f| {
            let rel = f.path().strip_prefix(sub).ok()?.to_str()?;
            Some((rel, f.contents()))
        })
        .collect()
}

/// Template name (`post.html`, `partials/head.html`) → text.
pub(crate) fn templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    files_under("templates").into_iter().filter_map(|(n, b)| Some((n, std::str::from_utf8(b).ok()?)))
}

/// Output path (`css/style.css`) → bytes.
pub(crate) fn static_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    files_under("static").into_iter()
}

/// The fonts social cards are drawn with (`fonts/*.otf`, not published): Inter
/// Regular, then Bold. Empty only if the theme folder lost them at compile time.
pub(crate) fn fonts() -> Vec<&'static [u8]> {
    ["fonts/Inter-Regular.otf", "fonts/Inter-Bold.otf"]
        .into_iter()
        .filter_map(|p| THEME.get_file(p).map(|f| f.contents()))
        .collect()
}

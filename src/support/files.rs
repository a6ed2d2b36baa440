//! Replacing a file whole: through a temporary file beside it and a rename, so a
//! killed build leaves the old file or the new one, never half of one.

use std::fs;
use std::io;
use std::path::Path;

/// Writes `data` to `path` (making its folder) through `.<name>.byline-tmp` and a
/// rename; the temporary file is removed when either step fails.
pub(crate) fn replace(path: &Path, data: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.byline-tmp"));
    fs::write(&tmp, data).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

//! Ghost: placeholder until the reader is written.
use std::path::Path;

use super::{Imported, Options};
use crate::support::diagnostic::Diagnostic;

pub(crate) fn read(_source: &Path, _options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    Ok(Imported::default())
}

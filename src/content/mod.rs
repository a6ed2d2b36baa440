//! What users write, parsed one file at a time: front matter, posts, authors,
//! standalone pages. Each `parse` takes text (never a path to read), so it is pure.

pub mod author;
pub mod frontmatter;
pub mod page;
pub mod post;
pub mod social;

use crate::diagnostic::Diagnostic;
use crate::model::Span;
use frontmatter::Fields;

/// Where a file's markdown body starts. Bodies are rendered after every file's front
/// matter is known, so links between files can be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Byte offset of the body in the file's text.
    pub offset: usize,
    /// 1-based line of the file on which the body starts.
    pub line: usize,
}

impl Body {
    pub(crate) fn of(text: &str, split: &frontmatter::Split<'_>) -> Body {
        Body { offset: text.len() - split.body.len(), line: split.body_line }
    }
}

/// The span of a top-level key's line, for errors found after parsing.
pub(crate) fn key_span<T>(text: &str, fields: &Fields<T>, key: &str) -> Span {
    let line = fields.line_of(key);
    Span { line, column: 1, text: text.lines().nth(line - 1).unwrap_or("").trim_end().to_string() }
}

/// An error at the line of a top-level key.
pub(crate) fn key_error<T>(
    path: &std::path::Path,
    text: &str,
    fields: &Fields<T>,
    key: &str,
    message: impl Into<String>,
) -> Diagnostic {
    key_span(text, fields, key).error(path, message)
}

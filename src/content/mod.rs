//! What users write, parsed one file at a time: front matter, posts, authors,
//! standalone pages. Each `parse` takes text (never a path to read), so it is pure.

pub(crate) mod aliases;
pub mod author;
pub(crate) mod date;
pub mod frontmatter;
pub(crate) mod links;
pub mod page;
pub mod post;
pub(crate) mod series;
pub(crate) mod social;

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

/// True for the files read as posts, pages and authors: `.md` and `.markdown`.
pub(crate) fn is_markdown(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e == "md" || e == "markdown")
}

//! The one error type for everything a user wrote: a file, a line, a message and a
//! hint, collected across a whole run and printed like rustc. Program failures that
//! are not the user's fault (a full disk) use `anyhow` at the command layer instead.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem in one file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user knows it (relative to the site folder where possible).
    pub path: PathBuf,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column in the line, when known.
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
    /// A short stable name for the kind of finding (`broken-link`), for tools.
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
            code: None,
        }
    }

    pub fn info(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Info, ..Diagnostic::error(path, message) }
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// Points the diagnostic at a line (and column) of `text`, the whole file, and keeps
    /// that line to show. Out-of-range lines are kept as numbers without source.
    pub fn at(self, text: &str, line: usize, column: usize) -> Self {
        let source = text.lines().nth(line.saturating_sub(1));
        self.at_source(source, line, column)
    }

    /// [`at`](Self::at) with the line's text at hand: for many findings in one
    /// long file, where finding each line again would take quadratic time.
    pub fn at_source(mut self, source: Option<&str>, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = source.map(shown_line);
        self
    }

    pub fn at_line(self, line: usize) -> Self {
        Diagnostic { line: Some(line.max(1)), ..self }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col`, as editors and terminals make clickable.
    pub fn location(&self) -> String {
        let mut s = self.path.display().to_string();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

/// True for characters a terminal or CI log may act on rather than show: control
/// characters (an escape sequence can retitle the window or hide text) and the
/// bidirectional overrides that make text read in another order than it runs.
fn unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character a terminal might act on written as `\u{1b}`, so
/// what an author wrote is printed, never obeyed.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_for_terminal) {
        return text.into();
    }
    text.chars()
        .map(|c| if unsafe_for_terminal(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() })
        .collect::<String>()
        .into()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (location, message) = (self.location(), &self.message);
        writeln!(f, "{}: {}: {}", self.severity.label(), printable(&location), printable(message))?;
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {}", printable(src))?;
            // No mark past the end of a line that was cut to be shown.
            if let Some(col) = self.column.filter(|&c| c <= src.chars().count() + 1) {
                let width = src
                    .chars()
                    .skip(col - 1)
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
                    .count()
                    .max(1);
                // Where the mark goes on the line as printed (escapes are wider).
                let before: String = src.chars().take(col - 1).collect();
                let at = printable(&before).chars().count();
                writeln!(f, "{pad} | {}{}", " ".repeat(at), "^".repeat(width))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {}", printable(hint))?;
        }
        Ok(())
    }
}

/// The most of a line shown under a message.
const SHOWN_CHARS: usize = 300;

/// A line as shown under a message: without trailing spaces, and cut after
/// `SHOWN_CHARS` characters (a 100,000-character line helps nobody, and copying it
/// into each of thousands of findings would take gigabytes).
pub fn shown_line(line: &str) -> String {
    let line = line.trim_end();
    match line.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// Every finding of one run, in the order found; sorted before printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorted by file then line, so a run's report reads file by file; a file's
    /// notes come after its errors and warnings, which they are about.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        let key = |d: &Diagnostic| d.severity == Severity::Info;
        self.0.sort_by(|a, b| (&a.path, key(a), a.line).cmp(&(&b.path, key(b), b.line)));
        self.0.dedup();
        self.0
    }
}

/// Findings for people: sorted by file and line, each printed like rustc.
pub fn human(diags: Vec<Diagnostic>) -> String {
    Diagnostics(diags).sorted().iter().map(|d| format!("{d}\n")).collect()
}

/// "did you mean `x`?" for the closest of `candidates` to `word`, when one is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// The path shown to users: relative to the site folder when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escape_sequences_from_front_matter_are_printed_not_obeyed() {
        let text = "---\ntitle: \"\u{1b}]0;PWNED\u{7}\"\nauthors: [\u{1b}[2Jx]\n---\n";
        let d = Diagnostic::error("content/posts/\u{1b}[31ma.md", "unknown author `\u{1b}[2Jx`")
            .at(text, 3, 15)
            .with_hint("did you mean `\u{202e}x`?");
        let shown = d.to_string();
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(!shown.contains('\u{202e}'));
        assert!(shown.contains("unknown author `\\u{1b}[2Jx`"), "{shown}");
        assert!(shown.contains("3 | authors: [\\u{1b}[2Jx]"), "{shown}");
        // The mark is under the value as printed, past the wider escape.
        assert!(shown.contains(&format!("  | {}^\n", " ".repeat(19))), "{shown}");
        assert!(shown.contains("content/posts/\\u{1b}[31ma.md"));
        assert_eq!(printable("plain\ttext"), "plain\ttext");
    }

    #[test]
    fn prints_location_source_and_hint() {
        let text = "---\ntitle: x\nauthors: [chris-kock]\n---\n";
        let d = Diagnostic::error("content/posts/a.md", "unknown author `chris-kock`")
            .at(text, 3, 11)
            .with_hint("did you mean `chris-koch`?");
        let shown = d.to_string();
        assert!(shown.starts_with("error: content/posts/a.md:3:11: unknown author"));
        assert!(shown.contains("3 | authors: [chris-kock]"));
        assert!(shown.contains(" ^^^^^^^^^^\n"), "{shown}");
        assert!(shown.contains("hint: did you mean `chris-koch`?"));
    }

    #[test]
    fn long_lines_are_cut_and_marks_past_the_cut_left_out() {
        let text = format!("{}x", "[".repeat(100_000));
        let near = Diagnostic::error("a.md", "deep").at(&text, 1, 33).to_string();
        assert!(near.contains(&format!("1 | {}…\n", "[".repeat(SHOWN_CHARS))), "{near}");
        assert!(near.contains(&format!("  | {}^\n", " ".repeat(32))), "{near}");
        let far = Diagnostic::error("a.md", "far").at(&text, 1, 100_001).to_string();
        assert!(far.starts_with("error: a.md:1:100001: far\n"), "{far}");
        assert!(far.len() < 400, "{far}");
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(did_you_mean("tittle", ["title", "date"]).as_deref(), Some("did you mean `title`?"));
        assert_eq!(did_you_mean("zzz", ["title", "date"]), None);
    }
}

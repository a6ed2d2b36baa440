//! How much YAML, and how deeply nested, is handed to the YAML parser. libyaml
//! takes time quadratic in the nesting depth (100,000 `[` cost 20 s before failing),
//! so the text is measured first, in one pass over it, by a reading of YAML's
//! syntax that is close enough to tell nesting from text in quotes, comments and
//! block scalars.

use super::{YamlError, position};

/// The most YAML one front matter or site.yaml may hold.
pub(super) const MAX_BYTES: usize = 256 * 1024;
/// The deepest nesting of `[` and `{`, and of indented blocks, that is accepted.
pub(super) const MAX_DEPTH: usize = 32;

fn error(line: usize, column: usize, message: &str, hint: &str) -> YamlError {
    YamlError { line, column, message: message.into(), hint: Some(hint.into()) }
}

/// What the reading carries from one line to the next.
#[derive(Default)]
struct State {
    /// Open `[` and `{`.
    flow: usize,
    /// The quote of a quoted scalar left open inside `[`/`{` (it may go on).
    quote: Option<char>,
    /// Whether a new value may start here (inside `[`/`{`, across lines).
    at_start: bool,
    /// The indentation columns of the open blocks.
    blocks: Vec<usize>,
    /// Inside a `|` or `>` block scalar: the indentation of the line that opened it.
    literal: Option<usize>,
}

const FLOW_MESSAGE: &str = "lists and maps are nested more than 32 levels deep here";
const FLOW_HINT: &str = "each `[` or `{` opens a list or map inside the one before it: look for brackets that are never closed, or put text with brackets in quotes";
const BLOCK_MESSAGE: &str = "the indentation goes more than 32 levels deep here";
const BLOCK_HINT: &str = "each deeper indentation (or `- ` on the same line) opens a list or map inside the one before it; fields need only a few levels";

impl State {
    /// Indentation and `- ` entries of a line outside `[`/`{` and quotes.
    fn blocks(&mut self, line_no: usize, indent: usize, content: &str) -> Result<(), YamlError> {
        while self.blocks.last().is_some_and(|&b| b > indent) {
            self.blocks.pop();
        }
        if self.blocks.last().is_none_or(|&b| b < indent) {
            self.blocks.push(indent);
        }
        let mut column = indent;
        let mut rest = content;
        loop {
            if self.blocks.len() > MAX_DEPTH {
                return Err(error(line_no, column + 1, BLOCK_MESSAGE, BLOCK_HINT));
            }
            let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) else {
                return Ok(());
            };
            let spaces = after.len() - after.trim_start_matches(' ').len();
            column += 2 + spaces;
            rest = &after[spaces..];
            self.blocks.push(column);
        }
    }

    /// Quotes, comments, brackets and block scalar indicators of one line.
    fn chars(&mut self, line_no: usize, indent: usize, line: &str) -> Result<(), YamlError> {
        let mut chars = line.chars().enumerate().peekable();
        let mut after_space = true;
        if self.flow == 0 {
            self.at_start = true;
        }
        while let Some((col, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if let Some(q) = self.quote {
                match (q, c, next) {
                    ('"', '\\', _) | ('\'', '\'', Some('\'')) => {
                        chars.next();
                    }
                    _ if c == q => {
                        self.quote = None;
                        self.at_start = false;
                    }
                    _ => {}
                }
                continue;
            }
            let spaced = next.is_none_or(|n| n == ' ' || n == '\t');
            match c {
                ' ' | '\t' => {
                    after_space = true;
                    continue;
                }
                '#' if after_space => break,
                '"' | '\'' if self.at_start => self.quote = Some(c),
                '[' | '{' if self.at_start => {
                    self.flow += 1;
                    if self.flow > MAX_DEPTH {
                        return Err(error(line_no, col + 1, FLOW_MESSAGE, FLOW_HINT));
                    }
                }
                ']' | '}' if self.flow > 0 => {
                    self.flow -= 1;
                    self.at_start = false;
                }
                ',' if self.flow > 0 => self.at_start = true,
                '-' | '?' | ':' if spaced || (c == ':' && self.flow > 0) => self.at_start = true,
                // An anchor or a tag before a value: the value still starts after it.
                '&' | '!' if self.at_start => {
                    while chars.next_if(|&(_, n)| n != ' ' && n != '\t').is_some() {}
                }
                '|' | '>' if self.at_start && self.flow == 0 => {
                    self.literal = Some(indent);
                    break;
                }
                _ => self.at_start = false,
            }
            after_space = false;
        }
        if self.flow == 0 {
            // Outside `[`/`{` a quote is not followed past its line: a line that only
            // looks like it opens one cannot hide the brackets of the lines after it.
            self.quote = None;
        }
        Ok(())
    }
}

/// `Err` at the first place where `text` is too long or nested too deeply.
pub(super) fn check(text: &str) -> Result<(), YamlError> {
    if text.len() > MAX_BYTES {
        let (line, column) = position(text, MAX_BYTES);
        return Err(error(
            line,
            column,
            "there is more than 256 KiB of YAML here",
            "front matter and site.yaml hold short values; long text belongs in the body of a post, below its closing `---`",
        ));
    }
    let mut state = State::default();
    for (i, line) in text.split('\n').enumerate() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Some(opener) = state.literal {
            if content.trim().is_empty() || indent > opener {
                continue;
            }
            state.literal = None;
        }
        let blank = content.trim().is_empty() || content.starts_with('#');
        if state.flow == 0 && state.quote.is_none() && !blank {
            state.blocks(i + 1, indent, content)?;
        }
        state.chars(i + 1, indent, line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(usize, usize, String)> {
        check(text).err().map(|e| (e.line, e.column, e.message))
    }

    #[test]
    fn deep_brackets_are_found_at_the_one_too_many() {
        let deep = format!("title: a\ntags: {}", "[".repeat(100_000));
        assert_eq!(at(&deep), Some((2, 7 + MAX_DEPTH, FLOW_MESSAGE.into())));
        let ok = format!("tags: {}x{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(at(&ok), None);
        let mixed = format!("a: {}\n  {}", "{k: [".repeat(16), "[");
        assert_eq!(at(&mixed), Some((2, 3, FLOW_MESSAGE.into())));
    }

    #[test]
    fn brackets_in_quotes_comments_block_scalars_and_plain_text_do_not_count() {
        let many = "[".repeat(100);
        for text in [
            format!("title: \"{many}\"\n"),
            format!("title: '{many} it''s'\n"),
            format!("title: x {many}\n"),
            format!("# {many}\ntitle: a # {many}\n"),
            format!("description: |\n  {many}\n\n  {many}\ntitle: a\n"),
            format!("tags: [\"a\n {many}\", b]\n"),
            format!("title: it's\ntags: [a, 'b {many}']\n"),
        ] {
            assert_eq!(at(&text), None, "{text}");
        }
    }

    #[test]
    fn anchors_tags_and_quotes_that_are_text_cannot_hide_brackets() {
        let many = "[".repeat(40);
        for text in [
            format!("a: &x {many}"),
            format!("a: !!seq {many}"),
            format!("a: it's\nb: {many}"),
            format!("a: x\n  'y\nb: {many}"),
            format!("--- {many}"),
        ] {
            assert_eq!(at(&text).map(|e| e.2), Some(FLOW_MESSAGE.to_string()), "{text}");
        }
    }

    #[test]
    fn deep_indentation_and_dash_chains_are_refused() {
        let mut deep = String::new();
        for i in 0..40 {
            deep.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert_eq!(at(&deep), Some((MAX_DEPTH + 1, MAX_DEPTH + 1, BLOCK_MESSAGE.into())));
        let dashes = format!("tags: \n{}x\n", "- ".repeat(50_000));
        assert_eq!(at(&dashes), Some((2, 2 * MAX_DEPTH + 1, BLOCK_MESSAGE.into())));
        let ok = "a:\n  b:\n    - c: d\n      e: [f, {g: h}]\n  i: j\n";
        assert_eq!(at(ok), None);
    }

    #[test]
    fn too_much_yaml_is_refused_where_the_limit_falls() {
        let long = format!("a: b\n{}", "c".repeat(MAX_BYTES));
        assert_eq!(at(&long).map(|e| (e.0, e.1)), Some((2, MAX_BYTES - 4)));
        assert_eq!(at(&"x".repeat(MAX_BYTES)), None);
    }
}

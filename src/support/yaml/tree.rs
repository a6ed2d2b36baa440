//! YAML as our own tree of values, each with the place it starts in the text, so
//! that every field can be checked on its own and every problem pointed at.
//!
//! serde_yaml gives values without places; the places are found by walking the
//! text alongside the value, in document order, reading just enough of YAML's
//! syntax (indicators, quotes, block scalars, comments) to step over each value.
//! The walk only ever moves forward, so it takes time linear in the text. Where it
//! cannot follow (an alias, say), a value gets the place of the one around it.

/// A 1-based line and column (in characters) in the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A value as YAML reads it, before any field gives it a meaning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Nothing written (`key:`), or `~` / `null`.
    Null,
    Bool(bool),
    /// A number, as YAML shows it (`2024`, `1.5`), and its value when it is a
    /// whole number that is not negative.
    Number {
        shown: String,
        whole: Option<u64>,
    },
    Text(String),
    List(Vec<Node>),
    Map(Vec<Entry>),
    /// A value marked with a `!tag` (the tag as written).
    Tagged(String),
}

/// A value and where it starts (inside the quotes, for a quoted one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub at: Pos,
    pub value: Value,
}

/// One `key: value` of a map, with where the key starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub at: Pos,
    pub value: Node,
}

/// The text of a map's key.
fn key_text(k: &serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".into(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

/// The entries of a top-level map, placed in `text`.
pub(super) fn entries(text: &str, map: serde_yaml::Mapping) -> Vec<Entry> {
    let mut walk = Walk { b: text.as_bytes(), pos: 0, line: 1, column: 1, line_start: 0, flow: 0 };
    walk.skip_all();
    // A site.yaml may start with the `---` that opens a document.
    if walk.b[walk.pos..].starts_with(b"---") && is_blank(walk.peek_at(3)) {
        walk.goto(walk.pos + 3);
        walk.skip_all();
    }
    if walk.peek() == Some(b'{') {
        return walk.flow_map(map);
    }
    let column = walk.pos - walk.line_start;
    walk.block_map(map, column)
}

/// A cursor over the text that knows its line and column.
struct Walk<'a> {
    b: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
    line_start: usize,
    /// Depth of `[` and `{` around the cursor.
    flow: usize,
}

fn is_blank(c: Option<u8>) -> bool {
    matches!(c, None | Some(b' ' | b'\t' | b'\n' | b'\r'))
}

impl Walk<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, i: usize) -> Option<u8> {
        self.b.get(self.pos + i).copied()
    }

    fn here(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    /// Moves to byte `to` (forward only), counting lines and characters.
    fn goto(&mut self, to: usize) {
        let to = to.min(self.b.len());
        while self.pos < to {
            let c = self.b[self.pos];
            self.pos += 1;
            if c == b'\n' {
                self.line += 1;
                self.column = 1;
                self.line_start = self.pos;
            } else if c & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
    }

    fn bump(&mut self) {
        self.goto(self.pos + 1);
    }

    fn at_line_end(&self) -> bool {
        matches!(self.peek(), None | Some(b'\n' | b'\r'))
    }

    /// Spaces and tabs, and a comment after them, up to the end of the line.
    fn skip_inline(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.bump();
        }
        let after_space = self.pos == 0 || is_blank(self.b.get(self.pos - 1).copied());
        if self.peek() == Some(b'#') && after_space {
            let end =
                self.b[self.pos..].iter().position(|&c| c == b'\n').map_or(self.b.len(), |i| self.pos + i);
            self.goto(end);
        }
    }

    /// Blank lines, comments and indentation, up to the next thing written.
    fn skip_all(&mut self) {
        loop {
            self.skip_inline();
            match self.peek() {
                Some(b'\n' | b'\r') => self.bump(),
                _ => return,
            }
        }
    }

    /// The number of spaces the line at `start` begins with, and whether it holds
    /// nothing but them (or a comment).
    fn indent_at(&self, start: usize) -> (usize, bool) {
        let rest = &self.b[start.min(self.b.len())..];
        let n = rest.iter().take_while(|&&c| c == b' ').count();
        (n, matches!(rest.get(n), None | Some(b'\n' | b'\r' | b'#')))
    }

    /// Skips `&anchor` and `!tag` before a value.
    fn skip_properties(&mut self) {
        while matches!(self.peek(), Some(b'&' | b'!')) {
            while !is_blank(self.peek()) {
                self.bump();
            }
            self.skip_inline();
        }
    }

    /// Places one value; `indent` is the column of the block it stands in.
    fn node(&mut self, v: serde_yaml::Value, indent: usize) -> Node {
        self.skip_inline();
        if self.at_line_end() {
            if v.is_null() {
                return Node { at: self.here(), value: Value::Null };
            }
            self.skip_all();
        }
        self.skip_properties();
        if self.at_line_end() && !v.is_null() {
            self.skip_all();
        }
        let at = self.here();
        if self.peek() == Some(b'*') {
            self.scalar(indent, false);
            return flat(v, at);
        }
        let column = self.pos - self.line_start;
        match v {
            serde_yaml::Value::Sequence(items) if self.peek() == Some(b'[') => {
                Node { at, value: Value::List(self.flow_seq(items)) }
            }
            serde_yaml::Value::Sequence(items) => {
                Node { at, value: Value::List(self.block_seq(items, column)) }
            }
            serde_yaml::Value::Mapping(m) if self.peek() == Some(b'{') => {
                Node { at, value: Value::Map(self.flow_map(m)) }
            }
            serde_yaml::Value::Mapping(m) => Node { at, value: Value::Map(self.block_map(m, column)) },
            serde_yaml::Value::Tagged(t) => {
                self.node(t.value, indent);
                Node { at, value: Value::Tagged(t.tag.to_string()) }
            }
            scalar => {
                let at = if scalar.is_null() && self.at_line_end() { at } else { self.scalar(indent, false) };
                flat(scalar, at)
            }
        }
    }

    fn block_seq(&mut self, items: Vec<serde_yaml::Value>, indent: usize) -> Vec<Node> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            self.skip_all();
            if self.peek() == Some(b'-') && is_blank(self.peek_at(1)) {
                self.bump();
            }
            out.push(self.node(item, indent));
        }
        out
    }

    fn flow_seq(&mut self, items: Vec<serde_yaml::Value>) -> Vec<Node> {
        self.bump();
        self.flow += 1;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            self.skip_all();
            if self.peek() == Some(b',') {
                self.bump();
            }
            out.push(self.node(item, 0));
        }
        self.close(b']');
        out
    }

    fn block_map(&mut self, map: serde_yaml::Mapping, indent: usize) -> Vec<Entry> {
        let mut out = Vec::with_capacity(map.len());
        for (k, v) in map {
            self.skip_all();
            out.push(self.entry(k, v, indent));
        }
        out
    }

    fn flow_map(&mut self, map: serde_yaml::Mapping) -> Vec<Entry> {
        self.bump();
        self.flow += 1;
        let mut out = Vec::with_capacity(map.len());
        for (k, v) in map {
            self.skip_all();
            if self.peek() == Some(b',') {
                self.bump();
                self.skip_all();
            }
            out.push(self.entry(k, v, 0));
        }
        self.close(b'}');
        out
    }

    /// A key, its `:` and its value.
    fn entry(&mut self, k: serde_yaml::Value, v: serde_yaml::Value, indent: usize) -> Entry {
        if self.peek() == Some(b'?') && is_blank(self.peek_at(1)) {
            self.bump();
            self.skip_all();
        }
        self.skip_properties();
        let at = self.scalar(indent, true);
        self.skip_inline();
        if self.peek() == Some(b':') {
            self.bump();
        }
        Entry { key: key_text(&k), at, value: self.node(v, indent) }
    }

    /// Steps over the end of a `[...]` or `{...}`.
    fn close(&mut self, end: u8) {
        self.skip_all();
        if self.peek() == Some(b',') {
            self.bump();
            self.skip_all();
        }
        if self.peek() == Some(end) {
            self.bump();
        }
        self.flow = self.flow.saturating_sub(1);
    }

    /// Steps over one scalar (a key when `key`), returning where its text starts.
    fn scalar(&mut self, indent: usize, key: bool) -> Pos {
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => {
                self.bump();
                let at = self.here();
                while let Some(c) = self.peek() {
                    self.bump();
                    if q == b'"' && c == b'\\' {
                        self.bump();
                    } else if c == q {
                        if q == b'\'' && self.peek() == Some(b'\'') {
                            self.bump();
                        } else {
                            break;
                        }
                    }
                }
                at
            }
            Some(b'|' | b'>') if self.flow == 0 && !key => {
                let at = self.here();
                self.skip_line();
                self.continuation(indent, true);
                at
            }
            _ => {
                let at = self.here();
                self.plain();
                if self.flow == 0 && !key {
                    self.continuation(indent, false);
                }
                at
            }
        }
    }

    /// Steps over a plain (unquoted) scalar on this line.
    fn plain(&mut self) {
        while let Some(c) = self.peek() {
            let next = self.peek_at(1);
            let flow_end = self.flow > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}');
            let colon =
                c == b':' && (is_blank(next) || (self.flow > 0 && matches!(next, Some(b',' | b']' | b'}'))));
            let comment = c == b'#' && self.pos > 0 && is_blank(self.b.get(self.pos - 1).copied());
            if matches!(c, b'\n' | b'\r') || flow_end || comment || colon {
                return;
            }
            self.bump();
        }
    }

    fn skip_line(&mut self) {
        while !self.at_line_end() {
            self.bump();
        }
    }

    /// Steps over the lines that go on a scalar: those indented deeper than
    /// `indent` (and, in a `|` or `>` block, blank ones between them).
    fn continuation(&mut self, indent: usize, block: bool) {
        loop {
            let Some(nl) = self.b[self.pos..].iter().position(|&c| c == b'\n') else { return };
            let mut start = self.pos + nl + 1;
            // Blank lines may stand inside a scalar that goes on after them.
            loop {
                let (n, blank) = self.indent_at(start);
                if !blank {
                    if n <= indent || (!block && self.b.get(start + n) == Some(&b'#')) {
                        return;
                    }
                    break;
                }
                match self.b[start..].iter().position(|&c| c == b'\n') {
                    Some(i) => start += i + 1,
                    None => return,
                }
            }
            self.goto(start);
            self.skip_line();
        }
    }
}

/// A value whose parts all get the place `at`.
fn flat(v: serde_yaml::Value, at: Pos) -> Node {
    let value = match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => Value::Number { shown: n.to_string(), whole: n.as_u64() },
        serde_yaml::Value::String(s) => Value::Text(s),
        serde_yaml::Value::Sequence(items) => Value::List(items.into_iter().map(|i| flat(i, at)).collect()),
        serde_yaml::Value::Mapping(m) => Value::Map(
            m.into_iter().map(|(k, v)| Entry { key: key_text(&k), at, value: flat(v, at) }).collect(),
        ),
        serde_yaml::Value::Tagged(t) => Value::Tagged(t.tag.to_string()),
    };
    Node { at, value }
}

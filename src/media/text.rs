//! Measuring text with real font metrics and fitting it into a box. Pure: it owns
//! no fonts (see `card`) and never reads the disk.
//!
//! Widths come from shaping with `harfrust`, the shaper usvg uses to lay out
//! `<text>`, so a line measured here has the width resvg draws (kerning and
//! ligatures included). Shaping is done in font units; scaling to a size is a
//! multiplication (resvg does no hinting, so advances scale linearly).

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};

/// One font face that can measure strings.
pub(crate) struct Measurer {
    font: FontRef<'static>,
    data: ShaperData,
    units_per_em: f32,
}

impl Measurer {
    /// `None` if `bytes` is not a font harfrust can read.
    pub(crate) fn new(bytes: &'static [u8]) -> Option<Self> {
        let font = FontRef::new(bytes).ok()?;
        let data = ShaperData::new(&font);
        let units_per_em = data.shaper(&font).build().units_per_em().max(1) as f32;
        Some(Measurer { font, data, units_per_em })
    }

    fn shape(&self, text: &str) -> harfrust::GlyphBuffer {
        let shaper = self.data.shaper(&self.font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        shaper.shape(buffer, ShapeOptions::new())
    }

    /// Advance width of `text` at `size` px.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let glyphs = self.shape(text);
        let units: i64 = glyphs.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
        units as f32 * size / self.units_per_em
    }
}

/// The box a text must fit in, and the sizes it may take, largest first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FitSpec<'a> {
    pub width: f32,
    pub height: f32,
    pub max_lines: usize,
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    /// Never empty for a useful fit; an empty list is read as one size of 16 px.
    pub sizes: &'a [f32],
    /// Even out line lengths (like CSS `text-wrap: balance`) once the number of
    /// lines is known.
    pub balance: bool,
}

/// A text broken into lines at one size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
    /// True only when even the smallest size could not hold the text and it was
    /// cut (with an ellipsis) or a word was broken.
    pub cut: bool,
}

/// A text shaped once: each word's advance in font units. Wrapping at any size is
/// then arithmetic; only the chosen lines are shaped again, to check them whole.
struct Words<'t> {
    words: Vec<&'t str>,
    units: Vec<i64>,
    space: i64,
}

impl<'t> Words<'t> {
    fn new(m: &Measurer, joined: &'t str) -> Self {
        let mut words = Vec::new();
        let mut starts = Vec::new();
        let mut at = 0;
        for w in joined.split(' ') {
            if !w.is_empty() {
                words.push(w);
                starts.push(at);
            }
            at += w.len() + 1;
        }
        let mut units = vec![0i64; words.len()];
        let glyphs = m.shape(joined);
        for (info, pos) in glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()) {
            let cluster = info.cluster as usize;
            // The word whose start is the last one at or before the cluster; a
            // space's advance is counted as `space`, not here.
            let i = starts.partition_point(|&s| s <= cluster).saturating_sub(1);
            let is_space = joined.get(cluster..).is_some_and(|rest| rest.starts_with(' '));
            if !is_space && let Some(u) = units.get_mut(i) {
                *u += i64::from(pos.x_advance);
            }
        }
        let space = m.shape(" ").glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
        Words { words, units, space }
    }

    /// Greedy wrapping at spaces within `limit` font units; `None` if one word
    /// alone is wider.
    fn wrap(&self, limit: f32) -> Option<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        let (mut line, mut used) = (String::new(), 0i64);
        for (word, &w) in self.words.iter().zip(&self.units) {
            if w as f32 > limit {
                return None;
            }
            if line.is_empty() {
                (line, used) = (word.to_string(), w);
            } else if (used + self.space + w) as f32 <= limit {
                line.push(' ');
                line.push_str(word);
                used += self.space + w;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
                used = w;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        Some(lines)
    }
}

/// Breaks `text` into lines that fit `spec`, trying each size in turn (shrinking
/// before cutting) and cutting only at the smallest one.
pub(crate) fn fit(m: &Measurer, text: &str, spec: &FitSpec) -> Fitted {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = Words::new(m, &joined);
    let sizes: &[f32] = if spec.sizes.is_empty() { &[16.0] } else { spec.sizes };
    for &size in sizes {
        let limit = spec.width * m.units_per_em / size;
        let Some(lines) = words.wrap(limit) else { continue };
        if lines.len() > lines_allowed(spec, size) {
            continue;
        }
        let lines = if spec.balance && lines.len() > 1 { balance(&words, limit, lines) } else { lines };
        // Whole-line shaping may differ from the sum of words (kerning around
        // spaces): accept the size only if every line really fits.
        if lines.iter().all(|l| m.width(l, size) <= spec.width) {
            return Fitted { size, lines, cut: false };
        }
    }
    let size = sizes[sizes.len() - 1];
    let lines = cut(m, &words.words, size, spec.width, lines_allowed(spec, size));
    Fitted { size, lines, cut: true }
}

fn lines_allowed(spec: &FitSpec, size: f32) -> usize {
    let by_height = (spec.height / (size * spec.line_height)).floor();
    let by_height = if by_height.is_finite() && by_height > 0.0 { by_height as usize } else { 1 };
    spec.max_lines.min(by_height).max(1)
}

/// Same number of lines as greedy wrapping, but with the breaks that make the
/// lines as even as possible (least sum of squared slack, a small dynamic
/// programme over break positions), so no line is a lone word.
fn balance(words: &Words, limit: f32, lines: Vec<String>) -> Vec<String> {
    let (n, count) = (words.words.len(), lines.len());
    let width = |a: usize, b: usize| -> f32 {
        (words.units[a..b].iter().sum::<i64>() + words.space * (b - a - 1) as i64) as f32
    };
    // cost[k][j]: best cost for the first j words on k lines; from[k][j]: where line k starts.
    let mut cost = vec![vec![f32::INFINITY; n + 1]; count + 1];
    let mut from = vec![vec![0usize; n + 1]; count + 1];
    cost[0][0] = 0.0;
    for k in 1..=count {
        for j in k..=n {
            for i in (k - 1)..j {
                let w = width(i, j);
                if w > limit || cost[k - 1][i].is_infinite() {
                    continue;
                }
                let c = cost[k - 1][i] + (limit - w).powi(2);
                if c < cost[k][j] {
                    (cost[k][j], from[k][j]) = (c, i);
                }
            }
        }
    }
    if cost[count][n].is_infinite() {
        return lines;
    }
    let mut out = Vec::with_capacity(count);
    let mut j = n;
    for k in (1..=count).rev() {
        let i = from[k][j];
        out.push(words.words[i..j].join(" "));
        j = i;
    }
    out.reverse();
    out
}

/// Greedy wrapping by whole-line shaping (slow path, used only when cutting).
fn wrap(m: &Measurer, words: &[String], size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
        let candidate = if line.is_empty() { word.clone() } else { format!("{line} {word}") };
        if line.is_empty() || m.width(&candidate, size) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.clone()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Last resort at the smallest size: break over-long words by characters, keep
/// `max_lines` lines and end the last one with an ellipsis.
fn cut(m: &Measurer, words: &[&str], size: f32, width: f32, max_lines: usize) -> Vec<String> {
    let pieces: Vec<String> = words.iter().flat_map(|w| break_word(m, w, size, width)).collect();
    let mut lines = wrap(m, &pieces, size, width);
    if lines.len() > max_lines {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(m, last, size, width);
        }
    }
    lines
}

fn break_word(m: &Measurer, word: &str, size: f32, width: f32) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let Some(current) = out.last_mut() else { break };
        current.push(c);
        if current.chars().count() > 1 && m.width(current, size) > width {
            current.pop();
            out.push(c.to_string());
        }
    }
    out
}

fn with_ellipsis(m: &Measurer, line: &str, size: f32, width: f32) -> String {
    let mut text = line.to_string();
    loop {
        let candidate = format!("{}…", text.trim_end());
        if text.is_empty() || m.width(&candidate, size) <= width {
            return candidate;
        }
        text.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold() -> Measurer {
        Measurer::new(crate::support::theme::fonts()[1]).unwrap()
    }

    const SPEC: FitSpec<'static> = FitSpec {
        width: 1040.0,
        height: 300.0,
        max_lines: 4,
        line_height: 1.15,
        sizes: &[76.0, 68.0, 62.0, 56.0, 50.0, 45.0, 40.0],
        balance: true,
    };

    fn fits(m: &Measurer, f: &Fitted) {
        for l in &f.lines {
            assert!(m.width(l, f.size) <= SPEC.width, "{l:?} is wider than the box at {}", f.size);
        }
        assert!(f.lines.len() <= 4);
    }

    #[test]
    fn a_short_title_keeps_the_largest_size_on_one_line() {
        let m = bold();
        let f = fit(&m, "Hello, world", &SPEC);
        assert_eq!((f.size, f.lines.len(), f.cut), (76.0, 1, false));
    }

    #[test]
    fn a_title_of_two_lines_is_balanced_and_loses_no_word() {
        let m = bold();
        let title = "LinkedIn for people who hate LinkedIn";
        let f = fit(&m, title, &SPEC);
        assert_eq!(f.lines.len(), 2, "{f:?}");
        assert!(!f.cut);
        assert_eq!(f.lines.join(" "), title);
        fits(&m, &f);
    }

    #[test]
    fn a_long_title_takes_four_lines_before_it_shrinks_further() {
        let m = bold();
        let title = "Measuring the energy use of our data centres over three winters, and what the \
                     numbers told us about cooling, scheduling and the hardware we buy next";
        let f = fit(&m, title, &SPEC);
        assert!(!f.cut, "{f:?}");
        assert!(f.lines.len() >= 3 && f.lines.len() <= 4, "{f:?}");
        assert!(f.size < 76.0);
        assert_eq!(f.lines.join(" "), title.split_whitespace().collect::<Vec<_>>().join(" "));
        fits(&m, &f);
    }

    #[test]
    fn a_title_too_long_for_four_lines_is_shrunk_then_cut_with_an_ellipsis() {
        let m = bold();
        let title = "word ".repeat(200);
        let f = fit(&m, &title, &SPEC);
        assert!(f.cut);
        assert_eq!(f.size, 40.0);
        assert_eq!(f.lines.len(), 4);
        assert!(f.lines[3].ends_with('…'), "{f:?}");
        fits(&m, &f);
    }

    #[test]
    fn a_cyrillic_title_is_measured_and_wrapped() {
        let m = bold();
        let title = "Как мы перенесли сорок сервисов на новую очередь сообщений и не потеряли ни одного";
        let f = fit(&m, title, &SPEC);
        assert!(!f.cut);
        assert!(f.lines.len() >= 2);
        assert_eq!(f.lines.join(" "), title);
        fits(&m, &f);
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken() {
        let m = bold();
        let title = format!("Short {} end", "x".repeat(120));
        let f = fit(&m, &title, &SPEC);
        assert!(f.cut);
        assert!(f.lines.len() >= 2, "{f:?}");
        fits(&m, &f);
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        let m = bold();
        for t in ["", " ", "\u{0}", "🦀🦀", "a\u{301}\u{301}", &"ж".repeat(5000)] {
            let f = fit(&m, t, &SPEC);
            assert!(f.lines.len() <= 4);
        }
        let tiny = FitSpec { width: 0.0, height: 0.0, sizes: &[], ..SPEC };
        assert!(fit(&m, "anything at all", &tiny).lines.len() <= 1);
    }
}

//! Characters no output file may hold: those XML 1.0 forbids (the C0 controls other
//! than tab, line feed and carriage return; U+FFFE and U+FFFF) and those HTML reports
//! as errors (DEL, the C1 controls and the other noncharacters). byline writes
//! U+FFFD, the replacement character, in place of each one, as CommonMark and HTML
//! parsers do for NUL: the reader sees that something was there, and every page and
//! feed stays well-formed.

use std::borrow::Cow;

/// What takes the place of a forbidden character.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// True for a character no web page or feed may contain.
pub(crate) fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    matches!(n, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || n & 0xFFFE == 0xFFFE
}

/// Bytes that may start a forbidden character: ASCII controls and DEL, and the lead
/// bytes of the C1 controls (C2), of U+F000 to U+FFFF (EF) and of the other planes.
const SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let u = b as u8;
        t[b] = (u < 0x20 && u != b'\t' && u != b'\n' && u != b'\r')
            || u == 0x7F
            || u == 0xC2
            || u == 0xEF
            || u >= 0xF0;
        b += 1;
    }
    t
};

/// Each character of `s` that starts with a suspect byte, with its offset. Every
/// suspect byte is ASCII or a lead byte, so each offset is a character boundary;
/// the text between them (most of it: `·`, `©` and emoji are suspects too) is
/// skipped, never decoded.
fn suspects(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let at = i + bytes.get(i..)?.iter().position(|&b| SUSPECT[b as usize])?;
        let c = s.get(at..)?.chars().next()?;
        i = at + c.len_utf8();
        Some((at, c))
    })
}

/// True when `s` holds a forbidden character. Fast on text without any.
pub(crate) fn has_forbidden(s: &str) -> bool {
    suspects(s).any(|(_, c)| is_forbidden(c))
}

/// `s` with every forbidden character replaced by U+FFFD.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    if !has_forbidden(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_forbidden(c) { REPLACEMENT } else { c }).collect())
}

/// [`clean`] for a string we own: no copy when there is nothing to replace.
pub(crate) fn clean_owned(s: String) -> String {
    match clean(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(cleaned) => cleaned,
    }
}

/// Each forbidden character of `s` with its byte offset.
pub(crate) fn find(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    suspects(s).filter(|&(_, c)| is_forbidden(c))
}

/// How a message names a forbidden character: `U+001B (escape)`.
pub(crate) fn describe(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{0c}' => "form feed",
        '\u{0b}' => "vertical tab",
        '\u{08}' => "backspace",
        c if (c as u32) < 0x20 || (0x80..=0x9F).contains(&(c as u32)) => "a control character",
        _ => "a noncharacter",
    };
    format!("U+{:04X} ({name})", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_html_forbidden_characters_are_found_and_replaced() {
        for c in ['\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\u{fffe}', '\u{ffff}', '\u{fdd0}', '\u{1fffe}', '\u{10ffff}'] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'é', '©', '\u{a0}', '\u{fffd}', '\u{f8ff}', '🎉', '\u{10fffd}'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        assert_eq!(clean("a\u{0}b\u{1b}[0m \u{fffe}© ok"), "a\u{fffd}b\u{fffd}[0m \u{fffd}© ok");
        assert!(matches!(clean("plain © text 🎉\t\n"), Cow::Borrowed(_)));
        let found: Vec<(usize, char)> = find("ab\u{1}é\u{ffff}").collect();
        assert_eq!(found, [(2, '\u{1}'), (5, '\u{ffff}')]);
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{fffe}'), "U+FFFE (a noncharacter)");
    }
}

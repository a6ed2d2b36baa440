//! Link and image targets that run a script when followed or loaded: `javascript:`,
//! `vbscript:`, and `data:` (except a PNG, JPEG, GIF or WebP image in an image).
//! Recognised the way a browser reads a URL: character references decoded, leading
//! and trailing controls and spaces stripped, tabs and line breaks removed anywhere,
//! the scheme in any case.

use std::borrow::Cow;

/// The scheme of `dest` as a browser reads it, in lower case, with what follows the
/// colon; `None` for a path (resolved against the page).
fn scheme_and_rest(dest: &str) -> Option<(String, String)> {
    let url = as_browser_reads(dest);
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest.to_string()))
}

/// The scheme of `dest` as a browser reads it (`javascript`, `https`), in lower
/// case; `None` for a path.
pub(crate) fn scheme(dest: &str) -> Option<String> {
    scheme_and_rest(dest).map(|(s, _)| s)
}

/// The `data:` images an image may show inline.
const INLINE_IMAGES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];

/// The scheme of `dest` when following it (or, for an `image`, loading it) could
/// run a script: `"javascript"`, `"vbscript"` or `"data"`; `None` for any other.
pub(crate) fn script_scheme(dest: &str, image: bool) -> Option<&'static str> {
    let (scheme, rest) = scheme_and_rest(dest)?;
    match scheme.as_str() {
        "javascript" => Some("javascript"),
        "vbscript" => Some("vbscript"),
        "data" if image && is_inline_image(&rest) => None,
        "data" => Some("data"),
        _ => None,
    }
}

/// `data:` URL content (after the colon) whose type is a plain raster image.
fn is_inline_image(rest: &str) -> bool {
    let Some((media, _)) = rest.split_once(',') else {
        return false;
    };
    let mime = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    INLINE_IMAGES.contains(&mime.as_str())
}

/// `url` as a browser's URL parser sees it: references decoded (repeatedly, which
/// is more than a browser does, so nothing slips through a double encoding), C0
/// controls and spaces trimmed, tabs and line breaks removed.
fn as_browser_reads(url: &str) -> String {
    let mut text: Cow<str> = Cow::Borrowed(url);
    for _ in 0..4 {
        match decode_references(&text) {
            Cow::Borrowed(_) => break,
            Cow::Owned(decoded) => text = Cow::Owned(decoded),
        }
    }
    text.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// Named references that can make a scheme: the colon and the characters a browser
/// removes from URLs. (Letters can only come from numeric references.)
const NAMED: &[(&str, char)] = &[("colon", ':'), ("tab", '\t'), ("newline", '\n'), ("amp", '&')];

/// `s` with numeric character references (`&#106;`, `&#x6A`, with or without the
/// semicolon) and the [`NAMED`] ones decoded.
fn decode_references(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut changed = false;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after) {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if changed { Cow::Owned(out) } else { Cow::Borrowed(s) }
}

/// The character a reference stands for and its length, `s` being the text after
/// the `&`.
fn reference(s: &str) -> Option<(char, usize)> {
    if let Some((value, len)) = numeric_reference(s) {
        let c = char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
        return Some((c, len));
    }
    NAMED.iter().find_map(|&(name, c)| {
        let head = s.get(..name.len())?;
        (head.eq_ignore_ascii_case(name) && s[name.len()..].starts_with(';')).then_some((c, name.len() + 1))
    })
}

/// The code point of a numeric reference (`#106;`, `#x6A`: the text after the `&`,
/// semicolon optional) and its length. Any value past U+10FFFF is no character.
pub(super) fn numeric_reference(s: &str) -> Option<(u32, usize)> {
    let num = s.strip_prefix('#')?;
    let (radix, digits) = match num.strip_prefix(['x', 'X']) {
        Some(h) => (16, h),
        None => (10, num),
    };
    let n = digits.chars().take_while(|c| c.is_digit(radix)).count();
    if n == 0 {
        return None;
    }
    // Leading zeros are allowed: the value saturates rather than wraps.
    let value = digits[..n]
        .chars()
        .filter_map(|d| d.to_digit(radix))
        .fold(0u32, |v, d| v.saturating_mul(radix).saturating_add(d));
    let len = 1 + usize::from(radix == 16) + n;
    Some((value, len + usize::from(s[len..].starts_with(';'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_recognised_however_they_are_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}\u{1f} javascript:x",
            "java\tscr\nipt:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#x6a&#x61vascript:x",
            "&#0000106;avascript:x",
            "&#000000000000106;avascript:x",
            "javascript&colon;alert(1)",
            "java&Tab;script:x",
            "&amp;#106;avascript:x",
        ] {
            assert_eq!(script_scheme(url, false), Some("javascript"), "{url:?}");
            assert_eq!(script_scheme(url, true), Some("javascript"), "{url:?}");
        }
        assert_eq!(script_scheme("VBScript:msgbox(1)", false), Some("vbscript"));
        assert_eq!(script_scheme("data:text/html,<script>alert(1)</script>", false), Some("data"));
        assert_eq!(script_scheme("data:text/html,<script>", true), Some("data"));
        assert_eq!(script_scheme("data:image/svg+xml,<svg/onload=alert(1)>", true), Some("data"));
    }

    #[test]
    fn ordinary_urls_and_inline_images_are_kept() {
        for url in [
            "https://x.org/javascript:",
            "/posts/javascript-tips/",
            "javascript-tips.md",
            "mailto:a@b.c",
            "#javascript:x",
            "%6Aavascript:x",
            "&#65533;javascript:x",
            "",
        ] {
            assert_eq!(script_scheme(url, false), None, "{url:?}");
        }
        assert_eq!(script_scheme("data:image/png;base64,iVBORw0KGgo=", true), None);
        assert_eq!(script_scheme("DATA: Image/JPEG ;base64,/9j/", true), None);
        assert_eq!(script_scheme("data:image/webp,x", true), None);
        assert_eq!(script_scheme("data:image/png;base64,iVBORw0KGgo=", false), Some("data"));
        assert_eq!(script_scheme("data:image/png", true), Some("data"), "no comma: not an image");
    }
}

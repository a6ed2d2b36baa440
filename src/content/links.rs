//! Which addresses a front-matter field may hold: `http:` and `https:` addresses
//! (and `mailto:` where a field is a link), site paths and relative paths. Anything
//! else (`javascript:`, `data:`, `vbscript:`, a scheme of any case or hidden behind
//! spaces and control characters) is refused at load, where it was written: it would
//! otherwise reach an `href`, an `<img src>` or an `og:image`. The scheme is read as
//! a browser reads it, by the same code that checks links in markdown.

/// What a field's address is used as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Shown as an image (`photo`, `image`, `logo`).
    Image,
    /// Followed as a link (the organization's `url`).
    Link,
}

/// Why `value` cannot be used as `field`, if it cannot: a message and a hint.
pub(crate) fn problem(field: &str, value: &str, used_as: Use) -> Option<(String, String)> {
    let scheme = crate::markdown::scheme(value)?;
    let allowed = match used_as {
        Use::Image => matches!(scheme.as_str(), "http" | "https"),
        Use::Link => matches!(scheme.as_str(), "http" | "https" | "mailto"),
    };
    if allowed {
        return None;
    }
    let shown: String = value.chars().take(60).collect();
    let example = match used_as {
        Use::Image => "an https:// address or a path such as /images/photo.jpg",
        Use::Link => "an https:// address, a mailto: address or a path such as /about/",
    };
    Some((
        format!("`{shown}` cannot be used as `{field}`: `{scheme}:` addresses are not allowed there"),
        format!("write {example}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_capable_addresses_are_refused_in_any_disguise() {
        for bad in [
            "javascript:alert(3)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(problem("photo", bad, Use::Image).is_some(), "{bad:?}");
        }
        assert!(problem("photo", "data:image/png;base64,AAAA", Use::Image).is_some(), "no data: in fields");
        assert!(problem("url", "mailto:team@example.com", Use::Image).is_some());
        for good in [
            "https://cdn.example/a.jpg",
            "http://x.example/",
            "/images/a.jpg",
            "images/a.jpg",
            "../a.png",
            "//cdn.example/a.png",
        ] {
            assert!(problem("photo", good, Use::Image).is_none(), "{good}");
        }
        assert!(problem("url", "mailto:team@example.com", Use::Link).is_none());
        let (msg, hint) = problem("photo", "javascript:alert(3)", Use::Image).unwrap();
        assert_eq!(
            msg,
            "`javascript:alert(3)` cannot be used as `photo`: `javascript:` addresses are not allowed there"
        );
        assert!(hint.contains("https://"));
    }
}

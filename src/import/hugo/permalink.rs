//! Hugo's addresses: the `permalinks` patterns with their `:tokens`, the default
//! path of a page, and `urlize`, which Hugo makes every path segment with.

use chrono::{DateTime, Datelike, FixedOffset};

/// What a page's address is made from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts {
    pub date: Option<DateTime<FixedOffset>>,
    pub title: String,
    /// `slug:` from the front matter, if given.
    pub slug: Option<String>,
    /// The file name without extension, or the bundle's folder name.
    pub filename: String,
    /// The sections the page is in (`["posts"]`, `["docs", "guides"]`).
    pub sections: Vec<String>,
}

/// Hugo's `urlize` as paths use it: lower case, spaces as `-`, and only letters,
/// digits and `-_.+~#%` kept.
pub(crate) fn urlize(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_whitespace() {
            out.push('-');
        } else if c.is_alphanumeric() || "-_.+~#%".contains(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The site path of a page at `pattern`, lower-cased as Hugo does by default.
pub(crate) fn expand(pattern: &str, p: &Parts) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        match value(&after[..len], p) {
            Some(v) => out.push_str(&v),
            None => {
                out.push(':');
                out.push_str(&after[..len]);
            }
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    let mut path = String::from("/");
    for part in out.split('/').filter(|s| !s.is_empty()) {
        path.push_str(&part.to_lowercase());
        path.push('/');
    }
    if !out.ends_with('/') && path.len() > 1 {
        path.pop();
    }
    path
}

/// The path Hugo gives a page when no pattern and no `url` says otherwise:
/// its sections, then its slug or file name.
pub(crate) fn default_path(p: &Parts) -> String {
    let last = p.slug.clone().unwrap_or_else(|| p.filename.clone());
    let mut path = String::from("/");
    for s in p.sections.iter().chain(std::iter::once(&last)) {
        path.push_str(&urlize(s));
        path.push('/');
    }
    path
}

/// The value of `:name`, if Hugo has a token of that name.
fn value(name: &str, p: &Parts) -> Option<String> {
    let title = || urlize(&p.title);
    let slug = || p.slug.as_deref().map(urlize);
    let filename = || urlize(&p.filename);
    let date = |f: &dyn Fn(&DateTime<FixedOffset>) -> String| p.date.as_ref().map(f).unwrap_or_default();
    Some(match name {
        "year" => date(&|d| format!("{:04}", d.year())),
        "month" => date(&|d| format!("{:02}", d.month())),
        "monthname" => date(&|d| d.format("%B").to_string()),
        "day" => date(&|d| format!("{:02}", d.day())),
        "weekday" => date(&|d| d.weekday().num_days_from_sunday().to_string()),
        "weekdayname" => date(&|d| d.format("%A").to_string()),
        "yearday" => date(&|d| d.ordinal().to_string()),
        // Go's reference-time layouts, as Hugo accepts them in patterns.
        "2006" => date(&|d| format!("{:04}", d.year())),
        "06" => date(&|d| format!("{:02}", d.year().rem_euclid(100))),
        "01" => date(&|d| format!("{:02}", d.month())),
        "1" => date(&|d| d.month().to_string()),
        "02" => date(&|d| format!("{:02}", d.day())),
        "2" => date(&|d| d.day().to_string()),
        "Jan" => date(&|d| d.format("%b").to_string()),
        "January" => date(&|d| d.format("%B").to_string()),
        "Mon" => date(&|d| d.format("%a").to_string()),
        "Monday" => date(&|d| d.format("%A").to_string()),
        "section" => p.sections.first().map(|s| urlize(s)).unwrap_or_default(),
        "sections" => p.sections.iter().map(|s| urlize(s)).collect::<Vec<_>>().join("/"),
        "title" => title(),
        "slug" => slug().unwrap_or_else(title),
        "filename" | "contentbasename" => filename(),
        "slugorfilename" | "slugorcontentbasename" => slug().unwrap_or_else(filename),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Parts {
        Parts {
            date: DateTime::parse_from_rfc3339("2024-03-05T09:30:00+01:00").ok(),
            title: "Why We Write".into(),
            slug: None,
            filename: "why-we-write-2024".into(),
            sections: vec!["posts".into()],
        }
    }

    #[test]
    fn every_token_has_its_documented_value() {
        let p = parts();
        let cases = [
            (":year", "/2024"),
            (":month", "/03"),
            (":monthname", "/march"),
            (":day", "/05"),
            (":weekday", "/2"),
            (":weekdayname", "/tuesday"),
            (":yearday", "/65"),
            (":2006/:06/:01/:1/:02/:2", "/2024/24/03/3/05/5"),
            (":Jan/:January/:Mon/:Monday", "/mar/march/tue/tuesday"),
            (":section", "/posts"),
            (":sections", "/posts"),
            (":title", "/why-we-write"),
            (":slug", "/why-we-write"),
            (":filename", "/why-we-write-2024"),
            (":contentbasename", "/why-we-write-2024"),
            (":slugorfilename", "/why-we-write-2024"),
            (":slugorcontentbasename", "/why-we-write-2024"),
            ("/:year/:month/:slug/", "/2024/03/why-we-write/"),
            ("/blog/:unknown/", "/blog/:unknown/"),
        ];
        for (pattern, want) in cases {
            assert_eq!(expand(pattern, &p), want, "{pattern}");
        }
    }

    #[test]
    fn a_slug_is_used_by_the_tokens_that_prefer_it() {
        let p = Parts { slug: Some("Writing".into()), ..parts() };
        assert_eq!(expand("/:slug/:slugorfilename/:filename/", &p), "/writing/writing/why-we-write-2024/");
        assert_eq!(default_path(&p), "/posts/writing/");
        assert_eq!(default_path(&parts()), "/posts/why-we-write-2024/");
    }

    #[test]
    fn urlize_keeps_what_hugo_keeps() {
        assert_eq!(urlize("Data Engineering"), "data-engineering");
        assert_eq!(urlize("C++"), "c++");
        assert_eq!(urlize("Hello, World!"), "hello-world");
    }

    proptest::proptest! {
        #[test]
        fn any_pattern_expands_without_panicking(pattern in "(:[a-zA-Z0-9_]{0,12}|/|\\PC){0,30}") {
            let path = expand(&pattern, &parts());
            proptest::prop_assert!(path.starts_with('/'));
        }
    }
}

//! Jekyll's permalinks: the built-in styles and the `:placeholder` patterns,
//! expanded for one post into the site path Jekyll published it at.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

/// What a post's address is made from.
#[derive(Debug, Clone)]
pub(crate) struct Parts<'a> {
    pub date: DateTime<FixedOffset>,
    /// The slug from the file name, or `slug:` when given.
    pub slug: &'a str,
    /// The title from the file name (`:title` keeps its case), or `slug:`.
    pub title: &'a str,
    pub categories: &'a [String],
}

/// The pattern of a built-in style, or the setting itself when it is a pattern.
pub(crate) fn pattern(setting: &str) -> &str {
    match setting.trim() {
        "" | "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
}

/// Jekyll's default slugify: every run of characters other than ASCII letters
/// and digits becomes one `-`, lower-cased, without dashes at the ends.
pub(crate) fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The site path of the post at `pattern`: placeholders replaced, double slashes
/// collapsed (no categories leave none) and a leading `/`.
pub(crate) fn expand(pattern: &str, p: &Parts<'_>) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let name = &after[..name_len];
        match value(name, p) {
            Some(v) => out.push_str(&v),
            None => {
                out.push(':');
                out.push_str(name);
            }
        }
        rest = &after[name_len..];
    }
    out.push_str(rest);
    let mut path = String::from("/");
    for part in out.split('/').filter(|s| !s.is_empty()) {
        path.push_str(part);
        path.push('/');
    }
    if !out.ends_with('/') && path.len() > 1 {
        path.pop();
    }
    path
}

/// The value of placeholder `name`, if Jekyll has one of that name.
fn value(name: &str, p: &Parts<'_>) -> Option<String> {
    let d = p.date;
    Some(match name {
        "year" => format!("{:04}", d.year()),
        "short_year" => format!("{:02}", d.year().rem_euclid(100)),
        "month" => format!("{:02}", d.month()),
        "i_month" => d.month().to_string(),
        "short_month" => d.format("%b").to_string(),
        "long_month" => d.format("%B").to_string(),
        "day" => format!("{:02}", d.day()),
        "i_day" => d.day().to_string(),
        "y_day" => format!("{:03}", d.ordinal()),
        "w_year" => d.iso_week().year().to_string(),
        "week" => format!("{:02}", d.iso_week().week()),
        "w_day" => d.weekday().number_from_monday().to_string(),
        "short_day" => d.format("%a").to_string(),
        "long_day" => d.format("%A").to_string(),
        "hour" => format!("{:02}", d.hour()),
        "minute" => format!("{:02}", d.minute()),
        "second" => format!("{:02}", d.second()),
        "title" => p.title.to_string(),
        "slug" => slugify(p.slug),
        "categories" => categories(p.categories),
        "output_ext" => ".html".into(),
        _ => return None,
    })
}

/// The categories slugified, without repeats, joined with `/`.
fn categories(categories: &[String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for c in categories {
        let s = slugify(c);
        if !s.is_empty() && !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(categories: &[String]) -> Parts<'_> {
        let date = DateTime::parse_from_rfc3339("2015-01-05T09:07:03+01:00").unwrap();
        Parts { date, slug: "Hello-World", title: "Hello-World", categories }
    }

    #[test]
    fn the_built_in_styles_expand_as_jekyll_documents_them() {
        let cats = vec!["Data Science".to_string(), "ops".to_string()];
        let p = parts(&cats);
        assert_eq!(expand(pattern("date"), &p), "/data-science/ops/2015/01/05/Hello-World.html");
        assert_eq!(expand(pattern("pretty"), &p), "/data-science/ops/2015/01/05/Hello-World/");
        assert_eq!(expand(pattern("ordinal"), &p), "/data-science/ops/2015/005/Hello-World.html");
        assert_eq!(expand(pattern("weekdate"), &p), "/data-science/ops/2015/W02/Mon/Hello-World.html");
        assert_eq!(expand(pattern("none"), &p), "/data-science/ops/Hello-World.html");
    }

    #[test]
    fn no_categories_leave_no_empty_segment() {
        assert_eq!(expand(pattern("pretty"), &parts(&[])), "/2015/01/05/Hello-World/");
        assert_eq!(expand(pattern("none"), &parts(&[])), "/Hello-World.html");
    }

    #[test]
    fn every_placeholder_has_its_documented_value() {
        let p = parts(&[]);
        let cases = [
            (":year", "/2015"),
            (":short_year", "/15"),
            (":month", "/01"),
            (":i_month", "/1"),
            (":short_month", "/Jan"),
            (":long_month", "/January"),
            (":day", "/05"),
            (":i_day", "/5"),
            (":y_day", "/005"),
            (":w_year", "/2015"),
            (":week", "/02"),
            (":w_day", "/1"),
            (":short_day", "/Mon"),
            (":long_day", "/Monday"),
            (":hour", "/09"),
            (":minute", "/07"),
            (":second", "/03"),
            (":title", "/Hello-World"),
            (":slug", "/hello-world"),
            (":title:output_ext", "/Hello-World.html"),
            ("/blog/:unknown/", "/blog/:unknown/"),
        ];
        for (pattern, want) in cases {
            assert_eq!(expand(pattern, &p), want, "{pattern}");
        }
    }

    #[test]
    fn slugify_joins_every_other_character_run_into_one_dash() {
        assert_eq!(slugify("The _config.yml file"), "the-config-yml-file");
        assert_eq!(slugify("  C++ & Rust!  "), "c-rust");
    }

    proptest::proptest! {
        #[test]
        fn any_pattern_expands_without_panicking(pattern in "(:[a-z_]{0,12}|/|\\PC){0,30}") {
            let path = expand(&pattern, &parts(&["A b".to_string()]));
            proptest::prop_assert!(path.starts_with('/'));
        }
    }
}

//! Campaign (UTM) parameters on links that leave the blog, so the company's
//! analytics can tell which post, network or call to action brought a visitor.
//! Only links meant to be counted get them: never a canonical address, `og:url`,
//! JSON-LD or the sitemap.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters is escaped in a parameter.
const PARAM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The parameters of one counted link, in the order they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Campaign<'a> {
    /// `utm_source`: linkedin, x, mastodon, bluesky, email, feed, ...
    pub source: Option<&'a str>,
    /// `utm_medium`: social, cta, feed.
    pub medium: &'a str,
    /// `utm_campaign`: the post's slug.
    pub campaign: &'a str,
    /// `utm_content`: which call to action.
    pub content: Option<&'a str>,
}

/// `url` with the campaign's parameters added to its query, before any `#`
/// fragment. Parameters the author already wrote into the address are kept and
/// not repeated. Addresses that are not `http(s)` (`mailto:`, `tel:`, a bare
/// `#anchor`) are returned unchanged: there is nothing to count there.
pub(crate) fn tag(url: &str, c: &Campaign<'_>) -> String {
    let lower = url.trim_start().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://") || url.starts_with('/')) {
        return url.to_string();
    }
    let (head, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let existing: Vec<&str> = match head.split_once('?') {
        Some((_, q)) => q.split('&').filter_map(|p| p.split('=').next()).collect(),
        None => Vec::new(),
    };
    let pairs = [
        ("utm_source", c.source),
        ("utm_medium", Some(c.medium)),
        ("utm_campaign", Some(c.campaign)),
        ("utm_content", c.content),
    ];
    let added: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
        .filter(|(k, _)| !existing.iter().any(|e| e.eq_ignore_ascii_case(k)))
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, PARAM)))
        .collect();
    if added.is_empty() {
        return url.to_string();
    }
    let sep = match head.split_once('?') {
        None => "?",
        Some((_, "")) => "",
        Some(_) if head.ends_with('&') => "",
        Some(_) => "&",
    };
    format!("{head}{sep}{}{fragment}", added.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn social<'a>(source: &'a str, slug: &'a str) -> Campaign<'a> {
        Campaign { source: Some(source), medium: "social", campaign: slug, content: None }
    }

    #[test]
    fn parameters_go_before_the_fragment_and_after_an_existing_query() {
        let c = social("linkedin", "a-post");
        assert_eq!(
            tag("https://e.com/p/", &c),
            "https://e.com/p/?utm_source=linkedin&utm_medium=social&utm_campaign=a-post"
        );
        assert_eq!(
            tag("https://e.com/p/?ref=1#top", &c),
            "https://e.com/p/?ref=1&utm_source=linkedin&utm_medium=social&utm_campaign=a-post#top"
        );
        assert_eq!(
            tag("https://e.com/?", &c),
            "https://e.com/?utm_source=linkedin&utm_medium=social&utm_campaign=a-post"
        );
    }

    #[test]
    fn values_are_percent_encoded() {
        let c = Campaign { source: None, medium: "cta", campaign: "ça & co", content: Some("demo=1") };
        assert_eq!(
            tag("https://e.com/", &c),
            "https://e.com/?utm_medium=cta&utm_campaign=%C3%A7a%20%26%20co&utm_content=demo%3D1"
        );
    }

    #[test]
    fn parameters_the_author_wrote_are_kept() {
        let c = social("x", "p");
        assert_eq!(
            tag("https://e.com/?utm_source=news", &c),
            "https://e.com/?utm_source=news&utm_medium=social&utm_campaign=p"
        );
    }

    #[test]
    fn addresses_that_are_not_web_pages_are_left_alone() {
        let c = social("email", "p");
        for url in ["mailto:a@b.c", "tel:+123", "#top", "javascript:alert(1)"] {
            assert_eq!(tag(url, &c), url);
        }
    }
}

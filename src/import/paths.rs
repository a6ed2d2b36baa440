//! Old addresses as site paths, shared by the importers: `https://old.example/2021/05/x/`
//! is `/2021/05/x/` on the new site, and dates as RFC 3339.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use crate::content::aliases;

/// The site path of `url` (an absolute address or a path): `None` for one that
/// is no page of its own (`/?p=12`, the home page, another scheme).
pub(crate) fn site_path(url: &str) -> Option<String> {
    let url = url.trim();
    let path = if let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        &rest[rest.find('/')?..]
    } else if let Some(rest) = url.strip_prefix("//") {
        &rest[rest.find('/')?..]
    } else if url.starts_with('/') {
        url
    } else {
        return None;
    };
    if path.contains('?') {
        return None;
    }
    let path = path.split('#').next().unwrap_or(path);
    // byline's own reading of an old address: decoded, checked, with its `/`.
    aliases::normalise(path).ok()
}

/// `url`'s scheme and host (`https://old.example`), when it is an absolute address.
pub(crate) fn origin(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme_end = url.find("://")? + 3;
    let host_end = url[scheme_end..].find('/').map_or(url.len(), |i| scheme_end + i);
    (host_end > scheme_end).then(|| url[..host_end].to_string())
}

/// A moment written as RFC 3339, RFC 2822 or `YYYY-MM-DD HH:MM:SS` (in UTC).
pub(crate) fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000") {
        return None;
    }
    DateTime::parse_from_rfc3339(s).or_else(|_| DateTime::parse_from_rfc2822(s)).ok().or_else(|| {
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f"))
            .ok()?;
        Some(Utc.from_utc_datetime(&naive).fixed_offset())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_site_paths() {
        assert_eq!(site_path("https://old.example/2021/05/x/").as_deref(), Some("/2021/05/x/"));
        assert_eq!(site_path("http://old.example/about").as_deref(), Some("/about/"));
        assert_eq!(site_path("https://old.example/?p=12"), None);
        assert_eq!(site_path("https://old.example/"), None);
        assert_eq!(site_path("/feed.xml").as_deref(), Some("/feed.xml"));
        assert_eq!(site_path("https://old.example/caf%C3%A9/").as_deref(), Some("/café/"));
        assert_eq!(site_path("https://old.example/a:b/"), None);
        assert_eq!(origin("https://old.example/blog/").as_deref(), Some("https://old.example"));
    }

    #[test]
    fn dates_in_each_form() {
        let want = "2021-05-04T10:00:00+00:00";
        for s in ["2021-05-04 10:00:00", "Tue, 04 May 2021 10:00:00 +0000", "2021-05-04T10:00:00.000Z"] {
            assert_eq!(parse_date(s).map(|d| d.to_rfc3339()).as_deref(), Some(want), "{s}");
        }
        assert_eq!(parse_date("0000-00-00 00:00:00"), None);
    }
}

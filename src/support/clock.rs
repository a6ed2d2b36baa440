//! The moment a build happens, for deciding which posts are published: the clock,
//! or `--now`, or `SOURCE_DATE_EPOCH` (reproducible builds, testing scheduled posts
//! in CI). Tests never read the clock.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// `--now` if given, else `SOURCE_DATE_EPOCH` (`epoch`) if set, else the clock.
/// `--now` takes RFC 3339 (`2026-03-02T09:00:00+01:00`), a day (`2026-03-02`, its
/// start in UTC) or seconds since 1970 (`@1772438400`).
pub fn now(arg: Option<&str>, epoch: Option<&str>) -> Result<DateTime<FixedOffset>, String> {
    if let Some(text) = arg {
        return parse(text.trim()).ok_or_else(|| {
            format!(
                "`--now {text}` is not a moment: write it as `2026-03-02T09:00:00+01:00`, `2026-03-02` or `@1772438400`"
            )
        });
    }
    if let Some(text) = epoch.filter(|t| !t.trim().is_empty()) {
        return seconds(text.trim()).ok_or_else(|| {
            format!("SOURCE_DATE_EPOCH is `{text}`: it must be a number of seconds since 1970")
        });
    }
    Ok(Utc::now().fixed_offset())
}

fn seconds(text: &str) -> Option<DateTime<FixedOffset>> {
    let secs: i64 = text.parse().ok()?;
    Utc.timestamp_opt(secs, 0).single().map(|t| t.fixed_offset())
}

fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Some(rest) = text.strip_prefix('@') {
        return seconds(rest);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?).fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_comes_from_the_flag_then_source_date_epoch() {
        let t = now(Some("2026-03-02T09:00:00+01:00"), Some("5")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-02T09:00:00+01:00");
        assert_eq!(now(Some("2026-03-02"), None).unwrap().to_rfc3339(), "2026-03-02T00:00:00+00:00");
        assert_eq!(now(Some("@86400"), None).unwrap().to_rfc3339(), "1970-01-02T00:00:00+00:00");
        assert_eq!(now(None, Some("86400")).unwrap().to_rfc3339(), "1970-01-02T00:00:00+00:00");
        assert!(now(Some("tomorrow"), None).unwrap_err().contains("`--now tomorrow` is not a moment"));
        assert!(now(None, Some("soon")).unwrap_err().contains("SOURCE_DATE_EPOCH"));
    }
}

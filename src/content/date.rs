//! Dates as people write them in front matter: the forms that are read, and for a
//! date written almost right, the exact form to write instead.

use std::ops::RangeInclusive;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Why a date cannot be read: a message, and a hint that gives the date as it
/// should be written when that can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub hint: String,
}

/// What the hint says when nothing better can be told.
const FORMS: &str = "write it as 2024-03-05, or with a time as 2024-03-05T09:30:00+01:00 (a time without an offset is taken as UTC)";

/// Parses a date in one of the forms other generators document too: `2024-03-05`;
/// RFC 3339 with or without seconds (`2024-03-05T09:30:00+01:00`, `2024-03-05T09:30Z`);
/// Jekyll's `2024-03-05 09:30:00 +0100`; and `2024-03-05 09:30(:00)` (UTC).
pub fn parse_date(s: &str) -> Result<DateTime<FixedOffset>, DateError> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d);
    }
    for fmt in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z", "%Y-%m-%d %H:%M %z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Ok(d);
        }
    }
    let utc = FixedOffset::east_opt(0);
    for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let (Ok(n), Some(utc)) = (NaiveDateTime::parse_from_str(s, fmt), utc) {
            return Ok(utc.from_utc_datetime(&n));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        && let Some(n) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(Utc.from_utc_datetime(&n).fixed_offset());
    }
    Err(explain(s))
}

/// The years a post's dates may have: RSS dates (RFC 2822) have four-digit years,
/// and years outside this range cannot be written in a feed.
pub const YEARS: RangeInclusive<i32> = 0..=9999;

/// `Err` with a plain message when `year` is outside [`YEARS`].
pub fn check_year(year: i32) -> Result<(), String> {
    if YEARS.contains(&year) { Ok(()) } else { Err("the year must be between 0000 and 9999".into()) }
}

/// The parts of a date written almost right.
#[derive(Debug, Default)]
struct Parts {
    date: (i32, u32, u32),
    time: Option<(u32, u32, Option<u32>)>,
    /// Minutes east of UTC.
    offset: Option<i32>,
}

/// Digits at the start of `s`: their value and the rest.
fn number(s: &str, most: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take(most).take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// `+5`, `-04`, `+0530`, `+05:30`, `Z`, `UTC` or `GMT`, in minutes east of UTC.
fn offset(s: &str) -> Option<i32> {
    if ["z", "utc", "gmt"].contains(&s.to_ascii_lowercase().as_str()) {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &s[1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (h, m, rest) = match (digits, rest.get(digits..digits + 1)) {
        (1 | 2, Some(":")) => {
            let (h, r) = number(rest, 2)?;
            let (m, r) = number(&r[1..], 2)?;
            (h, m, r)
        }
        (1 | 2, _) => (number(rest, 2)?.0, 0, &rest[digits..]),
        (3 | 4, _) => (number(&rest[..digits - 2], 2)?.0, number(&rest[digits - 2..], 2)?.0, &rest[digits..]),
        _ => return None,
    };
    (rest.is_empty() && h <= 23 && m <= 59).then(|| sign * (h * 60 + m) as i32)
}

/// Reads `2024/3/5`, `2024-03-05 9:30`, `2016-09-27 14:00:00 -4` and the like.
fn parts(s: &str) -> Option<Parts> {
    let (year, rest) = number(s, 4).filter(|(_, r)| s.len() - r.len() == 4)?;
    let sep = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.'))?;
    let (month, rest) = number(&rest[1..], 2)?;
    let (day, rest) = number(rest.strip_prefix(sep)?, 2)?;
    let mut p = Parts { date: (year as i32, month, day), ..Parts::default() };
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(p);
    }
    let (hour, r) = number(rest, 2)?;
    let (minute, mut r) = number(r.strip_prefix(':')?, 2)?;
    let mut second = None;
    if let Some(after) = r.strip_prefix(':') {
        let (sec, after) = number(after, 2)?;
        second = Some(sec);
        r = after;
    }
    p.time = Some((hour, minute, second));
    let r = r.trim_start();
    if !r.is_empty() {
        p.offset = Some(offset(r)?);
    }
    Some(p)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why the parts are not a date, or the date as it should be written.
fn canonical(p: &Parts) -> Result<String, String> {
    let (y, m, d) = p.date;
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
        let days = (28..=31).rev().find(|&n| NaiveDate::from_ymd_opt(y, m, n).is_some()).unwrap_or(31);
        return Err(format!("{} {y} has {days} days", MONTHS[m as usize - 1]));
    };
    let day = date.format("%Y-%m-%d").to_string();
    let Some((h, min, sec)) = p.time else { return Ok(day) };
    if h > 23 || min > 59 || sec.is_some_and(|s| s > 59) {
        return Err(format!(
            "there is no time {h}:{min:02}{}",
            sec.map_or(String::new(), |s| format!(":{s:02}"))
        ));
    }
    Ok(match (p.offset, sec) {
        (Some(off), sec) => {
            let sign = if off < 0 { '-' } else { '+' };
            let off = off.abs();
            format!("{day}T{h:02}:{min:02}:{:02}{sign}{:02}:{:02}", sec.unwrap_or(0), off / 60, off % 60)
        }
        (None, Some(sec)) => format!("{day} {h:02}:{min:02}:{sec:02}"),
        (None, None) => format!("{day} {h:02}:{min:02}"),
    })
}

/// The error for `s`, which is none of the forms read.
fn explain(s: &str) -> DateError {
    let not = format!("`{s}` is not a date");
    match parts(s).map(|p| canonical(&p)) {
        Some(Ok(right)) => DateError {
            message: format!("{not} in a form byline reads"),
            hint: format!("write it as `{right}`"),
        },
        Some(Err(why)) => DateError { message: format!("{not}: {why}"), hint: FORMS.into() },
        None => DateError { message: not, hint: FORMS.into() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        parse_date(s).map(|d| d.to_rfc3339()).unwrap_or_else(|e| format!("{} / {}", e.message, e.hint))
    }

    #[test]
    fn the_documented_forms_are_read() {
        for (written, want) in [
            ("2024-03-05", "2024-03-05T00:00:00+00:00"),
            ("2024-03-05T09:30:00+01:00", "2024-03-05T09:30:00+01:00"),
            ("2024-03-05T09:30:00Z", "2024-03-05T09:30:00+00:00"),
            ("2024-03-05T09:30+01:00", "2024-03-05T09:30:00+01:00"),
            ("2024-03-05T09:30Z", "2024-03-05T09:30:00+00:00"),
            ("2016-09-27 14:00:00 -0400", "2016-09-27T14:00:00-04:00"),
            ("2016-09-27 14:00:00 +0530", "2016-09-27T14:00:00+05:30"),
            ("2024-03-05 09:30:15", "2024-03-05T09:30:15+00:00"),
            ("2024-03-05 09:30", "2024-03-05T09:30:00+00:00"),
        ] {
            assert_eq!(read(written), want, "{written}");
        }
    }

    #[test]
    fn a_date_written_almost_right_gets_its_exact_form() {
        for (written, want) in [
            ("2016-09-27 14:00:00 -4", "2016-09-27T14:00:00-04:00"),
            ("2016-09-27 14:00:00 +5:30", "2016-09-27T14:00:00+05:30"),
            ("2016-09-27 14:00 UTC", "2016-09-27T14:00:00+00:00"),
            ("2024/03/05", "2024-03-05"),
            ("2024.3.5 9:30", "2024-03-05 09:30"),
        ] {
            let e = parse_date(written).unwrap_err();
            assert_eq!(e.message, format!("`{written}` is not a date in a form byline reads"));
            assert_eq!(e.hint, format!("write it as `{want}`"), "{written}");
        }
    }

    #[test]
    fn impossible_dates_say_what_is_wrong() {
        assert_eq!(
            parse_date("2024-13-45").unwrap_err().message,
            "`2024-13-45` is not a date: there is no month 13"
        );
        assert_eq!(
            parse_date("2024-02-30").unwrap_err().message,
            "`2024-02-30` is not a date: February 2024 has 29 days"
        );
        assert_eq!(
            parse_date("2023-02-29").unwrap_err().message,
            "`2023-02-29` is not a date: February 2023 has 28 days"
        );
        assert_eq!(
            parse_date("2024-01-01 25:00").unwrap_err().message,
            "`2024-01-01 25:00` is not a date: there is no time 25:00"
        );
        let e = parse_date("March 5th").unwrap_err();
        assert_eq!((e.message.as_str(), e.hint.as_str()), ("`March 5th` is not a date", FORMS));
    }
}

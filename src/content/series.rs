//! A post's `series:` and `series_part:`: the name of the series it belongs to and,
//! optionally, its part number. A name that cannot make an address, a part that is
//! not a whole number from 1 up, or a part without a series is an error at its line.

use std::path::Path;

use super::frontmatter::{Fields, Key, Kind};
use crate::address;
use crate::model::InSeries;

/// The front matter key naming the series.
pub(crate) const SERIES: Key = Key {
    name: "series",
    kind: Kind::Text,
    expected: "the name of a series",
    example: "series: Data pipelines in production",
};

/// The front matter key giving the post's part number in its series.
pub(crate) const SERIES_PART: Key = Key {
    name: "series_part",
    kind: Kind::Count,
    expected: "a whole number from 1 up",
    example: "series_part: 2",
};

/// The post's series, if it names one; every problem is added to the fields' errors.
pub(crate) fn read(f: &mut Fields<'_>, path: &Path) -> Option<InSeries> {
    let name = f.text("series");
    let part = f.count("series_part");
    let part = match part {
        Some(n) if n.value == 0 => {
            let d =
                n.span.error(path, "`series_part` must be a whole number from 1 up, like `series_part: 2`");
            f.errors.push(d.with_hint("the first part of a series is `series_part: 1`"));
            None
        }
        Some(n) => match u32::try_from(n.value) {
            Ok(v) => Some((v, n.span)),
            Err(_) => {
                let d = n.span.error(path, format!("`{}` is too large for a part number", n.value));
                f.errors.push(d.with_hint("number the parts of a series 1, 2, 3…"));
                None
            }
        },
        None => None,
    };
    let Some(name) = name else {
        if let Some((_, span)) = part {
            let d = span.error(path, "`series_part` is given, but no `series:`");
            f.errors.push(d.with_hint("name the series too, e.g. `series: Data pipelines in production`"));
        }
        return None;
    };
    let value = name.value.trim().to_string();
    let problem = if value.is_empty() {
        Some("`series` is empty".to_string())
    } else {
        address::tag_problem(&value).map(|m| m.replacen("the tag", "the series", 1))
    };
    if let Some(msg) = problem {
        let hint = "a series is named in words, like `series: Data pipelines in production`";
        f.errors.push(name.span.error(path, msg).with_hint(hint));
        return None;
    }
    let (part, part_span) = match part {
        Some((n, span)) => (Some(n), span),
        None => (None, name.span.clone()),
    };
    Some(InSeries { name: value, span: name.span, part, part_span })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::{read as read_fields, split};

    const KEYS: &[Key] = &[SERIES, SERIES_PART];

    fn series(front: &str) -> (Option<InSeries>, Vec<(usize, String)>) {
        let (path, text) = (Path::new("a.md"), format!("---\n{front}---\n"));
        let s = split(path, &text).unwrap();
        let mut f = read_fields(path, &text, s.yaml, s.yaml_line, KEYS).unwrap();
        let got = read(&mut f, path);
        (got, f.errors.iter().map(|d| (d.line.unwrap_or(0), d.message.clone())).collect())
    }

    #[test]
    fn a_name_and_a_part_are_read_with_their_lines() {
        let (s, errors) = series("series: ' Pipes '\nseries_part: 2\n");
        let s = s.unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((s.name.as_str(), s.part, s.span.line, s.part_span.line), ("Pipes", Some(2), 2, 3));
        assert_eq!(series("series: Pipes\n").0.unwrap().part, None);
    }

    #[test]
    fn wrong_parts_and_names_are_errors_at_their_line() {
        for (front, line, message) in [
            (
                "series: P\nseries_part: 0\n",
                3,
                "`series_part` must be a whole number from 1 up, like `series_part: 2`",
            ),
            (
                "series: P\nseries_part: two\n",
                3,
                "`series_part` must be a whole number from 1 up, like `series_part: 2`",
            ),
            (
                "series: P\nseries_part: 1.5\n",
                3,
                "`series_part` must be a whole number from 1 up, like `series_part: 2`",
            ),
            ("series_part: 1\n", 2, "`series_part` is given, but no `series:`"),
            ("series: '!!!'\n", 2, "the series `!!!` has no letters or digits to make an address from"),
            (
                "series: [a, b]\n",
                2,
                "`series` must be the name of a series, like `series: Data pipelines in production`",
            ),
        ] {
            let (_, errors) = series(front);
            assert_eq!(errors, [(line, message.to_string())], "{front}");
        }
    }
}

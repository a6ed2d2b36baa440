//! Every bad-input case of the test suite as one table: files written into the
//! `basic` fixture and what the build must say about them. `bad_input` and
//! `validation` pin each case's messages; `bad_input` also checks that
//! `byline check` reports exactly what `byline build` does for every case.

mod generated;
mod load;
mod validation;

/// One kind of bad input.
pub struct Case {
    pub name: &'static str,
    /// Arguments for the build that must fail.
    pub args: &'static [&'static str],
    /// Files written into the fixture: path and bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// `(location, message)` pairs the build must report as `error: LOCATION: MESSAGE`.
    pub expected: Vec<(String, String)>,
}

fn case(name: &'static str, files: &[(&'static str, &str)], expected: &[(&str, &str)]) -> Case {
    Case {
        name,
        args: &[],
        files: files.iter().map(|(p, t)| (*p, t.as_bytes().to_vec())).collect(),
        expected: expected.iter().map(|(l, m)| (l.to_string(), m.to_string())).collect(),
    }
}

fn post(front: &str) -> String {
    format!("---\n{front}---\nText.\n")
}

/// Every bad-input case.
pub fn cases() -> Vec<Case> {
    let mut all = load::cases();
    all.extend(generated::cases());
    all.extend(validation::cases());
    all
}

/// The case called `name`.
pub fn named(name: &str) -> Case {
    cases().into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"))
}

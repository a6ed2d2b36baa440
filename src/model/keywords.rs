//! Where a post uses a focus keyword. Text is compared as words: lower-case,
//! letters and digits only (`Data-Observability` is `data observability`), and a
//! word matches its plural (`contract` and `contracts`). A keyword matches where
//! all its words stand in a row.

use super::{FocusKeyword, Post};

/// `text` as the words keywords are matched against.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The same word, or one the other with an English plural ending.
fn same_word(a: &str, b: &str) -> bool {
    let plural = |one: &str, many: &str| {
        many.strip_prefix(one).is_some_and(|end| end == "s" || end == "es")
            || (one.ends_with('y') && many.strip_prefix(&one[..one.len() - 1]) == Some("ies"))
    };
    a == b || plural(a, b) || plural(b, a)
}

/// A focus keyword ready to be looked for: the words of its term and of each
/// other way of writing it.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    phrases: Vec<Vec<String>>,
}

impl Matcher {
    pub(crate) fn new(k: &FocusKeyword) -> Matcher {
        let phrases = std::iter::once(&k.term).chain(&k.also).map(|t| words(t)).filter(|w| !w.is_empty());
        Matcher { phrases: phrases.collect() }
    }

    /// How many times the keyword (any of its ways) stands in `text`, given as [`words`].
    pub(crate) fn count(&self, text: &[String]) -> usize {
        self.phrases
            .iter()
            .map(|p| {
                if p.len() > text.len() {
                    return 0;
                }
                text.windows(p.len()).filter(|w| w.iter().zip(p).all(|(a, b)| same_word(a, b))).count()
            })
            .sum()
    }
}

/// How many times a keyword stands in each part of a post.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Uses {
    pub title: usize,
    pub description: usize,
    /// In tags and `keywords:` (each of which holds it or not).
    pub tags: usize,
    pub headings: usize,
    pub body: usize,
}

impl Uses {
    pub(crate) fn any(&self) -> bool {
        self.title + self.description + self.tags + self.headings + self.body > 0
    }

    /// Used where search results and link previews show it: title, description, tags.
    pub(crate) fn up_front(&self) -> bool {
        self.title + self.description + self.tags > 0
    }
}

/// A post's text as words, by part: title, description, tags and keywords (one
/// entry each); headings and body are filled in by whoever has the post's text.
#[derive(Debug, Clone, Default)]
pub(crate) struct PostWords {
    pub title: Vec<String>,
    pub description: Vec<String>,
    pub tags: Vec<Vec<String>>,
    pub headings: Vec<String>,
    pub body: Vec<String>,
}

impl PostWords {
    /// The front-matter parts of `p` (no headings or body).
    pub(crate) fn of(p: &Post) -> PostWords {
        PostWords {
            title: words(&p.title),
            description: words(p.description.as_deref().unwrap_or("")),
            tags: p.tags.iter().chain(&p.keywords).map(|t| words(t)).collect(),
            ..PostWords::default()
        }
    }

    pub(crate) fn uses(&self, m: &Matcher) -> Uses {
        Uses {
            title: m.count(&self.title),
            description: m.count(&self.description),
            tags: self.tags.iter().filter(|t| m.count(t) > 0).count(),
            headings: m.count(&self.headings),
            body: m.count(&self.body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(term: &str, also: &[&str]) -> Matcher {
        let k = FocusKeyword {
            term: term.into(),
            also: also.iter().map(|a| a.to_string()).collect(),
            span: Default::default(),
        };
        Matcher::new(&k)
    }

    #[test]
    fn keywords_match_as_whole_words_in_a_row_whatever_the_case_and_dashes() {
        let m = matcher("data observability", &["pipeline monitoring"]);
        assert_eq!(m.count(&words("Data-Observability, and data observability!")), 2);
        assert_eq!(m.count(&words("Pipeline monitoring beats bigdata observability")), 1);
        assert_eq!(m.count(&words("data and observability")), 0);
        assert_eq!(m.count(&words("")), 0);
    }

    #[test]
    fn a_word_matches_its_plural_but_not_a_longer_word() {
        let m = matcher("data contract", &[]);
        assert_eq!(m.count(&words("Data contracts, one data contract")), 2);
        assert_eq!(m.count(&words("data contractor")), 0);
        assert_eq!(matcher("policy", &[]).count(&words("Policies and policy")), 2);
    }

    #[test]
    fn letters_of_any_script_are_words() {
        assert_eq!(matcher("наблюдаемость данных", &[]).count(&words("Наблюдаемость данных: как")), 1);
    }
}

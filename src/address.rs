//! The addresses made from what people write: slugs of posts, pages, authors and
//! tags, how long they may be, and which author ids and tag names can have one.
//! Tags that differ only by case, spaces or dashes are one tag; any other
//! difference gives another address (`C++`, `C#` and `C` are three tags).

/// The longest slug, in bytes: a file name may have 255, and an address of
/// more than this helps nobody.
pub(crate) const MAX_SLUG: usize = 120;

/// The slug of a post, page or author: lower-case letters, digits and dashes.
pub(crate) fn slugify(s: &str) -> String {
    slug::slugify(s)
}

/// `slug` cut to at most `max` bytes at a dash (a word boundary) where there is
/// one, without a dash at the end.
pub(crate) fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let mut cut = max;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &slug[..cut];
    let at_word = if slug[cut..].starts_with('-') { Some(cut) } else { head.rfind('-').filter(|&i| i > 0) };
    head[..at_word.unwrap_or(cut)].trim_end_matches('-').to_string()
}

/// Why `slug` cannot be an address because of its length, if it cannot.
pub(crate) fn too_long(slug: &str) -> Option<String> {
    (slug.len() > MAX_SLUG).then(|| format!("the slug has {} characters, the most is {MAX_SLUG}", slug.len()))
}

/// A symbol that tells tags apart, spelled out in their slug.
fn spelled(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "plus",
        '#' => "sharp",
        '.' => "dot",
        '&' => "and",
        '@' => "at",
        '%' => "percent",
        '*' => "star",
        '=' => "equals",
        '$' => "dollar",
        '€' => "euro",
        '£' => "pound",
        _ => return None,
    })
}

/// The slug of a tag name: letters and digits as for posts, and the symbols that
/// tell names apart spelled out: `C++` → `c-plus-plus`, `C#` → `c-sharp`,
/// `.NET` → `dotnet`, `Node.js` → `node-dot-js`.
pub(crate) fn tag_slug(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            let s = slug::slugify(word.as_str());
            words.push(if s.is_empty() { word.to_lowercase() } else { s });
            word.clear();
        }
    };
    let mut chars = name.trim().chars().peekable();
    // `.NET`: a leading dot is part of the word it starts.
    if name.trim().starts_with('.') && chars.clone().nth(1).is_some_and(char::is_alphanumeric) {
        chars.next();
        word.push_str("dot");
    }
    for c in chars {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut words);
        if let Some(w) = spelled(c) {
            words.push(w.to_string());
        }
    }
    flush(&mut word, &mut words);
    words.join("-")
}

/// What makes two tag names the same tag: the words, whatever their case and
/// whatever spaces or dashes stand between them.
pub(crate) fn tag_key(name: &str) -> String {
    let lower = name.to_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a tag name cannot be a tag, if it cannot.
pub(crate) fn tag_problem(name: &str) -> Option<String> {
    if !name.chars().any(char::is_alphanumeric) {
        return Some(format!("the tag `{name}` has no letters or digits to make an address from"));
    }
    let slug = tag_slug(name);
    too_long(&slug)
        .map(|why| format!("the tag `{}…` makes an address that is too long: {why}", shorten_chars(name, 40)))
}

/// The first `n` characters of `s`.
fn shorten_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Why a file name cannot be an author id, if it cannot. An id is what posts
/// write in `authors:`: letters of any case and script, digits, `-`, `_` and `.`.
pub(crate) fn author_id_problem(id: &str) -> Option<String> {
    if !id.chars().any(char::is_alphanumeric) {
        return Some(format!("`{id}` cannot be an author id: it has no letters or digits"));
    }
    if let Some(c) = id.chars().find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
        let what = if c.is_whitespace() { "a space".to_string() } else { format!("`{c}`") };
        return Some(format!("`{id}` cannot be an author id: it has {what} in it"));
    }
    too_long(&slugify(id)).map(|why| {
        format!("`{}…` cannot be an author id: its address is too long ({why})", shorten_chars(id, 40))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_slugs_keep_names_that_differ_by_a_symbol_apart() {
        let slugs: Vec<String> = ["C++", "C#", "C", ".NET", "Node.js", "R&D", "Machine Learning", "Café"]
            .iter()
            .map(|n| tag_slug(n))
            .collect();
        assert_eq!(
            slugs,
            ["c-plus-plus", "c-sharp", "c", "dotnet", "node-dot-js", "r-and-d", "machine-learning", "cafe"]
        );
    }

    #[test]
    fn tags_that_differ_by_case_spaces_or_dashes_are_one() {
        assert_eq!(tag_key("Data Engineering"), tag_key("data-engineering"));
        assert_eq!(tag_key(" data  -  engineering "), "data engineering");
        assert_ne!(tag_key("C++"), tag_key("C#"));
        assert_ne!(tag_key("Node.js"), tag_key("Node js"));
    }

    #[test]
    fn tag_names_without_letters_or_digits_are_refused() {
        for name in ["!!!", "&", "]]>", "++"] {
            assert_eq!(
                tag_problem(name),
                Some(format!("the tag `{name}` has no letters or digits to make an address from"))
            );
        }
        assert_eq!(tag_problem("C++"), None);
    }

    #[test]
    fn long_slugs_are_shortened_at_a_word_boundary() {
        assert_eq!(shorten("backfills-are-a-product", 14), "backfills-are");
        assert_eq!(shorten("backfills-are-a-product", 13), "backfills-are");
        assert_eq!(shorten("backfills-are-a-product", 12), "backfills");
        assert_eq!(shorten(&"x".repeat(200), MAX_SLUG).len(), MAX_SLUG);
        assert!(too_long(&"a".repeat(MAX_SLUG)).is_none());
        assert!(too_long(&"a".repeat(MAX_SLUG + 1)).is_some());
    }

    #[test]
    fn author_ids_are_identifiers_of_any_case_and_script() {
        for id in ["18F", "john_doe", "j.doe", "José", "maya-okafor"] {
            assert_eq!(author_id_problem(id), None, "{id}");
        }
        let slugs: Vec<String> = ["18F", "john_doe", "j.doe", "José"].iter().map(|i| slugify(i)).collect();
        assert_eq!(slugs, ["18f", "john-doe", "j-doe", "jose"]);
        assert_eq!(
            author_id_problem("John Doe").as_deref(),
            Some("`John Doe` cannot be an author id: it has a space in it")
        );
        assert_eq!(
            author_id_problem("---").as_deref(),
            Some("`---` cannot be an author id: it has no letters or digits")
        );
    }
}

//! The share kit's texts: what an expert pastes into LinkedIn, X, Mastodon and
//! Bluesky, composed to fit each network's limit as that network counts it. Pure
//! functions of their arguments: no site, no settings, no I/O.
//!
//! Counting: X weighs each code point (1 in the ranges its `twitter-text` v3
//! configuration lists, 2 elsewhere: CJK, emoji) and counts every web address as
//! 23 (its t.co links); Mastodon counts characters with every address as 23;
//! Bluesky counts graphemes with addresses in full; LinkedIn counts characters.
//! Where a network counts more cleverly (X counts an emoji sequence joined by
//! U+200D as 2, Mastodon a remote mention by its user name only) we count more,
//! never less, so a text we call short enough always is.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::SocialLink;

/// A network the kit writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Network {
    LinkedIn,
    X,
    Mastodon,
    Bluesky,
}

/// The networks, in the order the kit shows them.
pub(crate) const NETWORKS: [Network; 4] =
    [Network::LinkedIn, Network::X, Network::Mastodon, Network::Bluesky];

/// What X and Mastodon count any web address as.
const LINK_LENGTH: usize = 23;

impl Network {
    /// The id in campaign parameters and JSON (`utm_source=x`).
    pub(crate) fn id(self) -> &'static str {
        match self {
            Network::LinkedIn => "linkedin",
            Network::X => "x",
            Network::Mastodon => "mastodon",
            Network::Bluesky => "bluesky",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Network::LinkedIn => "LinkedIn",
            Network::X => "X",
            Network::Mastodon => "Mastodon",
            Network::Bluesky => "Bluesky",
        }
    }

    /// The most a post may be, in the network's own count.
    pub(crate) fn limit(self) -> usize {
        match self {
            Network::LinkedIn => 3000,
            Network::X => 280,
            Network::Mastodon => 500,
            Network::Bluesky => 300,
        }
    }

    /// How the network counts, for people.
    pub(crate) fn counting(self) -> &'static str {
        match self {
            Network::LinkedIn => "characters",
            Network::X => "weighted characters; CJK and emoji count 2, a link 23",
            Network::Mastodon => "characters; a link counts 23",
            Network::Bluesky => "graphemes; the link in full",
        }
    }

    /// The length of `text` as the network counts it.
    pub(crate) fn count(self, text: &str) -> usize {
        match self {
            Network::LinkedIn => text.chars().count(),
            Network::X => count_with_links(text, |s| s.chars().map(x_weight).sum()),
            Network::Mastodon => count_with_links(text, |s| s.chars().count()),
            Network::Bluesky => text.graphemes(true).count(),
        }
    }
}

/// X's weight of one code point: 1 in the ranges of Latin, Greek, Cyrillic and the
/// like and of common punctuation, 2 for everything else.
pub(crate) fn x_weight(c: char) -> usize {
    match u32::from(c) {
        0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// The web addresses in `text`: from `http://` or `https://` (not inside a word) up
/// to the next space, less the punctuation that closes a sentence after it.
fn link_ranges(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = next_scheme(text, from) {
        let end = text[at..].find(char::is_whitespace).map_or(text.len(), |n| at + n);
        let trimmed =
            text[at..end].trim_end_matches(['.', ',', ':', ';', '!', '?', ')', ']', '}', '\'', '"']);
        found.push(at..at + trimmed.len());
        from = end;
    }
    found
}

/// Where the next `http://` or `https://` at a word's start begins, from byte `from`.
fn next_scheme(text: &str, from: usize) -> Option<usize> {
    let lower = text[from..].to_ascii_lowercase();
    let mut start = 0;
    while let Some(i) = lower[start..].find("http") {
        let at = start + i;
        let rest = &lower[at..];
        let word_start = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if word_start && (rest.starts_with("http://") || rest.starts_with("https://")) {
            return Some(from + at);
        }
        start = at + 4;
    }
    None
}

/// `text`'s length with each web address counted as [`LINK_LENGTH`] and the rest
/// by `weigh`.
fn count_with_links(text: &str, weigh: impl Fn(&str) -> usize) -> usize {
    let mut total = 0;
    let mut last = 0;
    for r in link_ranges(text) {
        total += weigh(&text[last..r.start]) + LINK_LENGTH;
        last = r.end;
    }
    total + weigh(&text[last..])
}

/// What one network's post is made of, before it is fitted to the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Draft {
    /// The post's `share_text`, else its description, else its title.
    pub text: String,
    /// The authors as the network mentions them (`@ada`, or a name).
    pub mentions: Vec<String>,
    /// Without the `#`.
    pub hashtags: Vec<String>,
    /// The post's address, never shortened.
    pub url: String,
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The post's blocks, one after the other: text, authors, hashtags, link.
fn layout(text: &str, mentions: &[String], hashtags: &[String], url: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    if !text.is_empty() {
        blocks.push(text.to_string());
    }
    if !mentions.is_empty() {
        blocks.push(format!("By {}", and_list(mentions)));
    }
    if !hashtags.is_empty() {
        blocks.push(hashtags.iter().map(|h| format!("#{h}")).collect::<Vec<_>>().join(" "));
    }
    blocks.push(url.to_string());
    blocks.join("\n\n")
}

/// What a cut text must not end with before its "…": it would open or join
/// something the cut leaves out.
const DANGLING: &str = ",;:-–—(<[{\"'“‘/&、…";

/// The longest start of `text`, cut after a word and ended with "…", that `fits`
/// once laid out by `build`; `text` itself when it fits whole.
fn shorten(text: &str, build: impl Fn(&str) -> String, fits: impl Fn(&str) -> bool) -> Option<String> {
    let whole = build(text);
    if fits(&whole) {
        return Some(whole);
    }
    let mut cuts: Vec<usize> = text.split_word_bound_indices().map(|(i, _)| i).filter(|&i| i > 0).collect();
    cuts.reverse();
    for cut in cuts {
        let start = text[..cut].trim_end_matches(|c: char| c.is_whitespace() || DANGLING.contains(c));
        if start.is_empty() {
            continue;
        }
        let post = build(&format!("{start}…"));
        if fits(&post) {
            return Some(post);
        }
    }
    None
}

/// The post for `network`: the whole draft if it fits; else without hashtags (the
/// last first), then with the text cut at a word, then with fewer authors named.
/// The link is never cut: at worst the post is the link alone (which is over the
/// limit only when the link alone is, on Bluesky).
pub(crate) fn compose(network: Network, d: &Draft) -> String {
    let fits = |s: &str| network.count(s) <= network.limit();
    let text = d.text.trim();
    let mut hashtags = d.hashtags.clone();
    loop {
        let post = layout(text, &d.mentions, &hashtags, &d.url);
        if fits(&post) {
            return post;
        }
        if hashtags.pop().is_none() {
            break;
        }
    }
    let mut mentions = d.mentions.clone();
    loop {
        let build = |t: &str| layout(t, &mentions, &[], &d.url);
        if let Some(post) = shorten(text, build, fits) {
            return post;
        }
        let without_text = layout("", &mentions, &[], &d.url);
        if fits(&without_text) {
            return without_text;
        }
        if mentions.pop().is_none() {
            return layout("", &[], &[], &d.url);
        }
    }
}

/// Hashtags from a post's keywords and tags: letters and digits only, with at least
/// one letter (`#2024` is no hashtag), each once whatever its case, at most five.
pub(crate) fn hashtags(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in words.iter().map(|w| super::share::hashtag(w)) {
        let new = !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase());
        if new && tag.chars().any(char::is_alphabetic) {
            out.push(tag);
        }
    }
    out.truncate(5);
    out
}

/// How `network` mentions an author named `name` with these profiles: X
/// `@handle`, Mastodon `@user@server`, Bluesky `@handle.domain`; the name where the
/// author has no profile there, and always on LinkedIn (which has no text mentions).
pub(crate) fn mention(network: Network, name: &str, social: &[SocialLink]) -> String {
    let on = |ids: &[&str]| social.iter().find(|l| ids.contains(&l.network.as_str()));
    let handle = match network {
        Network::LinkedIn => None,
        Network::X => on(&["x", "twitter"]).and_then(|l| l.handle.clone()),
        Network::Mastodon => {
            on(&["mastodon"]).and_then(|l| l.handle.clone().or_else(|| mastodon_from_url(&l.url)))
        }
        Network::Bluesky => on(&["bluesky"]).and_then(|l| {
            l.handle.clone().or_else(|| {
                l.url.split_once("bsky.app/profile/").map(|(_, h)| h.trim_end_matches('/').into())
            })
        }),
    };
    match handle.filter(|h| !h.is_empty() && !h.contains(char::is_whitespace)) {
        Some(h) => format!("@{}", h.trim_start_matches('@')),
        None => name.to_string(),
    }
}

/// `user@server` from a Mastodon profile address `https://server/@user`.
fn mastodon_from_url(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let user = path.strip_prefix('@')?.trim_end_matches('/');
    (!user.is_empty() && !user.contains('/')).then(|| format!("{user}@{host}"))
}

#[cfg(test)]
mod tests;

//! Share links for a post: plain links to each network's own share page, with no
//! scripts, widgets or trackers of theirs on ours.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// Everything but the characters RFC 3986 leaves unreserved.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, QUERY).to_string()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(super) struct ShareLink {
    pub network: &'static str,
    pub label: &'static str,
    pub url: String,
}

/// A keyword as a hashtag: letters and digits only (`data contracts` → `datacontracts`).
fn hashtag(k: &str) -> String {
    k.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Share links for a page titled `title` at `url`. `via` is the organization's X
/// handle; `keywords` become hashtags on X.
pub(super) fn links(title: &str, url: &str, via: Option<&str>, keywords: &[String]) -> Vec<ShareLink> {
    let text_and_url = enc(&format!("{title} {url}"));
    let mut x = format!("https://x.com/intent/post?text={}&url={}", enc(title), enc(url));
    if let Some(via) = via {
        x.push_str(&format!("&via={}", enc(via)));
    }
    let tags: Vec<String> = keywords.iter().map(|k| hashtag(k)).filter(|t| !t.is_empty()).take(3).collect();
    if !tags.is_empty() {
        x.push_str(&format!("&hashtags={}", enc(&tags.join(","))));
    }
    vec![
        ShareLink { network: "x", label: "X", url: x },
        ShareLink {
            network: "linkedin",
            label: "LinkedIn",
            url: format!("https://www.linkedin.com/sharing/share-offsite/?url={}", enc(url)),
        },
        ShareLink {
            network: "mastodon",
            label: "Mastodon",
            url: format!("https://mastodonshare.com/?text={}&url={}", enc(title), enc(url)),
        },
        ShareLink {
            network: "bluesky",
            label: "Bluesky",
            url: format!("https://bsky.app/intent/compose?text={text_and_url}"),
        },
        ShareLink {
            network: "email",
            label: "Email",
            url: format!("mailto:?subject={}&body={}", enc(title), enc(url)),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_encoded_and_carry_via_and_hashtags() {
        let l = links("A & B?", "https://e.com/p/", Some("acme"), &["data contracts".into(), "Rust".into()]);
        assert_eq!(
            l[0].url,
            "https://x.com/intent/post?text=A%20%26%20B%3F&url=https%3A%2F%2Fe.com%2Fp%2F&via=acme&hashtags=datacontracts%2CRust"
        );
        assert!(l[3].url.starts_with("https://bsky.app/intent/compose?text=A%20%26%20B%3F%20https"));
        assert!(l[4].url.starts_with("mailto:?subject="));
    }
}

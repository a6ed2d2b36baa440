//! Share links for a post: plain links to each network's own share page, with no
//! scripts, widgets or trackers of theirs on ours. With `campaign_links` on, the
//! post's address each link carries is tagged for that network (`utm_source=x`, ...);
//! the page's own canonical address never is.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::campaign::{self, Campaign};

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
pub(crate) fn hashtag(k: &str) -> String {
    k.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `url` as shared on `network`: tagged with the campaign `slug` when there is one.
pub(crate) fn campaign_url(url: &str, network: &str, slug: Option<&str>) -> String {
    match slug {
        Some(slug) => campaign::tag(
            url,
            &Campaign { source: Some(network), medium: "social", campaign: slug, content: None },
        ),
        None => url.to_string(),
    }
}

/// Share links for a page titled `title` at `url`. `via` is the organization's X
/// handle; `keywords` become hashtags on X. `campaign` is the post's slug when its
/// links are to be counted (`campaign_links: true`).
pub(super) fn links(
    title: &str,
    url: &str,
    via: Option<&str>,
    keywords: &[String],
    campaign: Option<&str>,
) -> Vec<ShareLink> {
    let on = |network: &str| enc(&campaign_url(url, network, campaign));
    let text_and_url = format!("{}%20{}", enc(title), on("bluesky"));
    let mut x = format!("https://x.com/intent/post?text={}&url={}", enc(title), on("x"));
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
            url: format!("https://www.linkedin.com/sharing/share-offsite/?url={}", on("linkedin")),
        },
        ShareLink {
            network: "mastodon",
            label: "Mastodon",
            url: format!("https://mastodonshare.com/?text={}&url={}", enc(title), on("mastodon")),
        },
        ShareLink {
            network: "bluesky",
            label: "Bluesky",
            url: format!("https://bsky.app/intent/compose?text={text_and_url}"),
        },
        ShareLink {
            network: "email",
            label: "Email",
            url: format!("mailto:?subject={}&body={}", enc(title), on("email")),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_encoded_and_carry_via_and_hashtags() {
        let l = links(
            "A & B?",
            "https://e.com/p/",
            Some("acme"),
            &["data contracts".into(), "Rust".into()],
            None,
        );
        assert_eq!(
            l[0].url,
            "https://x.com/intent/post?text=A%20%26%20B%3F&url=https%3A%2F%2Fe.com%2Fp%2F&via=acme&hashtags=datacontracts%2CRust"
        );
        assert!(l[3].url.starts_with("https://bsky.app/intent/compose?text=A%20%26%20B%3F%20https"));
        assert!(l[4].url.starts_with("mailto:?subject="));
    }

    /// The tagged address is itself a parameter value: its `?`, `&` and `=` are
    /// escaped, so the network sees one `url` carrying the campaign, not stray
    /// parameters of its own share page.
    #[test]
    fn campaign_addresses_are_encoded_inside_the_share_link() {
        let l = links("T", "https://e.com/p/?ref=1#top", None, &[], Some("a-post"));
        let by = |n: &str| l.iter().find(|s| s.network == n).unwrap().url.clone();
        assert_eq!(
            by("linkedin"),
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fe.com%2Fp%2F%3Fref%3D1%26utm_source%3Dlinkedin%26utm_medium%3Dsocial%26utm_campaign%3Da-post%23top"
        );
        assert!(by("x").contains("&url=https%3A%2F%2Fe.com%2Fp%2F%3Fref%3D1%26utm_source%3Dx%26"));
        assert!(by("mastodon").contains("utm_source%3Dmastodon"));
        assert!(by("bluesky").contains("utm_source%3Dbluesky"));
        assert!(by("email").contains("utm_source%3Demail"));
        let plain = links("T", "https://e.com/p/", None, &[], None);
        assert!(plain.iter().all(|s| !s.url.contains("utm_")));
    }
}

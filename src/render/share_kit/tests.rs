//! The share kit's counting and composing: examples, and a property over any text
//! and any handles.

use proptest::prelude::*;

use super::*;

fn draft(text: &str, mentions: &[&str], hashtags: &[&str]) -> Draft {
    Draft {
        text: text.into(),
        mentions: mentions.iter().map(|m| m.to_string()).collect(),
        hashtags: hashtags.iter().map(|m| m.to_string()).collect(),
        url: "https://blog.example.com/posts/a-post/?utm_source=x&utm_medium=social&utm_campaign=a-post"
            .into(),
    }
}

#[test]
fn x_weighs_cjk_and_emoji_twice_and_links_as_23() {
    assert_eq!(Network::X.count("abc"), 3);
    assert_eq!(Network::X.count("データ"), 6);
    assert_eq!(Network::X.count("ok 🎉"), 5);
    assert_eq!(Network::X.count("“quoted” – ’"), 12);
    assert_eq!(Network::X.count("see https://example.com/a/very/long/path/indeed?x=1 now"), 4 + 23 + 4);
    assert_eq!(Network::X.count("(https://e.co)."), 1 + 23 + 2);
    assert_eq!(Network::X.count("xhttps://e.co"), 13, "not at a word's start: not a link");
}

#[test]
fn mastodon_counts_characters_and_links_as_23() {
    assert_eq!(Network::Mastodon.count("データ https://example.com/a/very/long/path/indeed"), 4 + 23);
}

#[test]
fn bluesky_counts_graphemes_with_the_link_in_full() {
    assert_eq!(Network::Bluesky.count("👩‍👩‍👧 é"), 3);
    assert_eq!(Network::Bluesky.count("https://e.com/p/"), 16);
}

#[test]
fn a_draft_that_fits_is_laid_out_whole() {
    let d = draft("Backfills are a product.", &["@ada", "Bo Chen"], &["data", "rust"]);
    assert_eq!(
        compose(Network::X, &d),
        format!("Backfills are a product.\n\nBy @ada and Bo Chen\n\n#data #rust\n\n{}", d.url)
    );
}

#[test]
fn hashtags_go_first_then_the_text_is_cut_at_a_word() {
    let long = "word ".repeat(60);
    let d = draft(long.trim(), &["@ada"], &["data", "rust"]);
    let post = compose(Network::X, &d);
    assert!(!post.contains('#'), "{post}");
    assert!(post.contains("word…\n\nBy @ada\n\nhttps://"), "{post}");
    assert!(Network::X.count(&post) <= 280);
    // One hashtag less was enough: the other stays.
    let d = draft(&"word ".repeat(49), &[], &["data", "rust"]);
    let post = compose(Network::X, &d);
    assert!(post.contains("#data") && !post.contains("#rust"), "{post}");
}

#[test]
fn cjk_text_without_spaces_is_cut_between_characters() {
    let d = draft(&"データ品質".repeat(40), &[], &[]);
    let post = compose(Network::X, &d);
    assert!(post.starts_with("データ品質データ"), "{post}");
    assert!(post.contains("…\n\nhttps://"), "{post}");
    assert!(Network::X.count(&post) <= 280);
}

#[test]
fn hashtags_have_letters_and_appear_once() {
    let words: Vec<String> = ["Data contracts", "data-contracts", "2024", "C++", "ML", "a", "b", "c"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(hashtags(&words), ["Datacontracts", "C", "ML", "a", "b"]);
}

#[test]
fn authors_are_mentioned_in_each_networks_form() {
    let social: Vec<SocialLink> =
        [("x", "@ada"), ("mastodon", "@ada@hachyderm.io"), ("bluesky", "ada.dev"), ("linkedin", "ada-l")]
            .iter()
            .map(|(n, v)| crate::content::social::resolve(n, v).unwrap())
            .collect();
    assert_eq!(mention(Network::X, "Ada", &social), "@ada");
    assert_eq!(mention(Network::Mastodon, "Ada", &social), "@ada@hachyderm.io");
    assert_eq!(mention(Network::Bluesky, "Ada", &social), "@ada.dev");
    assert_eq!(mention(Network::LinkedIn, "Ada", &social), "Ada");
    assert_eq!(mention(Network::X, "Bo", &[]), "Bo");
    let by_url = [crate::content::social::resolve("mastodon", "https://fosstodon.org/@bo").unwrap()];
    assert_eq!(mention(Network::Mastodon, "Bo", &by_url), "@bo@fosstodon.org");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the text and the handles, every network's post is within its limit
    /// as that network counts it, and ends with the whole link.
    #[test]
    fn every_post_is_within_its_limit_and_carries_the_link(
        text in "(\\PC|\\s){0,400}",
        mentions in proptest::collection::vec("\\PC{0,80}", 0..6),
        hashtags in proptest::collection::vec("[a-z0-9データ🎉]{1,30}", 0..8),
        slug in "[a-z0-9-]{1,120}",
    ) {
        let d = Draft { text, mentions, hashtags, url: format!("https://blog.example.com/posts/{slug}/") };
        for n in NETWORKS {
            let post = compose(n, &d);
            prop_assert!(n.count(&post) <= n.limit(), "{:?}: {} > {}: {post}", n, n.count(&post), n.limit());
            prop_assert!(post.ends_with(&d.url), "{:?}: {post}", n);
        }
    }
}

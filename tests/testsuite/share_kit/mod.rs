//! `byline share`: each network's text within its limit as that network counts it
//! (counted here again, independently), the link always there and tagged for the
//! network when `campaign_links` is on, co-authors in each network's form; and
//! campaign parameters on share and feed links but never on canonical addresses.

mod campaign;

use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;

use crate::common::{TestSite, byline, stderr};

const SITE: &str = "https://share.example.com/blog/";

fn share(site: &TestSite, args: &[&str]) -> std::process::Output {
    byline().arg("share").args(args).arg(site.root()).output().unwrap()
}

fn kit(site: &TestSite, post: &str) -> Value {
    let out = share(site, &[post, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn network<'a>(kit: &'a Value, id: &str) -> &'a Value {
    kit["networks"].as_array().unwrap().iter().find(|n| n["network"] == id).unwrap()
}

/// The text's words and the spaces after each; a word starting with a web address
/// is the address (the fixture's texts have no address inside a word).
fn tokens(text: &str) -> impl Iterator<Item = (bool, &str)> {
    text.split_inclusive(char::is_whitespace)
        .map(|t| (t.starts_with("http://") || t.starts_with("https://"), t))
}

/// X: every address 23; code points in X's light ranges 1, every other 2.
fn x_length(text: &str) -> usize {
    let light =
        |c: char| matches!(c as u32, 0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037);
    let weigh = |s: &str| s.chars().map(|c| if light(c) { 1 } else { 2 }).sum::<usize>();
    tokens(text).map(|(link, t)| if link { 23 + weigh(&t[t.trim_end().len()..]) } else { weigh(t) }).sum()
}

/// Mastodon: characters, every address 23.
fn mastodon_length(text: &str) -> usize {
    tokens(text)
        .map(|(link, t)| if link { 23 + t.len() - t.trim_end().len() } else { t.chars().count() })
        .sum()
}

fn independent_length(network: &str, text: &str) -> usize {
    match network {
        "x" => x_length(text),
        "mastodon" => mastodon_length(text),
        "bluesky" => text.graphemes(true).count(),
        "linkedin" => text.chars().count(),
        other => panic!("unknown network {other}"),
    }
}

const POSTS: [&str; 4] = ["long-description", "cjk-emoji", "short", "draft-note"];

#[test]
fn every_text_is_within_its_networks_limit_and_carries_the_tagged_link() {
    let site = TestSite::new("share-kit");
    for slug in POSTS {
        let kit = kit(&site, slug);
        assert_eq!(kit["url"], format!("{SITE}posts/{slug}/"));
        let networks: Vec<&str> =
            kit["networks"].as_array().unwrap().iter().map(|n| n["network"].as_str().unwrap()).collect();
        assert_eq!(networks, ["linkedin", "x", "mastodon", "bluesky"]);
        for n in kit["networks"].as_array().unwrap() {
            let (id, text) = (n["network"].as_str().unwrap(), n["text"].as_str().unwrap());
            let length = independent_length(id, text);
            let limit = n["limit"].as_u64().unwrap() as usize;
            assert_eq!(
                limit,
                [("linkedin", 3000), ("x", 280), ("mastodon", 500), ("bluesky", 300)]
                    .iter()
                    .find(|l| l.0 == id)
                    .unwrap()
                    .1
            );
            assert!(length <= limit, "{slug} on {id}: {length} > {limit}:\n{text}");
            assert_eq!(
                n["length"].as_u64(),
                Some(length as u64),
                "{slug} on {id}: the length as the network counts it"
            );
            let url = n["url"].as_str().unwrap();
            assert_eq!(
                url,
                format!("{SITE}posts/{slug}/?utm_source={id}&utm_medium=social&utm_campaign={slug}"),
                "{slug} on {id}"
            );
            assert!(text.ends_with(url), "{slug} on {id}: the whole link ends the text:\n{text}");
        }
    }
}

#[test]
fn a_long_description_is_cut_at_a_word_after_the_hashtags_go() {
    let site = TestSite::new("share-kit");
    let kit = kit(&site, "long-description");
    let linkedin = network(&kit, "linkedin")["text"].as_str().unwrap();
    assert!(
        linkedin.starts_with("Most teams treat a backfill as an emergency"),
        "the description: {linkedin}"
    );
    assert!(linkedin.contains("on a Friday."), "LinkedIn has room for all of it");
    assert!(
        linkedin.contains("#backfill #datapipelines #idempotency #Dataengineering #Reliability"),
        "{linkedin}"
    );
    assert!(!linkedin.contains("#2026"), "a number is no hashtag");
    let x = network(&kit, "x")["text"].as_str().unwrap();
    assert!(!x.contains('#'), "hashtags go before the text is cut: {x}");
    let cut = x.split("\n\n").next().unwrap();
    assert!(cut.ends_with('…') && !cut.ends_with(" …"), "{cut}");
    let words = cut.trim_end_matches('…');
    let description_words: Vec<&str> = linkedin.split_whitespace().collect();
    assert_eq!(
        words.split_whitespace().collect::<Vec<_>>(),
        description_words[..words.split_whitespace().count()],
        "cut after a whole word"
    );
}

#[test]
fn co_authors_are_named_in_each_networks_form() {
    let site = TestSite::new("share-kit");
    let kit = kit(&site, "long-description");
    let by = |id: &str| {
        let text = network(&kit, id)["text"].as_str().unwrap().to_string();
        text.lines().find(|l| l.starts_with("By ")).unwrap_or_else(|| panic!("{id}: {text}")).to_string()
    };
    assert_eq!(by("x"), "By @ada_l, @bochen and Cy Ng");
    assert_eq!(by("mastodon"), "By @ada@hachyderm.io, @bo@fosstodon.org and Cy Ng");
    assert_eq!(by("bluesky"), "By @ada.dev, @bochen.bsky.social and Cy Ng");
    assert_eq!(by("linkedin"), "By Ada Lovelace, Bo Chen and Cy Ng", "LinkedIn has no text mentions");
}

#[test]
fn share_text_wins_over_the_description_and_the_title_comes_last() {
    let site = TestSite::new("share-kit");
    let cjk = kit(&site, "cjk-emoji");
    let mastodon = network(&cjk, "mastodon")["text"].as_str().unwrap();
    assert!(mastodon.starts_with("データ品質は製品です。🎉🚀"), "{mastodon}");
    assert!(mastodon.contains("<script>alert(1)</script> & more"), "JSON carries the text as written");
    assert!(mastodon.contains("#データ品質 #observability"), "{mastodon}");
    let x = network(&cjk, "x")["text"].as_str().unwrap();
    assert!(x.starts_with("データ品質は製品です。") && x.contains('…'), "CJK is cut between characters: {x}");
    let short = kit(&site, "short");
    assert!(network(&short, "x")["text"].as_str().unwrap().starts_with("A short one\n\nBy Cy Ng\n\n"));
    assert_eq!(kit(&site, "draft-note")["draft"], true, "a draft has its kit too");
}

#[test]
fn the_human_kit_shows_each_text_with_its_length() {
    let site = TestSite::new("share-kit");
    let out = share(&site, &["long-description"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&format!("Share kit for \"Why backfills deserve an interface of their own\" ({SITE}posts/long-description/)\n")), "{text}");
    let json = kit(&site, "long-description");
    for n in json["networks"].as_array().unwrap() {
        let heading = format!("── {} · {}/{} (", n["label"].as_str().unwrap(), n["length"], n["limit"]);
        assert!(text.contains(&heading), "{heading} in:\n{text}");
        assert!(text.contains(n["text"].as_str().unwrap()), "the {} text, as in JSON", n["label"]);
    }
}

#[test]
fn a_post_may_be_named_by_its_file() {
    let site = TestSite::new("share-kit");
    let file = site.root().join("content/posts/short.md");
    let out = share(&site, &[file.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let by_file: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(by_file["slug"], "short");
    let relative = share(&site, &["content/posts/short.md", "--format", "json"]);
    assert!(relative.status.success(), "a path inside the site folder: {}", stderr(&relative));
}

#[test]
fn an_unknown_post_is_an_error_with_a_suggestion() {
    let site = TestSite::new("share-kit");
    let out = share(&site, &["long-descriptoin"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("there is no post `long-descriptoin` in this site"), "{err}");
    assert!(err.contains("did you mean `long-description`?"), "{err}");
    let far = stderr(&share(&site, &["zzz"]));
    assert!(far.contains("give the post's slug"), "{far}");
}

#[test]
fn links_carry_no_campaign_parameters_when_campaign_links_is_off() {
    let site = TestSite::new("share-kit");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replace("campaign_links: true", "campaign_links: false"));
    let kit = kit(&site, "long-description");
    for n in kit["networks"].as_array().unwrap() {
        assert_eq!(n["url"], format!("{SITE}posts/long-description/"));
        assert!(!n["text"].as_str().unwrap().contains("utm_"), "{}", n["text"]);
    }
}

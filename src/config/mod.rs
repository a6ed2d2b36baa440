//! `site.yaml`: its fields as written (each checked on its own, see
//! `content::frontmatter`) and the resolved `Config` the rest of the program sees
//! (defaults filled in, URLs normalised, social profiles resolved).

use std::path::Path;

use crate::content::aliases;
use crate::content::frontmatter::{Fields, Key, Kind, read};
use crate::model::{FocusKeyword, Redirect};

mod keywords;
mod organization;

use crate::support::diagnostic::Diagnostic;
use keywords::FOCUS_KEYWORD;
pub(crate) use organization::{CardColours, Organization};
pub use organization::{ORGANIZATION, SOCIAL_CARD};
use organization::{card_colours, organization};

pub(crate) mod cta;
pub(crate) mod stages;

pub(super) const fn key(
    name: &'static str,
    kind: Kind,
    expected: &'static str,
    example: &'static str,
) -> Key {
    Key { name, kind, expected, example }
}

/// Every setting of site.yaml, and how each is written.
pub const FIELDS: &[Key] = &[
    key("title", Kind::Text, "text", "title: Acme Field Notes"),
    key("base_url", Kind::Text, "an address", "base_url: https://example.com/blog/"),
    key("description", Kind::Text, "text", "description: What our engineers learn in the field."),
    key("language", Kind::Text, "a language code", "language: en"),
    key("posts_per_page", Kind::Count, "a whole number", "posts_per_page: 10"),
    key("feed_items", Kind::Count, "a whole number", "feed_items: 20"),
    key(
        "organization",
        Kind::Group(ORGANIZATION),
        "`name:`, `logo:`, `url:` and `social:` lines",
        "organization: {name: Acme, logo: /images/logo.svg}",
    ),
    key("highlight_theme", Kind::Text, "the name of a theme", "highlight_theme: InspiredGitHub"),
    key("theme", Kind::Text, "the name of a theme", "theme: default"),
    key("social_cards", Kind::Flag, "`true` or `false`", "social_cards: false"),
    key(
        "social_card",
        Kind::Group(SOCIAL_CARD),
        "`background:` and `accent:` lines",
        "social_card: {background: \"#ffffff\", accent: \"#0b5cad\"}",
    ),
    key("search", Kind::Flag, "`true` or `false`", "search: false"),
    key("campaign_links", Kind::Flag, "`true` or `false`", "campaign_links: true"),
    key("campaign_feed_links", Kind::Flag, "`true` or `false`", "campaign_feed_links: true"),
    key("stages", Kind::List, "a list of buying stages", "stages: [awareness, consideration, decision]"),
    key(
        "calls_to_action",
        Kind::Named(cta::BLOCK),
        "named blocks, each with `heading:`, `text:`, `button:` and `url:` lines",
        "calls_to_action: {webinar: {heading: Join us live, button: Register, url: https://acme.example/live}}",
    ),
    key(
        "cta_defaults",
        Kind::Group(cta::DEFAULTS),
        "`site:`, `stages:` and `tags:` lines",
        "cta_defaults: {site: newsletter, stages: {decision: webinar}}",
    ),
    key("cta_mid_after_words", Kind::Count, "a whole number of words", "cta_mid_after_words: 1200"),
    key(
        "focus_keywords",
        Kind::Items(FOCUS_KEYWORD),
        "a list of terms, each text or `{term: ..., also: [...]}`",
        "focus_keywords: [data observability, {term: data contracts, also: [schema contracts]}]",
    ),
    key(
        "redirects",
        Kind::Pairs,
        "`old address: new address` lines",
        "redirects: {/category/news/: /tags/news/}",
    ),
];

/// The validated site configuration.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`; may carry a path (`https://example.com/blog/`).
    pub base_url: String,
    pub description: String,
    pub language: String,
    pub posts_per_page: usize,
    pub feed_items: usize,
    pub organization: Organization,
    /// syntect theme name; `None` turns highlighting off (`highlight_theme: none`).
    pub highlight_theme: Option<String>,
    pub theme: String,
    /// Whether a share image is drawn for every post, author and the blog.
    pub social_cards: bool,
    pub social_card: CardColours,
    /// Whether the site has full-text search (`search: false` turns it off).
    pub search: bool,
    /// Whether share and call-to-action links carry UTM parameters
    /// (`campaign_links: true`), see `render::campaign`.
    pub campaign_links: bool,
    /// Whether feed items' links carry them too (`campaign_feed_links: true`).
    pub campaign_feed_links: bool,
    /// The buying stages a post's `stage:` is one of, in the site's order.
    pub stages: Vec<String>,
    /// The calls to action and when each is shown.
    pub calls_to_action: cta::Ctas,
}

pub(crate) const DEFAULT_HIGHLIGHT_THEME: &str = "InspiredGitHub";

impl Config {
    /// The settings the other files are read with when site.yaml has errors, so
    /// that their problems are reported in the same run (nothing is built).
    pub fn stand_in() -> Config {
        Config {
            title: String::new(),
            base_url: "https://example.invalid/".into(),
            description: String::new(),
            language: "en".into(),
            posts_per_page: 10,
            feed_items: 20,
            organization: Organization { name: String::new(), logo: None, url: None, social: Vec::new() },
            highlight_theme: None,
            theme: "default".into(),
            social_cards: true,
            social_card: CardColours::default(),
            search: true,
            campaign_links: false,
            campaign_feed_links: false,
            stages: stages::DEFAULT.iter().map(|s| s.to_string()).collect(),
            calls_to_action: cta::Ctas::default(),
        }
    }

    /// The path part of `base_url`, starting and ending with `/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[after_scheme + i..],
            None => "/",
        }
    }

    /// The absolute URL of a site path such as `posts/a/` or `/posts/a/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The absolute URL of the organization's logo, if it has one.
    pub fn logo_url(&self) -> Option<String> {
        self.organization.logo.as_deref().map(|l| if l.contains("://") { l.to_string() } else { self.url(l) })
    }

    /// Replaces `base_url` (the `--base-url` flag; serve's local address).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = normalise_base_url(url)?;
        Ok(())
    }
}

fn normalise_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 9 {
        return Err(format!(
            "`{url}` is not an absolute address: write it like https://example.com/ or https://example.com/blog/"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// A count of at least 1, or an error at its value.
fn count(f: &mut Fields<'_>, path: &Path, key: &str, default: usize) -> usize {
    match f.count(key) {
        Some(n) if n.value == 0 => {
            f.errors.push(n.span.error(path, format!("`{key}` must be at least 1")));
            default
        }
        Some(n) => usize::try_from(n.value).unwrap_or(usize::MAX),
        None => default,
    }
}

/// The settings of site.yaml kept out of [`Config`], which every output file's
/// fingerprint covers: a new redirect changes no other file, and focus keywords
/// change none.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extras {
    /// `redirects:`.
    pub redirects: Vec<Redirect>,
    /// `focus_keywords:`.
    pub focus_keywords: Vec<FocusKeyword>,
}

/// Parses `site.yaml` text. `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    parse_with_extras(path, text).map(|(config, _)| config)
}

/// [`parse`], and the settings kept out of [`Config`].
pub(crate) fn parse_with_extras(path: &Path, text: &str) -> Result<(Config, Extras), Vec<Diagnostic>> {
    let mut f = read(path, text, text, 1, FIELDS)?;
    let redirects = aliases::redirects(&mut f, path);
    let focus_keywords = keywords::read(&mut f, path);
    let title = f.text("title").map(|t| t.value);
    if !f.has("title") {
        let d = Diagnostic::error(path, "`title` is missing").at(text, 1, 1);
        f.errors.push(d.with_hint("add a line such as `title: Acme Field Notes`"));
    }
    let base_url = match f.text("base_url") {
        Some(u) => normalise_base_url(&u.value)
            .map_err(|msg| f.errors.push(u.span.error(path, msg)))
            .unwrap_or_default(),
        None => {
            let d = Diagnostic::error(path, "`base_url` is missing").at(text, 1, 1);
            f.errors.push(d.with_hint(
                "add the address the blog is published at, e.g. `base_url: https://example.com/blog/`",
            ));
            String::new()
        }
    };
    let title = title.unwrap_or_default();
    let organization = organization(&mut f, path, &title);
    let highlight_theme = match f.text("highlight_theme").map(|t| t.value).as_deref() {
        Some("none") | Some("off") | Some("false") => None,
        Some(t) => Some(t.to_string()),
        None => Some(DEFAULT_HIGHLIGHT_THEME.to_string()),
    };
    let posts_per_page = count(&mut f, path, "posts_per_page", 10);
    let feed_items = count(&mut f, path, "feed_items", 20);
    let (description, language, theme) = (f.text("description"), f.text("language"), f.text("theme"));
    let social_cards = f.flag("social_cards").unwrap_or(true);
    let social_card = card_colours(&mut f, path);
    let search = f.flag("search").unwrap_or(true);
    let campaign_links = f.flag("campaign_links").unwrap_or(false);
    let campaign_feed_links = f.flag("campaign_feed_links").unwrap_or(false);
    let stages = stages::read(&mut f, path);
    let calls_to_action = cta::read(&mut f, path, &stages);
    if !f.errors.is_empty() {
        return Err(f.errors);
    }
    let config = Config {
        organization,
        title,
        base_url,
        description: description.map(|d| d.value).unwrap_or_default(),
        language: language.map_or_else(|| "en".into(), |l| l.value),
        posts_per_page,
        feed_items,
        highlight_theme,
        theme: theme.map_or_else(|| "default".into(), |t| t.value),
        social_cards,
        social_card,
        search,
        campaign_links,
        campaign_feed_links,
        stages,
        calls_to_action,
    };
    Ok((config, Extras { redirects, focus_keywords }))
}

/// The line of `key` in site.yaml, for errors found after parsing (unknown theme).
pub(crate) fn key_line(text: &str, key: &str) -> usize {
    crate::support::yaml::key_line(text, key).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(Path::new("site.yaml"), text).unwrap()
    }

    #[test]
    fn defaults_fill_the_optional_keys() {
        let c = parse_ok("title: T\nbase_url: https://example.com/blog\n");
        assert_eq!(c.base_url, "https://example.com/blog/");
        assert_eq!(c.base_path(), "/blog/");
        assert_eq!(c.language, "en");
        assert_eq!(c.posts_per_page, 10);
        assert_eq!(c.feed_items, 20);
        assert_eq!(c.organization.name, "T");
        assert_eq!(c.url("/posts/a/"), "https://example.com/blog/posts/a/");
    }

    #[test]
    fn unknown_keys_name_the_valid_ones() {
        let errs =
            parse(Path::new("site.yaml"), "title: T\nbase_url: https://e.com/\ntitel: x\n").unwrap_err();
        assert_eq!(errs[0].line, Some(3));
        assert!(errs[0].hint.as_deref().unwrap().contains("`posts_per_page`"));
    }

    #[test]
    fn a_site_yaml_saved_with_a_byte_order_mark_loads() {
        let c = parse_ok("\u{feff}title: T\nbase_url: https://example.com/\nposts_per_page: 3\n");
        assert_eq!((c.title.as_str(), c.posts_per_page), ("T", 3));
    }

    #[test]
    fn a_relative_base_url_is_refused() {
        let errs = parse(Path::new("site.yaml"), "title: T\nbase_url: /blog/\n").unwrap_err();
        assert_eq!(errs[0].line, Some(2));
    }
}

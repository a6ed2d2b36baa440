//! `site.yaml`: the raw form serde reads and the resolved `Config` the rest of the
//! program sees (defaults filled in, URLs normalised, social profiles resolved).

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::content::frontmatter::{Text, parse_fields};
use crate::content::social::{self, SocialLink};
use crate::diagnostic::Diagnostic;

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "posts_per_page",
    "feed_items",
    "organization",
    "highlight_theme",
    "theme",
];

#[derive(Debug, Deserialize)]
struct RawConfig {
    title: Option<Text>,
    base_url: Option<String>,
    description: Option<Text>,
    language: Option<String>,
    posts_per_page: Option<usize>,
    feed_items: Option<usize>,
    organization: Option<RawOrganization>,
    highlight_theme: Option<String>,
    theme: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "`name:`, `logo:`, `url:` and `social:` lines")]
struct RawOrganization {
    name: Option<Text>,
    logo: Option<String>,
    url: Option<String>,
    #[serde(default)]
    social: IndexMap<String, String>,
}

/// The company behind the blog: publisher in JSON-LD, footer links.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Organization {
    pub name: String,
    /// Site path or absolute URL, as written.
    pub logo: Option<String>,
    pub url: Option<String>,
    pub social: Vec<SocialLink>,
}

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
}

pub const DEFAULT_HIGHLIGHT_THEME: &str = "InspiredGitHub";

impl Config {
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

/// Parses `site.yaml` text. `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let fields = parse_fields::<RawConfig>(path, text, text, 1, KEYS)?;
    let line = |k: &str| fields.line_of(k);
    let raw = &fields.raw;
    let mut errors = Vec::new();
    let mut need = |key: &str, hint: &str| {
        errors.push(
            Diagnostic::error(path, format!("`{key}` is missing")).at(text, 1, 1).with_hint(hint.to_string()),
        );
    };
    let title = raw.title.clone().map(Text::into_string);
    if title.is_none() {
        need("title", "add a line such as `title: Acme Field Notes`");
    }
    if raw.base_url.is_none() {
        need(
            "base_url",
            "add the address the blog is published at, e.g. `base_url: https://example.com/blog/`",
        );
    }
    let base_url = match raw.base_url.as_deref().map(normalise_base_url) {
        Some(Ok(u)) => u,
        Some(Err(msg)) => {
            errors.push(Diagnostic::error(path, msg).at(text, line("base_url"), 1));
            String::new()
        }
        None => String::new(),
    };
    let title = title.unwrap_or_default();
    let org = raw.organization.as_ref();
    let mut org_social = Vec::new();
    for (network, value) in org.map(|o| &o.social).into_iter().flatten() {
        match social::resolve(network, value) {
            Ok(link) => org_social.push(link),
            Err(msg) => {
                let at = crate::content::frontmatter::find_line(text, line("organization"), value)
                    .unwrap_or((line("organization"), 1));
                errors.push(Diagnostic::error(path, msg).at(text, at.0, at.1));
            }
        }
    }
    let highlight_theme = match raw.highlight_theme.as_deref() {
        Some("none") | Some("off") | Some("false") => None,
        Some(t) => Some(t.to_string()),
        None => Some(DEFAULT_HIGHLIGHT_THEME.to_string()),
    };
    for (key, value) in [("posts_per_page", raw.posts_per_page), ("feed_items", raw.feed_items)] {
        if value == Some(0) {
            errors.push(Diagnostic::error(path, format!("`{key}` must be at least 1")).at(
                text,
                line(key),
                1,
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        organization: Organization {
            name: org.and_then(|o| o.name.clone()).map(Text::into_string).unwrap_or_else(|| title.clone()),
            logo: org.and_then(|o| o.logo.clone()),
            url: org.and_then(|o| o.url.clone()),
            social: org_social,
        },
        title,
        base_url,
        description: raw.description.clone().map(Text::into_string).unwrap_or_default(),
        language: raw.language.clone().unwrap_or_else(|| "en".into()),
        posts_per_page: raw.posts_per_page.unwrap_or(10),
        feed_items: raw.feed_items.unwrap_or(20),
        highlight_theme,
        theme: raw.theme.clone().unwrap_or_else(|| "default".into()),
    })
}

/// The line of `key` in site.yaml, for errors found after parsing (unknown theme).
pub fn key_line(text: &str, key: &str) -> usize {
    crate::yaml::key_line(text, key).unwrap_or(1)
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

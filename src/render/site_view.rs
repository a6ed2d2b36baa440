//! The `site` variable every template sees: settings, navigation, the addresses of
//! the stylesheets and feeds. Made once per build from the configuration and the
//! pages; part of every file's fingerprint.

use serde::Serialize;

use crate::model::{Site, SocialLink};

/// The generated highlighting stylesheet.
pub(crate) const STYLESHEET: &str = "css/syntax.css";

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavItem {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OrganizationView {
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<String>,
    pub social: Vec<SocialLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Favicon {
    pub svg: String,
    pub png: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteFeeds {
    pub rss: String,
    pub atom: String,
    pub json: String,
    pub opml: String,
}

/// Where the search page, the index and the search script are.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchView {
    pub url: String,
    pub bundle: String,
    pub script: String,
}

/// The `site` template variable.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub organization: OrganizationView,
    /// Posts, every page, Authors, Topics, Archive.
    pub nav: Vec<NavItem>,
    pub highlight_css: Option<String>,
    pub stylesheet: String,
    /// The theme's, unless the site's static/ has files of the same names.
    pub favicon: Favicon,
    pub feeds: SiteFeeds,
    pub year: i32,
    pub generator: String,
    /// Whether pages have share images of their own (`social_cards`).
    pub social_cards: bool,
    /// Whether share links carry campaign (UTM) parameters (`campaign_links`).
    pub campaign_links: bool,
    /// Whether feed items' links carry them too (`campaign_feed_links`, with
    /// `campaign_links` on).
    pub campaign_feed_links: bool,
    /// Unless `search: false`.
    pub search: Option<SearchView>,
}

impl SiteView {
    /// The absolute URL of a site path such as `posts/a/`.
    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The absolute URL of the organization's logo, if it has one.
    pub(super) fn logo_url(&self) -> Option<String> {
        self.organization.logo.clone()
    }

    /// The organization's address: its own, else the blog's.
    pub(super) fn organization_url(&self) -> String {
        self.organization.url.clone().unwrap_or_else(|| self.base_url.clone())
    }

    pub(super) fn new(site: &Site) -> Self {
        let c = &site.config;
        let item = |title: &str, path: &str| NavItem { title: title.into(), url: c.url(path) };
        let mut nav = vec![item("Posts", "")];
        nav.extend(site.pages.iter().map(|p| item(&p.title, &p.path())));
        nav.extend([item("Authors", "authors/"), item("Topics", "tags/"), item("Archive", "archive/")]);
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.clone(),
            language: c.language.clone(),
            organization: OrganizationView {
                name: c.organization.name.clone(),
                url: c.organization.url.clone(),
                logo: c.logo_url(),
                social: c.organization.social.clone(),
            },
            nav,
            highlight_css: c.highlight_theme.as_ref().map(|_| c.url(STYLESHEET)),
            stylesheet: c.url("css/style.css"),
            favicon: Favicon { svg: c.url("favicon.svg"), png: c.url("favicon.png") },
            feeds: SiteFeeds {
                rss: c.url("rss.xml"),
                atom: c.url("atom.xml"),
                json: c.url("feed.json"),
                opml: c.url("authors.opml"),
            },
            year: chrono::Datelike::year(&site.now),
            generator: format!("byline {}", env!("CARGO_PKG_VERSION")),
            social_cards: c.social_cards,
            campaign_links: c.campaign_links,
            campaign_feed_links: c.campaign_links && c.campaign_feed_links,
            search: c.search.then(|| SearchView {
                url: c.url("search/"),
                bundle: c.url("pagefind/"),
                script: c.url("js/search.js"),
            }),
        }
    }
}

//! RSS for the site, each author and each tag, and Atom for the site (each
//! series' feeds are in `series.rs`, made by the same `render`). Every entry
//! carries every author, the full content with absolute links, and a stable id;
//! entries are rendered from their own partials (`partials/rss_item.xml`,
//! `partials/atom_entry.xml`). With `campaign_feed_links` (and `campaign_links`) on,
//! an entry's link carries `utm_source=rss|atom`, `utm_medium=feed` and the post's
//! slug; its id stays the post's own address, so readers see no new entries.

use serde::Serialize;

use crate::model::Post;
use crate::render::campaign::{self, Campaign};
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::record::{Listed, Whole};
use crate::render::views::{AuthorRef, DateView, TagRef};
use crate::support::diagnostic::Diagnostic;

/// The channel of one feed.
#[derive(Serialize)]
pub(crate) struct Channel {
    pub(super) title: String,
    pub(super) description: String,
    /// The HTML page the feed mirrors.
    pub(super) url: String,
    pub(super) self_url: String,
}

/// One post of a feed.
#[derive(Serialize, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub post: Whole<'a, Post>,
    pub card: Listed<'a>,
}

#[derive(Serialize)]
pub(crate) struct FeedRecord<'a> {
    pub(super) atom: bool,
    pub(super) channel: Channel,
    pub(super) entries: Vec<Entry<'a>>,
}

/// The `item` variable of an entry's partial.
#[derive(Serialize)]
struct ItemView<'a> {
    title: &'a str,
    /// The link readers follow (tagged when feed links are counted).
    url: String,
    /// The entry's permanent id: always the post's own address.
    id: &'a str,
    date: &'a DateView,
    updated: DateView,
    authors: &'a [AuthorRef],
    tags: &'a [TagRef],
    summary: String,
    content_html: &'a str,
    image: &'a Option<String>,
}

#[derive(Serialize)]
struct ItemVars<'a> {
    item: ItemView<'a>,
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    description: &'a str,
    url: &'a str,
    self_url: &'a str,
    id: &'a str,
    updated: Option<DateView>,
}

#[derive(Serialize)]
struct FeedVars<'a> {
    feed: FeedView<'a>,
    items: Vec<String>,
}

/// The summary a feed or card gives of a post: its description, else the start of its text.
pub(crate) fn summary(p: &Post) -> String {
    p.description.clone().unwrap_or_else(|| p.body.summary_text.clone())
}

/// The newest `feed_items` of posts `ids`.
pub(crate) fn entries<'r>(r: &'r Reads<'r>, ids: impl Iterator<Item = usize>) -> Vec<Entry<'r>> {
    (ids.take(r.config().feed_items))
        .map(|i| Entry { post: Whole(&r.site.posts[i]), card: r.shared.listed(i) })
        .collect()
}

/// The address a feed entry links to: the post's, tagged for `source` (`rss`,
/// `atom`, `json`) when feed links are counted.
pub(crate) fn entry_link(env: &Env, e: &Entry, source: &str) -> String {
    let url = &e.card.card.url;
    if !env.site.campaign_feed_links {
        return url.clone();
    }
    let slug = &e.post.0.slug;
    campaign::tag(url, &Campaign { source: Some(source), medium: "feed", campaign: slug, content: None })
}

fn item<'a>(env: &Env, e: &Entry<'a>, source: &str) -> ItemVars<'a> {
    let (p, card) = (e.post.0, e.card.card);
    ItemVars {
        item: ItemView {
            title: &p.title,
            url: entry_link(env, e, source),
            id: &card.url,
            date: &card.date,
            updated: DateView::from(p.modified()),
            authors: &card.authors,
            tags: &card.tags,
            summary: summary(p),
            content_html: &p.body.html,
            image: &p.image,
        },
    }
}

/// A feed from its record: RSS, or Atom when the record says so.
pub(super) fn render(env: &Env, rec: &FeedRecord) -> Result<Content, Diagnostic> {
    let (template, partial, source) = if rec.atom {
        ("atom.xml", "partials/atom_entry.xml", "atom")
    } else {
        ("rss.xml", "partials/rss_item.xml", "rss")
    };
    let items = (rec.entries.iter())
        .map(|e| env.templates.render(partial, &item(env, e, source)))
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let updated = rec.entries.iter().map(|e| e.post.modified()).max().map(DateView::from);
    let ch = &rec.channel;
    let feed = FeedView {
        title: &ch.title,
        description: &ch.description,
        url: &ch.url,
        self_url: &ch.self_url,
        id: &ch.self_url,
        updated,
    };
    env.page(template, &FeedVars { feed, items })
}

/// The site's feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteFeed {
    Rss,
    Atom,
}

/// `rss.xml` and `atom.xml`: the newest posts of the whole blog.
pub(crate) struct SiteFeeds;

impl Output for SiteFeeds {
    type Job = SiteFeed;
    type Record<'r> = FeedRecord<'r>;
    const NAME: &'static str = "site feed";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<SiteFeed> {
        vec![SiteFeed::Rss, SiteFeed::Atom]
    }

    fn path(&self, _: &Reads, job: SiteFeed) -> String {
        match job {
            SiteFeed::Rss => "rss.xml".into(),
            SiteFeed::Atom => "atom.xml".into(),
        }
    }

    /// A feed, not a page.
    fn sitemap(&self, _: &Reads, _: SiteFeed) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, job: SiteFeed) -> FeedRecord<'r> {
        let c = r.config();
        let channel = Channel {
            title: c.title.clone(),
            description: c.description.clone(),
            url: c.base_url.clone(),
            self_url: c.url(&self.path(r, job)),
        };
        FeedRecord { atom: job == SiteFeed::Atom, channel, entries: entries(r, 0..r.site.posts.len()) }
    }

    fn render(&self, env: &Env, rec: &FeedRecord) -> Result<Content, Diagnostic> {
        render(env, rec)
    }
}

/// `authors/<slug>/rss.xml`: each author's newest posts.
pub(crate) struct AuthorFeeds;

impl Output for AuthorFeeds {
    type Job = usize;
    type Record<'r> = FeedRecord<'r>;
    const NAME: &'static str = "author feed";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<usize> {
        (0..r.site.authors.len()).collect()
    }

    fn path(&self, r: &Reads, a: usize) -> String {
        format!("{}rss.xml", r.site.authors[a].path())
    }

    /// A feed, not a page.
    fn sitemap(&self, _: &Reads, _: usize) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, a: usize) -> FeedRecord<'r> {
        let c = r.config();
        let author = &r.site.authors[a];
        let description = match &author.role {
            Some(role) => format!("Posts by {}, {role}", author.name),
            None => format!("Posts by {}", author.name),
        };
        let channel = Channel {
            title: format!("{} · {}", author.name, c.title),
            description,
            url: c.url(&author.path()),
            self_url: c.url(&self.path(r, a)),
        };
        let ids = r.site.index.author_posts[a].iter().copied();
        FeedRecord { atom: false, channel, entries: entries(r, ids) }
    }

    fn render(&self, env: &Env, rec: &FeedRecord) -> Result<Content, Diagnostic> {
        render(env, rec)
    }
}

/// `tags/<slug>/rss.xml`: each tag's newest posts.
pub(crate) struct TagFeeds;

impl Output for TagFeeds {
    type Job = usize;
    type Record<'r> = FeedRecord<'r>;
    const NAME: &'static str = "tag feed";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<usize> {
        (0..r.site.index.tags.len()).collect()
    }

    fn path(&self, r: &Reads, t: usize) -> String {
        format!("{}rss.xml", r.site.index.tags[t].path())
    }

    /// A feed, not a page.
    fn sitemap(&self, _: &Reads, _: usize) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, t: usize) -> FeedRecord<'r> {
        let c = r.config();
        let tag = &r.site.index.tags[t];
        let channel = Channel {
            title: format!("{} · {}", tag.name, c.title),
            description: format!("Posts about {} on {}", tag.name, c.title),
            url: c.url(&tag.path()),
            self_url: c.url(&self.path(r, t)),
        };
        FeedRecord { atom: false, channel, entries: entries(r, tag.posts.iter().copied()) }
    }

    fn render(&self, env: &Env, rec: &FeedRecord) -> Result<Content, Diagnostic> {
        render(env, rec)
    }
}

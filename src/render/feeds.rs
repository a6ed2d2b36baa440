//! Feeds (RSS for the site, each author and each tag; Atom and JSON Feed for the
//! site), the OPML list of author feeds, the sitemap and robots.txt. Every item
//! carries every author, full content with absolute links, and a stable id.

use serde_json::{Value, json};

use super::jobs::{self, Job};
use super::views::{DateView, Shared};
use crate::model::Site;

/// One template variable.
pub type Var = (&'static str, Value);

/// The channel of one feed.
pub struct Channel {
    pub title: String,
    pub description: String,
    /// The HTML page the feed mirrors.
    pub url: String,
    pub self_url: String,
}

/// A feed entry's variables (for `partials/rss_item.xml` and `partials/atom_entry.xml`).
pub fn item(site: &Site, shared: &Shared, i: usize) -> Value {
    let p = &site.posts[i];
    let card = shared.card(i);
    json!({
        "title": p.title,
        "url": card.url,
        "id": card.url,
        "date": card.date,
        "updated": DateView::from(p.modified()),
        "authors": card.authors,
        "tags": card.tags,
        "summary": p.description.clone().unwrap_or_else(|| p.body.summary_text.clone()),
        "content_html": p.body.html,
        "image": p.image,
    })
}

/// Variables for `rss.xml` / `atom.xml`: the channel and the rendered entries of
/// its newest posts `ids` (at most `feed_items`).
pub fn feed_vars(site: &Site, entries: Vec<String>, channel: Channel, ids: &[usize]) -> Vec<Var> {
    let updated = ids.iter().map(|&i| site.posts[i].modified()).max().map(DateView::from);
    vec![
        (
            "feed",
            json!({
                "title": channel.title,
                "description": channel.description,
                "url": channel.url,
                "self_url": channel.self_url,
                "id": channel.self_url,
                "updated": updated,
            }),
        ),
        ("items", Value::Array(entries.into_iter().map(Value::String).collect())),
    ]
}

/// The channel of a job's feed.
pub fn channel(site: &Site, job: Job) -> Channel {
    let c = &site.config;
    let self_url = c.url(&jobs::path(site, job));
    match job {
        Job::AuthorRss(a) => {
            let author = &site.authors[a];
            Channel {
                title: format!("{} · {}", author.name, c.title),
                description: author
                    .role
                    .as_ref()
                    .map(|r| format!("Posts by {}, {r}", author.name))
                    .unwrap_or_else(|| format!("Posts by {}", author.name)),
                url: c.url(&author.path()),
                self_url,
            }
        }
        Job::TagRss(t) => {
            let tag = &site.index.tags[t];
            Channel {
                title: format!("{} · {}", tag.name, c.title),
                description: format!("Posts about {} on {}", tag.name, c.title),
                url: c.url(&tag.path()),
                self_url,
            }
        }
        _ => Channel {
            title: c.title.clone(),
            description: c.description.clone(),
            url: c.base_url.clone(),
            self_url,
        },
    }
}

/// The posts of a feed job: its newest `feed_items`.
pub fn feed_posts(site: &Site, job: Job) -> Vec<usize> {
    let n = site.config.feed_items;
    match job {
        Job::AuthorRss(a) => site.index.author_posts[a].iter().copied().take(n).collect(),
        Job::TagRss(t) => site.index.tags[t].posts.iter().copied().take(n).collect(),
        _ => (0..site.posts.len().min(n)).collect(),
    }
}

/// JSON Feed 1.1 for the whole site.
pub fn json_feed(site: &Site, shared: &Shared) -> Vec<u8> {
    let c = &site.config;
    let items: Vec<Value> = (0..site.posts.len().min(c.feed_items))
        .map(|i| {
            let p = &site.posts[i];
            let card = shared.card(i);
            let mut item = json!({
                "id": card.url,
                "url": card.url,
                "title": p.title,
                "content_html": p.body.html,
                "summary": p.description.clone().unwrap_or_else(|| p.body.summary_text.clone()),
                "date_published": card.date.iso,
                "date_modified": DateView::from(p.modified()).iso,
                "authors": card.authors.iter().map(|a| {
                    let mut o = json!({"name": a.name, "url": a.url});
                    if let Some(photo) = &a.photo { o["avatar"] = json!(photo); }
                    o
                }).collect::<Vec<_>>(),
                "tags": card.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
                "language": c.language,
            });
            if let Some(image) = &p.image {
                item["image"] = json!(image);
            }
            item
        })
        .collect();
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": c.title,
        "home_page_url": c.base_url,
        "feed_url": c.url("feed.json"),
        "description": c.description,
        "language": c.language,
        "authors": [{"name": c.organization.name, "url": c.organization.url.clone().unwrap_or_else(|| c.base_url.clone())}],
        "items": items,
    });
    if let Some(logo) = &c.organization.logo {
        feed["icon"] = json!(if logo.contains("://") { logo.clone() } else { c.url(logo) });
    }
    super::guard::json(&mut feed);
    serde_json::to_vec_pretty(&feed).unwrap_or_default()
}

/// Variables for `authors.opml`: every author's feed.
pub fn opml_vars(site: &Site) -> Vec<Var> {
    let c = &site.config;
    let authors: Vec<Value> = site
        .authors
        .iter()
        .map(|a| {
            json!({"name": a.name, "role": a.role, "html_url": c.url(&a.path()), "feed_url": c.url(&format!("{}rss.xml", a.path()))})
        })
        .collect();
    let created = site.posts.iter().map(|p| p.modified()).max().map(|d| super::views::rfc2822(&d));
    vec![
        ("title", json!(format!("{}: every author", c.title))),
        ("created", json!(created)),
        ("authors", Value::Array(authors)),
    ]
}

/// Sitemap entries: every published HTML page with its last change.
pub fn sitemap_vars(site: &Site, all: &[Job]) -> Vec<Var> {
    let newest = |ids: &[usize]| ids.iter().map(|&i| site.posts[i].modified()).max();
    let site_newest = site.posts.iter().map(|p| p.modified()).max();
    let entries: Vec<Value> = all
        .iter()
        .filter_map(|&job| {
            let lastmod = match job {
                Job::Post(i) => {
                    let p = &site.posts[i];
                    if site.is_unpublished(p) || p.canonical_url.is_some() {
                        return None;
                    }
                    Some(p.modified())
                }
                Job::Author(a, _) => newest(&site.index.author_posts[a]).or(site_newest),
                Job::Tag(t, _) => newest(&site.index.tags[t].posts),
                Job::Home(_) | Job::Page(_) | Job::Authors | Job::Tags | Job::Archive => site_newest,
                _ => return None,
            };
            Some(json!({"url": site.config.url(&jobs::path(site, job)), "lastmod": lastmod.map(|d| d.to_rfc3339())}))
        })
        .collect();
    vec![("entries", Value::Array(entries))]
}

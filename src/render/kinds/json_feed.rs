//! `feed.json`: JSON Feed 1.1 for the whole blog. Items' `url` is tagged like the
//! other feeds' links (`utm_source=json`) when feed links are counted; `id` never is.

use serde_json::{Value, json};

use super::feeds::{Entry, entries, entry_link, summary};
use crate::render::guard;
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::views::DateView;
use crate::support::diagnostic::Diagnostic;

pub(crate) struct JsonFeed;

impl Output for JsonFeed {
    type Job = ();
    type Record<'r> = Vec<Entry<'r>>;
    const NAME: &'static str = "json feed";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "feed.json".into()
    }

    /// A feed, not a page.
    fn sitemap(&self, _: &Reads, _: ()) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> Vec<Entry<'r>> {
        entries(r, 0..r.site.posts.len())
    }

    fn render(&self, env: &Env, entries: &Vec<Entry>) -> Result<Content, Diagnostic> {
        let c = env.site;
        let items: Vec<Value> = entries.iter().map(|e| item(env, e)).collect();
        let mut feed = json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": c.title,
            "home_page_url": c.base_url,
            "feed_url": c.url("feed.json"),
            "description": c.description,
            "language": c.language,
            "authors": [{"name": c.organization.name, "url": c.organization_url()}],
            "items": items,
        });
        if let Some(logo) = c.logo_url() {
            feed["icon"] = json!(logo);
        }
        guard::json(&mut feed);
        Ok(Content::Bytes(serde_json::to_vec_pretty(&feed).unwrap_or_default()))
    }
}

fn item(env: &Env, e: &Entry) -> Value {
    let (p, card) = (e.post.0, e.card.card);
    let authors: Vec<Value> = (card.authors.iter())
        .map(|a| {
            let mut o = json!({"name": a.name, "url": a.url});
            if let Some(photo) = &a.photo {
                o["avatar"] = json!(photo);
            }
            o
        })
        .collect();
    let mut item = json!({
        // The id stays the post's own address whatever the link carries.
        "id": card.url,
        "url": entry_link(env, e, "json"),
        "title": p.title,
        "content_html": p.body.html,
        "summary": summary(p),
        "date_published": card.date.iso,
        "date_modified": DateView::from(p.modified()).iso,
        "authors": authors,
        "tags": card.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "language": env.site.language,
    });
    if let Some(image) = &p.image {
        item["image"] = json!(image);
    }
    item
}

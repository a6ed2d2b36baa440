//! Pieces rendered once per post and pasted into every page or feed that shows the
//! post: the list card (`partials/card.html`) and the feed entries
//! (`partials/rss_item.xml`, `partials/atom_entry.xml`). A post appears on many list
//! pages and in several feeds; rendering it once is what keeps large sites fast.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use tera::Context;

use super::feeds;
use super::templates::Templates;
use super::views::Shared;
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// Pre-rendered list cards, by post number.
pub struct Cards {
    /// With an `<h2>` title (home and tag pages).
    pub h2: Vec<String>,
    /// With an `<h3>` title (under a section heading, as on author pages).
    pub h3: Vec<String>,
}

/// Pre-rendered feed entries by post number, for the posts that appear in some feed
/// (empty strings for the rest). Large: made for the feed phase and dropped after it.
#[derive(Default)]
pub struct FeedEntries {
    pub rss: Vec<String>,
    pub atom: Vec<String>,
}

fn render(
    templates: &Templates,
    name: &str,
    site_value: &Value,
    vars: Vec<(&str, Value)>,
) -> Result<String, Diagnostic> {
    let mut map = Map::new();
    map.insert("site".into(), site_value.clone());
    for (k, v) in vars {
        map.insert(k.into(), v);
    }
    let ctx = Context::from_value(Value::Object(map)).map_err(|e| Diagnostic::error(name, e.to_string()))?;
    templates.render(name, &ctx)
}

/// Posts that appear in at least one feed: the newest `feed_items` of the site, of
/// each author and of each tag.
fn in_feeds(site: &Site) -> BTreeSet<usize> {
    let n = site.config.feed_items;
    let mut set: BTreeSet<usize> = (0..site.posts.len().min(n)).collect();
    for list in site.index.author_posts.iter().chain(site.index.tags.iter().map(|t| &t.posts)) {
        set.extend(list.iter().take(n));
    }
    set
}

/// Renders a pair of fragments for every post, collecting every error.
fn pairs(
    n: usize,
    make: impl Fn(usize) -> Result<(String, String), Diagnostic> + Sync + Send,
) -> Result<(Vec<String>, Vec<String>), Vec<Diagnostic>> {
    let results: Vec<Result<(String, String), Diagnostic>> = (0..n).into_par_iter().map(&make).collect();
    let (mut a, mut b, mut errors) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::new());
    for r in results {
        match r {
            Ok((x, y)) => {
                a.push(x);
                b.push(y);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok((a, b)) } else { Err(errors) }
}

impl Cards {
    pub fn new(
        site: &Site,
        shared: &Shared,
        templates: &Templates,
        site_value: &Value,
    ) -> Result<Cards, Vec<Diagnostic>> {
        let (h2, h3) = pairs(site.posts.len(), |i| {
            let card = serde_json::to_value(&shared.cards[i]).unwrap_or(Value::Null);
            let h2 = render(
                templates,
                "partials/card.html",
                site_value,
                vec![("post", card.clone()), ("heading", json!("h2"))],
            )?;
            let h3 = render(
                templates,
                "partials/card.html",
                site_value,
                vec![("post", card), ("heading", json!("h3"))],
            )?;
            Ok((h2, h3))
        })?;
        Ok(Cards { h2, h3 })
    }
}

impl FeedEntries {
    pub fn new(
        site: &Site,
        shared: &Shared,
        templates: &Templates,
        site_value: &Value,
    ) -> Result<FeedEntries, Vec<Diagnostic>> {
        let wanted = in_feeds(site);
        let (rss, atom) = pairs(site.posts.len(), |i| {
            if !wanted.contains(&i) {
                return Ok((String::new(), String::new()));
            }
            let item = feeds::item(site, shared, i);
            let rss = render(templates, "partials/rss_item.xml", site_value, vec![("item", item.clone())])?;
            let atom = render(templates, "partials/atom_entry.xml", site_value, vec![("item", item)])?;
            Ok((rss, atom))
        })?;
        Ok(FeedEntries { rss, atom })
    }
}

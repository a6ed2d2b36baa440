//! Pieces of a page rendered from their own partial template: the list card
//! (`partials/card.html`), rendered once per post (when first needed) and pasted
//! into every list that shows it, and feed entries (`partials/rss_item.xml`, `partials/atom_entry.xml`),
//! rendered for each feed as it is made (holding every post's entries at once cost
//! more memory than rendering the few shared ones twice).

use std::sync::OnceLock;

use serde_json::{Map, Value, json};
use tera::Context;

use super::feeds;
use super::templates::Templates;
use super::views::Shared;
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// List cards, by post number, each rendered the first time a page needs it and
/// then reused by every other list that shows it.
pub struct Cards {
    /// With an `<h2>` title (home and tag pages).
    h2: Vec<OnceLock<Result<String, Diagnostic>>>,
    /// With an `<h3>` title (under a section heading, as on author pages).
    h3: Vec<OnceLock<Result<String, Diagnostic>>>,
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

impl Cards {
    pub fn new(posts: usize) -> Cards {
        Cards {
            h2: (0..posts).map(|_| OnceLock::new()).collect(),
            h3: (0..posts).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Post `i`'s card, with an `<h3>` title when `h3`, else an `<h2>` one.
    pub fn get(
        &self,
        i: usize,
        h3: bool,
        shared: &Shared,
        templates: &Templates,
        site_value: &Value,
    ) -> Result<String, Diagnostic> {
        let slot = if h3 { &self.h3[i] } else { &self.h2[i] };
        slot.get_or_init(|| {
            let card = serde_json::to_value(shared.card(i)).unwrap_or(Value::Null);
            let heading = if h3 { "h3" } else { "h2" };
            render(
                templates,
                "partials/card.html",
                site_value,
                vec![("post", card), ("heading", json!(heading))],
            )
        })
        .clone()
    }
}

/// One post's feed entry: `partials/atom_entry.xml` when `atom`, else
/// `partials/rss_item.xml`.
pub fn entry(
    site: &Site,
    shared: &Shared,
    templates: &Templates,
    site_value: &Value,
    i: usize,
    atom: bool,
) -> Result<String, Diagnostic> {
    let name = if atom { "partials/atom_entry.xml" } else { "partials/rss_item.xml" };
    render(templates, name, site_value, vec![("item", feeds::item(site, shared, i))])
}

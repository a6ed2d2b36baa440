//! Pieces of a page rendered from their own partial template: the list card
//! (`partials/card.html`), rendered once per post and pasted into every list that
//! shows it, and feed entries (`partials/rss_item.xml`, `partials/atom_entry.xml`),
//! rendered for each feed as it is made (holding every post's entries at once cost
//! more memory than rendering the few shared ones twice).

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

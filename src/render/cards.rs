//! List cards (`partials/card.html`), each rendered the first time a list needs it
//! and then pasted into every other list that shows it.

use std::sync::OnceLock;

use serde::Serialize;

use super::record::Listed;
use super::templates::Bound;
use super::views::PostCard;
use crate::support::diagnostic::Diagnostic;

/// The rendered cards of one build, by post number.
pub(crate) struct Cards {
    /// With an `<h2>` title (home and tag pages).
    h2: Vec<OnceLock<Result<String, Diagnostic>>>,
    /// With an `<h3>` title (under a section heading, as on author pages).
    h3: Vec<OnceLock<Result<String, Diagnostic>>>,
}

/// The variables of `partials/card.html`.
#[derive(Serialize)]
struct CardVars<'a> {
    post: &'a PostCard,
    heading: &'static str,
}

impl Cards {
    pub(super) fn new(posts: usize) -> Cards {
        Cards {
            h2: (0..posts).map(|_| OnceLock::new()).collect(),
            h3: (0..posts).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The card of `listed`, with an `<h3>` title when `h3`, else an `<h2>` one.
    pub(super) fn get(&self, listed: &Listed, h3: bool, templates: &Bound) -> Result<String, Diagnostic> {
        let slot = if h3 { &self.h3[listed.post] } else { &self.h2[listed.post] };
        slot.get_or_init(|| {
            let heading = if h3 { "h3" } else { "h2" };
            templates.render("partials/card.html", &CardVars { post: listed.card, heading })
        })
        .clone()
    }
}

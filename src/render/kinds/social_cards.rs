//! Share images: a 1200×630 PNG for every post (`posts/<slug>/card.png`), every
//! author (`authors/<slug>/card.png`) and the blog (`card.png`, for the home and the
//! other lists), drawn from the theme's `social-card.svg` and
//! `social-card-author.svg`. Pages point their `og:image` at them (see `seo`).
//! Each card's record holds only what it shows, so an edit elsewhere redraws none.

use serde::Serialize;

use crate::markdown::chars;
use crate::media::card::{self, CardView, Colours};
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::support::diagnostic::Diagnostic;

/// The blog's card, at the site's root.
pub(crate) const BLOG_CARD: &str = "card.png";

/// The site path of the card of the page at site path `page` (`posts/a/`).
pub(crate) fn card_path(page: &str) -> String {
    format!("{page}{BLOG_CARD}")
}

/// One card to draw.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job {
    Blog,
    Post(usize),
    Author(usize),
}

/// Which template a card is drawn from.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) enum Template {
    Post,
    Author,
}

/// Exactly what one card shows.
#[derive(Serialize)]
pub(crate) struct CardRecord<'a> {
    template: Template,
    /// Background and accent, `#rrggbb`.
    colours: (&'a str, &'a str),
    /// The line at the top: the blog's name (the organization's on the blog's card).
    top: &'a str,
    /// The title: a post's, an author's name, the blog's.
    title: &'a str,
    /// Names and initials of the avatars drawn.
    people: Vec<(&'a str, &'a str)>,
    /// An author's role (their card only).
    role: &'a str,
    /// The date and first tag, an author's organization, the blog's description.
    detail: String,
}

#[derive(Serialize)]
struct CardVars {
    card: CardView,
}

/// Every card, unless `social_cards: false`.
pub(crate) struct SocialCards;

impl Output for SocialCards {
    type Job = Job;
    type Record<'r> = CardRecord<'r>;
    const NAME: &'static str = "social-card";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<Job> {
        if !r.config().social_cards {
            return Vec::new();
        }
        let posts = (0..r.site.posts.len()).map(Job::Post);
        let authors = (0..r.site.authors.len()).map(Job::Author);
        std::iter::once(Job::Blog).chain(posts).chain(authors).collect()
    }

    fn path(&self, r: &Reads, job: Job) -> String {
        match job {
            Job::Blog => BLOG_CARD.to_string(),
            Job::Post(i) => card_path(&r.site.posts[i].path()),
            Job::Author(a) => card_path(&r.site.authors[a].path()),
        }
    }

    fn sitemap(&self, _: &Reads, _: Job) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, job: Job) -> CardRecord<'r> {
        let c = r.config();
        let base = CardRecord {
            template: Template::Post,
            colours: (&c.social_card.background, &c.social_card.accent),
            top: &c.title,
            title: &c.title,
            people: Vec::new(),
            role: "",
            detail: String::new(),
        };
        match job {
            Job::Blog => CardRecord { top: &c.organization.name, detail: c.description.clone(), ..base },
            Job::Post(i) => {
                let card = r.shared.card(i);
                let people = card.authors.iter().map(|a| (a.name.as_str(), a.initials.as_str())).collect();
                let detail = match card.tags.first() {
                    Some(t) => format!("{} · {}", card.date.display, t.name),
                    None => card.date.display.clone(),
                };
                CardRecord { title: &card.title, people, detail, ..base }
            }
            Job::Author(a) => {
                let author = r.shared.author(a).value;
                CardRecord {
                    template: Template::Author,
                    title: &author.name,
                    people: vec![(author.name.as_str(), author.initials.as_str())],
                    role: author.role.as_deref().unwrap_or(""),
                    detail: c.organization.name.clone(),
                    ..base
                }
            }
        }
    }

    fn render(&self, env: &Env, rec: &CardRecord) -> Result<Content, Diagnostic> {
        let colours = Colours { background: rec.colours.0, accent: rec.colours.1 };
        let (name, view) = match rec.template {
            Template::Post => {
                ("social-card.svg", card::post(&colours, rec.top, rec.title, &rec.people, &rec.detail))
            }
            Template::Author => {
                let initials = rec.people.first().map_or("", |p| p.1);
                let view = card::author(&colours, rec.top, rec.title, initials, rec.role, &rec.detail);
                ("social-card-author.svg", view)
            }
        };
        let view = view.map_err(|e| Diagnostic::error(name, e))?;
        // A character no XML may hold (`check` names it) would make the SVG unreadable.
        let svg = chars::clean_owned(env.templates.render(name, &CardVars { card: view })?);
        let png = card::png(&svg).map_err(|e| Diagnostic::error(name, e))?;
        Ok(Content::Bytes(png))
    }
}

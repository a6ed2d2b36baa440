//! Share images: a 1200×630 PNG for every post (`posts/<slug>/card.png`), every
//! author (`authors/<slug>/card.png`) and the blog (`card.png`, for the home and the
//! other lists), drawn from the theme's `social-card.svg` and
//! `social-card-author.svg`. Pages point their `og:image` at them (see `seo`).
//! Each card's record holds only what it shows (photos and logo by the hash of their
//! bytes), so an edit elsewhere redraws none. A card's content is its SVG and the
//! files of the pictures it shows, which the `write` stage reads and draws.

use std::path::Path;

use resvg::usvg::roxmltree;
use serde::Serialize;

use crate::markdown::chars;
use crate::media::card::{self, CardView, Colours, Header, Person};
use crate::media::photo::{Focus, Shape};
use crate::model::{Picture, PictureFormat, Site};
use crate::render::output::{Card, CardPicture, Content, Env, Output, Reads, Sitemap};
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

/// A picture a card shows, as its record holds it: what it looks like is the hash
/// of its bytes (and its size, for the logo's box); its file is where to read it.
#[derive(Serialize)]
pub(crate) struct Shown<'a> {
    format: PictureFormat,
    size: (f32, f32),
    fingerprint: u128,
    focus: Focus,
    #[serde(skip)]
    file: &'a Path,
}

impl<'a> Shown<'a> {
    fn of(p: &'a Picture) -> Self {
        Shown {
            format: p.format,
            size: (p.width, p.height),
            fingerprint: p.fingerprint,
            focus: p.focus,
            file: &p.file,
        }
    }

    /// The picture at `url`, if a card can draw it.
    fn at(site: &'a Site, url: Option<&str>) -> Option<Self> {
        url.and_then(|u| site.picture(u)).map(Shown::of)
    }

    fn content(&self, href: String, shape: Shape) -> CardPicture {
        CardPicture { href, file: self.file.to_path_buf(), format: self.format, shape }
    }
}

/// Someone a card shows: name, initials and photo.
#[derive(Serialize)]
pub(crate) struct Shows<'a> {
    name: &'a str,
    initials: &'a str,
    photo: Option<Shown<'a>>,
}

impl Shows<'_> {
    fn person(&self) -> Person<'_> {
        Person { name: self.name, initials: self.initials, photo: self.photo.is_some() }
    }
}

/// Exactly what one card shows.
#[derive(Serialize)]
pub(crate) struct CardRecord<'a> {
    template: Template,
    /// Background and accent, `#rrggbb`.
    colours: (&'a str, &'a str),
    /// The organization's logo, top left, on every card.
    logo: Option<Shown<'a>>,
    /// The line at the top: the blog's name (the organization's on the blog's card).
    top: &'a str,
    /// The title: a post's, an author's name, the blog's.
    title: &'a str,
    /// The people of the avatars drawn.
    people: Vec<Shows<'a>>,
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
        let photo = |url: &Option<String>| Shown::at(r.site, url.as_deref());
        let base = CardRecord {
            template: Template::Post,
            colours: (&c.social_card.background, &c.social_card.accent),
            logo: Shown::at(r.site, c.logo_url().as_deref()),
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
                let people = (card.authors.iter())
                    .map(|a| Shows { name: &a.name, initials: &a.initials, photo: photo(&a.photo) })
                    .collect();
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
                    people: vec![Shows {
                        name: &author.name,
                        initials: &author.initials,
                        photo: photo(&author.photo),
                    }],
                    role: author.role.as_deref().unwrap_or(""),
                    detail: c.organization.name.clone(),
                    ..base
                }
            }
        }
    }

    fn render(&self, env: &Env, rec: &CardRecord) -> Result<Content, Diagnostic> {
        let colours = Colours { background: rec.colours.0, accent: rec.colours.1 };
        let header = Header { colours, blog: rec.top, logo: rec.logo.as_ref().map(|l| l.size) };
        let people: Vec<Person> = rec.people.iter().map(Shows::person).collect();
        let (name, view) = match rec.template {
            Template::Post => ("social-card.svg", card::post(&header, rec.title, &people, &rec.detail)),
            Template::Author => {
                let nobody = Person { name: rec.title, initials: "", photo: false };
                let person = people.first().unwrap_or(&nobody);
                ("social-card-author.svg", card::author(&header, person, rec.role, &rec.detail))
            }
        };
        let view = view.map_err(|e| Diagnostic::error(name, e))?;
        let pictures = pictures(&view, rec);
        // A character no XML may hold (`check` names it) would make the SVG unreadable.
        let svg = chars::clean_owned(env.templates.render(name, &CardVars { card: view })?);
        // Drawn by the `write` stage, which `byline check` does not run: a template
        // that makes no SVG is refused here, where both see it.
        let xml = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        if let Err(e) = roxmltree::Document::parse_with_options(&svg, xml) {
            return Err(Diagnostic::error(name, format!("the card is not valid SVG: {e}")));
        }
        Ok(Content::Card(Box::new(Card { svg, pictures })))
    }
}

/// The pictures `view` shows, each made at the size it is drawn at.
fn pictures(view: &CardView, rec: &CardRecord) -> Vec<CardPicture> {
    let photos = view.avatars.iter().zip(&rec.people).filter_map(|(avatar, person)| {
        let (href, shown) = (avatar.photo.clone()?, person.photo.as_ref()?);
        // A circle `2r` across: the square photo as many pixels a side.
        Some(shown.content(href, Shape::Square((2.0 * avatar.r).ceil() as u32, shown.focus)))
    });
    let logo = view.logo.as_ref().zip(rec.logo.as_ref()).map(|(placed, shown)| {
        shown.content(placed.href.to_string(), Shape::Width(placed.width.ceil() as u32))
    });
    photos.chain(logo).collect()
}

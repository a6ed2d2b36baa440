//! The template context of each kind of page, and rendering one job to bytes.

use serde::Serialize;
use serde_json::{Map, Value, json};
use tera::Context;

use super::feeds::{self, Var};
use super::file_for;
use super::fragments::{self, Cards};
use super::guard;
use super::jobs::{self, Job, page_count, paged};
use super::seo::{Feed, Meta, Seo};
use super::share;
use super::templates::Templates;
use super::views::{DateView, LinkView, PostCard, Shared, reading_minutes};
use crate::diagnostic::Diagnostic;
use crate::model::{Site, related};

/// Serializes a view; our views are plain data and always serialize.
fn v<T: Serialize + ?Sized>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// What one job is made from.
enum Made {
    Template(&'static str, Vec<Var>),
    Bytes(Vec<u8>),
}

/// Shared state for rendering one build's pages.
pub struct Ctx<'a> {
    site: &'a Site,
    templates: &'a Templates,
    shared: Shared<'a>,
    cards: Cards,
    seo: Seo<'a>,
    site_value: Value,
}

impl<'a> Ctx<'a> {
    /// `shared`: the views of this build, the ones the fingerprints were made from.
    pub fn new(site: &'a Site, templates: &'a Templates, shared: Shared<'a>) -> Self {
        let c = &site.config;
        let mut nav: Vec<Value> =
            site.pages.iter().map(|p| json!({"title": p.title, "url": c.url(&p.path())})).collect();
        nav.insert(0, json!({"title": "Posts", "url": c.url("")}));
        nav.push(json!({"title": "Authors", "url": c.url("authors/")}));
        nav.push(json!({"title": "Topics", "url": c.url("tags/")}));
        nav.push(json!({"title": "Archive", "url": c.url("archive/")}));
        let site_value = json!({
            "title": c.title,
            "description": c.description,
            "base_url": c.base_url,
            "language": c.language,
            "organization": {
                "name": c.organization.name,
                "url": c.organization.url,
                "logo": c.organization.logo.as_deref().map(|l| if l.contains("://") { l.to_string() } else { c.url(l) }),
                "social": c.organization.social.iter().map(LinkView::from).collect::<Vec<_>>(),
            },
            "nav": nav,
            "highlight_css": c.highlight_theme.as_ref().map(|_| c.url("css/syntax.css")),
            "stylesheet": c.url("css/style.css"),
            // The theme's, unless the site's static/ has files of the same names.
            "favicon": {"svg": c.url("favicon.svg"), "png": c.url("favicon.png")},
            "feeds": {"rss": c.url("rss.xml"), "atom": c.url("atom.xml"), "json": c.url("feed.json"), "opml": c.url("authors.opml")},
            "year": chrono::Datelike::year(&site.now),
            "generator": format!("byline {}", env!("CARGO_PKG_VERSION")),
        });
        let cards = Cards::new(site.posts.len());
        Ctx { site, templates, shared, cards, seo: Seo::new(site), site_value }
    }

    /// The rendered cards of `ids`, with `<h2>` titles or, for `h3`, `<h3>` ones.
    fn card_html(&self, ids: &[usize], h3: bool) -> Result<Value, Diagnostic> {
        ids.iter()
            .map(|&i| {
                self.cards.get(i, h3, &self.shared, self.templates, &self.site_value).map(Value::String)
            })
            .collect::<Result<Vec<Value>, Diagnostic>>()
            .map(Value::Array)
    }

    fn cards(&self, ids: &[usize]) -> Vec<&PostCard> {
        ids.iter().map(|&i| self.shared.card(i)).collect()
    }

    fn pager(&self, base: &str, items: usize, n: usize) -> Pager {
        let total = page_count(items, self.site.config.posts_per_page);
        let c = &self.site.config;
        Pager {
            current: n,
            total,
            prev: (n > 1).then(|| c.url(&paged(base, n - 1))),
            next: (n < total).then(|| c.url(&paged(base, n + 1))),
        }
    }

    fn slice<'b>(&self, ids: &'b [usize], n: usize) -> &'b [usize] {
        let pp = self.site.config.posts_per_page;
        let start = ((n - 1) * pp).min(ids.len());
        &ids[start..(start + pp).min(ids.len())]
    }

    /// Renders one job: its output file and bytes.
    pub fn render(&self, job: Job, all: &[Job]) -> Result<(String, Vec<u8>), Diagnostic> {
        let path = jobs::path(self.site, job);
        let (template, values) = match self.context(job, &path, all)? {
            Made::Template(template, values) => (template, values),
            Made::Bytes(bytes) => return Ok((path, bytes)),
        };
        let mut map = Map::new();
        map.insert("site".into(), self.site_value.clone());
        for (k, v) in values {
            map.insert(k.into(), v);
        }
        let ctx = Context::from_value(Value::Object(map))
            .map_err(|e| Diagnostic::error(template, e.to_string()))?;
        let text = guard::text(self.templates.render(template, &ctx)?);
        Ok((file_for(&path), text.into_bytes()))
    }

    /// A feed: its channel and its entries, rendered from their partials.
    fn feed_context(&self, job: Job) -> Result<(&'static str, Vec<Var>), Diagnostic> {
        let s = self.site;
        let atom = job == Job::Atom;
        let ids = feeds::feed_posts(s, job);
        let entries = ids
            .iter()
            .map(|&i| fragments::entry(s, &self.shared, self.templates, &self.site_value, i, atom))
            .collect::<Result<Vec<String>, Diagnostic>>()?;
        let template = if atom { "atom.xml" } else { "rss.xml" };
        Ok((template, feeds::feed_vars(s, entries, feeds::channel(s, job), &ids)))
    }

    /// What a job is made from: a template and its variables, or (the JSON Feed) the
    /// bytes themselves. Every kind of job is handled here, none by a fallback.
    fn context(&self, job: Job, path: &str, all: &[Job]) -> Result<Made, Diagnostic> {
        let s = self.site;
        let c = &s.config;
        let (template, values) = match job {
            Job::Home(n) => {
                let ids: Vec<usize> = (0..s.posts.len()).collect();
                let title = if n > 1 { format!("Page {n}") } else { String::new() };
                let mut meta = self.seo.page(&title, &c.description, path, "home");
                if n == 1 {
                    self.seo.home(&mut meta);
                }
                (
                    "index.html",
                    vec![
                        ("meta", v(&meta)),
                        ("cards", self.card_html(self.slice(&ids, n), false)?),
                        ("pager", v(&self.pager("", ids.len(), n))),
                    ],
                )
            }
            Job::Post(i) => self.post_context(i, path),
            Job::Page(i) => {
                let p = &s.pages[i];
                let desc = p.description.clone().unwrap_or_else(|| p.body.summary_text.clone());
                (
                    "page.html",
                    vec![
                        ("meta", v(&self.seo.page(&p.title, &desc, path, "page"))),
                        ("page", json!({"title": p.title, "content_html": p.body.html})),
                    ],
                )
            }
            Job::Authors => {
                let authors: Vec<Value> = s
                    .authors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        json!({
                            "author": self.shared.authors[i],
                            "expertise": a.expertise,
                            "post_count": s.index.author_posts[i].len(),
                            "feed_url": c.url(&format!("{}rss.xml", a.path())),
                        })
                    })
                    .collect();
                let desc = format!("The experts who write {}", c.title);
                (
                    "authors.html",
                    vec![
                        ("meta", v(&self.seo.page("Authors", &desc, path, "authors"))),
                        ("authors", Value::Array(authors)),
                    ],
                )
            }
            Job::Author(a, n) => self.author_context(a, n, path)?,
            Job::Tags => (
                "tags.html",
                vec![
                    (
                        "meta",
                        v(&self.seo.page("Topics", &format!("Every topic on {}", c.title), path, "tags")),
                    ),
                    ("tags", v(&self.shared.tags)),
                ],
            ),
            Job::Tag(t, n) => {
                let tag = &s.index.tags[t];
                let title = if n > 1 {
                    format!("Posts about {} (page {n})", tag.name)
                } else {
                    format!("Posts about {}", tag.name)
                };
                let mut meta =
                    self.seo.page(&title, &format!("Posts about {} on {}", tag.name, c.title), path, "tag");
                meta.keywords = tag.name.clone();
                let feed_url = c.url(&format!("{}rss.xml", tag.path()));
                meta.feeds.push(Feed {
                    title: format!("{} on {}", tag.name, c.title),
                    url: feed_url.clone(),
                    mime: "application/rss+xml",
                });
                (
                    "tag.html",
                    vec![
                        ("meta", v(&meta)),
                        ("tag", v(&self.shared.tags[t])),
                        ("feed_url", json!(feed_url)),
                        ("cards", self.card_html(self.slice(&tag.posts, n), false)?),
                        ("pager", v(&self.pager(&tag.path(), tag.posts.len(), n))),
                    ],
                )
            }
            Job::Archive => {
                let mut years: Vec<(i32, Vec<&PostCard>)> = Vec::new();
                for card in (0..s.posts.len()).map(|i| self.shared.card(i)) {
                    match years.last_mut() {
                        Some((y, list)) if *y == card.date.year => list.push(card),
                        _ => years.push((card.date.year, vec![card])),
                    }
                }
                let years: Vec<Value> =
                    years.into_iter().map(|(y, posts)| json!({"year": y, "posts": posts})).collect();
                let desc = format!("Every post on {}, by year", c.title);
                (
                    "archive.html",
                    vec![
                        ("meta", v(&self.seo.page("Archive", &desc, path, "archive"))),
                        ("years", Value::Array(years)),
                    ],
                )
            }
            Job::NotFound => {
                let recent: Vec<usize> = (0..s.posts.len().min(5)).collect();
                let meta = self.seo.page("Page not found", "", path, "404");
                ("404.html", vec![("meta", v(&meta)), ("posts", v(&self.cards(&recent)))])
            }
            Job::Rss | Job::AuthorRss(_) | Job::TagRss(_) | Job::Atom => self.feed_context(job)?,
            Job::Opml => ("authors.opml", feeds::opml_vars(s)),
            Job::Sitemap => ("sitemap.xml", feeds::sitemap_vars(s, all)),
            Job::Robots => ("robots.txt", vec![("sitemap_url", json!(c.url("sitemap.xml")))]),
            Job::JsonFeed => return Ok(Made::Bytes(feeds::json_feed(s, &self.shared))),
        };
        Ok(Made::Template(template, values))
    }

    fn post_context(&self, i: usize, path: &str) -> (&'static str, Vec<Var>) {
        let s = self.site;
        let c = &s.config;
        let p = &s.posts[i];
        let card = self.shared.card(i);
        let desc = p.description.clone().unwrap_or_else(|| p.body.summary_text.clone());
        let mut meta: Meta = self.seo.page(&p.title, &desc, path, "post");
        self.seo.post(i, &mut meta);
        meta.noindex = s.is_unpublished(p);
        let neighbour = |j: usize| s.posts.get(j).map(|q| json!({"title": q.title, "url": c.url(&q.path())}));
        let via = c
            .organization
            .social
            .iter()
            .find(|l| l.network == "x" || l.network == "twitter")
            .and_then(|l| l.handle.as_deref());
        let more: Vec<Value> = p
            .authors
            .iter()
            .filter_map(|id| s.index.author_by_id.get(id))
            .map(|&a| {
                let ids = related::more_from(s, a, i, 3);
                json!({"author": self.shared.authors[a], "posts": self.cards(&ids)})
            })
            .filter(|m| m["posts"].as_array().is_some_and(|a| !a.is_empty()))
            .collect();
        let post = json!({
            "card": card,
            "title": p.title,
            "description": p.description,
            "content_html": p.body.html,
            "updated": p.updated.filter(|u| *u > p.date).map(DateView::from),
            "image": p.image,
            "image_alt": p.image_alt,
            "keywords": p.keywords,
            "canonical_url": p.canonical_url,
            "word_count": p.body.word_count,
            "reading_minutes": reading_minutes(p.body.word_count),
            "older": neighbour(i + 1),
            "newer": i.checked_sub(1).and_then(neighbour),
            "share": share::links(&p.title, &card.url, via, &p.keywords),
            "more_from": more,
            "related": self.cards(&related::related(s, i, 3)),
        });
        ("post.html", vec![("meta", v(&meta)), ("post", post)])
    }

    fn author_context(&self, a: usize, n: usize, path: &str) -> Result<(&'static str, Vec<Var>), Diagnostic> {
        let s = self.site;
        let c = &s.config;
        let author = &s.authors[a];
        let ids = &s.index.author_posts[a];
        let desc = if author.bio.summary_text.is_empty() {
            format!("{} writes on {}", author.name, c.title)
        } else {
            author.bio.summary_text.clone()
        };
        let title = if n > 1 { format!("{} (page {n})", author.name) } else { author.name.clone() };
        let mut meta = self.seo.page(&title, &desc, path, "author");
        let newest = ids.first().map(|&p| self.shared.card(p).modified.iso.as_str());
        self.seo.author(a, newest, &mut meta);
        let coauthors: Vec<Value> = related::coauthors(s, a)
            .into_iter()
            .map(|(b, count)| json!({"author": self.shared.authors[b], "count": count}))
            .collect();
        let tags: Vec<Value> = related::author_tags(s, a)
            .into_iter()
            .take(12)
            .map(|(t, count)| json!({"tag": self.shared.tags[t], "count": count}))
            .collect();
        let view = json!({
            "ref": self.shared.authors[a],
            "id": author.id,
            "name": author.name,
            "role": author.role,
            "photo": author.photo,
            "initials": self.shared.authors[a].initials,
            "email": author.email,
            "location": author.location,
            "expertise": author.expertise,
            "social": self.shared.authors[a].social,
            "bio_html": author.bio.html,
            "post_count": ids.len(),
            "feed_url": c.url(&format!("{}rss.xml", author.path())),
            "coauthors": coauthors,
            "tags": tags,
        });
        Ok((
            "author.html",
            vec![
                ("meta", v(&meta)),
                ("author", view),
                ("cards", self.card_html(self.slice(ids, n), true)?),
                ("pager", v(&self.pager(&author.path(), ids.len(), n))),
            ],
        ))
    }
}

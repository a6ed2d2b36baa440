//! What to render (the job list, with pagination) and the template context of each
//! kind of page.

use serde::Serialize;
use serde_json::{Map, Value, json};
use tera::Context;

use super::templates::Templates;
use super::views::{DateView, LinkView, PostCard, Shared, reading_minutes, truncate_words};
use super::{Rendered, file_for};
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// One file to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Home, 1-based page number.
    Home(usize),
    Post(usize),
    Page(usize),
    Authors,
    Author(usize, usize),
    Tags,
    Tag(usize, usize),
    Archive,
    NotFound,
    Rss,
    Sitemap,
    Robots,
}

/// Serializes a view; our views are plain data and always serialize.
fn v<T: Serialize + ?Sized>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every job of a build, in a stable order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let pp = site.config.posts_per_page;
    let mut jobs: Vec<Job> = (1..=page_count(site.posts.len(), pp))
        .map(Job::Home)
        .collect();
    jobs.extend((0..site.posts.len()).map(Job::Post));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.push(Job::Authors);
    for (a, posts) in site.index.author_posts.iter().enumerate() {
        jobs.extend((1..=page_count(posts.len(), pp)).map(|n| Job::Author(a, n)));
    }
    jobs.push(Job::Tags);
    for (t, tag) in site.index.tags.iter().enumerate() {
        jobs.extend((1..=page_count(tag.posts.len(), pp)).map(|n| Job::Tag(t, n)));
    }
    jobs.extend([
        Job::Archive,
        Job::NotFound,
        Job::Rss,
        Job::Sitemap,
        Job::Robots,
    ]);
    jobs
}

/// Site path of page `n` of a paginated list rooted at `base` (`""`, `tags/x/`).
fn paged(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Serialize)]
struct Feed {
    title: String,
    url: String,
    mime: &'static str,
}

/// Everything every page's `<head>` needs.
#[derive(Serialize)]
struct Meta {
    /// The `<title>` text.
    title: String,
    description: String,
    /// Canonical absolute URL.
    url: String,
    kind: &'static str,
    feeds: Vec<Feed>,
    noindex: bool,
}

/// Shared state for rendering one build's pages.
pub struct Ctx<'a> {
    site: &'a Site,
    templates: &'a Templates,
    shared: Shared,
    site_value: Value,
}

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates) -> Self {
        let c = &site.config;
        let mut nav: Vec<Value> = site
            .pages
            .iter()
            .map(|p| json!({"title": p.title, "url": c.url(&p.path())}))
            .collect();
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
                "logo": c.organization.logo.as_deref().map(|l| if l.starts_with("http") { l.to_string() } else { c.url(l) }),
                "social": c.organization.social.iter().map(LinkView::from).collect::<Vec<_>>(),
            },
            "nav": nav,
            "highlight_css": c.highlight_theme.as_ref().map(|_| c.url("css/syntax.css")),
            "stylesheet": c.url("css/style.css"),
            "rss_url": c.url("rss.xml"),
            "year": chrono::Datelike::year(&site.now),
            "generator": format!("byline {}", env!("CARGO_PKG_VERSION")),
        });
        Ctx {
            site,
            templates,
            shared: Shared::new(site),
            site_value,
        }
    }

    fn meta(&self, title: &str, description: &str, path: &str, kind: &'static str) -> Meta {
        let c = &self.site.config;
        let full_title = if title.is_empty() || title == c.title {
            c.title.clone()
        } else {
            format!("{title} · {}", c.title)
        };
        let description = if description.trim().is_empty() {
            c.description.clone()
        } else {
            description.to_string()
        };
        Meta {
            title: full_title,
            description: truncate_words(&description, 160),
            url: c.url(path),
            kind,
            feeds: vec![Feed {
                title: c.title.clone(),
                url: c.url("rss.xml"),
                mime: "application/rss+xml",
            }],
            noindex: false,
        }
    }

    fn cards(&self, ids: &[usize]) -> Vec<&PostCard> {
        ids.iter().map(|&i| &self.shared.cards[i]).collect()
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

    /// Site path of a job's output (before `file_for`).
    pub fn path(&self, job: &Job) -> String {
        let s = self.site;
        match *job {
            Job::Home(n) => paged("", n),
            Job::Post(i) => s.posts[i].path(),
            Job::Page(i) => s.pages[i].path(),
            Job::Authors => "authors/".into(),
            Job::Author(a, n) => paged(&s.authors[a].path(), n),
            Job::Tags => "tags/".into(),
            Job::Tag(t, n) => paged(&s.index.tags[t].path(), n),
            Job::Archive => "archive/".into(),
            Job::NotFound => "404.html".into(),
            Job::Rss => "rss.xml".into(),
            Job::Sitemap => "sitemap.xml".into(),
            Job::Robots => "robots.txt".into(),
        }
    }

    pub fn render(&self, job: &Job, all: &[Job]) -> Result<Rendered, Diagnostic> {
        let path = self.path(job);
        let (template, values) = self.context(job, &path, all);
        let mut map = Map::new();
        map.insert("site".into(), self.site_value.clone());
        for (k, v) in values {
            map.insert(k.into(), v);
        }
        let ctx = Context::from_value(Value::Object(map))
            .map_err(|e| Diagnostic::error(template, e.to_string()))?;
        let text = self.templates.render(template, &ctx)?;
        Ok(Rendered {
            path: file_for(&path),
            bytes: text.into_bytes(),
        })
    }

    fn context(
        &self,
        job: &Job,
        path: &str,
        all: &[Job],
    ) -> (&'static str, Vec<(&'static str, Value)>) {
        let s = self.site;
        let c = &s.config;
        match *job {
            Job::Home(n) => {
                let ids: Vec<usize> = (0..s.posts.len()).collect();
                let title = if n > 1 {
                    format!("Page {n}")
                } else {
                    String::new()
                };
                (
                    "index.html",
                    vec![
                        ("meta", v(&self.meta(&title, &c.description, path, "home"))),
                        ("posts", v(&self.cards(self.slice(&ids, n)))),
                        ("pager", v(&self.pager("", ids.len(), n))),
                    ],
                )
            }
            Job::Post(i) => self.post_context(i, path),
            Job::Page(i) => {
                let p = &s.pages[i];
                let desc = p
                    .description
                    .clone()
                    .unwrap_or_else(|| p.body.summary_text.clone());
                (
                    "page.html",
                    vec![
                        ("meta", v(&self.meta(&p.title, &desc, path, "page"))),
                        (
                            "page",
                            json!({"title": p.title, "content_html": p.body.html}),
                        ),
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
                        })
                    })
                    .collect();
                (
                    "authors.html",
                    vec![
                        (
                            "meta",
                            v(&self.meta(
                                "Authors",
                                &format!("The experts who write {}", c.title),
                                path,
                                "authors",
                            )),
                        ),
                        ("authors", Value::Array(authors)),
                    ],
                )
            }
            Job::Author(a, n) => self.author_context(a, n, path),
            Job::Tags => (
                "tags.html",
                vec![
                    (
                        "meta",
                        v(&self.meta(
                            "Topics",
                            &format!("Every topic on {}", c.title),
                            path,
                            "tags",
                        )),
                    ),
                    ("tags", v(&self.shared.tags)),
                ],
            ),
            Job::Tag(t, n) => {
                let tag = &s.index.tags[t];
                let mut meta = self.meta(
                    &format!("Posts about {}", tag.name),
                    &format!("Posts about {} on {}", tag.name, c.title),
                    path,
                    "tag",
                );
                if n > 1 {
                    meta.title = format!("{} (page {n})", meta.title);
                }
                (
                    "tag.html",
                    vec![
                        ("meta", v(&meta)),
                        ("tag", v(&self.shared.tags[t])),
                        ("posts", v(&self.cards(self.slice(&tag.posts, n)))),
                        ("pager", v(&self.pager(&tag.path(), tag.posts.len(), n))),
                    ],
                )
            }
            Job::Archive => {
                let mut years: Vec<Value> = Vec::new();
                let mut current: Option<(i32, Vec<&PostCard>)> = None;
                for card in &self.shared.cards {
                    match current.as_mut() {
                        Some((y, list)) if *y == card.date.year => list.push(card),
                        _ => {
                            if let Some((y, list)) = current.take() {
                                years.push(json!({"year": y, "posts": list}));
                            }
                            current = Some((card.date.year, vec![card]));
                        }
                    }
                }
                if let Some((y, list)) = current {
                    years.push(json!({"year": y, "posts": list}));
                }
                (
                    "archive.html",
                    vec![
                        (
                            "meta",
                            v(&self.meta(
                                "Archive",
                                &format!("Every post on {}, by year", c.title),
                                path,
                                "archive",
                            )),
                        ),
                        ("years", Value::Array(years)),
                    ],
                )
            }
            Job::NotFound => {
                let mut meta = self.meta("Page not found", "", path, "404");
                meta.noindex = true;
                (
                    "404.html",
                    vec![
                        ("meta", v(&meta)),
                        (
                            "posts",
                            v(&self.cards(&(0..s.posts.len().min(5)).collect::<Vec<_>>())),
                        ),
                    ],
                )
            }
            Job::Rss => {
                let items: Vec<Value> = (0..s.posts.len().min(c.feed_items))
                    .map(|i| self.feed_item(i))
                    .collect();
                (
                    "rss.xml",
                    vec![
                        (
                            "feed",
                            json!({"title": c.title, "description": c.description, "url": c.url(""), "self_url": c.url("rss.xml"),
                        "updated": s.posts.first().map(|p| DateView::from(p.modified()).rfc822)}),
                        ),
                        ("items", Value::Array(items)),
                    ],
                )
            }
            Job::Sitemap => (
                "sitemap.xml",
                vec![("entries", Value::Array(self.sitemap_entries(all)))],
            ),
            Job::Robots => (
                "robots.txt",
                vec![("sitemap_url", json!(c.url("sitemap.xml")))],
            ),
        }
    }

    fn post_context(&self, i: usize, path: &str) -> (&'static str, Vec<(&'static str, Value)>) {
        let s = self.site;
        let p = &s.posts[i];
        let card = &self.shared.cards[i];
        let desc = p
            .description
            .clone()
            .unwrap_or_else(|| p.body.summary_text.clone());
        let mut meta = self.meta(&p.title, &desc, path, "post");
        if let Some(canon) = &p.canonical_url {
            meta.url = canon.clone();
        }
        meta.noindex = s.is_unpublished(p);
        let neighbour = |j: usize| {
            s.posts
                .get(j)
                .map(|q| json!({"title": q.title, "url": s.config.url(&q.path())}))
        };
        let post = json!({
            "card": card,
            "title": p.title,
            "description": p.description,
            "content_html": p.body.html,
            "updated": p.updated.filter(|u| *u > p.date).map(DateView::from),
            "image": p.image,
            "image_alt": p.image_alt,
            "keywords": p.keywords,
            "word_count": p.body.word_count,
            "reading_minutes": reading_minutes(p.body.word_count),
            "older": neighbour(i + 1),
            "newer": i.checked_sub(1).and_then(neighbour),
        });
        ("post.html", vec![("meta", v(&meta)), ("post", post)])
    }

    fn author_context(
        &self,
        a: usize,
        n: usize,
        path: &str,
    ) -> (&'static str, Vec<(&'static str, Value)>) {
        let s = self.site;
        let author = &s.authors[a];
        let ids = &s.index.author_posts[a];
        let desc = if author.bio.summary_text.is_empty() {
            format!("{} writes on {}", author.name, s.config.title)
        } else {
            author.bio.summary_text.clone()
        };
        let mut meta = self.meta(&author.name, &desc, path, "author");
        if n > 1 {
            meta.title = format!("{} (page {n})", meta.title);
        }
        let view = json!({
            "ref": self.shared.authors[a],
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
        });
        (
            "author.html",
            vec![
                ("meta", v(&meta)),
                ("author", view),
                ("posts", v(&self.cards(self.slice(ids, n)))),
                ("pager", v(&self.pager(&author.path(), ids.len(), n))),
            ],
        )
    }

    fn feed_item(&self, i: usize) -> Value {
        let p = &self.site.posts[i];
        let card = &self.shared.cards[i];
        json!({
            "title": p.title,
            "url": card.url,
            "guid": card.url,
            "date": card.date,
            "authors": card.authors,
            "tags": card.tags,
            "description": p.description.clone().unwrap_or_else(|| p.body.summary_text.clone()),
            "content_html": p.body.html,
        })
    }

    fn sitemap_entries(&self, all: &[Job]) -> Vec<Value> {
        let s = self.site;
        let newest = |ids: &[usize]| ids.iter().map(|&i| s.posts[i].modified()).max();
        let site_newest = s.posts.iter().map(|p| p.modified()).max();
        all.iter()
            .filter_map(|job| {
                let lastmod = match *job {
                    Job::Post(i) => {
                        if s.is_unpublished(&s.posts[i]) || s.posts[i].canonical_url.is_some() {
                            return None;
                        }
                        Some(s.posts[i].modified())
                    }
                    Job::Author(a, _) => newest(&s.index.author_posts[a]).or(site_newest),
                    Job::Tag(t, _) => newest(&s.index.tags[t].posts),
                    Job::Home(_) | Job::Page(_) | Job::Authors | Job::Tags | Job::Archive => site_newest,
                    Job::NotFound | Job::Rss | Job::Sitemap | Job::Robots => return None,
                };
                Some(json!({"url": s.config.url(&self.path(job)), "lastmod": lastmod.map(|d| d.to_rfc3339())}))
            })
            .collect()
    }
}

//! Paginated lists of post cards: the home page and each tag's page.

use serde::Serialize;

use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::paging::{Pager, paged, pages_of, range, slice};
use crate::render::record::Listed;
use crate::render::seo::{Feed, Meta};
use crate::render::views::TagRef;
use crate::support::diagnostic::Diagnostic;

/// The variables of `index.html` and `tag.html`.
#[derive(Serialize)]
struct ListVars<'a> {
    meta: Meta,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<&'a TagRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<&'a str>,
    cards: Vec<String>,
    pager: Pager,
}

/// One page of the home list.
#[derive(Serialize)]
pub(crate) struct HomeRecord<'a> {
    path: String,
    n: usize,
    pager: Pager,
    cards: Vec<Listed<'a>>,
}

/// The home page and its later pages.
pub(crate) struct Home;

impl Output for Home {
    type Job = usize;
    type Record<'r> = HomeRecord<'r>;
    const NAME: &'static str = "home";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<usize> {
        pages_of((), r.site.posts.len(), r.config().posts_per_page).map(|(_, n)| n).collect()
    }

    fn path(&self, _: &Reads, n: usize) -> String {
        paged("", n)
    }

    fn sitemap(&self, r: &Reads, _: usize) -> Sitemap {
        Sitemap::Listed(r.newest)
    }

    fn record<'r>(&self, r: &'r Reads<'r>, n: usize) -> HomeRecord<'r> {
        let posts = r.site.posts.len();
        let ids: Vec<usize> = range(posts, n, r.config().posts_per_page).collect();
        let pager = Pager::new(r.config(), "", posts, n);
        HomeRecord { path: self.path(r, n), n, pager, cards: r.list(&ids) }
    }

    fn render(&self, env: &Env, rec: &HomeRecord) -> Result<Content, Diagnostic> {
        let c = env.site;
        let title = if rec.n > 1 { format!("Page {}", rec.n) } else { String::new() };
        let mut meta = env.seo.page(&title, &c.description, &rec.path, "home");
        if rec.n == 1 {
            env.seo.home(&mut meta);
        }
        let vars = ListVars {
            meta,
            tag: None,
            feed_url: None,
            cards: env.cards(&rec.cards, false)?,
            pager: rec.pager.clone(),
        };
        env.page("index.html", &vars)
    }
}

/// One page of a tag's list.
#[derive(Serialize)]
pub(crate) struct TagRecord<'a> {
    path: String,
    n: usize,
    pager: Pager,
    tag: &'a TagRef,
    feed_url: String,
    cards: Vec<Listed<'a>>,
}

/// Each tag's page and its later pages.
pub(crate) struct TagPages;

impl Output for TagPages {
    /// The tag (its place in the tag index) and the page number.
    type Job = (usize, usize);
    type Record<'r> = TagRecord<'r>;
    const NAME: &'static str = "tag";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<(usize, usize)> {
        let pp = r.config().posts_per_page;
        r.site.index.tags.iter().enumerate().flat_map(|(t, tag)| pages_of(t, tag.posts.len(), pp)).collect()
    }

    fn path(&self, r: &Reads, (t, n): (usize, usize)) -> String {
        paged(&r.site.index.tags[t].path(), n)
    }

    fn sitemap(&self, r: &Reads, (t, _): (usize, usize)) -> Sitemap {
        Sitemap::Listed(r.tag_newest[t])
    }

    fn record<'r>(&self, r: &'r Reads<'r>, (t, n): (usize, usize)) -> TagRecord<'r> {
        let tag = &r.site.index.tags[t];
        let base = tag.path();
        TagRecord {
            path: self.path(r, (t, n)),
            feed_url: r.config().url(&format!("{base}rss.xml")),
            pager: Pager::new(r.config(), &base, tag.posts.len(), n),
            n,
            tag: &r.shared.tags[t],
            cards: r.list(slice(&tag.posts, n, r.config().posts_per_page)),
        }
    }

    fn render(&self, env: &Env, rec: &TagRecord) -> Result<Content, Diagnostic> {
        let c = env.site;
        let name = &rec.tag.name;
        let title = match rec.n {
            1 => format!("Posts about {name}"),
            n => format!("Posts about {name} (page {n})"),
        };
        let mut meta = env.seo.page(&title, &format!("Posts about {name} on {}", c.title), &rec.path, "tag");
        meta.keywords = name.clone();
        meta.feeds.push(Feed {
            title: format!("{name} on {}", c.title),
            url: rec.feed_url.clone(),
            mime: "application/rss+xml",
        });
        let vars = ListVars {
            meta,
            tag: Some(rec.tag),
            feed_url: Some(&rec.feed_url),
            cards: env.cards(&rec.cards, false)?,
            pager: rec.pager.clone(),
        };
        env.page("tag.html", &vars)
    }
}

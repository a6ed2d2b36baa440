//! Standalone pages (About, Contact) and the page for addresses that lead nowhere.

use serde::Serialize;

use crate::model::Page;
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::pictures::Pictures;
use crate::render::record::{Listed, Whole};
use crate::render::seo::Meta;
use crate::render::views::PostCard;
use crate::support::diagnostic::Diagnostic;

#[derive(Serialize)]
pub(crate) struct PageRecord<'a> {
    path: String,
    page: Whole<'a, Page>,
    /// The images of the body in variants (their sizes are not in the page's fingerprint).
    pictures: Pictures,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    content_html: &'a str,
}

#[derive(Serialize)]
struct PageVars<'a> {
    meta: Meta,
    page: PageView<'a>,
}

/// Every page of `content/pages/`.
pub(crate) struct Pages;

impl Output for Pages {
    type Job = usize;
    type Record<'r> = PageRecord<'r>;
    const NAME: &'static str = "page";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<usize> {
        (0..r.site.pages.len()).collect()
    }

    fn path(&self, r: &Reads, i: usize) -> String {
        r.site.pages[i].path()
    }

    fn sitemap(&self, r: &Reads, _: usize) -> Sitemap {
        Sitemap::Listed(r.newest)
    }

    fn record<'r>(&self, r: &'r Reads<'r>, i: usize) -> PageRecord<'r> {
        let page = &r.site.pages[i];
        PageRecord { path: self.path(r, i), page: Whole(page), pictures: Pictures::of(r.site, &page.body) }
    }

    fn render(&self, env: &Env, rec: &PageRecord) -> Result<Content, Diagnostic> {
        let p = &*rec.page;
        let desc = p.description.clone().unwrap_or_else(|| p.body.summary_text.clone());
        let meta = env.seo.page(&p.title, &desc, &rec.path, "page");
        let content_html = rec.pictures.html(&p.body, true);
        env.page(
            "page.html",
            &PageVars { meta, page: PageView { title: &p.title, content_html: &content_html } },
        )
    }
}

#[derive(Serialize)]
pub(crate) struct NotFoundRecord<'a> {
    recent: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct NotFoundVars<'a> {
    meta: Meta,
    posts: Vec<&'a PostCard>,
}

/// `404.html`, with the newest posts.
pub(crate) struct NotFound;

const NOT_FOUND: &str = "404.html";

impl Output for NotFound {
    type Job = ();
    type Record<'r> = NotFoundRecord<'r>;
    const NAME: &'static str = "404";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        NOT_FOUND.into()
    }

    /// Not a page to find.
    fn sitemap(&self, _: &Reads, _: ()) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> NotFoundRecord<'r> {
        let recent: Vec<usize> = (0..r.site.posts.len().min(5)).collect();
        NotFoundRecord { recent: r.list(&recent) }
    }

    fn render(&self, env: &Env, rec: &NotFoundRecord) -> Result<Content, Diagnostic> {
        let meta = env.seo.page("Page not found", "", NOT_FOUND, "404");
        env.page("404.html", &NotFoundVars { meta, posts: rec.recent.iter().map(|l| l.card).collect() })
    }
}

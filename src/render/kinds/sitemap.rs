//! `sitemap.xml`, listing every HTML page every other kind makes (each kind says
//! which of its files are listed), and `robots.txt` pointing at it.

use serde::Serialize;

use crate::render::output::{Content, Env, Output, Reads, Sitemap as Listing, SitemapEntry};
use crate::support::diagnostic::Diagnostic;

#[derive(Serialize)]
struct SitemapVars<'a> {
    entries: &'a [SitemapEntry],
}

/// Planned after every kind it lists.
pub(crate) struct Sitemap;

impl Output for Sitemap {
    type Job = ();
    type Record<'r> = &'r [SitemapEntry];
    const NAME: &'static str = "sitemap";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "sitemap.xml".into()
    }

    /// The sitemap itself is not a page.
    fn sitemap(&self, _: &Reads, _: ()) -> Listing {
        Listing::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> &'r [SitemapEntry] {
        &r.sitemap
    }

    fn render(&self, env: &Env, entries: &&[SitemapEntry]) -> Result<Content, Diagnostic> {
        env.page("sitemap.xml", &SitemapVars { entries })
    }
}

#[derive(Serialize)]
pub(crate) struct RobotsVars {
    sitemap_url: String,
}

pub(crate) struct Robots;

impl Output for Robots {
    type Job = ();
    type Record<'r> = RobotsVars;
    const NAME: &'static str = "robots";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "robots.txt".into()
    }

    /// Not a page.
    fn sitemap(&self, _: &Reads, _: ()) -> Listing {
        Listing::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> RobotsVars {
        RobotsVars { sitemap_url: r.config().url("sitemap.xml") }
    }

    fn render(&self, env: &Env, vars: &RobotsVars) -> Result<Content, Diagnostic> {
        env.page("robots.txt", vars)
    }
}

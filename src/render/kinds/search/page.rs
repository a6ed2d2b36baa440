//! The `/search/` page: a search field, the filters and the results, all filled
//! in by the theme's script from the index; without JavaScript it links to the
//! archive, the topics and the authors.

use serde::Serialize;

use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::seo::Meta;
use crate::support::diagnostic::Diagnostic;

/// The page's address.
const PATH: &str = "search/";

#[derive(Serialize)]
struct SearchVars {
    meta: Meta,
}

/// The search page, when the site has search.
pub(crate) struct SearchPage;

impl Output for SearchPage {
    type Job = ();
    /// Everything it shows comes from the settings and the templates.
    type Record<'r> = ();
    const NAME: &'static str = "search-page";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<()> {
        if r.config().search { vec![()] } else { Vec::new() }
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        PATH.to_string()
    }

    /// A page of results is no page for search engines.
    fn sitemap(&self, _: &Reads, _: ()) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, _: &'r Reads<'r>, _: ()) {}

    fn render(&self, env: &Env, _: &()) -> Result<Content, Diagnostic> {
        let description = format!("Search every post, author and page of {}.", env.site.title);
        let mut meta = env.seo.page("Search", &description, PATH, "search");
        meta.noindex = true;
        env.page("search.html", &SearchVars { meta })
    }
}

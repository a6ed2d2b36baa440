//! `css/syntax.css`: the colours of highlighted code, for the theme `site.yaml`
//! names (none without one).

use crate::markdown::highlight;
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::site_view::STYLESHEET;
use crate::support::diagnostic::Diagnostic;

pub(crate) struct Stylesheet;

impl Output for Stylesheet {
    type Job = ();
    /// The theme's name.
    type Record<'r> = &'r str;
    const NAME: &'static str = "stylesheet";
    const USES_THEME: bool = false;

    fn jobs(&self, r: &Reads) -> Vec<()> {
        r.config().highlight_theme.iter().map(|_| ()).collect()
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        STYLESHEET.into()
    }

    /// Not a page.
    fn sitemap(&self, _: &Reads, _: ()) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> &'r str {
        r.config().highlight_theme.as_deref().unwrap_or_default()
    }

    fn render(&self, _: &Env, theme: &&str) -> Result<Content, Diagnostic> {
        Ok(Content::Bytes(highlight::stylesheet(theme).unwrap_or_default().into_bytes()))
    }
}

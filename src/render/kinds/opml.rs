//! `authors.opml`: every author's feed, for a feed reader to follow them all.

use serde::Serialize;

use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::views::{AuthorRef, rfc2822};
use crate::support::diagnostic::Diagnostic;

#[derive(Serialize)]
pub(crate) struct Outline<'a> {
    name: &'a str,
    role: &'a Option<String>,
    html_url: &'a str,
    feed_url: String,
}

#[derive(Serialize)]
pub(crate) struct OpmlRecord<'a> {
    authors: Vec<Outline<'a>>,
    /// When any post last changed, as RFC 822.
    created: Option<String>,
}

#[derive(Serialize)]
struct OpmlVars<'a> {
    title: String,
    created: &'a Option<String>,
    authors: &'a [Outline<'a>],
}

pub(crate) struct Opml;

impl Output for Opml {
    type Job = ();
    type Record<'r> = OpmlRecord<'r>;
    const NAME: &'static str = "opml";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "authors.opml".into()
    }

    /// A list of feeds, not a page.
    fn sitemap(&self, _: &Reads, _: ()) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> OpmlRecord<'r> {
        let outline = |a: &'r AuthorRef| Outline {
            name: &a.name,
            role: &a.role,
            html_url: &a.url,
            feed_url: format!("{}rss.xml", a.url),
        };
        OpmlRecord {
            authors: r.shared.authors.iter().map(outline).collect(),
            created: r.newest.map(|d| rfc2822(&d)),
        }
    }

    fn render(&self, env: &Env, rec: &OpmlRecord) -> Result<Content, Diagnostic> {
        let title = format!("{}: every author", env.site.title);
        env.page("authors.opml", &OpmlVars { title, created: &rec.created, authors: &rec.authors })
    }
}

//! Series: `series/` (every series, the most recently active first), each series'
//! page of its posts in order (`series/<slug>/`, paginated like a tag's), its RSS
//! and Atom feeds, and the box a post of a series shows of it (see `post.rs`).

use serde::Serialize;

use super::feeds::{self, Channel, FeedRecord};
use crate::model::Series;
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::paging::{Pager, paged, pages_of, slice};
use crate::render::record::Listed;
use crate::render::seo::{Feed, Meta, SeriesPlace};
use crate::render::views::DateView;
use crate::support::diagnostic::Diagnostic;

/// One part of a series, as a post's series box lists it.
#[derive(Serialize, Clone, Copy)]
pub(crate) struct Part<'a> {
    title: &'a str,
    url: &'a str,
    current: bool,
}

/// What a post of a series shows of it: its name and page, every part, and the
/// parts before and after this one.
#[derive(Serialize)]
pub(crate) struct SeriesBox<'a> {
    name: &'a str,
    url: String,
    /// This post's place in the series, from 1.
    position: usize,
    parts: Vec<Part<'a>>,
    prev: Option<Part<'a>>,
    next: Option<Part<'a>>,
}

impl SeriesBox<'_> {
    /// Where the post stands, for its metadata.
    pub(crate) fn place(&self) -> SeriesPlace<'_> {
        SeriesPlace { name: self.name, url: &self.url, position: self.position }
    }
}

/// The series box of post `i`, when it is part of a series.
pub(crate) fn series_box<'r>(r: &'r Reads<'r>, i: usize) -> Option<SeriesBox<'r>> {
    let (s, place) = r.site.index.post_series.get(i).copied().flatten()?;
    let series = &r.site.index.series[s];
    let parts: Vec<Part> = (series.posts.iter().enumerate())
        .map(|(k, &j)| Part {
            title: &r.site.posts[j].title,
            url: &r.shared.card(j).url,
            current: k == place,
        })
        .collect();
    Some(SeriesBox {
        name: &series.name,
        url: r.config().url(&series.path()),
        position: place + 1,
        prev: place.checked_sub(1).map(|k| parts[k]),
        next: parts.get(place + 1).copied(),
        parts,
    })
}

/// When any post of `series` last changed.
fn newest(r: &Reads, series: &Series) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    series.posts.iter().map(|&i| r.site.posts[i].modified()).max()
}

/// One series of the series page.
#[derive(Serialize)]
pub(crate) struct SeriesEntry<'a> {
    name: &'a str,
    url: String,
    count: usize,
    updated: Option<DateView>,
}

#[derive(Serialize)]
pub(crate) struct SeriesIndexRecord<'a> {
    series: Vec<SeriesEntry<'a>>,
}

#[derive(Serialize)]
struct SeriesIndexVars<'a> {
    meta: Meta,
    series: &'a [SeriesEntry<'a>],
}

/// `series/`: every series, the one with the most recent change first.
pub(crate) struct SeriesIndex;

impl Output for SeriesIndex {
    type Job = ();
    type Record<'r> = SeriesIndexRecord<'r>;
    const NAME: &'static str = "series index";
    const USES_THEME: bool = true;

    /// Only a site with a series has the page.
    fn jobs(&self, r: &Reads) -> Vec<()> {
        if r.site.index.series.is_empty() { Vec::new() } else { vec![()] }
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "series/".into()
    }

    fn sitemap(&self, r: &Reads, _: ()) -> Sitemap {
        Sitemap::Listed(r.site.index.series.iter().filter_map(|s| newest(r, s)).max())
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> SeriesIndexRecord<'r> {
        let mut all: Vec<(Option<_>, &Series)> =
            r.site.index.series.iter().map(|s| (newest(r, s), s)).collect();
        // Newest first; series sorted by name already, and the sort is stable.
        all.sort_by_key(|a| std::cmp::Reverse(a.0));
        let series = (all.into_iter())
            .map(|(updated, s)| SeriesEntry {
                name: &s.name,
                url: r.config().url(&s.path()),
                count: s.posts.len(),
                updated: updated.map(DateView::from),
            })
            .collect();
        SeriesIndexRecord { series }
    }

    fn render(&self, env: &Env, rec: &SeriesIndexRecord) -> Result<Content, Diagnostic> {
        let desc = format!("Every series of posts on {}", env.site.title);
        let meta = env.seo.page("Series", &desc, "series/", "series-index");
        env.page("series-index.html", &SeriesIndexVars { meta, series: &rec.series })
    }
}

/// A series as its page shows it.
#[derive(Serialize)]
pub(crate) struct SeriesView<'a> {
    name: &'a str,
    url: String,
    count: usize,
    pager: Pager,
    /// The part number of the first post of this page.
    first: usize,
    rss: String,
    atom: String,
}

/// One page of a series' list.
#[derive(Serialize)]
pub(crate) struct SeriesRecord<'a> {
    path: String,
    n: usize,
    series: SeriesView<'a>,
    cards: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct SeriesVars<'a> {
    meta: Meta,
    series: &'a SeriesView<'a>,
    cards: Vec<String>,
}

/// Each series' page and its later pages: its posts in the series' order.
pub(crate) struct SeriesPages;

impl Output for SeriesPages {
    /// The series (its place in the index) and the page number.
    type Job = (usize, usize);
    type Record<'r> = SeriesRecord<'r>;
    const NAME: &'static str = "series";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<(usize, usize)> {
        let pp = r.config().posts_per_page;
        (r.site.index.series.iter().enumerate())
            .flat_map(|(s, one)| pages_of(s, one.posts.len(), pp))
            .collect()
    }

    fn path(&self, r: &Reads, (s, n): (usize, usize)) -> String {
        paged(&r.site.index.series[s].path(), n)
    }

    fn sitemap(&self, r: &Reads, (s, _): (usize, usize)) -> Sitemap {
        Sitemap::Listed(newest(r, &r.site.index.series[s]))
    }

    fn record<'r>(&self, r: &'r Reads<'r>, (s, n): (usize, usize)) -> SeriesRecord<'r> {
        let (c, series) = (r.config(), &r.site.index.series[s]);
        let base = series.path();
        let view = SeriesView {
            name: &series.name,
            url: c.url(&base),
            count: series.posts.len(),
            pager: Pager::new(c, &base, series.posts.len(), n),
            first: (n - 1) * c.posts_per_page + 1,
            rss: c.url(&format!("{base}rss.xml")),
            atom: c.url(&format!("{base}atom.xml")),
        };
        SeriesRecord {
            path: self.path(r, (s, n)),
            n,
            series: view,
            cards: r.list(slice(&series.posts, n, c.posts_per_page)),
        }
    }

    fn render(&self, env: &Env, rec: &SeriesRecord) -> Result<Content, Diagnostic> {
        let (c, s) = (env.site, &rec.series);
        let name = s.name;
        let title = match rec.n {
            1 => format!("Series: {name}"),
            n => format!("Series: {name} (page {n})"),
        };
        let desc = format!("The {} parts of the series {name} on {}, in order", s.count, c.title);
        let parents = [("Series".to_string(), c.url("series/"))];
        let mut meta = env.seo.page_in(&title, &desc, &rec.path, "series", &parents);
        meta.feeds.push(Feed {
            title: format!("{name} (RSS)"),
            url: s.rss.clone(),
            mime: "application/rss+xml",
        });
        meta.feeds.push(Feed {
            title: format!("{name} (Atom)"),
            url: s.atom.clone(),
            mime: "application/atom+xml",
        });
        let vars = SeriesVars { meta, series: s, cards: env.cards(&rec.cards, false)? };
        env.page("series.html", &vars)
    }
}

/// `series/<slug>/rss.xml` and `atom.xml`: each series' newest posts.
pub(crate) struct SeriesFeeds;

impl Output for SeriesFeeds {
    /// The series, and whether the feed is Atom.
    type Job = (usize, bool);
    type Record<'r> = FeedRecord<'r>;
    const NAME: &'static str = "series feed";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<(usize, bool)> {
        (0..r.site.index.series.len()).flat_map(|s| [(s, false), (s, true)]).collect()
    }

    fn path(&self, r: &Reads, (s, atom): (usize, bool)) -> String {
        let file = if atom { "atom.xml" } else { "rss.xml" };
        format!("{}{file}", r.site.index.series[s].path())
    }

    /// A feed, not a page.
    fn sitemap(&self, _: &Reads, _: (usize, bool)) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, (s, atom): (usize, bool)) -> FeedRecord<'r> {
        let c = r.config();
        let series = &r.site.index.series[s];
        let channel = Channel {
            title: format!("{} · {}", series.name, c.title),
            description: format!("The series {} on {}", series.name, c.title),
            url: c.url(&series.path()),
            self_url: c.url(&self.path(r, (s, atom))),
        };
        // Newest first, as every feed: the site's posts are in that order.
        let mut ids = series.posts.clone();
        ids.sort_unstable();
        FeedRecord { atom, channel, entries: feeds::entries(r, ids.into_iter()) }
    }

    fn render(&self, env: &Env, rec: &FeedRecord) -> Result<Content, Diagnostic> {
        feeds::render(env, rec)
    }
}

//! The pages that list everything of one kind: every author, every topic, and the
//! archive of every post by year.

use serde::Serialize;

use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::record::{Hashed, Listed};
use crate::render::seo::Meta;
use crate::render::views::{AuthorRef, PostCard, TagRef};
use crate::support::diagnostic::Diagnostic;

/// One author of the authors page (`A`: the author in a record, or as templates
/// see them).
#[derive(Serialize)]
pub(crate) struct AuthorEntry<'a, A> {
    author: A,
    expertise: &'a [String],
    post_count: usize,
    feed_url: String,
}

#[derive(Serialize)]
pub(crate) struct AuthorsRecord<'a> {
    authors: Vec<AuthorEntry<'a, Hashed<'a, AuthorRef>>>,
}

#[derive(Serialize)]
struct AuthorsVars<'a> {
    meta: Meta,
    authors: Vec<AuthorEntry<'a, &'a AuthorRef>>,
}

/// `authors/`: every author.
pub(crate) struct AuthorIndex;

impl Output for AuthorIndex {
    type Job = ();
    type Record<'r> = AuthorsRecord<'r>;
    const NAME: &'static str = "authors";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "authors/".into()
    }

    fn sitemap(&self, r: &Reads, _: ()) -> Sitemap {
        Sitemap::Listed(r.newest)
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> AuthorsRecord<'r> {
        let s = r.site;
        let authors = (s.authors.iter().enumerate())
            .map(|(i, a)| AuthorEntry {
                author: r.shared.author(i),
                expertise: &a.expertise,
                post_count: s.index.author_posts[i].len(),
                feed_url: s.config.url(&format!("{}rss.xml", a.path())),
            })
            .collect();
        AuthorsRecord { authors }
    }

    fn render(&self, env: &Env, rec: &AuthorsRecord) -> Result<Content, Diagnostic> {
        let desc = format!("The experts who write {}", env.site.title);
        let meta = env.seo.page("Authors", &desc, "authors/", "authors");
        let authors = (rec.authors.iter())
            .map(|e| AuthorEntry {
                author: e.author.value,
                expertise: e.expertise,
                post_count: e.post_count,
                feed_url: e.feed_url.clone(),
            })
            .collect();
        env.page("authors.html", &AuthorsVars { meta, authors })
    }
}

#[derive(Serialize)]
pub(crate) struct TagsRecord<'a> {
    tags: &'a [TagRef],
}

#[derive(Serialize)]
struct TagsVars<'a> {
    meta: Meta,
    tags: &'a [TagRef],
}

/// `tags/`: every topic.
pub(crate) struct TagIndex;

impl Output for TagIndex {
    type Job = ();
    type Record<'r> = TagsRecord<'r>;
    const NAME: &'static str = "tags";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "tags/".into()
    }

    fn sitemap(&self, r: &Reads, _: ()) -> Sitemap {
        Sitemap::Listed(r.newest)
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> TagsRecord<'r> {
        TagsRecord { tags: &r.shared.tags }
    }

    fn render(&self, env: &Env, rec: &TagsRecord) -> Result<Content, Diagnostic> {
        let desc = format!("Every topic on {}", env.site.title);
        let meta = env.seo.page("Topics", &desc, "tags/", "tags");
        env.page("tags.html", &TagsVars { meta, tags: rec.tags })
    }
}

#[derive(Serialize)]
pub(crate) struct ArchiveRecord<'a> {
    posts: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct Year<'a> {
    year: i32,
    posts: Vec<&'a PostCard>,
}

#[derive(Serialize)]
struct ArchiveVars<'a> {
    meta: Meta,
    years: Vec<Year<'a>>,
}

/// `archive/`: every post, by year.
pub(crate) struct Archive;

impl Output for Archive {
    type Job = ();
    type Record<'r> = ArchiveRecord<'r>;
    const NAME: &'static str = "archive";
    const USES_THEME: bool = true;

    fn jobs(&self, _: &Reads) -> Vec<()> {
        vec![()]
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "archive/".into()
    }

    fn sitemap(&self, r: &Reads, _: ()) -> Sitemap {
        Sitemap::Listed(r.newest)
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> ArchiveRecord<'r> {
        ArchiveRecord { posts: (0..r.site.posts.len()).map(|i| r.shared.listed(i)).collect() }
    }

    fn render(&self, env: &Env, rec: &ArchiveRecord) -> Result<Content, Diagnostic> {
        let mut years: Vec<Year> = Vec::new();
        for card in rec.posts.iter().map(|l| l.card) {
            match years.last_mut() {
                Some(y) if y.year == card.date.year => y.posts.push(card),
                _ => years.push(Year { year: card.date.year, posts: vec![card] }),
            }
        }
        let desc = format!("Every post on {}, by year", env.site.title);
        let meta = env.seo.page("Archive", &desc, "archive/", "archive");
        env.page("archive.html", &ArchiveVars { meta, years })
    }
}

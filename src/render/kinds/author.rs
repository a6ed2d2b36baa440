//! Each author's page, and its later pages: who they are, how to reach them, whom
//! they write with, their topics and their posts.

use serde::Serialize;

use crate::model::{Author, SocialLink};
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::paging::{Pager, paged, pages_of, slice};
use crate::render::pictures::Pictures;
use crate::render::record::{Hashed, Listed, Whole};
use crate::render::seo::Meta;
use crate::render::views::{AuthorRef, TagRef};
use crate::support::diagnostic::Diagnostic;

/// A co-author, with the number of posts written together (`A`: the author in a
/// record, or as templates see them).
#[derive(Serialize)]
pub(crate) struct Coauthor<A> {
    author: A,
    count: usize,
}

/// One of the author's topics, with their number of posts in it.
#[derive(Serialize)]
pub(crate) struct Topic<'a> {
    tag: &'a TagRef,
    count: usize,
}

#[derive(Serialize)]
pub(crate) struct AuthorRecord<'a> {
    path: String,
    n: usize,
    pager: Pager,
    author: Whole<'a, Author>,
    view: Hashed<'a, AuthorRef>,
    post_count: usize,
    /// When their newest post last changed, as its card says.
    newest: Option<&'a str>,
    coauthors: Vec<Coauthor<Hashed<'a, AuthorRef>>>,
    tags: Vec<Topic<'a>>,
    cards: Vec<Listed<'a>>,
    /// The images of the bio in variants (their sizes are not in the author's fingerprint).
    pictures: Pictures,
}

/// The `author` variable of `author.html`.
#[derive(Serialize)]
struct AuthorView<'a> {
    #[serde(rename = "ref")]
    view: &'a AuthorRef,
    id: &'a str,
    name: &'a str,
    role: &'a Option<String>,
    photo: &'a Option<String>,
    photo_stem: &'a Option<String>,
    photo_ext: &'a Option<&'static str>,
    photo_sizes: &'a [u32],
    initials: &'a str,
    email: &'a Option<String>,
    location: &'a Option<String>,
    expertise: &'a [String],
    social: &'a [SocialLink],
    bio_html: &'a str,
    post_count: usize,
    feed_url: String,
    coauthors: Vec<Coauthor<&'a AuthorRef>>,
    tags: &'a [Topic<'a>],
}

#[derive(Serialize)]
struct AuthorVars<'a> {
    meta: Meta,
    author: AuthorView<'a>,
    cards: Vec<String>,
    pager: Pager,
}

/// Every author's page.
pub(crate) struct AuthorPages;

impl Output for AuthorPages {
    /// The author (their place in `Site::authors`) and the page number.
    type Job = (usize, usize);
    type Record<'r> = AuthorRecord<'r>;
    const NAME: &'static str = "author";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<(usize, usize)> {
        let pp = r.config().posts_per_page;
        (r.site.index.author_posts.iter().enumerate())
            .flat_map(|(a, ids)| pages_of(a, ids.len(), pp))
            .collect()
    }

    fn path(&self, r: &Reads, (a, n): (usize, usize)) -> String {
        paged(&r.site.authors[a].path(), n)
    }

    /// An author without posts yet changed when the blog last did.
    fn sitemap(&self, r: &Reads, (a, _): (usize, usize)) -> Sitemap {
        Sitemap::Listed(r.author_newest[a].or(r.newest))
    }

    fn record<'r>(&self, r: &'r Reads<'r>, (a, n): (usize, usize)) -> AuthorRecord<'r> {
        let s = r.site;
        let ids = &s.index.author_posts[a];
        let about = r.about(a);
        let coauthors = (about.coauthors.iter())
            .map(|&(b, count)| Coauthor { author: r.shared.author(b), count })
            .collect();
        let tags = (about.tags.iter()).map(|&(t, count)| Topic { tag: &r.shared.tags[t], count }).collect();
        AuthorRecord {
            path: self.path(r, (a, n)),
            n,
            pager: Pager::new(r.config(), &s.authors[a].path(), ids.len(), n),
            author: Whole(&s.authors[a]),
            view: r.shared.author(a),
            post_count: ids.len(),
            newest: ids.first().map(|&p| r.shared.card(p).modified.iso.as_str()),
            coauthors,
            tags,
            cards: r.list(slice(ids, n, s.config.posts_per_page)),
            pictures: Pictures::of(s, &s.authors[a].bio),
        }
    }

    fn render(&self, env: &Env, rec: &AuthorRecord) -> Result<Content, Diagnostic> {
        let c = env.site;
        let author = &*rec.author;
        let desc = if author.bio.summary_text.is_empty() {
            format!("{} writes on {}", author.name, c.title)
        } else {
            author.bio.summary_text.clone()
        };
        let title = if rec.n > 1 { format!("{} (page {})", author.name, rec.n) } else { author.name.clone() };
        let mut meta = env.seo.page(&title, &desc, &rec.path, "author");
        env.seo.author(author, rec.view.value, rec.newest, &mut meta);
        // The author's photo, when they have one, is the first image of the page.
        let bio_html = rec.pictures.html(&author.bio, author.photo.is_none());
        let view = AuthorView {
            view: rec.view.value,
            id: &author.id,
            name: &author.name,
            role: &author.role,
            photo: &author.photo,
            photo_stem: &rec.view.value.photo_stem,
            photo_ext: &rec.view.value.photo_ext,
            photo_sizes: &rec.view.value.photo_sizes,
            initials: &rec.view.value.initials,
            email: &author.email,
            location: &author.location,
            expertise: &author.expertise,
            social: &rec.view.value.social,
            bio_html: &bio_html,
            post_count: rec.post_count,
            feed_url: format!("{}rss.xml", rec.view.value.url),
            coauthors: rec
                .coauthors
                .iter()
                .map(|c| Coauthor { author: c.author.value, count: c.count })
                .collect(),
            tags: &rec.tags,
        };
        let vars =
            AuthorVars { meta, author: view, cards: env.cards(&rec.cards, true)?, pager: rec.pager.clone() };
        env.page("author.html", &vars)
    }
}

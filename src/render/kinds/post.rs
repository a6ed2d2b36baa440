//! Each post's page: the post in full, its authors and tags, share links, the posts
//! before and after it, more from each author, and related posts.

use serde::Serialize;

use super::series::{SeriesBox, series_box};
use crate::model::{Post, SocialLink, related};
use crate::render::cta::{self, CtaView};
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::render::pictures::Pictures;
use crate::render::record::{Hashed, Listed, Whole};
use crate::render::seo::Meta;
use crate::render::share::{self, ShareLink};
use crate::render::views::{AuthorRef, DateView, PostCard, PostImage, reading_minutes};
use crate::support::diagnostic::Diagnostic;

/// A post before or after this one.
#[derive(Serialize)]
pub(crate) struct Neighbour<'a> {
    title: &'a str,
    url: &'a str,
}

/// An author's other posts.
#[derive(Serialize)]
pub(crate) struct MoreFrom<A, P> {
    author: A,
    posts: Vec<P>,
}

#[derive(Serialize)]
pub(crate) struct PostRecord<'a> {
    path: String,
    post: Whole<'a, Post>,
    card: Listed<'a>,
    unpublished: bool,
    older: Option<Neighbour<'a>>,
    newer: Option<Neighbour<'a>>,
    more_from: Vec<MoreFrom<Hashed<'a, AuthorRef>, Listed<'a>>>,
    related: Vec<Listed<'a>>,
    series: Option<SeriesBox<'a>>,
    /// The post's `image` in variants (its size is not in the post's fingerprint).
    image: Option<PostImage>,
    /// The images of the body in variants (likewise).
    pictures: Pictures,
    /// The call to action it shows, as site.yaml defines it now (the post's
    /// fingerprint does not cover site.yaml), and the byte of the body after which
    /// it is shown in the middle too.
    cta: Option<CtaView>,
    cta_mid: Option<usize>,
}

/// The `post` variable of `post.html`.
#[derive(Serialize)]
struct PostView<'a> {
    card: &'a PostCard,
    title: &'a str,
    description: &'a Option<String>,
    content_html: &'a str,
    /// The call to action after the post, if it shows one.
    cta_html: Option<String>,
    updated: Option<DateView>,
    image: &'a Option<String>,
    image_alt: &'a Option<String>,
    image_variants: &'a Option<PostImage>,
    keywords: &'a [String],
    canonical_url: &'a Option<String>,
    word_count: usize,
    reading_minutes: usize,
    older: &'a Option<Neighbour<'a>>,
    newer: &'a Option<Neighbour<'a>>,
    share: Vec<ShareLink>,
    more_from: Vec<MoreFrom<&'a AuthorRef, &'a PostCard>>,
    related: Vec<&'a PostCard>,
    series: &'a Option<SeriesBox<'a>>,
}

#[derive(Serialize)]
struct PostVars<'a> {
    meta: Meta,
    post: PostView<'a>,
}

/// Every post's page.
pub(crate) struct Posts;

impl Output for Posts {
    type Job = usize;
    type Record<'r> = PostRecord<'r>;
    const NAME: &'static str = "post";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<usize> {
        (0..r.site.posts.len()).collect()
    }

    fn path(&self, r: &Reads, i: usize) -> String {
        r.site.posts[i].path()
    }

    /// Drafts and scheduled posts (in a preview) are not for search engines, nor is a
    /// post whose canonical address is elsewhere.
    fn sitemap(&self, r: &Reads, i: usize) -> Sitemap {
        let p = &r.site.posts[i];
        if r.site.is_unpublished(p) || p.canonical_url.is_some() {
            return Sitemap::Unlisted;
        }
        Sitemap::Listed(Some(p.modified()))
    }

    fn record<'r>(&self, r: &'r Reads<'r>, i: usize) -> PostRecord<'r> {
        let s = r.site;
        let p = &s.posts[i];
        let neighbour =
            |j: usize| s.posts.get(j).map(|q| Neighbour { title: &q.title, url: &r.shared.card(j).url });
        let more_from = (p.authors.iter().filter_map(|id| s.index.author_by_id.get(id)))
            .map(|&a| MoreFrom { author: r.shared.author(a), posts: r.list(&related::more_from(s, a, i, 3)) })
            .filter(|m| !m.posts.is_empty())
            .collect();
        PostRecord {
            path: p.path(),
            post: Whole(p),
            card: r.shared.listed(i),
            unpublished: s.is_unpublished(p),
            older: neighbour(i + 1),
            newer: i.checked_sub(1).and_then(neighbour),
            more_from,
            related: r.list(&related::related(s, i, 3)),
            series: series_box(r, i),
            image: PostImage::of(s, p.image.as_deref()),
            pictures: Pictures::of(s, &p.body),
            cta: cta::view(s, p),
            cta_mid: cta::mid(&p.body, s.config.calls_to_action.mid_after_words),
        }
    }

    fn render(&self, env: &Env, rec: &PostRecord) -> Result<Content, Diagnostic> {
        let p = &*rec.post;
        let card = rec.card.card;
        let desc = p.description.clone().unwrap_or_else(|| p.body.summary_text.clone());
        let mut meta = env.seo.page(&p.title, &desc, &rec.path, "post");
        env.seo.post(p, card, rec.image.as_ref(), rec.series.as_ref().map(SeriesBox::place), &mut meta);
        meta.noindex = rec.unpublished;
        let via = SocialLink::x_handle(&env.site.organization.social);
        // The post's own image, when it has one, is the first image of the page.
        let (content_html, cta_html) = match &rec.cta {
            Some(c) => {
                let mid = match rec.cta_mid {
                    Some(at) => Some((at, cta::html(env, c, "mid")?)),
                    None => None,
                };
                let mid = mid.as_ref().map(|(at, html)| (*at, html.as_str()));
                (rec.pictures.html_with(&p.body, p.image.is_none(), mid), Some(cta::html(env, c, "end")?))
            }
            None => (rec.pictures.html(&p.body, p.image.is_none()), None),
        };
        let post = PostView {
            card,
            title: &p.title,
            description: &p.description,
            content_html: &content_html,
            cta_html,
            updated: p.updated.filter(|u| *u > p.date).map(DateView::from),
            image: &p.image,
            image_alt: &p.image_alt,
            image_variants: &rec.image,
            keywords: &p.keywords,
            canonical_url: &p.canonical_url,
            word_count: p.body.word_count,
            reading_minutes: reading_minutes(p.body.word_count),
            older: &rec.older,
            newer: &rec.newer,
            share: share::links(
                &p.title,
                &card.url,
                via,
                &p.keywords,
                env.site.campaign_links.then_some(p.slug.as_str()),
            ),
            more_from: rec
                .more_from
                .iter()
                .map(|m| MoreFrom { author: m.author.value, posts: cards(&m.posts) })
                .collect(),
            related: cards(&rec.related),
            series: &rec.series,
        };
        env.page("post.html", &PostVars { meta, post })
    }
}

fn cards<'a>(list: &[Listed<'a>]) -> Vec<&'a PostCard> {
    list.iter().map(|l| l.card).collect()
}

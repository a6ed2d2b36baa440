//! Every kind of output, one module each, and the one list of them. A new kind of
//! output is a module implementing [`Output`](super::output::Output) and one line
//! in [`KINDS`].

mod assets;
mod author;
mod feeds;
pub(crate) mod images;
mod indexes;
mod json_feed;
mod lists;
mod opml;
mod page;
mod post;
mod redirects;
pub(crate) mod search;
mod series;
mod sitemap;
pub(crate) mod social_cards;
mod stylesheet;

use super::output::Kind;

/// The kinds of output, planned in this order. The sitemap lists their HTML pages
/// in this order too.
pub(crate) static KINDS: [&dyn Kind; 25] = [
    &lists::Home,
    &post::Posts,
    &page::Pages,
    &indexes::AuthorIndex,
    &author::AuthorPages,
    &feeds::AuthorFeeds,
    &indexes::TagIndex,
    &lists::TagPages,
    &feeds::TagFeeds,
    &series::SeriesIndex,
    &series::SeriesPages,
    &series::SeriesFeeds,
    &indexes::Archive,
    &page::NotFound,
    &feeds::SiteFeeds,
    &json_feed::JsonFeed,
    &opml::Opml,
    &sitemap::Robots,
    &stylesheet::Stylesheet,
    &images::Images,
    &social_cards::SocialCards,
    &redirects::RedirectPages,
    &redirects::RedirectsFile,
    &search::SearchPage,
    &search::SearchIndex,
];

/// The sitemap, planned once every kind above is (it lists their pages).
pub(crate) static SITEMAP: &dyn Kind = &sitemap::Sitemap;

/// Static files, planned last (a generated file wins over a theme's file).
pub(crate) static STATIC: &dyn Kind = &assets::Static;

//! What a build renders: one job per output file, with pagination, and the site
//! path each job writes.

use crate::model::Site;

/// One file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// Home, 1-based page number.
    Home(usize),
    Post(usize),
    Page(usize),
    Authors,
    /// Author (position in `Site::authors`), page number.
    Author(usize, usize),
    Tags,
    /// Tag (position in the tag index), page number.
    Tag(usize, usize),
    Archive,
    NotFound,
    Rss,
    AuthorRss(usize),
    TagRss(usize),
    Atom,
    JsonFeed,
    Opml,
    Sitemap,
    Robots,
}

pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Site path of page `n` of a paginated list rooted at `base` (`""`, `tags/x/`).
pub fn paged(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// Every job of a build, in a stable order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let pp = site.config.posts_per_page;
    let mut jobs: Vec<Job> = (1..=page_count(site.posts.len(), pp)).map(Job::Home).collect();
    jobs.extend((0..site.posts.len()).map(Job::Post));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.push(Job::Authors);
    for (a, posts) in site.index.author_posts.iter().enumerate() {
        jobs.extend((1..=page_count(posts.len(), pp)).map(|n| Job::Author(a, n)));
        jobs.push(Job::AuthorRss(a));
    }
    jobs.push(Job::Tags);
    for (t, tag) in site.index.tags.iter().enumerate() {
        jobs.extend((1..=page_count(tag.posts.len(), pp)).map(|n| Job::Tag(t, n)));
        jobs.push(Job::TagRss(t));
    }
    jobs.extend([
        Job::Archive,
        Job::NotFound,
        Job::Rss,
        Job::Atom,
        Job::JsonFeed,
        Job::Opml,
        Job::Sitemap,
        Job::Robots,
    ]);
    jobs
}

/// Site path a job writes (a folder path ending in `/` means its `index.html`).
pub fn path(site: &Site, job: Job) -> String {
    match job {
        Job::Home(n) => paged("", n),
        Job::Post(i) => site.posts[i].path(),
        Job::Page(i) => site.pages[i].path(),
        Job::Authors => "authors/".into(),
        Job::Author(a, n) => paged(&site.authors[a].path(), n),
        Job::Tags => "tags/".into(),
        Job::Tag(t, n) => paged(&site.index.tags[t].path(), n),
        Job::Archive => "archive/".into(),
        Job::NotFound => "404.html".into(),
        Job::Rss => "rss.xml".into(),
        Job::AuthorRss(a) => format!("{}rss.xml", site.authors[a].path()),
        Job::TagRss(t) => format!("{}rss.xml", site.index.tags[t].path()),
        Job::Atom => "atom.xml".into(),
        Job::JsonFeed => "feed.json".into(),
        Job::Opml => "authors.opml".into(),
        Job::Sitemap => "sitemap.xml".into(),
        Job::Robots => "robots.txt".into(),
    }
}

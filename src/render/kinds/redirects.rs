//! Old addresses: a redirect page at each (`aliases:` of posts, pages and authors,
//! and site.yaml's `redirects:`), and `_redirects`, the same moves as the file
//! Netlify and Cloudflare Pages read (301s). Neither is ever in the sitemap or a feed.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

use crate::content::aliases::page_file;
use crate::model::{Alias, Site};
use crate::render::output::{Content, Env, Output, Reads, Sitemap};
use crate::support::diagnostic::Diagnostic;

/// Where an old address comes from: the item kind and its index, and the alias's
/// index in its list (site.yaml's redirects have no item).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Origin {
    Post(usize, usize),
    Page(usize, usize),
    Author(usize, usize),
    Site(usize),
}

/// One move: the old site path, the new address (absolute), and what is there.
struct Move<'a> {
    from: &'a Alias,
    to: String,
    title: Option<&'a str>,
}

fn every(site: &Site) -> Vec<Origin> {
    let mut all = Vec::new();
    for (i, p) in site.posts.iter().enumerate() {
        all.extend((0..p.aliases.len()).map(|j| Origin::Post(i, j)));
    }
    for (i, p) in site.pages.iter().enumerate() {
        all.extend((0..p.aliases.len()).map(|j| Origin::Page(i, j)));
    }
    for (i, a) in site.authors.iter().enumerate() {
        all.extend((0..a.aliases.len()).map(|j| Origin::Author(i, j)));
    }
    all.extend((0..site.redirects.len()).map(Origin::Site));
    all
}

fn resolve(site: &Site, from: Origin) -> Move<'_> {
    let c = &site.config;
    match from {
        Origin::Post(i, j) => {
            let p = &site.posts[i];
            Move { from: &p.aliases[j], to: c.url(&p.path()), title: Some(&p.title) }
        }
        Origin::Page(i, j) => {
            let p = &site.pages[i];
            Move { from: &p.aliases[j], to: c.url(&p.path()), title: Some(&p.title) }
        }
        Origin::Author(i, j) => {
            let a = &site.authors[i];
            Move { from: &a.aliases[j], to: c.url(&a.path()), title: Some(&a.name) }
        }
        Origin::Site(i) => {
            let r = &site.redirects[i];
            let to = if r.to.starts_with('/') { c.url(&r.to) } else { r.to.clone() };
            Move { from: &r.from, to, title: None }
        }
    }
}

#[derive(Serialize)]
pub(crate) struct PageRecord<'a> {
    url: String,
    title: Option<&'a str>,
}

/// A redirect page at each old address that names a page (not `/feed.xml`).
pub(crate) struct RedirectPages;

impl Output for RedirectPages {
    type Job = Origin;
    type Record<'r> = PageRecord<'r>;
    const NAME: &'static str = "redirect";
    const USES_THEME: bool = true;

    fn jobs(&self, r: &Reads) -> Vec<Origin> {
        every(r.site).into_iter().filter(|&f| page_file(&resolve(r.site, f).from.path).is_some()).collect()
    }

    fn path(&self, r: &Reads, job: Origin) -> String {
        resolve(r.site, job).from.path.trim_start_matches('/').to_string()
    }

    /// An old address: search engines are sent on by the page itself.
    fn sitemap(&self, _: &Reads, _: Origin) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, job: Origin) -> PageRecord<'r> {
        let m = resolve(r.site, job);
        PageRecord { url: m.to, title: m.title }
    }

    fn render(&self, env: &Env, rec: &PageRecord) -> Result<Content, Diagnostic> {
        env.page("redirect.html", rec)
    }
}

/// What a path may hold as it is in `_redirects`: spaces, `#`, `?` and `%` and
/// everything beyond ASCII are escaped.
const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'#').add(b'?').add(b'%').add(b'"').add(b'<').add(b'>');

#[derive(Serialize)]
pub(crate) struct FileRecord<'a> {
    /// The site's own `static/_redirects`, which comes first.
    own: Option<&'a str>,
    lines: Vec<(String, String)>,
}

/// `_redirects`, when the site has any old address.
pub(crate) struct RedirectsFile;

impl Output for RedirectsFile {
    type Job = ();
    type Record<'r> = FileRecord<'r>;
    const NAME: &'static str = "redirects-file";
    const USES_THEME: bool = false;

    fn jobs(&self, r: &Reads) -> Vec<()> {
        if every(r.site).is_empty() { Vec::new() } else { vec![()] }
    }

    fn path(&self, _: &Reads, _: ()) -> String {
        "_redirects".into()
    }

    fn sitemap(&self, _: &Reads, _: ()) -> Sitemap {
        Sitemap::Unlisted
    }

    fn record<'r>(&self, r: &'r Reads<'r>, _: ()) -> FileRecord<'r> {
        let c = &r.site.config;
        let base = c.base_path();
        let local = |url: String| match url.strip_prefix(c.base_url.as_str()) {
            Some(rest) => format!("{base}{rest}"),
            None => url,
        };
        let lines = every(r.site)
            .into_iter()
            .map(|f| {
                let m = resolve(r.site, f);
                let from = format!("{base}{}", m.from.path.trim_start_matches('/'));
                (
                    utf8_percent_encode(&from, PATH).to_string(),
                    utf8_percent_encode(&local(m.to), PATH).to_string(),
                )
            })
            .collect();
        FileRecord { own: r.site.redirects_file.as_deref(), lines }
    }

    fn render(&self, _: &Env, rec: &FileRecord) -> Result<Content, Diagnostic> {
        let mut out = String::new();
        if let Some(own) = rec.own {
            out.push_str(own.trim_end());
            out.push_str("\n\n");
        }
        out.push_str("# Old addresses (aliases: and redirects:), written by byline\n");
        for (from, to) in &rec.lines {
            out.push_str(&format!("{from} {to} 301\n"));
        }
        Ok(Content::Bytes(out.into_bytes()))
    }
}

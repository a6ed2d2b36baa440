//! `byline share POST`: one post's share kit, ready-to-paste texts for LinkedIn,
//! X, Mastodon and Bluesky, each within the network's limit as it counts it. The
//! texts are composed by `render::share_kit`; this module finds the post, gathers
//! what the texts are made of and prints them. `byline serve` shows the same kit
//! as a page (`page`), which is never published.

pub mod page;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::commands::build::{BuildOptions, prepare};
use crate::model::{Post, Site};
use crate::render::share::campaign_url;
use crate::render::share_kit::{self, Draft, NETWORKS, Network};
use crate::support::diagnostic::{Diagnostic, did_you_mean, printable};

/// One network's text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NetworkText {
    /// `linkedin`, `x`, `mastodon` or `bluesky`.
    pub network: &'static str,
    pub label: &'static str,
    pub text: String,
    /// The text's length as the network counts it.
    pub length: usize,
    pub limit: usize,
    /// How the network counts, for people.
    pub counting: &'static str,
    /// The post's address in the text (with campaign parameters when they are on).
    pub url: String,
}

/// A post's share kit.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShareKit {
    pub slug: String,
    pub title: String,
    /// The post's own address, as published.
    pub url: String,
    pub draft: bool,
    pub networks: Vec<NetworkText>,
}

/// The site in `site_dir` with every post, drafts and scheduled ones too: a kit is
/// often wanted before the post goes out.
pub(crate) fn load(site_dir: &Path) -> Result<Site, Vec<Diagnostic>> {
    let opts = BuildOptions {
        drafts: true,
        future: true,
        no_highlight: true,
        ..BuildOptions::new(site_dir.to_path_buf(), chrono::Utc::now().fixed_offset())
    };
    Ok(prepare(&opts, None)?.site)
}

/// The share kit of the post `post` (its slug, or the path of its file) of the site
/// in `site_dir`.
pub fn share(site_dir: &Path, post: &str) -> Result<ShareKit, Vec<Diagnostic>> {
    let site = load(site_dir)?;
    let i = find(&site, site_dir, post).map_err(|d| vec![d])?;
    Ok(kit(&site, &site.posts[i]))
}

/// The `Some(file)` that `arg` names, tried as given and inside the site folder.
fn as_file(site_dir: &Path, arg: &str) -> Option<PathBuf> {
    [PathBuf::from(arg), site_dir.join(arg)]
        .into_iter()
        .find(|p| p.is_file())
        .and_then(|p| p.canonicalize().ok())
}

/// The index of the post `arg` names: by slug, else by its file.
fn find(site: &Site, site_dir: &Path, arg: &str) -> Result<usize, Diagnostic> {
    let wanted = arg.trim().trim_matches('/');
    let wanted = wanted.strip_prefix("posts/").unwrap_or(wanted);
    if let Some(i) = site.posts.iter().position(|p| p.slug == wanted) {
        return Ok(i);
    }
    if let Some(file) = as_file(site_dir, arg) {
        let same = |p: &Post| site_dir.join(&p.source).canonicalize().is_ok_and(|f| f == file);
        if let Some(i) = site.posts.iter().position(same) {
            return Ok(i);
        }
        return Err(Diagnostic::error(arg, "this file is not one of the site's posts").with_hint(format!(
            "posts are the markdown files in {}",
            site_dir.join("content/posts").display()
        )));
    }
    let stem = Path::new(wanted).file_stem().and_then(|s| s.to_str()).unwrap_or(wanted);
    let hint = did_you_mean(stem, site.posts.iter().map(|p| p.slug.as_str())).unwrap_or_else(|| {
        "give the post's slug (the end of its address, posts/<slug>/) or the path of its markdown file".into()
    });
    Err(Diagnostic::error(arg, format!("there is no post `{}` in this site", wanted)).with_hint(hint))
}

/// The kit of post `p`.
pub(crate) fn kit(site: &Site, p: &Post) -> ShareKit {
    let config = &site.config;
    let url = config.url(&p.path());
    let text = p.share_text.clone().or_else(|| p.description.clone()).unwrap_or_else(|| p.title.clone());
    let words: Vec<String> = p.keywords.iter().chain(&p.tags).cloned().collect();
    let hashtags = share_kit::hashtags(&words);
    let campaign = config.campaign_links.then_some(p.slug.as_str());
    let networks = NETWORKS
        .iter()
        .map(|&n| {
            let link = campaign_url(&url, n.id(), campaign);
            let mentions = (p.authors.iter())
                .map(|id| match site.author(id) {
                    Some(a) => share_kit::mention(n, &a.name, &a.social),
                    None => id.clone(),
                })
                .collect();
            let draft = Draft { text: text.clone(), mentions, hashtags: hashtags.clone(), url: link.clone() };
            network_text(n, share_kit::compose(n, &draft), link)
        })
        .collect();
    ShareKit { slug: p.slug.clone(), title: p.title.clone(), url, draft: p.draft, networks }
}

fn network_text(n: Network, text: String, url: String) -> NetworkText {
    NetworkText {
        network: n.id(),
        label: n.label(),
        length: n.count(&text),
        limit: n.limit(),
        counting: n.counting(),
        text,
        url,
    }
}

/// The kit for people: each network's text between rules, with its length.
pub fn to_text(kit: &ShareKit) -> String {
    let mut out = format!("Share kit for \"{}\" ({})\n", printable(&kit.title), kit.url);
    for n in &kit.networks {
        let over = if n.length > n.limit { "  OVER THE LIMIT: the link alone is too long" } else { "" };
        out.push_str(&format!(
            "\n── {} · {}/{} ({}){over}\n{}\n",
            n.label,
            n.length,
            n.limit,
            n.counting,
            n.text.lines().map(printable).collect::<Vec<_>>().join("\n")
        ));
    }
    out
}

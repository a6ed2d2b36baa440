//! Reads a Jekyll site folder into an [`Imported`]: `_config.yml`, the posts in
//! `_posts/` and `_drafts/`, the authors (`_data/authors.yml` or an author
//! collection) and the images posts link to. It only reads; nothing of the
//! site's Liquid is executed.

mod authors;
mod defaults;
mod liquid;
mod page;
mod permalink;
mod post;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;

use super::front::{self, json_of};
use super::{Imported, LineKind, Options, Settings, scan};
use crate::support::diagnostic::Diagnostic;

/// What `_config.yml` says that the posts need.
#[derive(Debug, Default)]
pub(crate) struct Config {
    pub settings: Settings,
    /// The `baseurl`, stripped from old addresses.
    pub baseurl: Option<String>,
    pub permalink: String,
    /// `author:` of the site: the default for posts that name none.
    pub author: Option<serde_json::Value>,
    /// The file, and the lines whose indenting tabs were replaced.
    pub tabs: Option<(std::path::PathBuf, Vec<usize>)>,
    /// `defaults:`, front matter values by scope.
    pub defaults: Vec<defaults::Scoped>,
    /// The site's folder.
    pub root: std::path::PathBuf,
}

/// Reads the Jekyll site at `source`.
pub(crate) fn read(source: &Path, _options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let config = config(source).map_err(|e| vec![e])?;
    let mut out = Imported { settings: config.settings.clone(), ..Imported::default() };
    if let Some((path, lines)) = &config.tabs {
        for line in lines {
            let msg = "a tab indenting the settings was read as two spaces";
            out.report.add(LineKind::Converted, scan::origin(path, Some(*line)), msg);
        }
    }
    let mut errors = Vec::new();
    let mut raws = Vec::new();
    for (dir, draft, category) in post_folders(source) {
        for path in scan::files(&dir, &["md", "markdown", "html"]) {
            match post::raw(&path, draft, category.as_deref(), &config, &mut out.report) {
                Ok(raw) => raws.push(raw),
                Err(e) => errors.push(e),
            }
        }
    }
    let addresses: HashMap<String, String> =
        raws.iter().filter_map(|r| Some((r.stem.clone(), r.old.clone()?))).collect();
    let resolve = |t: liquid::Target<'_>| -> Option<String> { target(source, &addresses, t) };
    for raw in raws {
        out.posts.push(post::finish(raw, &resolve, &mut out.report));
    }
    match page::read(source, &config, &resolve, &mut out.report) {
        Ok(pages) => out.pages = pages,
        Err(mut e) => errors.append(&mut e),
    }
    match authors::read(source, &config, &mut out) {
        Ok(()) => {}
        Err(mut e) => errors.append(&mut e),
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let photos: Vec<String> = out.authors.iter().filter_map(|a| a.photo.clone()).collect();
    let items: Vec<_> = out.posts.iter().chain(&out.pages).collect();
    out.images = scan::images_linked(source, &items, &photos, &["/assets/", "/images/", "/img/"]);
    Ok(out)
}

/// The folders of posts: `_posts` and `_drafts`, and `<category>/_posts` (whose
/// posts are in that category), with whether they hold drafts.
fn post_folders(source: &Path) -> Vec<(std::path::PathBuf, bool, Option<String>)> {
    let mut found = vec![(source.join("_posts"), false, None), (source.join("_drafts"), true, None)];
    let Ok(entries) = std::fs::read_dir(source) else { return found };
    let mut dirs: Vec<_> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("_posts").is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        if !name.starts_with(['_', '.']) {
            found.push((dir.join("_posts"), false, Some(name)));
        }
    }
    found
}

/// The address a `post_url` or `link` names: a post's old address (made new
/// when the site is written), a page's new one, or a file's own path.
fn target(source: &Path, posts: &HashMap<String, String>, t: liquid::Target<'_>) -> Option<String> {
    let path = match t {
        liquid::Target::Post(name) => return posts.get(name.trim().rsplit('/').next()?).cloned(),
        liquid::Target::File(path) => path.trim().trim_matches(['"', '\'']).trim_start_matches('/'),
    };
    let file = path.rsplit('/').next()?;
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if path.starts_with("_posts/") || path.starts_with("_drafts/") {
        return posts.get(stem).cloned();
    }
    if path.contains("..") || !source.join(path).is_file() {
        return None;
    }
    let page = !path.contains('/') && (path.ends_with(".md") || path.ends_with(".markdown"));
    Some(if page { format!("/{}/", crate::address::slugify(stem)) } else { format!("/{path}") })
}

/// Reads `_config.yml` (or `_config.yaml`); a site without one has defaults.
fn config(source: &Path) -> Result<Config, Diagnostic> {
    let Some(path) = ["_config.yml", "_config.yaml"].iter().map(|n| source.join(n)).find(|p| p.is_file())
    else {
        return Ok(Config { permalink: "date".into(), root: source.to_path_buf(), ..Config::default() });
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Diagnostic::error(&path, format!("the file cannot be read: {e}")))?;
    let (entries, tabs) = front::lenient_yaml(&path, &text, &text, 0)?;
    let tabs = (!tabs.is_empty()).then(|| (path.clone(), tabs));
    let fields: serde_json::Map<_, _> = entries.iter().map(|e| (e.key.clone(), json_of(&e.value))).collect();
    let get = |k: &str| fields.get(k).and_then(front::text).filter(|s| !s.trim().is_empty());
    let baseurl = get("baseurl").map(|b| b.trim_end_matches('/').to_string()).filter(|b| !b.is_empty());
    let base_url =
        get("url").map(|u| format!("{}{}", u.trim_end_matches('/'), baseurl.as_deref().unwrap_or("")));
    let language = get("lang").or_else(|| get("locale")).map(|l| l.replace('_', "-"));
    let settings = Settings { title: get("title"), description: get("description"), base_url, language };
    let author = fields.get("author").filter(|a| !a.is_null()).cloned();
    let permalink = get("permalink").unwrap_or_else(|| "date".into());
    let defaults = defaults::read(fields.get("defaults"));
    Ok(Config { settings, baseurl, permalink, author, tabs, defaults, root: source.to_path_buf() })
}

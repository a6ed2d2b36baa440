//! Reads a Hugo site folder into an [`Imported`]: its configuration, the posts
//! of its main section and its top-level pages (page bundles with their images),
//! the `authors` taxonomy, and the old addresses of posts and tag pages. It only
//! reads; no template or shortcode is executed.

mod authors;
mod config;
mod page;
mod permalink;
mod shortcodes;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;

use super::{Imported, LineKind, Options, scan};
use crate::address;
use crate::support::diagnostic::Diagnostic;
use page::{Place, Raw};

/// Sections taken as the blog when the configuration names none.
const BLOG_SECTIONS: &[&str] = &["posts", "post", "blog", "articles", "news"];

/// Reads the Hugo site at `source`.
pub(crate) fn read(source: &Path, _options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let config = config::read(source).map_err(|e| vec![e])?;
    let content = source.join("content");
    let files = scan::files(&content, &["md", "markdown", "html"]);
    let main = main_sections(&config, &content, &files);
    let mut out = Imported { settings: config.settings.clone(), ..Imported::default() };
    let mut errors = Vec::new();
    let mut raws: Vec<(Raw, Vec<String>, bool)> = Vec::new();
    for path in &files {
        let Some((place, keys)) = place(&content, path, &main, &mut out) else { continue };
        match page::raw(path, &place, &config, &mut out.report) {
            Ok(raw) if page::unrendered(&raw.front) => {
                let msg = "a headless page Hugo never published (`headless` or `build.render: never`): not imported";
                out.report.add(LineKind::Skipped, scan::origin(path, None), msg);
            }
            Ok(raw) => raws.push((raw, keys, place.post)),
            Err(e) => errors.push(e),
        }
    }
    let (known, author_images) = authors::described(source).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Default::default()
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let addresses: HashMap<String, String> =
        raws.iter().flat_map(|(r, keys, _)| keys.iter().map(|k| (k.clone(), r.old.clone()))).collect();
    let resolve = |target: &str| lookup(&addresses, target);
    let taxonomy_pages = taxonomy_pages(&raws);
    for (raw, _, post) in raws {
        let new = if post { format!("/posts/{}/", raw.item.slug) } else { format!("/{}/", raw.item.slug) };
        let (item, copies) = page::finish(raw, &new, &resolve, &mut out.report);
        out.images.extend(copies);
        if post { out.posts.push(item) } else { out.pages.push(item) }
    }
    authors::resolve(&mut out, known, config.author.as_deref());
    out.images.extend(author_images);
    let photos: Vec<String> = out.authors.iter().filter_map(|a| a.photo.clone()).collect();
    let items: Vec<_> = out.posts.iter().chain(&out.pages).collect();
    let prefixes = ["/images/", "/img/", "/assets/", "/uploads/", "/media/"];
    let mut linked = scan::images_linked(&source.join("static"), &items, &photos, &prefixes);
    let copied: std::collections::HashSet<&str> = out.images.iter().map(|i| i.to.as_str()).collect();
    linked.retain(|c| !copied.contains(c.to.as_str()));
    out.images.append(&mut linked);
    out.redirects = taxonomy_pages;
    Ok(out)
}

/// The first section of `path` under `content`.
fn main_of(path: &Path, content: &Path) -> String {
    path.strip_prefix(content)
        .ok()
        .and_then(|r| r.components().next())
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("")
        .to_string()
}

/// The sections whose pages are posts: `params.mainSections`, else the usual
/// names, else the section with the most pages.
fn main_sections(config: &config::Config, content: &Path, files: &[std::path::PathBuf]) -> Vec<String> {
    if !config.main_sections.is_empty() {
        return config.main_sections.clone();
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for f in files {
        let rel = f.strip_prefix(content).unwrap_or(f);
        if rel.components().count() < 2 {
            continue;
        }
        let s = main_of(f, content);
        if s == "authors" {
            continue;
        }
        match counts.iter_mut().find(|(n, _)| *n == s) {
            Some((_, c)) => *c += 1,
            None => counts.push((s, 1)),
        }
    }
    if let Some((s, _)) = counts.iter().find(|(s, _)| BLOG_SECTIONS.contains(&s.as_str())) {
        return vec![s.clone()];
    }
    counts.iter().max_by_key(|(_, c)| *c).map(|(s, _)| vec![s.clone()]).unwrap_or_default()
}

/// Where the file at `path` is in the site, and the names a `ref` may give it;
/// None for files that are no post or page (list pages, other sections).
fn place(content: &Path, path: &Path, main: &[String], out: &mut Imported) -> Option<(Place, Vec<String>)> {
    let rel = path.strip_prefix(content).ok()?.to_str()?.replace('\\', "/");
    let parts: Vec<&str> = rel.split('/').collect();
    let file = *parts.last()?;
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if stem == "_index" {
        return None;
    }
    let bundle = stem == "index" && parts.len() >= 2;
    let (dirs, name) = if bundle {
        (&parts[..parts.len() - 2], parts[parts.len() - 2])
    } else {
        (&parts[..parts.len() - 1], stem)
    };
    if dirs.first() == Some(&"authors") {
        return None;
    }
    let post = dirs.first().is_some_and(|s| main.iter().any(|m| m == s));
    if !post && !dirs.is_empty() {
        let msg = format!("`{rel}` is in the section `{}`, which is not the blog's: not imported", dirs[0]);
        out.report.add(LineKind::Skipped, scan::origin(path, None), msg);
        return None;
    }
    let folder = if bundle { path.parent().map(Path::to_path_buf) } else { None };
    let place = Place {
        sections: dirs.iter().map(|s| s.to_string()).collect(),
        name: name.to_string(),
        bundle: folder,
        post,
    };
    let without_ext = rel.rsplit_once('.').map_or(rel.as_str(), |(s, _)| s).to_string();
    let mut keys = vec![rel.clone(), without_ext, name.to_string(), file.to_string()];
    if bundle {
        keys.push(parts[..parts.len() - 1].join("/"));
    }
    Some((place, keys))
}

/// The old address a `ref` target names, with its `#fragment`.
fn lookup(addresses: &HashMap<String, String>, target: &str) -> Option<String> {
    let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
    let path = path.trim().trim_start_matches("./").trim_start_matches('/').trim_end_matches('/');
    let found = addresses.get(path).or_else(|| addresses.get(path.rsplit('/').next()?))?;
    Some(match fragment {
        Some(f) => format!("{found}#{f}"),
        None => found.clone(),
    })
}

/// Hugo's tag and category pages of the posts, sent to byline's tag pages
/// where the address differs.
fn taxonomy_pages(raws: &[(Raw, Vec<String>, bool)]) -> Vec<(String, String)> {
    let mut redirects: Vec<(String, String)> = Vec::new();
    for (raw, _, _) in raws.iter().filter(|(_, _, post)| *post) {
        for taxonomy in ["tags", "categories"] {
            for term in crate::import::front::list(raw.front.get(taxonomy), false) {
                let old = format!("/{taxonomy}/{}/", permalink::urlize(&term));
                let new = format!("/tags/{}/", address::tag_slug(&term));
                if old != new && !redirects.iter().any(|(o, _)| *o == old) {
                    redirects.push((old, new));
                }
            }
        }
    }
    redirects
}

//! Links inside posts, pages and bios: every site path, markdown file, image and
//! `#anchor` must lead somewhere the build produces, and script URLs the build
//! dropped are reported. Also the author profile checks.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::markdown::{LinkRef, Rendered, script_scheme};
use crate::model::Site;
use crate::render::file_for;
use crate::support::diagnostic::Diagnostic;

/// Site path → the heading ids of the document published there.
fn anchors(site: &Site) -> HashMap<String, &[String]> {
    let mut map: HashMap<String, &[String]> = HashMap::new();
    for p in &site.posts {
        map.insert(p.path(), &p.body.anchors);
    }
    for p in &site.pages {
        map.insert(p.path(), &p.body.anchors);
    }
    for a in &site.authors {
        map.insert(a.path(), &a.bio.anchors);
    }
    map
}

fn check_one(
    source: &Path,
    own: &str,
    body: &Rendered,
    base: &str,
    outputs: &HashSet<String>,
    anchors: &HashMap<String, &[String]>,
    found: &mut Vec<Diagnostic>,
) {
    for LinkRef { written, url, line, image } in &body.links {
        let what = if *image { "image" } else { "link" };
        if let Some(scheme) = script_scheme(written, *image) {
            found.push(dropped(source, written, *line, *image, scheme));
            continue;
        }
        let broken = |msg: String| Diagnostic::error(source, msg).at_line(*line).with_code("broken-link");
        if url.starts_with("@/") || url.split('#').next().is_some_and(|u| u.ends_with(".md")) {
            found.push(broken(format!("{what} to `{written}`, which is not a post, page or author file of this site"))
                .with_hint("name the file relative to this one (`../other-post.md`) or from content/ (`@/posts/other-post.md`)"));
            continue;
        }
        let (target, frag) = if let Some(frag) = url.strip_prefix('#') {
            (own.to_string(), frag)
        } else if let Some(rest) = url.strip_prefix(base) {
            let (path, frag) = rest.split_once('#').unwrap_or((rest, ""));
            let path = path.split('?').next().unwrap_or(path);
            let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned();
            let file = file_for(&path);
            if !outputs.contains(&file) && !outputs.contains(&format!("{path}/index.html")) {
                found.push(broken(format!(
                    "{what} to `{written}` leads nowhere: the site has no {}",
                    if path.is_empty() { "home page".into() } else { format!("`/{path}`") }
                )));
                continue;
            }
            (if path.is_empty() || path.ends_with('/') { path } else { format!("{path}/") }, frag)
        } else {
            continue; // another site: not checked (no network)
        };
        if frag.is_empty() {
            continue;
        }
        if let Some(ids) = anchors.get(&target)
            && !ids.iter().any(|id| id == frag)
        {
            found.push(
                broken(format!("{what} to `{written}`: the page has no heading with the id `{frag}`"))
                    .with_hint(if ids.is_empty() {
                        "that page has no headings".to_string()
                    } else {
                        format!("its headings are: {}", ids.join(", "))
                    }),
            );
        }
    }
}

/// A URL as a message shows it: controls escaped, at most 60 characters.
fn shown(url: &str) -> String {
    let escaped: String = url.escape_debug().collect();
    match escaped.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &escaped[..i]),
        None => escaped,
    }
}

/// The warning for a link or image whose script URL the build dropped.
fn dropped(source: &Path, written: &str, line: usize, image: bool, scheme: &str) -> Diagnostic {
    let (what, kept) =
        if image { ("image", "its description is shown as text") } else { ("link", "its text is kept") };
    Diagnostic::warning(
        source,
        format!("the {what} to `{}` was left out: a `{scheme}:` URL can run a script; {kept}", shown(written)),
    )
    .at_line(line)
    .with_code("script-url")
    .with_hint(if image {
        "put the image in static/ and use its path (`/images/x.png`); inline `data:` images may be PNG, JPEG, GIF or WebP"
    } else {
        "link to a page (an `https://` address, a site path or a markdown file) instead"
    })
}

/// Every broken link, image and anchor in posts, pages and bios.
pub(super) fn check(site: &Site, outputs: &HashSet<String>) -> Vec<Diagnostic> {
    let anchors = anchors(site);
    let base = &site.config.base_url;
    let mut found = Vec::new();
    for p in &site.posts {
        check_one(&p.source, &p.path(), &p.body, base, outputs, &anchors, &mut found);
    }
    for p in &site.pages {
        check_one(&p.source, &p.path(), &p.body, base, outputs, &anchors, &mut found);
    }
    for a in &site.authors {
        check_one(&a.source, &a.path(), &a.bio, base, outputs, &anchors, &mut found);
    }
    found
}

/// Author profiles: a photo that exists, a bio, a profile link, at least one post.
pub(super) fn authors(site: &Site, outputs: &HashSet<String>) -> Vec<Diagnostic> {
    let base = &site.config.base_url;
    let mut found = Vec::new();
    for (i, a) in site.authors.iter().enumerate() {
        match &a.photo {
            None => found.push(
                Diagnostic::warning(&a.source, format!("{} has no photo", a.name))
                    .with_code("author-photo")
                    .with_hint("add `photo: /images/authors/<id>.jpg` and put the file in static/"),
            ),
            Some(url) => {
                if let Some(rest) = url.strip_prefix(base.as_str())
                    && !outputs.contains(rest)
                {
                    found.push(
                        Diagnostic::warning(&a.source, format!("the photo `{rest}` does not exist"))
                            .with_code("author-photo")
                            .with_hint(format!("put the file at static/{rest}")),
                    );
                }
            }
        }
        if a.bio.html.trim().is_empty() {
            found.push(
                Diagnostic::warning(&a.source, format!("{} has no bio", a.name))
                    .with_code("author-bio")
                    .with_hint(
                        "write a few sentences after the front matter: who they are and what they know",
                    ),
            );
        }
        if a.social.is_empty() {
            found.push(
                Diagnostic::warning(&a.source, format!("{} has no social profile links", a.name))
                    .with_code("author-social")
                    .with_hint("add at least one under `social:`, such as `linkedin: their-name`"),
            );
        }
        if site.index.author_posts[i].is_empty() {
            found.push(
                Diagnostic::info(&a.source, format!("{} has no published posts yet", a.name))
                    .with_code("author-no-posts"),
            );
        }
    }
    found
}

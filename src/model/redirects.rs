//! Old addresses: the checks on `aliases:` and site.yaml's `redirects:` (an old
//! address must lead to one place and must not be a page that exists), and the
//! addresses the previous build published that now lead nowhere.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::validate::RESERVED;
use super::{Alias, Input, Post, Site};
use crate::address::tag_slug;
use crate::support::diagnostic::Diagnostic;

/// Who claims an old address: a file, and the line the claim is written on.
struct Claim<'a> {
    source: &'a Path,
    line: usize,
}

/// Addresses byline makes itself whatever the content (`/page/2/` and the like are
/// checked apart, as a pattern).
pub(crate) const OWN: &[&str] = &["/authors/", "/tags/", "/series/", "/archive/", "/404.html", "/css/"];

/// Every real page's address (site paths), with the file it comes from.
fn real_addresses(input: &Input) -> HashMap<String, Claim<'_>> {
    let mut real = HashMap::new();
    for p in &input.posts {
        real.insert(format!("/{}", p.path()), Claim { source: &p.source, line: p.slug_span.line });
    }
    for p in &input.pages {
        real.insert(format!("/{}", p.path()), Claim { source: &p.source, line: 1 });
    }
    for a in &input.authors {
        real.insert(format!("/{}", a.path()), Claim { source: &a.source, line: 1 });
    }
    for p in &input.posts {
        for (tag, span) in p.tags.iter().zip(&p.tag_spans) {
            let at = Claim { source: &p.source, line: span.line };
            real.entry(format!("/tags/{}/", tag_slug(tag))).or_insert(at);
        }
        if let Some(s) = &p.series {
            let at = Claim { source: &p.source, line: s.span.line };
            real.entry(format!("/series/{}/", super::series::slug(&s.name))).or_insert(at);
        }
    }
    real
}

/// Every old address with the file and line claiming it, in file order.
fn claims(input: &Input) -> Vec<(&Alias, &Path)> {
    let mut all: Vec<(&Alias, &Path)> = Vec::new();
    all.extend(input.posts.iter().flat_map(|p| p.aliases.iter().map(|a| (a, p.source.as_path()))));
    all.extend(input.pages.iter().flat_map(|p| p.aliases.iter().map(|a| (a, p.source.as_path()))));
    all.extend(input.authors.iter().flat_map(|p| p.aliases.iter().map(|a| (a, p.source.as_path()))));
    all.extend(input.redirects.iter().map(|r| (&r.from, Path::new("site.yaml"))));
    all
}

/// `/page/2/` and the other pages of the home list.
pub(crate) fn is_home_page(path: &str) -> bool {
    path.strip_prefix("/page/")
        .and_then(|n| n.strip_suffix('/'))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// An old address that is a real page's, or that two places claim: an error at
/// the claim, naming the other file and line.
pub(super) fn conflicts(input: &Input) -> Vec<Diagnostic> {
    let real = real_addresses(input);
    let mut seen: HashMap<&str, Claim<'_>> = HashMap::new();
    let mut found = Vec::new();
    for (alias, source) in claims(input) {
        let path = alias.path.as_str();
        let (page, claim) = (real.get(path), seen.get(path));
        if let Some(c) = page.or(claim) {
            let whose = if page.is_some() && c.source == source {
                "this file's own address".to_string()
            } else {
                let how = if page.is_some() { "the address of" } else { "claimed by" };
                format!("already {how} {} (line {})", c.source.display(), c.line)
            };
            let hint = if page.is_some() {
                "a page that exists needs no redirect: remove this old address"
            } else {
                "an old address leads to one place: keep it in one of the two files"
            };
            found.push(alias.span.error(source, format!("`{path}` is {whose}")).with_hint(hint));
            continue;
        }
        if OWN.contains(&path) || is_home_page(path) {
            let msg = format!("`{path}` is an address byline publishes itself");
            found.push(alias.span.error(source, msg).with_hint("remove this old address"));
            continue;
        }
        seen.insert(path, Claim { source, line: alias.span.line });
    }
    found
}

/// Which kind of item an address is the page of, for addresses that can vanish
/// when a file is renamed: posts, authors and standalone pages.
fn item_kind(path: &str) -> Option<&'static str> {
    let inner = path.strip_prefix('/')?.strip_suffix('/')?;
    match inner.split('/').collect::<Vec<_>>()[..] {
        ["posts", slug] if !slug.is_empty() => Some("posts"),
        ["authors", slug] if !slug.is_empty() => Some("authors"),
        [slug] if !slug.is_empty() && !RESERVED.contains(&slug) => Some("pages"),
        _ => None,
    }
}

/// The addresses that `previous` (the site paths of the pages the last build
/// published into this output) holds and this site no longer answers, as a page
/// or a redirect, and that are not a draft or future post left out of this build: a warning each, at the post (or page, or author file) that
/// most likely took its place, saying which alias to add.
pub(crate) fn vanished(site: &Site, previous: &[String]) -> Vec<Diagnostic> {
    let items = items(site);
    let mut now: HashSet<&str> = items.iter().map(|(p, ..)| p.as_str()).collect();
    let aliases = (site.posts.iter().flat_map(|p| &p.aliases))
        .chain(site.pages.iter().flat_map(|p| &p.aliases))
        .chain(site.authors.iter().flat_map(|a| &a.aliases))
        .chain(site.redirects.iter().map(|r| &r.from));
    now.extend(aliases.map(|a| a.path.as_str()));
    now.extend(site.held.iter().map(String::as_str));
    let before: HashSet<&str> = previous.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    for old in previous.iter().filter(|p| !now.contains(p.as_str())) {
        let Some(kind) = item_kind(old) else { continue };
        // The new items of the same kind: addresses the last build did not have.
        let fresh = items.iter().filter(|(p, k, ..)| *k == kind && !before.contains(p.as_str()));
        let best = fresh.max_by_key(|(p, ..)| likeness(old, p));
        let msg = format!("`{old}` was published and now leads nowhere");
        let hint = format!(
            "add `aliases: [{old}]` to the file that replaced it, so readers and search engines follow"
        );
        found.push(
            match best {
                Some((_, _, source, line)) => {
                    let mut d = Diagnostic::warning(source, msg).with_hint(hint);
                    d.line = Some(*line);
                    d
                }
                None => Diagnostic::warning(Path::new("content"), msg).with_hint(hint),
            }
            .with_code("moved"),
        );
    }
    found
}

/// Every item's address, kind, file and the line to point at.
fn items(site: &Site) -> Vec<(String, &'static str, &Path, usize)> {
    let mut all: Vec<_> = site.posts.iter().map(post_item).collect();
    all.extend(site.pages.iter().map(|p| (format!("/{}", p.path()), "pages", p.source.as_path(), 1)));
    all.extend(site.authors.iter().map(|a| (format!("/{}", a.path()), "authors", a.source.as_path(), 1)));
    all
}

fn post_item(p: &Post) -> (String, &'static str, &Path, usize) {
    (format!("/{}", p.path()), "posts", p.source.as_path(), p.slug_span.line.max(1))
}

/// How alike two addresses are: the length of their longest common prefix and
/// suffix, then the words they share (`/posts/why-we-test/` and
/// `/posts/why-we-test-everything/`).
fn likeness(a: &str, b: &str) -> (usize, usize) {
    let words =
        |s: &str| s.split(['/', '-', '_']).filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let (wa, wb) = (words(a), words(b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (shared, prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_kinds_and_home_pages() {
        assert_eq!(item_kind("/posts/a/"), Some("posts"));
        assert_eq!(item_kind("/authors/maya/"), Some("authors"));
        assert_eq!(item_kind("/about/"), Some("pages"));
        assert_eq!(item_kind("/tags/x/"), None);
        assert_eq!(item_kind("/page/2/"), None);
        assert!(is_home_page("/page/12/") && !is_home_page("/page/x/") && !is_home_page("/page/"));
        assert!(
            likeness("/posts/why-we-test/", "/posts/why-we-test-all/")
                > likeness("/posts/why-we-test/", "/posts/other/")
        );
    }
}

//! What every import needs before it is written, whatever its source: unique
//! slugs (the second of two equal ones gets `-2` and keeps its old address as an
//! alias), a stub author for each id a post names and no source describes,
//! aliases that stand for one item only, redirects that lead to a page that will
//! exist, and internal links to old addresses pointing at the new ones.

use std::collections::{HashMap, HashSet};

use crate::address;
use crate::content::social;
use crate::markdown::urls::script_scheme;
use crate::model::redirects::{OWN, is_home_page};

use super::paths::{origin, site_path};
use super::{Author, Imported, Item, LineKind};
use super::{images, links};

/// Tidies `imported` in place, adding a report line for each change worth knowing.
pub(crate) fn tidy(imported: &mut Imported) {
    unique_slugs(&mut imported.posts, &mut imported.report, false);
    unique_slugs(&mut imported.pages, &mut imported.report, true);
    stub_authors(imported);
    social_profiles(imported);
    one_name_per_tag_address(imported);
    unique_aliases(imported);
    tag_redirects(imported);
    let moved = links::moved(imported);
    let base = imported.settings.base_url.as_deref().and_then(origin);
    let copied: HashSet<String> = imported.images.iter().map(|i| i.to.clone()).collect();
    let report = &mut imported.report;
    for author in &mut imported.authors {
        let Some(photo) = author.photo.take() else { continue };
        let here = photo.starts_with('/') || base.as_deref().is_some_and(|b| photo.starts_with(b));
        if here && !copied.contains(&photo) {
            let msg = format!("{}: the photo {photo} is not part of the import: left out", author.id);
            report.add(LineKind::LeftAsIs, author.origin.clone(), msg);
        } else {
            author.photo = Some(photo);
        }
    }
    for item in imported.posts.iter_mut().chain(imported.pages.iter_mut()) {
        if let Some(image) = item.image.take() {
            let here = image.starts_with('/') || base.as_deref().is_some_and(|b| image.starts_with(b));
            if script_scheme(&image, true).is_some() {
                let msg = "the featured image's address could run a script: left out";
                report.add(LineKind::Skipped, item.origin.clone(), msg);
            } else if here && !copied.contains(&image) {
                let msg = format!("the featured image {image} is not part of the import: left out");
                report.add(LineKind::LeftAsIs, item.origin.clone(), msg);
            } else {
                item.image = Some(image);
            }
        }
        item.body = links::rewrite(&item.body, &moved, base.as_deref());
        let (body, remote) = images::remote(&item.body, &copied, base.as_deref(), item.aliases.first());
        item.body = body;
        let mut seen = HashSet::new();
        for url in remote.into_iter().filter(|u| seen.insert(u.clone())) {
            let msg = format!(
                "the image or media file {url} is not part of the import: it is shown from the old site"
            );
            report.add(LineKind::LeftAsIs, item.origin.clone(), msg);
        }
    }
}

/// The site path byline publishes `item` at.
pub(crate) fn address(item: &Item, post: bool) -> String {
    if post { format!("/posts/{}/", item.slug) } else { format!("/{}/", item.slug) }
}

/// Besides the folders no page may take (`model::RESERVED`), the two an imported
/// blog keeps for itself: `feed` and `images`.
const ALSO_RESERVED: &[&str] = &["feed", "images"];

fn reserved(slug: &str) -> bool {
    crate::model::RESERVED.contains(&slug) || ALSO_RESERVED.contains(&slug)
}

/// Gives the second of two equal slugs `-2` (the third `-3`); its old address
/// stays among its aliases, so it still answers there.
fn unique_slugs(items: &mut [Item], report: &mut super::Report, pages: bool) {
    let mut taken: HashSet<String> = HashSet::new();
    for item in items.iter_mut() {
        if item.slug.is_empty() {
            item.slug = "untitled".into();
        }
        let wanted = item.slug.clone();
        let mut n = 1;
        while !taken.insert(item.slug.clone()) || pages && reserved(&item.slug) {
            n += 1;
            item.slug = format!("{wanted}-{n}");
        }
        if n > 1 {
            let what = if pages { "page" } else { "post" };
            let msg = format!(
                "another {what} has the slug `{wanted}`: this one is published as `{}` and its old address kept as an alias",
                item.slug
            );
            report.add(LineKind::Converted, item.origin.clone(), msg);
        }
    }
}

/// A stub author for each id a post names that no author has; a post naming none gets one.
fn stub_authors(imported: &mut Imported) {
    let mut known: HashSet<String> = imported.authors.iter().map(|a| a.id.clone()).collect();
    for post in &mut imported.posts {
        if post.authors.is_empty() {
            post.authors.push("unknown-author".into());
        }
        for id in &post.authors {
            if known.insert(id.clone()) {
                let msg = format!(
                    "`{id}` is named as an author but the source describes no such person: a stub author file was written"
                );
                imported.report.add(LineKind::Stub, post.origin.clone(), msg);
                let name =
                    if id == "unknown-author" { "Unknown author".to_string() } else { id.replace('-', " ") };
                let origin = post.origin.clone();
                imported.authors.push(Author {
                    id: id.clone(),
                    name,
                    stub: true,
                    origin,
                    ..Default::default()
                });
            }
        }
    }
}

/// Drops the social profiles byline cannot make a link of, and an e-mail address
/// it would refuse, each with a report line.
fn social_profiles(imported: &mut Imported) {
    for author in &mut imported.authors {
        if let Some(e) = author.email.take() {
            if e.contains('@') && !e.contains(char::is_whitespace) {
                author.email = Some(e);
            } else {
                let msg = format!("{}: the e-mail address `{e}` was left out: it is not one", author.id);
                imported.report.add(LineKind::Skipped, author.origin.clone(), msg);
            }
        }
        let before = std::mem::take(&mut author.social);
        for (network, value) in before {
            let network = if network == "twitter" { "x".to_string() } else { network };
            match social::resolve(&network, &value) {
                Ok(_) if !author.social.iter().any(|(n, _)| *n == network) => {
                    author.social.push((network, value))
                }
                Ok(_) => {}
                Err(why) => {
                    let origin = author.origin.clone();
                    let msg = format!("{}: a social profile was left out: {why}", author.id);
                    imported.report.add(LineKind::Skipped, origin, msg);
                }
            }
        }
    }
}

/// Tags whose names make the same address (`C+` and `C plus`) are one tag, under
/// the name seen first: byline refuses two names for one tag page.
fn one_name_per_tag_address(imported: &mut Imported) {
    let mut names: HashMap<String, String> = HashMap::new();
    for post in &mut imported.posts {
        let mut tags: Vec<String> = Vec::new();
        for tag in std::mem::take(&mut post.tags) {
            let first = names.entry(address::tag_slug(&tag)).or_insert_with(|| tag.clone()).clone();
            if address::tag_key(&first) != address::tag_key(&tag) {
                let msg =
                    format!("the tag `{tag}` would have the address of `{first}`: filed under `{first}`");
                imported.report.add(LineKind::Converted, post.origin.clone(), msg);
            }
            if !tags.iter().any(|t| address::tag_slug(t) == address::tag_slug(&first)) {
                tags.push(first);
            }
        }
        post.tags = tags;
    }
}

/// Each old address leads to one place: the first item that claims it. An alias
/// equal to a new address is dropped (the page itself answers there).
fn unique_aliases(imported: &mut Imported) {
    let mut taken: HashSet<String> = imported.posts.iter().map(|p| address(p, true)).collect();
    taken.extend(imported.pages.iter().map(|p| address(p, false)));
    taken.extend(imported.authors.iter().map(|a| format!("/authors/{}/", address::slugify(&a.id))));
    taken.extend(OWN.iter().map(|s| s.to_string()));
    // The tag and author pages byline will publish, with their own pages and feeds.
    let mut lists: Vec<String> =
        imported.authors.iter().map(|a| format!("/authors/{}/", address::slugify(&a.id))).collect();
    lists.extend(
        imported.posts.iter().flat_map(|p| &p.tags).map(|t| format!("/tags/{}/", address::tag_slug(t))),
    );
    let byline_own = |path: &str| byline_own(path, &lists);
    let report = &mut imported.report;
    let mut claim = |aliases: &mut Vec<String>, origin: &super::Origin, taken: &mut HashSet<String>| {
        let before = std::mem::take(aliases);
        for a in before {
            let Some(a) = site_path(&a) else { continue };
            if byline_own(&a) {
                let msg = format!("the old address {a} is one byline publishes itself: not redirected");
                report.add(LineKind::Skipped, origin.clone(), msg);
            } else if taken.insert(a.clone()) {
                aliases.push(a);
            } else if !aliases.contains(&a) {
                let msg =
                    format!("the old address {a} is claimed by another item too: it leads to the first");
                report.add(LineKind::Converted, origin.clone(), msg);
            }
        }
    };
    let posts = imported.posts.iter_mut().map(|p| (p, true));
    for (item, post) in posts.chain(imported.pages.iter_mut().map(|p| (p, false))) {
        let own = address(item, post);
        item.aliases.retain(|a| site_path(a).as_deref() != Some(own.as_str()));
        claim(&mut item.aliases, &item.origin, &mut taken);
    }
    for author in &mut imported.authors {
        claim(&mut author.aliases, &author.origin, &mut taken);
    }
    let origin = super::Origin { file: "site.yaml".into(), line: None };
    imported.redirects.retain(|(from, _)| {
        let kept = !byline_own(from) && taken.insert(from.clone());
        if !kept {
            let msg = format!(
                "the old address {from} is a page byline publishes, or one an item claims: not redirected"
            );
            report.add(LineKind::Skipped, origin.clone(), msg);
        }
        kept
    });
}

/// An address byline's own pages have: its lists, pages of the home page, its
/// styles, and anything under the tag and author pages it publishes (`lists`). An
/// old tag page byline spells differently (`/tags/c++/` for `/tags/c-plus-plus/`)
/// is not one of them, and keeps its redirect.
fn byline_own(path: &str, lists: &[String]) -> bool {
    OWN.contains(&path)
        || is_home_page(path)
        || ["/css/", "/page/"].iter().any(|p| path.starts_with(p))
        || lists.iter().any(|l| path.starts_with(l.as_str()))
}

/// A redirect to a tag page that no published post will have leads to the list of tags.
fn tag_redirects(imported: &mut Imported) {
    let published: HashSet<String> = imported
        .posts
        .iter()
        .filter(|p| !p.draft)
        .flat_map(|p| p.tags.iter().map(|t| format!("/tags/{}/", address::tag_slug(t))))
        .collect();
    for (_, to) in &mut imported.redirects {
        if to.starts_with("/tags/") && !published.contains(to.as_str()) {
            *to = "/tags/".into();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_post_keeps_an_alias_that_is_a_page_address() {
        let mut imported = Imported::default();
        let post = Item {
            slug: "drift".into(),
            aliases: vec!["/drift/".into()],
            authors: vec!["x".into()],
            ..Default::default()
        };
        imported.posts.push(post);
        tidy(&mut imported);
        assert_eq!(imported.posts[0].aliases, ["/drift/"]);
    }

    #[test]
    fn regression_a_relative_image_is_shown_from_the_old_site() {
        let mut imported = Imported::default();
        imported.settings.base_url = Some("https://old.example/".into());
        let post = Item {
            slug: "p".into(),
            body: "![t](x.png)".into(),
            aliases: vec!["/2021/p/".into()],
            authors: vec!["x".into()],
            ..Default::default()
        };
        imported.posts.push(post);
        tidy(&mut imported);
        assert_eq!(imported.posts[0].body, "<img src=\"https://old.example/2021/p/x.png\" alt=\"t\">");
        assert_eq!(imported.report.lines.iter().filter(|l| l.kind == LineKind::LeftAsIs).count(), 1);
    }

    #[test]
    fn regression_tags_with_one_address_are_one_tag() {
        let mut imported = Imported::default();
        for tags in [vec!["C+"], vec!["C plus", "c-plus"]] {
            let tags = tags.into_iter().map(String::from).collect();
            imported.posts.push(Item {
                slug: "p".into(),
                tags,
                authors: vec!["x".into()],
                ..Default::default()
            });
        }
        tidy(&mut imported);
        assert_eq!(imported.posts[1].tags, ["C+"]);
    }

    #[test]
    fn regression_an_email_byline_refuses_and_a_script_image_are_left_out() {
        let mut imported = Imported::default();
        imported.authors.push(Author {
            id: "x".into(),
            email: Some("not an email".into()),
            ..Default::default()
        });
        let image = Some("javascript:alert(1)".to_string());
        imported.posts.push(Item {
            slug: "p".into(),
            image,
            authors: vec!["x".into()],
            ..Default::default()
        });
        tidy(&mut imported);
        assert_eq!((imported.authors[0].email.as_deref(), imported.posts[0].image.as_deref()), (None, None));
    }

    #[test]
    fn regression_an_old_address_byline_publishes_itself_is_not_an_alias() {
        let mut imported = Imported::default();
        let aliases = vec!["/archive/".into(), "/page/2/".into(), "/tags/x/".into(), "/old/".into()];
        imported.posts.push(Item {
            slug: "p".into(),
            tags: vec!["X".into()],
            aliases,
            authors: vec!["x".into()],
            ..Default::default()
        });
        imported.redirects.push(("/authors/".into(), "/".into()));
        tidy(&mut imported);
        assert_eq!(imported.posts[0].aliases, ["/old/"]);
        assert!(imported.redirects.is_empty());
        assert!(
            imported.report.lines.iter().any(|l| l.message.contains("/authors/ is a page byline publishes"))
        );
    }

    #[test]
    fn regression_an_old_tag_page_byline_spells_differently_keeps_its_redirect() {
        let mut imported = Imported::default();
        imported.posts.push(Item {
            slug: "p".into(),
            tags: vec!["C++".into()],
            authors: vec!["x".into()],
            ..Default::default()
        });
        imported.redirects.push(("/tags/c++/".into(), "/tags/c-plus-plus/".into()));
        imported.redirects.push(("/tags/c-plus-plus/page/2/".into(), "/tags/c-plus-plus/".into()));
        tidy(&mut imported);
        assert_eq!(imported.redirects, [("/tags/c++/".to_string(), "/tags/c-plus-plus/".to_string())]);
    }

    #[test]
    fn the_second_of_two_equal_slugs_gets_a_number() {
        let mut imported = Imported::default();
        for link in ["/a/one/", "/b/one/"] {
            imported.posts.push(Item {
                slug: "one".into(),
                aliases: vec![link.into()],
                authors: vec!["x".into()],
                ..Default::default()
            });
        }
        tidy(&mut imported);
        let slugs: Vec<&str> = imported.posts.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["one", "one-2"]);
        assert_eq!(imported.posts[1].aliases, ["/b/one/"]);
        assert!(imported.authors.iter().any(|a| a.id == "x" && a.stub));
    }
}

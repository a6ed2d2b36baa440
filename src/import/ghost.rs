//! Ghost: a Ghost 5 JSON export (`{"db":[{"meta":..,"data":{..}}]}`) read into an
//! [`Imported`]. Users become authors (in `posts_authors` order), public tags
//! become tags (internal `#tags` are dropped), posts and pages keep their status,
//! and Ghost's default addresses (`/<slug>/`, `/tag/<slug>/`, `/author/<slug>/`)
//! become aliases and redirects. Bodies go through the shared HTML converter,
//! which turns Ghost's cards into markdown.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::address;
use crate::support::diagnostic::Diagnostic;

use super::paths::parse_date;
use super::uploads::Uploads;
use super::{Author, Imported, Item, LineKind, Options, Origin, Settings, html};

#[derive(Deserialize)]
struct Export {
    db: Vec<Db>,
}

#[derive(Deserialize)]
struct Db {
    data: Data,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Data {
    posts: Vec<Post>,
    users: Vec<User>,
    tags: Vec<Tag>,
    posts_tags: Vec<Link>,
    posts_authors: Vec<Link>,
    posts_meta: Vec<Meta>,
    settings: Vec<Setting>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Post {
    id: String,
    title: Option<String>,
    slug: Option<String>,
    html: Option<String>,
    feature_image: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    status: Option<String>,
    visibility: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    published_at: Option<String>,
    custom_excerpt: Option<String>,
    canonical_url: Option<String>,
    /// Ghost 4 and older: the first author.
    author_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct User {
    id: String,
    name: Option<String>,
    slug: Option<String>,
    email: Option<String>,
    profile_image: Option<String>,
    bio: Option<String>,
    website: Option<String>,
    location: Option<String>,
    facebook: Option<String>,
    twitter: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Tag {
    id: String,
    name: Option<String>,
    slug: Option<String>,
    visibility: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Link {
    post_id: String,
    tag_id: Option<String>,
    author_id: Option<String>,
    sort_order: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Meta {
    post_id: String,
    feature_image_alt: Option<String>,
    meta_description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Setting {
    key: String,
    value: Option<serde_json::Value>,
}

/// Reads the Ghost export at `source`.
pub(crate) fn read(source: &Path, options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let uploads = Uploads::ghost(options.uploads.as_deref());
    uploads.check("content/images")?;
    let text = std::fs::read_to_string(source)
        .map_err(|e| vec![Diagnostic::error(source, format!("cannot read the export: {e}"))])?;
    let export: Export = serde_json::from_str(&text).map_err(|e| {
        let d = Diagnostic::error(source, format!("this is not a Ghost export: {e}"));
        vec![
            d.at(&text, e.line(), e.column())
                .with_hint("export the site again from Ghost's Settings → Labs → Export"),
        ]
    })?;
    let Some(db) = export.db.into_iter().next() else {
        return Err(vec![Diagnostic::error(source, "this Ghost export has no `db` data")]);
    };
    Ok(convert(source, &text, db.data, uploads))
}

fn text(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn settings(data: &Data) -> Settings {
    let get = |k: &str| {
        data.settings.iter().find(|s| s.key == k).and_then(|s| match &s.value {
            Some(serde_json::Value::String(v)) if !v.trim().is_empty() => Some(v.trim().to_string()),
            _ => None,
        })
    };
    Settings {
        title: get("title"),
        description: get("description"),
        base_url: get("url"),
        language: get("locale"),
    }
}

fn convert(file: &Path, source_text: &str, data: Data, uploads: Uploads<'_>) -> Imported {
    let mut imported = Imported { settings: settings(&data), ..Default::default() };
    let base = imported.settings.base_url.clone().unwrap_or_default();
    let ghost_url = |s: &str| s.replace("__GHOST_URL__", base.trim_end_matches('/'));
    let mut user_ids = HashMap::new();
    for u in &data.users {
        let Some(mut author) = user(u, &ghost_url) else { continue };
        author.origin = Origin { file: file.to_path_buf(), line: line_of(source_text, &u.id) };
        author.photo = author.photo.map(|p| uploads.image(&p, &mut imported, &author.origin));
        user_ids.insert(u.id.clone(), author.id.clone());
        imported.authors.push(author);
    }
    let tags: HashMap<&str, &Tag> = data.tags.iter().map(|t| (t.id.as_str(), t)).collect();
    let meta: HashMap<&str, &Meta> = data.posts_meta.iter().map(|m| (m.post_id.as_str(), m)).collect();
    for post in &data.posts {
        let origin = Origin { file: file.to_path_buf(), line: line_of(source_text, &post.id) };
        let page = post.kind.as_deref() == Some("page");
        let mut item = item(post, meta.get(post.id.as_str()).copied(), &origin, &mut imported, &ghost_url);
        item.image = item.image.map(|i| uploads.image(&i, &mut imported, &origin));
        item.body = uploads.rewrite(&item.body, &mut imported, &origin);
        if !page {
            item.authors = ordered(&data.posts_authors, &post.id, |l| l.author_id.as_deref())
                .into_iter()
                .filter_map(|id| user_ids.get(id).cloned())
                .collect();
            if item.authors.is_empty()
                && let Some(id) = post.author_id.as_ref().and_then(|a| user_ids.get(a))
            {
                item.authors.push(id.clone());
            }
            for tag_id in ordered(&data.posts_tags, &post.id, |l| l.tag_id.as_deref()) {
                let Some(name) = tags.get(tag_id).and_then(|t| public_tag(t)) else { continue };
                if !item.tags.iter().any(|t| address::tag_key(t) == address::tag_key(&name)) {
                    item.tags.push(name);
                }
            }
        }
        if page { imported.pages.push(item) } else { imported.posts.push(item) }
    }
    for t in &data.tags {
        if let (Some(name), Some(slug)) = (public_tag(t), text(&t.slug)) {
            imported
                .redirects
                .push((format!("/tag/{slug}/"), format!("/tags/{}/", address::tag_slug(&name))));
        }
    }
    imported
}

/// The line of the first place `id` stands as a JSON string (where the record
/// with that id starts, as ids come first in Ghost's records).
fn line_of(text: &str, id: &str) -> Option<usize> {
    text.find(&format!("\"{id}\"")).map(|at| text[..at].matches('\n').count() + 1)
}

/// The name of a tag byline shows: not an internal `#tag`, with letters or digits.
fn public_tag(t: &Tag) -> Option<String> {
    let name = text(&t.name)?;
    let internal = name.starts_with('#') || t.visibility.as_deref() == Some("internal");
    (!internal && address::tag_problem(&name).is_none()).then_some(name)
}

/// The ids `pick` gives of the links of `post`, by `sort_order`.
fn ordered<'a>(links: &'a [Link], post: &str, pick: impl Fn(&'a Link) -> Option<&'a str>) -> Vec<&'a str> {
    let mut found: Vec<(i64, usize, &str)> = links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.post_id == post)
        .filter_map(|(i, l)| Some((l.sort_order.unwrap_or(0), i, pick(l)?)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, id)| id).collect()
}

fn user(u: &User, ghost_url: &dyn Fn(&str) -> String) -> Option<Author> {
    let slug = text(&u.slug).or_else(|| text(&u.name))?;
    let id = super::wordpress::author_id(&slug);
    let mut social = Vec::new();
    if let Some(w) = text(&u.website) {
        social.push(("website".to_string(), w));
    }
    if let Some(t) = text(&u.twitter) {
        social.push(("x".to_string(), t));
    }
    if let Some(f) = text(&u.facebook) {
        let url = if f.starts_with("http") {
            f
        } else {
            format!("https://www.facebook.com/{}", f.trim_start_matches('/'))
        };
        social.push(("facebook".to_string(), url));
    }
    Some(Author {
        name: text(&u.name).unwrap_or_else(|| slug.clone()),
        email: text(&u.email),
        location: text(&u.location),
        photo: text(&u.profile_image).map(|p| ghost_url(&p)),
        bio: text(&u.bio).unwrap_or_default(),
        social,
        aliases: vec![format!("/author/{}/", slug)],
        id,
        ..Default::default()
    })
}

fn item(
    post: &Post,
    meta: Option<&Meta>,
    origin: &Origin,
    imported: &mut Imported,
    ghost_url: &dyn Fn(&str) -> String,
) -> Item {
    let slug = address::shorten(&address::slugify(post.slug.as_deref().unwrap_or("")), 100);
    let title = html::plain(post.title.as_deref().unwrap_or(""));
    let mut item = Item { origin: origin.clone(), ..Default::default() };
    item.title = if title.is_empty() {
        let made = if slug.is_empty() { "Untitled".to_string() } else { slug.replace('-', " ") };
        imported.report.add(
            LineKind::Converted,
            origin.clone(),
            format!("no title: “{made}” made from its slug"),
        );
        made
    } else {
        title
    };
    item.slug = if slug.is_empty() { address::shorten(&address::slugify(&item.title), 80) } else { slug };
    let status = post.status.as_deref().unwrap_or("draft");
    item.draft = status == "draft";
    let visibility = post.visibility.as_deref().unwrap_or("public");
    if visibility != "public" {
        item.draft = true;
        let msg = format!(
            "“{}” is for {visibility} readers only on Ghost: not published (imported as a draft)",
            item.title
        );
        imported.report.add(LineKind::Skipped, origin.clone(), msg);
    }
    item.date = [&post.published_at, &post.created_at].into_iter().find_map(|d| parse_date(d.as_deref()?));
    item.updated =
        post.updated_at.as_deref().and_then(parse_date).filter(|u| item.date.is_some_and(|d| *u > d));
    item.description = text(&post.custom_excerpt).or_else(|| meta.and_then(|m| text(&m.meta_description)));
    item.canonical_url = text(&post.canonical_url).filter(|c| c.starts_with("http"));
    item.image = text(&post.feature_image).map(|i| ghost_url(&i));
    item.image_alt = meta.and_then(|m| text(&m.feature_image_alt));
    item.body = html::to_markdown(&ghost_url(post.html.as_deref().unwrap_or("")));
    item.aliases.push(format!("/{}/", item.slug));
    item
}

//! Authors described by another generator's fields (jekyll-seo-tag's
//! `_data/authors.yml`, an author collection, Hugo's author term pages), mapped to
//! byline's author fields, and the stub made for an author described nowhere.

use serde_json::{Map, Value as Json};

use super::front::{list, text};
use super::{Author, Origin, scan};
use crate::address;

/// The first of `keys` that `fields` has as text.
fn first(fields: &Map<String, Json>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| fields.get(*k).and_then(text))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The social networks byline knows, and the keys other generators name them by.
const NETWORKS: &[(&str, &[&str])] = &[
    ("x", &["x", "twitter"]),
    ("linkedin", &["linkedin"]),
    ("github", &["github"]),
    ("mastodon", &["mastodon"]),
    ("bluesky", &["bluesky"]),
    ("website", &["website", "url", "web", "homepage"]),
];

/// The author `id` from `fields` (also looked for under `social:`), with `bio`
/// when the fields have none.
pub(crate) fn from_fields(id: &str, fields: &Map<String, Json>, bio: &str, base: Option<&str>) -> Author {
    let social_map = fields.get("social").and_then(Json::as_object).cloned().unwrap_or_default();
    let mut social = Vec::new();
    for (network, keys) in NETWORKS {
        if let Some(v) = first(fields, keys).or_else(|| first(&social_map, keys)) {
            social.push(((*network).to_string(), v));
        }
    }
    let photo =
        first(fields, &["photo", "avatar", "picture", "image"]).map(|p| scan::local(&p, base).unwrap_or(p));
    let bio = first(fields, &["bio", "description", "about"]).unwrap_or_else(|| bio.trim().to_string());
    Author {
        id: id.to_string(),
        name: first(fields, &["name", "display_name", "full_name"])
            .unwrap_or_else(|| scan::title_from_slug(id)),
        role: first(fields, &["role", "position", "job_title", "jobtitle", "title"])
            .filter(|r| Some(r) != first(fields, &["name"]).as_ref()),
        email: first(fields, &["email"]),
        location: first(fields, &["location", "city"]),
        photo,
        expertise: list(fields.get("expertise").or_else(|| fields.get("skills")), false),
        social,
        bio,
        aliases: Vec::new(),
        stub: false,
        origin: Origin::default(),
    }
}

/// An author named `name` by a post (at `origin`) and described nowhere.
pub(crate) fn stub(name: &str, origin: &Origin) -> Author {
    let id = id_for(name);
    Author { name: name.trim().to_string(), id, stub: true, origin: origin.clone(), ..Author::default() }
}

/// An id byline accepts for what a source names an author by.
pub(crate) fn id_for(name: &str) -> String {
    if address::author_id_problem(name).is_none() {
        return name.to_string();
    }
    let slug = address::shorten(&address::slugify(name), 60);
    if slug.is_empty() { "author".into() } else { slug }
}

/// The id of the author a post (at `origin`) names `name`: a known author by id
/// or name, else a stub (added to `stubs` on first use, and then `true`).
pub(crate) fn resolve(
    name: &str,
    known: &[Author],
    stubs: &mut Vec<Author>,
    origin: &Origin,
) -> (String, bool) {
    let wanted = name.trim();
    let slug = address::slugify(wanted);
    let found = known
        .iter()
        .find(|a| a.id == wanted)
        .or_else(|| known.iter().find(|a| a.name == wanted || address::slugify(&a.id) == slug));
    if let Some(a) = found {
        return (a.id.clone(), false);
    }
    let author = stub(wanted, origin);
    let id = author.id.clone();
    if stubs.iter().any(|u| u.id == id) {
        return (id, false);
    }
    stubs.push(author);
    (id, true)
}

/// The report line for a new stub author.
pub(crate) fn stub_line(name: &str) -> String {
    format!("the author `{}` is described nowhere: a stub author file was written", name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seo_tag_fields_map_to_byline_fields() {
        let fields: Map<String, Json> = serde_json::from_str(
            r#"{"name": "Maya Okafor", "bio": "Writes.", "avatar": "/assets/maya.png", "twitter": "mokafor",
                "github": "mo", "title": "Editor", "location": "Leeds", "email": "m@example.com"}"#,
        )
        .unwrap();
        let a = from_fields("maya", &fields, "", None);
        assert_eq!(
            (a.name.as_str(), a.role.as_deref(), a.bio.as_str()),
            ("Maya Okafor", Some("Editor"), "Writes.")
        );
        assert_eq!(a.photo.as_deref(), Some("/assets/maya.png"));
        assert_eq!(a.social, [("x".to_string(), "mokafor".to_string()), ("github".into(), "mo".into())]);
    }

    #[test]
    fn a_name_resolves_by_id_or_name_and_else_is_a_stub() {
        let known = vec![Author { id: "maya".into(), name: "Maya Okafor".into(), ..Author::default() }];
        let mut used = Vec::new();
        let here = Origin { file: "_posts/x.md".into(), line: Some(1) };
        assert_eq!(resolve("maya", &known, &mut used, &here), ("maya".to_string(), false));
        assert_eq!(resolve("Maya Okafor", &known, &mut used, &here), ("maya".to_string(), false));
        assert_eq!(resolve("Sam Lee", &known, &mut used, &here), ("sam-lee".to_string(), true));
        assert_eq!(resolve("Sam Lee", &known, &mut used, &here), ("sam-lee".to_string(), false));
        assert_eq!(used[0].origin, here);
        assert_eq!(used.iter().map(|a| (a.id.as_str(), a.stub)).collect::<Vec<_>>(), [("sam-lee", true)]);
    }

    #[test]
    fn a_stub_has_an_id_byline_accepts() {
        let s = stub("Jane Doe", &Origin::default());
        assert_eq!((s.id.as_str(), s.name.as_str(), s.stub), ("jane-doe", "Jane Doe", true));
    }
}

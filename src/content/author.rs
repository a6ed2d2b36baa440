//! An author file `authors/<id>.md`: the expert's profile in front matter, the bio
//! as the markdown body.

use std::path::Path;

use super::frontmatter::{Fields, Key, Kind, read, split};
use super::links;
use super::social;
use super::{Body, aliases};
use crate::address;
use crate::config::Config;
use crate::markdown::LinkContext;
use crate::model::Author;
use crate::support::diagnostic::Diagnostic;

const fn key(name: &'static str, kind: Kind, expected: &'static str, example: &'static str) -> Key {
    Key { name, kind, expected, example }
}

/// Every field of an author file, and how each is written.
pub const FIELDS: &[Key] = &[
    key("name", Kind::Text, "text", "name: Maya Okafor"),
    key("role", Kind::Text, "text", "role: Head of Content Strategy"),
    key("photo", Kind::Text, "the path or address of a photo", "photo: /images/authors/maya-okafor.jpg"),
    key(
        "photo_focus",
        Kind::Text,
        "`top`, `center`, `bottom`, `left`, `right` or `x,y` in percent",
        "photo_focus: top",
    ),
    key("email", Kind::Text, "an e-mail address", "email: maya@example.com"),
    key("location", Kind::Text, "text", "location: Leeds, United Kingdom"),
    key("expertise", Kind::List, "a list of topics", "expertise: [Content strategy, Editorial planning]"),
    key(
        "social",
        Kind::Pairs,
        "`network: profile` lines",
        "social: {linkedin: maya-okafor, github: mokafor}",
    ),
    aliases::ALIASES,
    aliases::REDIRECT_FROM,
];

/// The id of the author file at `path`: its name without `.md` or `.markdown`.
pub fn id_of(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string()
}

/// The author's social profiles; one that cannot be made a link is an error at it.
fn profiles(f: &mut Fields<'_>, path: &Path) -> Vec<social::SocialLink> {
    let mut links = Vec::new();
    for (network, value) in f.pairs("social") {
        match social::resolve(&network.value, &value.value) {
            Ok(l) => links.push(l),
            Err(msg) => f.errors.push(network.span.error(path, msg)),
        }
    }
    links
}

/// A one-value field, trimmed, when it is not empty.
fn optional(f: &mut Fields<'_>, key: &str) -> Option<String> {
    f.text(key).map(|t| t.value.trim().to_string()).filter(|s| !s.is_empty())
}

/// Parses one author; the id is the file name without `.md`.
pub fn parse(path: &Path, text: &str, config: &Config) -> Result<(Author, Body), Vec<Diagnostic>> {
    let id = id_of(path);
    let split = split(path, text).map_err(|d| vec![d])?;
    let mut f = read(path, text, split.yaml, split.yaml_line, FIELDS)?;
    if let Some(msg) = address::author_id_problem(&id) {
        let fixed = address::shorten(&address::slugify(&id), 60);
        let example = if fixed.is_empty() { "ada-lovelace".to_string() } else { fixed };
        f.errors.push(Diagnostic::error(path, msg).with_hint(format!(
            "an id is letters, digits, `-`, `_` and `.`, the way posts name the author; rename the file, e.g. authors/{example}.md"
        )));
    }
    let name = f.text("name").map(|n| n.value.trim().to_string()).unwrap_or_default();
    if name.is_empty() {
        let msg = if f.has("name") { "`name` is empty" } else { "`name` is missing" };
        f.errors.push(
            f.fence.error(path, msg).with_hint("add the author's full name, e.g. `name: Ada Lovelace`"),
        );
    }
    let social = profiles(&mut f, path);
    let email = optional(&mut f, "email");
    if let Some(e) = email.as_deref()
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        f.errors.push(f.key_error("email", format!("`{e}` is not an e-mail address")));
    }
    let (role, location) = (optional(&mut f, "role"), optional(&mut f, "location"));
    let photo = f.text("photo").filter(|p| !p.value.trim().is_empty());
    if let Some(p) = &photo
        && let Some((msg, hint)) = links::problem("photo", &p.value, links::Use::Image)
    {
        f.errors.push(p.span.error(path, msg).with_hint(hint));
    }
    let photo = photo.map(|p| p.value.trim().to_string());
    let photo_focus = f.text("photo_focus").and_then(|t| {
        let focus = crate::media::photo::Focus::parse(&t.value);
        if focus.is_none() {
            let msg = format!("`photo_focus: {}` is not a place in the photo", t.value.trim());
            let hint = "write `top`, `center`, `bottom`, `left`, `right`, or `x,y` in percent from the top left, e.g. `photo_focus: 50,20`";
            f.errors.push(t.span.error(path, msg).with_hint(hint));
        }
        focus
    });
    let expertise = f.list("expertise").unwrap_or_default().into_iter().map(|e| e.value).collect();
    let aliases = aliases::read(&mut f, path);
    if !f.errors.is_empty() {
        return Err(f.errors);
    }
    let slug = address::slugify(&id);
    let page_url = config.url(&format!("authors/{slug}/"));
    let link_ctx = LinkContext::new(&config.base_url, &page_url);
    let author = Author {
        source: path.to_path_buf(),
        name,
        role,
        name_line: f.line_of("name"),
        role_line: f.line_of("role"),
        photo: photo.map(|p| link_ctx.rewrite(p.as_str().into()).to_string()),
        photo_focus,
        email,
        location,
        expertise,
        social,
        bio: Default::default(),
        aliases,
        fingerprint: 0,
        slug,
        id,
    };
    Ok((author, Body::of(text, &split)))
}

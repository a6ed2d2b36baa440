//! An author file `authors/<id>.md`: the expert's profile in front matter, the bio
//! as the markdown body.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::Body;
use super::frontmatter::{OneOrMany, Text, find_line, parse_fields, split};
use super::social;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::LinkContext;
use crate::model::{Author, Span};

pub const KEYS: &[&str] = &["name", "role", "photo", "email", "location", "expertise", "social"];

#[derive(Debug, Deserialize)]
struct RawAuthor {
    name: Option<Text>,
    role: Option<Text>,
    photo: Option<String>,
    email: Option<String>,
    location: Option<Text>,
    expertise: Option<OneOrMany>,
    #[serde(default)]
    social: IndexMap<String, Text>,
}

/// True for ids that work in URLs and front matter as written.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Parses one author; the id is the file name without `.md`.
pub fn parse(path: &Path, text: &str, config: &Config) -> Result<(Author, Body), Vec<Diagnostic>> {
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let split = split(path, text).map_err(|d| vec![d])?;
    let fields = parse_fields::<RawAuthor>(path, text, split.yaml, split.yaml_line, KEYS)?;
    let raw = fields.raw_ref();
    let mut errors = Vec::new();
    let fence = Span { line: 1, column: 1, text: "---".into() };
    if !valid_id(&id) {
        errors.push(Diagnostic::error(path, format!("`{id}` cannot be an author id")).with_hint(format!(
            "rename the file to lower-case letters, digits and dashes, e.g. authors/{}.md",
            slug::slugify(&id)
        )));
    }
    let name = raw.name.clone().map(Text::into_string).unwrap_or_default().trim().to_string();
    if name.is_empty() {
        errors.push(
            fence
                .error(path, "`name` is missing")
                .with_hint("add the author's full name, e.g. `name: Ada Lovelace`"),
        );
    }
    let social_line = fields.line_of("social");
    let mut links = Vec::new();
    for (network, value) in &raw.social {
        let value = value.clone().into_string();
        match social::resolve(network, &value) {
            Ok(l) => links.push(l),
            Err(msg) => {
                let (line, col) = find_line(text, social_line, network).unwrap_or((social_line, 1));
                errors.push(Diagnostic::error(path, msg).at(text, line, col));
            }
        }
    }
    if let Some(email) = raw.email.as_ref().filter(|e| !e.trim().is_empty())
        && (!email.contains('@') || email.contains(char::is_whitespace))
    {
        errors.push(super::key_error(
            path,
            text,
            &fields,
            "email",
            format!("`{email}` is not an e-mail address"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let page_url = config.url(&format!("authors/{id}/"));
    let link_ctx = LinkContext::new(&config.base_url, &page_url);
    let author = Author {
        source: path.to_path_buf(),
        name,
        role: raw.role.clone().map(Text::into_string).filter(|s| !s.trim().is_empty()),
        photo: raw
            .photo
            .as_ref()
            .filter(|p| !p.trim().is_empty())
            .map(|p| link_ctx.rewrite(p.as_str().into()).to_string()),
        email: raw.email.clone().filter(|s| !s.trim().is_empty()),
        location: raw.location.clone().map(Text::into_string).filter(|s| !s.trim().is_empty()),
        expertise: raw.expertise.clone().map(OneOrMany::into_vec).unwrap_or_default(),
        social: links,
        bio: Default::default(),
        fingerprint: 0,
        id,
    };
    Ok((author, Body::of(text, &split)))
}

//! `organization:` and `social_card:` in site.yaml: the company behind the blog
//! and the colours of its social cards.

use std::path::Path;

use super::key;
use crate::content::frontmatter::{Fields, Key, Kind};
use crate::content::links::{self, Use};
use crate::content::social::{self, SocialLink};

/// The fields of `social_card:`.
pub const SOCIAL_CARD: &[Key] = &[
    key("background", Kind::Text, "a colour such as `#ffffff`", "background: \"#ffffff\""),
    key("accent", Kind::Text, "a colour such as `#0b5cad`", "accent: \"#0b5cad\""),
];

/// The fields of `organization:`.
pub const ORGANIZATION: &[Key] = &[
    key("name", Kind::Text, "text", "name: Acme Inc"),
    key("logo", Kind::Text, "a site path or address", "logo: /images/logo.svg"),
    key("url", Kind::Text, "an address", "url: https://acme.example/"),
    key("social", Kind::Pairs, "`network: profile` lines", "social: {linkedin: company/acme, x: acme}"),
];

/// The company behind the blog: publisher in JSON-LD, footer links.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Organization {
    pub name: String,
    /// Site path or absolute URL, as written.
    pub logo: Option<String>,
    pub url: Option<String>,
    pub social: Vec<SocialLink>,
}

/// The colours of the social cards, each `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct CardColours {
    pub background: String,
    pub accent: String,
}

impl Default for CardColours {
    /// The default theme's paper and accent.
    fn default() -> Self {
        CardColours { background: "#ffffff".into(), accent: "#0b5cad".into() }
    }
}

/// The organization: its fields, named `title` when `organization:` gives no name.
pub(super) fn organization(f: &mut Fields<'_>, path: &Path, title: &str) -> Organization {
    let Some(mut org) = f.group("organization") else {
        return Organization { name: title.to_string(), logo: None, url: None, social: Vec::new() };
    };
    let (name, logo, url) = (org.text("name"), org.text("logo"), org.text("url"));
    for (field, value, used_as) in [("logo", &logo, Use::Image), ("url", &url, Use::Link)] {
        if let Some(v) = value
            && let Some((msg, hint)) = links::problem(field, &v.value, used_as)
        {
            org.errors.push(v.span.error(path, msg).with_hint(hint));
        }
    }
    let mut social = Vec::new();
    for (network, value) in org.pairs("social") {
        match social::resolve(&network.value, &value.value) {
            Ok(link) => social.push(link),
            Err(msg) => org.errors.push(network.span.error(path, msg)),
        }
    }
    f.absorb(org);
    Organization {
        name: name.map_or_else(|| title.to_string(), |n| n.value),
        logo: logo.map(|l| l.value),
        url: url.map(|u| u.value),
        social,
    }
}

/// `social_card:`: each colour `#rgb` or `#rrggbb` (kept as `#rrggbb`, lowercase).
pub(super) fn card_colours(f: &mut Fields<'_>, path: &Path) -> CardColours {
    let mut colours = CardColours::default();
    let Some(mut group) = f.group("social_card") else { return colours };
    for (field, slot) in [("background", &mut colours.background), ("accent", &mut colours.accent)] {
        let Some(v) = group.text(field) else { continue };
        match hex_colour(&v.value) {
            Some(c) => *slot = c,
            None => {
                let msg = format!("`{field}` must be a colour written `#rrggbb`, not `{}`", v.value);
                group.errors.push(v.span.error(path, msg).with_hint("for example `\"#0b5cad\"` (in quotes)"));
            }
        }
    }
    f.absorb(group);
    colours
}

/// `#abc` or `#aabbcc` as `#aabbcc`.
fn hex_colour(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(hex.chars().flat_map(|c| [c, c]).fold("#".to_string(), |mut s, c| {
            s.push(c.to_ascii_lowercase());
            s
        })),
        _ => None,
    }
}

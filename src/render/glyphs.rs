//! Characters a social card would show as boxes: those of its texts (a post's
//! title, an author's name and role, the blog's and the organization's names) that
//! no font has, neither the embedded ones nor the system's. Found before rendering,
//! as warnings at the key that holds them, by `byline build` and `byline check`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::media::draw;
use crate::model::Site;
use crate::support::diagnostic::Diagnostic;

/// A warning for each text of a card that holds characters no font can draw.
pub(crate) fn missing(site: &Site) -> Vec<Diagnostic> {
    let c = &site.config;
    if !c.social_cards {
        return Vec::new();
    }
    let mut found = Vec::new();
    let yaml = Path::new("site.yaml");
    check(yaml, "title", &c.title, None, &mut found);
    check(yaml, "organization name", &c.organization.name, None, &mut found);
    for p in &site.posts {
        check(&p.source, "title", &p.title, Some(p.title_line), &mut found);
    }
    for a in &site.authors {
        check(&a.source, "name", &a.name, Some(a.name_line), &mut found);
        if let Some(role) = &a.role {
            check(&a.source, "role", role, Some(a.role_line), &mut found);
        }
    }
    found
}

fn check(source: &Path, key: &str, text: &str, line: Option<usize>, found: &mut Vec<Diagnostic>) {
    let missing: BTreeSet<char> = text.chars().filter(|&c| !draw::drawable(c)).collect();
    if missing.is_empty() {
        return;
    }
    let listed: Vec<String> = missing.iter().map(|&c| format!("`{c}` (U+{:04X})", c as u32)).collect();
    let d = Diagnostic::warning(
        source,
        format!(
            "the `{key}` holds {} that no font can draw on the social card, which shows a box instead: {}",
            if missing.len() == 1 { "a character" } else { "characters" },
            listed.join(", ")
        ),
    )
    .with_code("card-glyph")
    .with_hint("install a font that has them where the site is built (cards use the system's fonts for what Inter lacks), or write the text without them");
    found.push(match line {
        Some(l) => d.at_line(l),
        None => d,
    });
}

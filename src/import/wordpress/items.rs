//! One WordPress post or page as an [`Item`]: status, date, authors, tags, title,
//! featured image, old address and body.

use chrono::Utc;

use crate::address;

use super::super::paths::{parse_date, site_path};
use super::super::uploads::Uploads;
use super::super::{Author, Imported, Item, LineKind, Origin, html};
use super::wxr::RawItem;
use super::{Context, author_id, shortcodes};

/// `raw` as a post (`post`) or a page.
pub(crate) fn item(raw: &RawItem, cx: &Context<'_>, imported: &mut Imported, post: bool) -> Option<Item> {
    let origin = Origin { file: cx.file.to_path_buf(), line: Some(raw.line) };
    let status = raw.get("wp:status");
    if matches!(status, "trash" | "auto-draft" | "inherit") {
        return None;
    }
    let mut item = Item { origin: origin.clone(), ..Default::default() };
    item.draft = matches!(status, "draft" | "pending" | "private");
    if !raw.get("wp:post_password").is_empty() {
        item.draft = true;
        let msg =
            format!("“{}” is password-protected: not published (imported as a draft)", raw.get("title"));
        imported.report.add(LineKind::Skipped, origin.clone(), msg);
    }
    item.date = parse_date(raw.get("wp:post_date_gmt"))
        .or_else(|| parse_date(raw.get("pubDate")))
        .or_else(|| parse_date(raw.get("wp:post_date")));
    if item.date.is_none() && post {
        item.date = Some(Utc::now().fixed_offset());
        imported.report.add(LineKind::Converted, origin.clone(), "no date: dated the moment of the import");
    }
    item.updated = parse_date(raw.get("wp:post_modified_gmt")).filter(|u| item.date.is_some_and(|d| *u > d));
    item.body = body(raw, cx, imported, &origin);
    title_and_slug(raw, &mut item, imported);
    if post {
        item.authors = authors(raw, cx, imported, &origin);
        item.tags = tags(raw, imported, &origin);
    }
    let excerpt = html::plain(raw.get("excerpt:encoded"));
    item.description = (!excerpt.is_empty()).then_some(excerpt);
    if let Some((url, title)) = raw.meta("_thumbnail_id").and_then(|id| cx.attachments.get(id)) {
        item.image = Some(uploads(cx).image(url, imported, &origin));
        item.image_alt = (!title.is_empty()).then(|| title.clone());
    }
    item.aliases.extend(site_path(raw.get("link")));
    Some(item)
}

/// The title as plain text, or one made from the slug or the first line; and the slug.
fn title_and_slug(raw: &RawItem, item: &mut Item, imported: &mut Imported) {
    let title = html::plain(raw.get("title"));
    let slug = address::shorten(&address::slugify(raw.get("wp:post_name")), 100);
    item.title = if !title.is_empty() {
        title
    } else {
        let from_slug = slug.replace('-', " ");
        let first_line: String = html::plain(item.body.lines().find(|l| !l.trim().is_empty()).unwrap_or(""))
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        let (made, how) = if !from_slug.trim().is_empty() {
            (from_slug, "its slug")
        } else if !first_line.is_empty() {
            (first_line.trim_matches(|c: char| !c.is_alphanumeric()).to_string(), "its first line")
        } else {
            (format!("Untitled {}", raw.get("wp:post_id")), "its id")
        };
        let made = capitalised(&made);
        let msg = format!("no title: “{made}” made from {how}");
        imported.report.add(LineKind::Converted, item.origin.clone(), msg);
        made
    };
    item.slug = if !slug.is_empty() { slug } else { address::shorten(&address::slugify(&item.title), 80) };
    if item.slug.is_empty() {
        item.slug = format!("post-{}", address::slugify(raw.get("wp:post_id")));
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.trim().chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The authors: Co-Authors Plus terms in their order, else `dc:creator`. One
/// no user describes gets a stub.
fn authors(raw: &RawItem, cx: &Context<'_>, imported: &mut Imported, origin: &Origin) -> Vec<String> {
    let mut names: Vec<String> = raw
        .terms
        .iter()
        .filter(|t| t.domain == "author")
        .map(|t| if t.nicename.is_empty() { t.name.clone() } else { t.nicename.clone() })
        .collect();
    if names.is_empty() {
        names.push(raw.get("dc:creator").to_string());
    }
    let mut ids = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let id = match cx.author_ids.get(name) {
            Some(id) => id.clone(),
            None => {
                let id = author_id(name.trim_start_matches("cap-"));
                if !imported.authors.iter().any(|a| a.id == id) {
                    let msg = format!(
                        "`{name}` is named as an author but no user or guest author describes them: a stub author file was written"
                    );
                    imported.report.add(LineKind::Stub, origin.clone(), msg);
                    imported.authors.push(Author {
                        id: id.clone(),
                        name: name.trim_start_matches("cap-").to_string(),
                        stub: true,
                        origin: origin.clone(),
                        ..Default::default()
                    });
                }
                id
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Categories and tags, both as tags, once each; one with no letters is dropped.
fn tags(raw: &RawItem, imported: &mut Imported, origin: &Origin) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in raw.terms.iter().filter(|t| t.domain == "category" || t.domain == "post_tag") {
        let name = html::plain(&t.name);
        if let Some(why) = address::tag_problem(&name) {
            imported.report.add(LineKind::Skipped, origin.clone(), format!("tag dropped: {why}"));
            continue;
        }
        if !tags.iter().any(|k| address::tag_key(k) == address::tag_key(&name)) {
            tags.push(name);
        }
    }
    tags
}

/// The body as markdown, with the uploads it shows copied when they can be.
fn body(raw: &RawItem, cx: &Context<'_>, imported: &mut Imported, origin: &Origin) -> String {
    let prepared = shortcodes::prepare(raw.fields.get("content:encoded").map_or("", |s| s), &cx.attachments);
    for (name, line) in &prepared.unknown {
        let at = Origin { file: origin.file.clone(), line: Some(raw.content_line + line - 1) };
        let msg = format!("the shortcode [{name}] was left as it was (line {line} of the body)");
        imported.report.add(LineKind::LeftAsIs, at, msg);
    }
    for id in &prepared.missing {
        let msg = format!("a gallery names attachment {id}, which the export does not have");
        imported.report.add(LineKind::LeftAsIs, origin.clone(), msg);
    }
    let markdown = shortcodes::restore(&html::to_markdown(&prepared.html), &prepared.kept);
    uploads(cx).rewrite(&markdown, imported, origin)
}

/// WordPress's uploads, from the folder `--uploads` gives.
fn uploads<'a>(cx: &Context<'a>) -> Uploads<'a> {
    Uploads::wordpress(cx.options.uploads.as_deref())
}

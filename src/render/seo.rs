//! Search and social metadata for every page: the `<head>` values, OpenGraph and
//! Twitter/X cards, and one schema.org JSON-LD graph. Every author of a post is a
//! `Person` here, with their profiles as `sameAs`.

use serde::Serialize;
use serde_json::{Value, json};

use super::jsonld::{breadcrumbs, script_json};
use super::site_view::SiteView;
use super::views::{AuthorRef, PostCard, PostImage, truncate_words};
use crate::model::{Author, Post, SocialLink};

/// A `<meta>` property or name with its content.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Prop {
    pub key: String,
    pub value: String,
}

fn prop(key: &str, value: impl Into<String>) -> Prop {
    Prop { key: key.to_string(), value: value.into() }
}

/// A feed for `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Feed {
    pub title: String,
    pub url: String,
    pub mime: &'static str,
}

/// Everything a page's `<head>` carries.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Meta {
    /// The `<title>` text.
    pub title: String,
    pub description: String,
    /// The canonical absolute URL.
    pub url: String,
    pub kind: &'static str,
    pub feeds: Vec<Feed>,
    pub noindex: bool,
    pub og: Vec<Prop>,
    pub twitter: Vec<Prop>,
    pub keywords: String,
    pub authors: String,
    /// The JSON-LD graph, already escaped for a `<script>` element.
    pub jsonld: String,
}

/// `en` → `en_US`, `de-CH` → `de_CH`: the form `og:locale` wants.
pub(super) fn og_locale(lang: &str) -> String {
    let mut parts = lang.split(['-', '_']);
    let language = parts.next().unwrap_or("en").to_lowercase();
    if let Some(region) = parts.next() {
        return format!("{language}_{}", region.to_uppercase());
    }
    let region = match language.as_str() {
        "en" => "US",
        "ja" => "JP",
        "sv" => "SE",
        "da" => "DK",
        "zh" => "CN",
        "ko" => "KR",
        "uk" => "UA",
        "cs" => "CZ",
        "el" => "GR",
        "nb" | "no" => "NO",
        other => return format!("{other}_{}", other.to_uppercase()),
    };
    format!("{language}_{region}")
}

/// A page's share image (`og:image`).
#[derive(Debug, Clone)]
struct Image {
    url: String,
    alt: String,
    /// Width and height, when byline made the image and so knows them.
    size: Option<(u32, u32)>,
    mime: &'static str,
}

/// The MIME type of an image address a share image may be: a raster format the
/// networks display (never SVG, which none of them shows).
fn raster_mime(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "gif" => Some("image/gif"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

/// An image given by address (a post's own, a photo, the logo), if it is raster.
fn given(url: &Option<String>, alt: impl FnOnce() -> String) -> Option<Image> {
    let url = url.as_ref()?;
    let mime = raster_mime(url)?;
    Some(Image { url: url.clone(), alt: alt(), size: None, mime })
}

/// Where a post stands in a series, for its JSON-LD and breadcrumbs.
pub(super) struct SeriesPlace<'a> {
    pub name: &'a str,
    pub url: &'a str,
    /// From 1.
    pub position: usize,
}

/// Builds page metadata; made once per build.
pub(super) struct Seo<'a> {
    site: &'a SiteView,
    logo: Option<String>,
    organization: Value,
}

impl<'a> Seo<'a> {
    pub(super) fn new(c: &'a SiteView) -> Self {
        let logo = c.logo_url();
        let mut organization = json!({
            "@type": "Organization",
            "@id": format!("{}#organization", c.base_url),
            "name": c.organization.name,
            "url": c.organization_url(),
            "sameAs": c.organization.social.iter().map(|l| l.url.clone()).collect::<Vec<_>>(),
        });
        if let Some(logo) = &logo {
            organization["logo"] = json!({"@type": "ImageObject", "url": logo});
        }
        Seo { site: c, logo, organization }
    }

    /// The metadata every page has: title, description, canonical URL, site feeds,
    /// OpenGraph and card basics, and a `WebPage` (or `CollectionPage`) graph.
    pub(super) fn page(&self, title: &str, description: &str, path: &str, kind: &'static str) -> Meta {
        self.page_in(title, description, path, kind, &[])
    }

    /// [`page`](Self::page) for a page below others: its breadcrumbs go from the home
    /// page through `parents` (name, URL) to it.
    pub(super) fn page_in(
        &self,
        title: &str,
        description: &str,
        path: &str,
        kind: &'static str,
        parents: &[(String, String)],
    ) -> Meta {
        let c = self.site;
        let full_title = if title.is_empty() || title == c.title {
            c.title.clone()
        } else {
            format!("{title} · {}", c.title)
        };
        let description = if description.trim().is_empty() { &c.description } else { description };
        let url = c.url(path);
        let mut meta = Meta {
            title: full_title,
            description: truncate_words(description, 160),
            url: url.clone(),
            kind,
            feeds: vec![
                Feed {
                    title: format!("{} (RSS)", c.title),
                    url: c.url("rss.xml"),
                    mime: "application/rss+xml",
                },
                Feed {
                    title: format!("{} (Atom)", c.title),
                    url: c.url("atom.xml"),
                    mime: "application/atom+xml",
                },
                Feed {
                    title: format!("{} (JSON Feed)", c.title),
                    url: c.url("feed.json"),
                    mime: "application/feed+json",
                },
            ],
            noindex: kind == "404",
            og: Vec::new(),
            twitter: Vec::new(),
            keywords: String::new(),
            authors: String::new(),
            jsonld: String::new(),
        };
        let heading = if title.is_empty() { c.title.as_str() } else { title };
        let image = self.card("", || c.title.clone()).or_else(|| self.logo_image());
        self.social(&mut meta, heading, "website", image);
        let page_type = if matches!(kind, "page" | "404") { "WebPage" } else { "CollectionPage" };
        let mut crumbs = vec![(c.title.clone(), c.url(""))];
        crumbs.extend(parents.iter().cloned());
        if !path.is_empty() {
            crumbs.push((heading.to_string(), url.clone()));
        }
        meta.jsonld = script_json(&json!({
            "@context": "https://schema.org",
            "@graph": [
                {"@type": page_type, "@id": url, "url": url, "name": heading, "description": meta.description,
                 "inLanguage": c.language, "isPartOf": {"@id": format!("{}#website", c.base_url)}},
                breadcrumbs(&crumbs),
            ]
        }));
        meta
    }

    /// The social card of the page at site path `page` (`""` for the blog's), if
    /// cards are drawn.
    fn card(&self, page: &str, alt: impl FnOnce() -> String) -> Option<Image> {
        self.site.social_cards.then(|| Image {
            url: self.site.url(&super::kinds::social_cards::card_path(page)),
            alt: alt(),
            size: Some((crate::media::card::WIDTH, crate::media::card::HEIGHT)),
            mime: "image/png",
        })
    }

    /// The organization's logo, if it is a raster image.
    fn logo_image(&self) -> Option<Image> {
        given(&self.logo, || format!("{} logo", self.site.organization.name))
    }

    /// OpenGraph and Twitter/X properties shared by all kinds of page.
    fn social(&self, meta: &mut Meta, title: &str, og_type: &str, image: Option<Image>) {
        let c = self.site;
        meta.og = vec![
            prop("og:title", title),
            prop("og:description", meta.description.clone()),
            prop("og:type", og_type),
            prop("og:url", meta.url.clone()),
            prop("og:site_name", c.title.clone()),
            prop("og:locale", og_locale(&c.language)),
        ];
        meta.twitter = vec![
            prop("twitter:card", if image.is_some() { "summary_large_image" } else { "summary" }),
            prop("twitter:title", title),
            prop("twitter:description", meta.description.clone()),
        ];
        if let Some(handle) = SocialLink::x_handle(&c.organization.social) {
            meta.twitter.push(prop("twitter:site", format!("@{handle}")));
        }
        if let Some(image) = image {
            meta.og.push(prop("og:image", image.url.clone()));
            meta.og.push(prop("og:image:type", image.mime));
            if let Some((w, h)) = image.size {
                meta.og.push(prop("og:image:width", w.to_string()));
                meta.og.push(prop("og:image:height", h.to_string()));
            }
            meta.og.push(prop("og:image:alt", image.alt.clone()));
            meta.twitter.push(prop("twitter:image", image.url));
            meta.twitter.push(prop("twitter:image:alt", image.alt));
        }
    }

    /// A `Person` for JSON-LD, as a byline shows them.
    fn person(&self, a: &AuthorRef) -> Value {
        let mut p = json!({
            "@type": "Person",
            "@id": format!("{}#person", a.url),
            "name": a.name,
            "url": a.url,
            "sameAs": a.social.iter().map(|l| l.url.clone()).collect::<Vec<_>>(),
        });
        if let Some(photo) = &a.photo {
            p["image"] = json!(photo);
        }
        if let Some(role) = &a.role {
            p["jobTitle"] = json!(role);
        }
        p
    }

    /// A `Person` for JSON-LD with all their page shows.
    fn person_in_full(&self, a: &Author, r: &AuthorRef) -> Value {
        let mut p = self.person(r);
        if !a.bio.summary_text.is_empty() {
            p["description"] = json!(a.bio.summary_text);
        }
        if let Some(email) = &a.email {
            p["email"] = json!(email);
        }
        if !a.expertise.is_empty() {
            p["knowsAbout"] = json!(a.expertise);
        }
        if let Some(location) = &a.location {
            p["homeLocation"] = json!({"@type": "Place", "name": location});
        }
        p["worksFor"] = json!({"@id": self.organization["@id"], "@type": "Organization", "name": self.site.organization.name});
        p
    }

    /// Home: the `WebSite` and the `Organization`.
    pub(super) fn home(&self, meta: &mut Meta) {
        let c = self.site;
        meta.jsonld = script_json(&json!({
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "@id": format!("{}#website", c.base_url), "url": c.base_url, "name": c.title,
                 "description": c.description, "inLanguage": c.language, "publisher": {"@id": self.organization["@id"]}},
                self.organization,
            ]
        }));
    }

    /// A post's share image: its own image if the networks can show it (its largest
    /// variant, when byline made them), else its card; without cards, the first
    /// author's photo or the logo, if raster.
    fn post_image(&self, p: &Post, authors: &[AuthorRef], image: Option<&PostImage>) -> Option<Image> {
        let alt = || p.image_alt.clone().unwrap_or_else(|| p.title.clone());
        let variant = image.and_then(|i| {
            let (url, w, h) = i.share.clone();
            Some(Image { mime: raster_mime(&url)?, url, alt: alt(), size: Some((w, h)) })
        });
        variant
            .or_else(|| given(&p.image, alt))
            .or_else(|| self.card(&p.path(), || p.title.clone()))
            .or_else(|| {
                let a = authors.first()?;
                given(&a.photo, || format!("Photo of {}", a.name))
            })
            .or_else(|| self.logo_image())
    }

    /// A post (`card` is how lists show it): `article` cards, every author, tags,
    /// and a `BlogPosting` (part of its series too, when it has one).
    pub(super) fn post(
        &self,
        p: &Post,
        card: &PostCard,
        image: Option<&PostImage>,
        series: Option<SeriesPlace>,
        meta: &mut Meta,
    ) {
        let c = self.site;
        let authors = &card.authors;
        let tags: Vec<&str> = card.tags.iter().map(|t| t.name.as_str()).collect();
        let mut keywords: Vec<&str> = tags.clone();
        for k in &p.keywords {
            if !keywords.iter().any(|x| x.eq_ignore_ascii_case(k)) {
                keywords.push(k);
            }
        }
        let image = self.post_image(p, authors, image);
        // A post that first appeared elsewhere points search engines and cards there.
        if let Some(canonical) = &p.canonical_url {
            meta.url = canonical.clone();
        }
        let image_url = image.as_ref().map(|i| i.url.clone());
        self.social(meta, &p.title, "article", image);
        let published = card.date.iso.clone();
        let modified = card.modified.iso.clone();
        meta.og.push(prop("article:published_time", published.clone()));
        meta.og.push(prop("article:modified_time", modified.clone()));
        for a in authors {
            meta.og.push(prop("article:author", a.url.clone()));
        }
        if let Some(section) = tags.first() {
            meta.og.push(prop("article:section", *section));
        }
        for t in &tags {
            meta.og.push(prop("article:tag", *t));
        }
        if let Some(handle) = authors.first().and_then(|a| SocialLink::x_handle(&a.social)) {
            meta.twitter.push(prop("twitter:creator", format!("@{handle}")));
        }
        meta.keywords = keywords.join(", ");
        meta.authors = authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ");
        let url = &card.url;
        let mut posting = json!({
            "@type": "BlogPosting",
            "@id": format!("{url}#post"),
            "headline": p.title,
            "description": meta.description,
            "datePublished": published,
            "dateModified": modified,
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "keywords": keywords,
            "wordCount": p.body.word_count,
            "inLanguage": c.language,
            "author": authors.iter().map(|a| self.person(a)).collect::<Vec<_>>(),
            "publisher": self.organization,
            "isPartOf": {"@id": format!("{}#website", c.base_url)},
        });
        if let Some(image) = image_url {
            posting["image"] = json!(image);
        }
        if let Some(section) = tags.first() {
            posting["articleSection"] = json!(section);
        }
        let middle = match (&series, card.tags.first()) {
            (Some(s), _) => {
                let site = posting["isPartOf"].take();
                posting["isPartOf"] = json!([site, series_of(s)]);
                posting["position"] = json!(s.position);
                vec![("Series".to_string(), c.url("series/")), (s.name.to_string(), s.url.to_string())]
            }
            (None, Some(t)) => vec![(t.name.clone(), t.url.clone())],
            (None, None) => vec![("Posts".to_string(), c.url("archive/"))],
        };
        let mut crumbs = vec![(c.title.clone(), c.url(""))];
        crumbs.extend(middle);
        crumbs.push((p.title.clone(), url.clone()));
        meta.jsonld = script_json(
            &json!({"@context": "https://schema.org", "@graph": [posting, breadcrumbs(&crumbs)]}),
        );
    }

    /// An author page's metadata: `profile` cards and a `ProfilePage` about the
    /// `Person`; `modified` is when their newest post last changed (from its card,
    /// as the page lists it).
    pub(super) fn author(&self, author: &Author, r: &AuthorRef, modified: Option<&str>, meta: &mut Meta) {
        let c = self.site;
        let image = self
            .card(&author.path(), || author.name.clone())
            .or_else(|| given(&author.photo, || format!("Photo of {}", author.name)))
            .or_else(|| self.logo_image());
        self.social(meta, &author.name, "profile", image);
        let mut names = author.name.split_whitespace();
        if let Some(first) = names.next() {
            meta.og.push(prop("profile:first_name", first));
            let last: Vec<&str> = names.collect();
            if !last.is_empty() {
                meta.og.push(prop("profile:last_name", last.join(" ")));
            }
        }
        meta.og.push(prop("profile:username", author.id.clone()));
        if let Some(handle) = SocialLink::x_handle(&author.social) {
            meta.twitter.push(prop("twitter:creator", format!("@{handle}")));
        }
        meta.authors = author.name.clone();
        meta.keywords = author.expertise.join(", ");
        meta.feeds.push(Feed {
            title: format!("{} on {}", author.name, c.title),
            url: format!("{}rss.xml", r.url),
            mime: "application/rss+xml",
        });
        let crumbs = [
            (c.title.clone(), c.url("")),
            ("Authors".into(), c.url("authors/")),
            (author.name.clone(), r.url.clone()),
        ];
        meta.jsonld = script_json(&json!({
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "ProfilePage", "@id": r.url, "url": r.url, "name": meta.title, "inLanguage": c.language,
                 "mainEntity": self.person_in_full(author, r),
                 "dateModified": modified},
                breadcrumbs(&crumbs),
            ]
        }));
    }
}

/// The `CreativeWorkSeries` a post is part of.
fn series_of(s: &SeriesPlace) -> Value {
    json!({"@type": "CreativeWorkSeries", "@id": format!("{}#series", s.url), "name": s.name, "url": s.url})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("de-CH"), "de_CH");
        assert_eq!(og_locale("fr"), "fr_FR");
    }
}

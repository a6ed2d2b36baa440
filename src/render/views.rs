//! Small serializable views of the model that templates see. Built once per build
//! (cards and author refs are shared by every list page), never per template call.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::kinds::images;
use super::pictures;
use super::record::{self, Fingerprint, Hashed, Listed};
use crate::media::photo::{Format, Shape, Variant};
use crate::model::SocialLink;
use crate::model::{Author, Image, Post, Site};

/// A date in the forms templates and feeds need.
#[derive(Debug, Clone, Serialize)]
pub(super) struct DateView {
    /// ISO 8601 with offset, for `<time datetime>` and JSON-LD.
    pub iso: String,
    /// "5 March 2024", for people.
    pub display: String,
    /// RFC 822, for RSS.
    pub rfc822: String,
    pub year: i32,
}

impl From<DateTime<FixedOffset>> for DateView {
    fn from(d: DateTime<FixedOffset>) -> Self {
        DateView {
            iso: d.to_rfc3339(),
            display: d.format("%-d %B %Y").to_string(),
            rfc822: rfc2822(&d),
            year: chrono::Datelike::year(&d),
        }
    }
}

/// RFC 2822, as RSS wants it. chrono's `to_rfc2822` panics on years outside 0 to
/// 9999; loading refuses such dates, and this cannot panic whatever the date.
pub(super) fn rfc2822(d: &DateTime<FixedOffset>) -> String {
    d.format("%a, %-d %b %Y %H:%M:%S %z").to_string()
}

/// An author as bylines and cards show them.
#[derive(Debug, Clone, Serialize)]
pub(super) struct AuthorRef {
    pub id: String,
    pub name: String,
    pub url: String,
    pub role: Option<String>,
    pub photo: Option<String>,
    /// The photo's square variants, inline (`author.photo_stem`): no
    /// `#[serde(flatten)]` in anything hashed, as postcard cannot write it.
    pub photo_stem: Option<String>,
    pub photo_ext: Option<&'static str>,
    pub photo_sizes: Vec<u32>,
    /// Up to two letters, for a placeholder when there is no photo.
    pub initials: String,
    pub social: Vec<SocialLink>,
}

/// An author photo's square variants, as the `avatar` macro picks them: none when
/// the photo is not a raster image of the site (an SVG, an address elsewhere).
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct PhotoVariants {
    /// Their addresses without the size and extension: `…/maya-okafor`, for
    /// `…/maya-okafor-96.webp` and `…/maya-okafor-96.jpg`.
    pub photo_stem: Option<String>,
    /// The fallback's extension: `jpg`, or `png` for a photo with transparency.
    pub photo_ext: Option<&'static str>,
    /// The sizes there are variants of, at 1x and at 2x.
    pub photo_sizes: Vec<u32>,
}

impl PhotoVariants {
    pub(super) fn of(site: &Site, a: &Author) -> Self {
        let Some(image) = a.photo.as_deref().and_then(|u| site.image(u)) else {
            return PhotoVariants::default();
        };
        let stem = image.url.rsplit_once('.').map_or(image.url.as_str(), |(s, _)| s);
        PhotoVariants {
            photo_stem: Some(stem.to_string()),
            photo_ext: Some(Format::Fallback.extension(image.info)),
            photo_sizes: images::AVATARS.to_vec(),
        }
    }
}

/// A post's `image` in variants, when it is a raster image of the site.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PostImage {
    /// `srcset` of the WebP variants (with their widths).
    pub webp_srcset: String,
    /// `srcset` of the JPEG (or PNG) variants.
    pub fallback_srcset: String,
    /// The fallback variant closest to 960 px wide, for `<img src>`, and its size.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// The post's share image and its size: the largest fallback variant (1440
    /// wide), or the image itself when it is narrower.
    #[serde(skip)]
    pub share: (String, u32, u32),
    /// The image at its own size, when it is much larger (half as wide again) than
    /// its largest variant: pages link to it.
    pub original: Option<String>,
    pub original_width: u32,
    pub original_height: u32,
}

impl PostImage {
    pub(super) fn of(site: &Site, url: Option<&str>) -> Option<Self> {
        Some(Self::variants(site, site.image(url?)?))
    }

    /// The variants of `image`, which is shown by width.
    pub(super) fn variants(site: &Site, image: &Image) -> Self {
        let widths = images::widths(image.info);
        let srcset = |format| {
            let each = widths.iter().map(|&w| {
                let v = Variant { shape: Shape::Width(w), format };
                format!("{} {}w", images::url(&site.config, image, v), Shape::Width(w).size(image.info).0)
            });
            each.collect::<Vec<_>>().join(", ")
        };
        let src_width = widths.iter().copied().filter(|&w| w <= 960).max().unwrap_or(widths[0]);
        let shape = Shape::Width(src_width);
        let (width, height) = shape.size(image.info);
        // Shared: the largest variant when it is 1200 wide (what the networks show),
        // else the image at its own size.
        let largest = Shape::Width(widths.iter().copied().max().unwrap_or(src_width));
        let (share, share_width, share_height) = match largest.size(image.info) {
            (w, h) if w >= 1200 => {
                (images::url(&site.config, image, Variant { shape: largest, format: Format::Fallback }), w, h)
            }
            _ => (image.url.clone(), image.info.width, image.info.height),
        };
        PostImage {
            webp_srcset: srcset(Format::WebP),
            fallback_srcset: srcset(Format::Fallback),
            src: images::url(&site.config, image, Variant { shape, format: Format::Fallback }),
            width,
            height,
            share: (share, share_width, share_height),
            original: (u64::from(image.info.width) * 2 > u64::from(share_width) * 3)
                .then(|| image.url.clone()),
            original_width: image.info.width,
            original_height: image.info.height,
        }
    }
}

pub(super) fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

impl AuthorRef {
    pub(super) fn new(a: &Author, site: &Site) -> Self {
        let config = &site.config;
        let PhotoVariants { photo_stem, photo_ext, photo_sizes } = PhotoVariants::of(site, a);
        AuthorRef {
            id: a.id.clone(),
            name: a.name.clone(),
            url: config.url(&a.path()),
            role: a.role.clone(),
            photo: a.photo.clone(),
            photo_stem,
            photo_ext,
            photo_sizes,
            initials: initials(&a.name),
            social: a.social.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct TagRef {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// A post as list pages show it: no full body.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PostCard {
    pub title: String,
    pub url: String,
    pub date: DateView,
    pub authors: Vec<AuthorRef>,
    pub tags: Vec<TagRef>,
    pub summary_html: String,
    pub reading_minutes: usize,
    pub draft: bool,
    pub future: bool,
    /// The last significant change (`updated`, else the date).
    pub modified: DateView,
}

/// Reading time at 220 words a minute, at least one minute.
pub(super) fn reading_minutes(words: usize) -> usize {
    words.div_ceil(220).max(1)
}

/// Views shared by every page of one build. Cards are made when first asked for
/// (a rebuild after one edit needs few of them), each with its hash.
pub(super) struct Shared<'a> {
    site: &'a Site,
    pub authors: Vec<AuthorRef>,
    /// The hash of each of `authors`.
    author_hashes: Vec<Fingerprint>,
    pub tags: Vec<TagRef>,
    cards: Vec<OnceLock<(PostCard, Fingerprint)>>,
}

impl<'a> Shared<'a> {
    /// Post `i` as list pages show it.
    pub(super) fn card(&self, i: usize) -> &PostCard {
        &self.made(i).0
    }

    /// Post `i` as a list record holds it: the card, with its hash.
    pub(super) fn listed(&self, i: usize) -> Listed<'_> {
        let (card, hash) = self.made(i);
        Listed { post: i, card, hash: *hash }
    }

    /// Author `a` as a record holds them.
    pub(crate) fn author(&self, a: usize) -> Hashed<'_, AuthorRef> {
        Hashed { value: &self.authors[a], hash: self.author_hashes[a] }
    }

    /// Posts `ids` as a list record holds them.
    pub(super) fn list(&self, ids: &[usize]) -> Vec<Listed<'_>> {
        ids.iter().map(|&i| self.listed(i)).collect()
    }

    fn made(&self, i: usize) -> &(PostCard, Fingerprint) {
        self.cards[i].get_or_init(|| {
            let card = card(self.site, &self.site.posts[i], i, &self.authors, &self.tags);
            let hash = record::hash(&card);
            (card, hash)
        })
    }

    pub(super) fn new(site: &'a Site) -> Self {
        let config = &site.config;
        let authors: Vec<AuthorRef> = site.authors.iter().map(|a| AuthorRef::new(a, site)).collect();
        let tags: Vec<TagRef> = site
            .index
            .tags
            .iter()
            .map(|t| TagRef {
                name: t.name.clone(),
                slug: t.slug.clone(),
                url: config.url(&t.path()),
                count: t.posts.len(),
            })
            .collect();
        let cards = site.posts.iter().map(|_| OnceLock::new()).collect();
        let author_hashes = authors.iter().map(record::hash).collect();
        Shared { site, authors, author_hashes, tags, cards }
    }
}

fn card(site: &Site, p: &Post, i: usize, authors: &[AuthorRef], tags: &[TagRef]) -> PostCard {
    PostCard {
        title: p.title.clone(),
        url: site.config.url(&p.path()),
        date: p.date.into(),
        authors: p
            .authors
            .iter()
            .filter_map(|id| site.index.author_by_id.get(id).map(|&a| authors[a].clone()))
            .collect(),
        tags: site.index.post_tags[i].iter().map(|&t| tags[t].clone()).collect(),
        summary_html: pictures::summary(site, &p.body),
        reading_minutes: reading_minutes(p.body.word_count),
        draft: p.draft,
        future: p.date > site.now,
        modified: p.modified().into(),
    }
}

/// A meta description: the text cut at a word boundary to at most `max` characters.
pub(super) fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_truncation() {
        assert_eq!(initials("Ada  Lovelace"), "AL");
        assert_eq!(initials("prince"), "P");
        assert_eq!(truncate_words("one two three", 100), "one two three");
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(221), 2);
    }

    #[test]
    fn rss_dates_match_chrono_and_never_panic() {
        for s in ["2024-03-05T09:30:07+01:00", "0000-01-01T00:00:00-05:00", "9999-12-31T23:59:59+14:00"] {
            let d = DateTime::parse_from_rfc3339(s).unwrap();
            assert_eq!(rfc2822(&d), d.to_rfc2822(), "{s}");
        }
        assert_eq!(
            rfc2822(&DateTime::parse_from_rfc3339("2024-03-15T00:00:00Z").unwrap()),
            "Fri, 15 Mar 2024 00:00:00 +0000"
        );
        let far = chrono::NaiveDate::from_ymd_opt(10000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let far = chrono::TimeZone::from_utc_datetime(&chrono::Utc, &far).fixed_offset();
        assert_eq!(DateView::from(far).rfc822, "Sat, 1 Jan +10000 00:00:00 +0000");
    }
}

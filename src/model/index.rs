//! Indexes over the validated posts: by author, by tag, and back from each post to
//! its tags. Built once per build, serially (the only serial pass over all posts).

use std::collections::HashMap;

use super::{Author, Post, Series, Tag};
use crate::address::{tag_key, tag_slug};

/// Lookups between posts, authors and tags. Post numbers index `Site::posts`.
#[derive(Debug, Clone, Default)]
pub struct Indexes {
    pub author_by_id: HashMap<String, usize>,
    /// For each author (by position in `Site::authors`), their posts, newest first.
    pub author_posts: Vec<Vec<usize>>,
    /// Tags sorted by name.
    pub tags: Vec<Tag>,
    pub tag_by_slug: HashMap<String, usize>,
    /// For each post, its tags (positions in `tags`), in the order written.
    pub post_tags: Vec<Vec<usize>>,
    /// Lower-cased keyword → posts carrying it, newest first.
    pub keyword_posts: HashMap<String, Vec<usize>>,
    /// Series sorted by name, each with its posts in order.
    pub series: Vec<Series>,
    /// For each post, its series (a position in `series`) and its place in it (0-based).
    pub post_series: Vec<Option<(usize, usize)>>,
}

impl Indexes {
    pub fn build(posts: &[Post], authors: &[Author]) -> Indexes {
        let author_by_id: HashMap<String, usize> =
            authors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut author_posts = vec![Vec::new(); authors.len()];
        let mut tags: Vec<Tag> = Vec::new();
        // Names that differ only by case, spaces or dashes are one tag, named as
        // first written; any other names that would share a slug were refused.
        let mut tag_by_key: HashMap<String, usize> = HashMap::new();
        let mut keyword_posts: HashMap<String, Vec<usize>> = HashMap::new();
        let mut post_tags_raw: Vec<Vec<usize>> = Vec::with_capacity(posts.len());
        // Tag names as written, to their tag: each name is made a key once, not once a post.
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (i, post) in posts.iter().enumerate() {
            for id in &post.authors {
                if let Some(&a) = author_by_id.get(id)
                    && author_posts[a].last() != Some(&i)
                {
                    author_posts[a].push(i);
                }
            }
            let mut mine = Vec::new();
            for name in &post.tags {
                let t = *by_name.entry(name).or_insert_with(|| {
                    *tag_by_key.entry(tag_key(name)).or_insert_with(|| {
                        tags.push(Tag { name: name.clone(), slug: tag_slug(name), posts: Vec::new() });
                        tags.len() - 1
                    })
                });
                if !mine.contains(&t) {
                    mine.push(t);
                    tags[t].posts.push(i);
                }
            }
            post_tags_raw.push(mine);
            for kw in &post.keywords {
                let list = keyword_posts.entry(kw.to_lowercase()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        // Sort tags by name and renumber the references to them.
        let mut order: Vec<usize> = (0..tags.len()).collect();
        order.sort_by(|&a, &b| {
            tags[a]
                .name
                .to_lowercase()
                .cmp(&tags[b].name.to_lowercase())
                .then(tags[a].slug.cmp(&tags[b].slug))
        });
        let mut renumber = vec![0; tags.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old] = new;
        }
        let mut sorted: Vec<Option<Tag>> = tags.into_iter().map(Some).collect();
        let tags: Vec<Tag> = order.iter().filter_map(|&old| sorted[old].take()).collect();
        let tag_by_slug = tags.iter().enumerate().map(|(i, t)| (t.slug.clone(), i)).collect();
        let post_tags =
            post_tags_raw.into_iter().map(|v| v.into_iter().map(|t| renumber[t]).collect()).collect();
        let (series, post_series) = super::series::index(posts);
        Indexes {
            author_by_id,
            author_posts,
            tags,
            tag_by_slug,
            post_tags,
            keyword_posts,
            series,
            post_series,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(tags: &[&str]) -> Post {
        let date = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
        Post {
            source: "a.md".into(),
            slug: "a".into(),
            title: "A".into(),
            description: None,
            date,
            updated: None,
            authors: Vec::new(),
            author_spans: Vec::new(),
            slug_span: Default::default(),
            title_line: 1,
            description_line: 1,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            tag_spans: vec![Default::default(); tags.len()],
            keywords: Vec::new(),
            draft: false,
            stage: None,
            cta: Default::default(),
            canonical_url: None,
            image: None,
            image_alt: None,
            share_text: None,
            series: None,
            body: Default::default(),
            aliases: Vec::new(),
            fingerprint: 0,
        }
    }

    #[test]
    fn tags_merge_by_case_spaces_and_dashes_only_and_sort_by_name() {
        let posts = [post(&["Data Engineering", "C++", "c#"]), post(&["data-engineering", "C", "Ant"])];
        let index = Indexes::build(&posts, &[]);
        let tags: Vec<(&str, &str, usize)> =
            index.tags.iter().map(|t| (t.name.as_str(), t.slug.as_str(), t.posts.len())).collect();
        assert_eq!(
            tags,
            [
                ("Ant", "ant", 1),
                ("C", "c", 1),
                ("c#", "c-sharp", 1),
                ("C++", "c-plus-plus", 1),
                ("Data Engineering", "data-engineering", 2),
            ]
        );
        assert_eq!(index.post_tags[1], [4, 1, 0]);
    }
}

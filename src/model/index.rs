//! Indexes over the validated posts: by author, by tag, and back from each post to
//! its tags. Built once per build, serially (the only serial pass over all posts).

use std::collections::HashMap;

use super::{Author, Post, Tag};

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
}

/// The URL slug of a tag name: `Machine Learning` → `machine-learning`.
pub fn tag_slug(name: &str) -> String {
    let s = slug::slugify(name);
    if s.is_empty() { "tag".to_string() } else { s }
}

impl Indexes {
    pub fn build(posts: &[Post], authors: &[Author]) -> Indexes {
        let author_by_id: HashMap<String, usize> =
            authors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut author_posts = vec![Vec::new(); authors.len()];
        let mut tags: Vec<Tag> = Vec::new();
        let mut tag_by_slug: HashMap<String, usize> = HashMap::new();
        let mut keyword_posts: HashMap<String, Vec<usize>> = HashMap::new();
        let mut post_tags_raw: Vec<Vec<usize>> = Vec::with_capacity(posts.len());
        // Tag names as written, to their tag: each name is slugified once, not once a post.
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
                    let slug = tag_slug(name);
                    *tag_by_slug.entry(slug.clone()).or_insert_with(|| {
                        tags.push(Tag { name: name.clone(), slug, posts: Vec::new() });
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
        Indexes { author_by_id, author_posts, tags, tag_by_slug, post_tags, keyword_posts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_merge_by_slug_and_sort_by_name() {
        assert_eq!(tag_slug("Machine Learning"), "machine-learning");
        assert_eq!(tag_slug("C++"), "c");
        assert_eq!(tag_slug("!!!"), "tag");
    }
}

//! Rewrites link and image targets written in markdown into absolute URLs, so the
//! same HTML is right on the page and inside feeds. Links to other markdown files
//! (`../other-post.md`, `@/posts/other-post.md`) become the pages made from them.

use std::collections::HashMap;
use std::sync::Arc;

use pulldown_cmark::CowStr;

/// Source file (relative to the site folder, `/`-separated: `content/posts/a.md`) →
/// the site path of the page made from it (`posts/a/`).
pub type Resolver = HashMap<String, String>;

/// Where a document lives, to resolve the links inside it.
#[derive(Debug, Clone)]
pub struct LinkContext {
    /// The site's base URL, ending with `/`.
    base_url: String,
    /// The document's own absolute URL, ending with `/`.
    page_url: String,
    /// The folder of the document's source file, `/`-separated (`content/posts`).
    source_dir: String,
    resolver: Option<Arc<Resolver>>,
}

/// `a/b/../c/./d` → `a/c/d`; `None` when it climbs above the start.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

impl LinkContext {
    pub fn new(base_url: &str, page_url: &str) -> Self {
        LinkContext {
            base_url: base_url.to_string(),
            page_url: page_url.to_string(),
            source_dir: String::new(),
            resolver: None,
        }
    }

    /// Resolves links to markdown files through `resolver`, relative ones against the
    /// folder of `source` (the document's file, relative to the site folder).
    pub fn with_source(mut self, source: &str, resolver: Arc<Resolver>) -> Self {
        self.source_dir = source.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
        self.resolver = Some(resolver);
        self
    }

    /// The page made from a markdown file the link names, if it names one.
    fn to_markdown_file(&self, url: &str) -> Option<String> {
        let resolver = self.resolver.as_ref()?;
        let (path, frag) = match url.find('#') {
            Some(i) => url.split_at(i),
            None => (url, ""),
        };
        if !path.ends_with(".md") {
            return None;
        }
        let key = match path.strip_prefix("@/") {
            Some(rest) => normalise(&format!("content/{rest}"))?,
            None => normalise(&format!("{}/{path}", self.source_dir))?,
        };
        resolver.get(&key).map(|site_path| format!("{}{site_path}{frag}", self.base_url))
    }

    /// The site path an absolute URL names, decoded and without query or fragment
    /// (`https://e.com/blog/a/b%20c.png?v=1` → `a/b c.png`), when it is one of this
    /// site's files: under `base_url` and not a folder.
    pub(crate) fn site_path(&self, url: &str) -> Option<String> {
        let rest = url.strip_prefix(self.base_url.as_str())?;
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let path = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
        (!path.is_empty() && !path.ends_with('/')).then(|| path.into_owned())
    }

    /// The file a relative target names, from the site folder: resolved against the
    /// document's folder (`images/a.png` in `content/posts/x.md` →
    /// `content/posts/images/a.png`). `None` for any other target, and for one
    /// that climbs above the site folder.
    pub(crate) fn source_file(&self, written: &str) -> Option<String> {
        let relative = !written.is_empty()
            && !written.starts_with(['/', '#', '?'])
            && !written.starts_with("@/")
            && !has_scheme(written);
        if !relative {
            return None;
        }
        let path = written.split(['?', '#']).next().unwrap_or_default();
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        normalise(&format!("{}/{path}", self.source_dir)).filter(|p| !p.is_empty())
    }

    /// `/x` is a site path (under `base_url`), `x` or `../x` is relative to the page;
    /// URLs with a scheme, `//host` and `#fragment` stay as written.
    pub fn rewrite<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(&url) {
            return url;
        }
        if let Some(resolved) = self.to_markdown_file(&url) {
            return resolved.into();
        }
        if url.starts_with("@/") {
            return url; // names no page: left as written for `byline check` to report
        }
        if let Some(path) = url.strip_prefix('/') {
            return format!("{}{}", self.base_url, path).into();
        }
        join(&self.page_url, &url).into()
    }
}

/// Resolves a relative reference against a directory-like absolute URL.
fn join(page_url: &str, rel: &str) -> String {
    let host_end = page_url
        .find("://")
        .and_then(|i| page_url[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(page_url.len());
    let (origin, path) = page_url.split_at(host_end);
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if !path.ends_with('/') {
        segments.pop();
    }
    let (rel_path, tail) = match rel.find(['?', '#']) {
        Some(i) => rel.split_at(i),
        None => (rel, ""),
    };
    let parts: Vec<&str> = rel_path.split('/').collect();
    for seg in &parts {
        match *seg {
            "." => {}
            ".." => {
                segments.pop();
            }
            "" => {}
            s => segments.push(s),
        }
    }
    let trailing = rel_path.ends_with('/') && !segments.is_empty();
    let mut out = format!("{origin}/{}", segments.join("/"));
    if trailing {
        out.push('/');
    }
    out.push_str(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_a_browser() {
        let p = "https://e.com/blog/posts/a/";
        assert_eq!(join(p, "img.png"), "https://e.com/blog/posts/a/img.png");
        assert_eq!(join(p, "../b/"), "https://e.com/blog/posts/b/");
        assert_eq!(join(p, "./c#x"), "https://e.com/blog/posts/a/c#x");
    }

    #[test]
    fn markdown_file_links_become_page_urls() {
        let mut r = Resolver::new();
        r.insert("content/posts/b.md".into(), "posts/bee/".into());
        r.insert("content/about.md".into(), "about/".into());
        let c = LinkContext::new("https://e.com/", "https://e.com/posts/a/")
            .with_source("content/posts/a.md", Arc::new(r));
        assert_eq!(&*c.rewrite("b.md".into()), "https://e.com/posts/bee/");
        assert_eq!(&*c.rewrite("./b.md#part".into()), "https://e.com/posts/bee/#part");
        assert_eq!(&*c.rewrite("../about.md".into()), "https://e.com/about/");
        assert_eq!(&*c.rewrite("@/posts/b.md".into()), "https://e.com/posts/bee/");
        assert_eq!(&*c.rewrite("@/posts/missing.md".into()), "@/posts/missing.md");
        assert_eq!(&*c.rewrite("../../../x.md".into()), "https://e.com/x.md");
    }

    #[test]
    fn local_targets_name_a_site_path_and_relative_ones_a_file_beside_the_document() {
        let c = LinkContext::new("https://e.com/blog/", "https://e.com/blog/posts/a/")
            .with_source("content/posts/a.md", Arc::default());
        assert_eq!(c.site_path("https://e.com/blog/a/b%20c.png?v=1#x").as_deref(), Some("a/b c.png"));
        assert_eq!(c.site_path("https://e.com/blog/posts/a/"), None, "a folder");
        assert_eq!(c.site_path("https://other.org/blog/x.png"), None);
        assert_eq!(c.source_file("img/x%20y.png?v=2").as_deref(), Some("content/posts/img/x y.png"));
        assert_eq!(c.source_file("../../x.png").as_deref(), Some("x.png"));
        assert_eq!(c.source_file("../../../x.png"), None, "above the site folder");
        for not_relative in ["/images/x.png", "https://e.com/x.png", "//cdn/x.png", "#x", "data:x", ""] {
            assert_eq!(c.source_file(not_relative), None, "{not_relative}");
        }
    }

    #[test]
    fn mailto_and_protocol_relative_are_kept() {
        let c = LinkContext::new("https://e.com/", "https://e.com/posts/a/");
        assert_eq!(&*c.rewrite("mailto:a@b.c".into()), "mailto:a@b.c");
        assert_eq!(&*c.rewrite("//cdn.x/y".into()), "//cdn.x/y");
        assert_eq!(&*c.rewrite("/about/".into()), "https://e.com/about/");
    }
}

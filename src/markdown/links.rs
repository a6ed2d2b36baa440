//! Rewrites link and image targets written in markdown into absolute URLs, so the
//! same HTML is right on the page and inside feeds.

use pulldown_cmark::CowStr;

/// Where a document lives, to resolve the links inside it.
#[derive(Debug, Clone)]
pub struct LinkContext {
    /// The site's base URL, ending with `/`.
    base_url: String,
    /// The document's own absolute URL, ending with `/`.
    page_url: String,
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
        LinkContext { base_url: base_url.to_string(), page_url: page_url.to_string() }
    }

    /// `/x` is a site path (under `base_url`), `x` or `../x` is relative to the page;
    /// URLs with a scheme, `//host` and `#fragment` stay as written.
    pub fn rewrite<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(&url) {
            return url;
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
    fn mailto_and_protocol_relative_are_kept() {
        let c = LinkContext::new("https://e.com/", "https://e.com/posts/a/");
        assert_eq!(&*c.rewrite("mailto:a@b.c".into()), "mailto:a@b.c");
        assert_eq!(&*c.rewrite("//cdn.x/y".into()), "//cdn.x/y");
        assert_eq!(&*c.rewrite("/about/".into()), "https://e.com/about/");
    }
}

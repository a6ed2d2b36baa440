//! Images in imported bodies that the import did not copy. byline reads an image
//! at a site path, or at an address on its own base URL (which is usually the
//! old site's), as a file of the site, and fails the build when it has none; so
//! such an image becomes an HTML `<img>` at the old site's full address, which is
//! shown as it is, and the report lists it.

use std::collections::HashSet;

use super::html::escape_attribute;

/// `body` with every image that is not copied (`copied` holds site paths) and
/// names the old site (`base`, its scheme and host) or a path on it made an
/// `<img>` at the full address (relative ones against `page`, the item's old
/// address); and the addresses so made. Without a base, images stay as they were.
pub(crate) fn remote(
    body: &str,
    copied: &HashSet<String>,
    base: Option<&str>,
    page: Option<&String>,
) -> (String, Vec<String>) {
    let Some(base) = base else { return (body.to_string(), Vec::new()) };
    let mut made = Vec::new();
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(image) = next_image(rest) {
        out.push_str(&rest[..image.start]);
        match absolute(image.target, copied, base, page) {
            Some(url) if image.markdown => {
                out.push_str(&format!(
                    "<img src=\"{}\" alt=\"{}\">",
                    escape_attribute(&url),
                    escape_attribute(image.alt)
                ));
                made.push(url);
            }
            Some(url) => {
                out.push_str(&rest[image.start..image.target_start]);
                out.push_str(&escape_attribute(&url));
                out.push_str(&rest[image.target_end..image.end]);
                made.push(url);
            }
            None => out.push_str(&rest[image.start..image.end]),
        }
        rest = &rest[image.end..];
    }
    out.push_str(rest);
    (out, made)
}

/// One image in a body: `![alt](target)` or `src="target"`, by byte offsets.
struct Found<'a> {
    start: usize,
    end: usize,
    target_start: usize,
    target_end: usize,
    target: &'a str,
    alt: &'a str,
    markdown: bool,
}

fn next_image(text: &str) -> Option<Found<'_>> {
    let md = text.find("![").and_then(|i| text[i..].find("](").map(|j| (i, i + j)));
    let html = text.find("src=\"");
    let markdown = match (md, html) {
        (Some((m, _)), Some(h)) => m < h,
        (m, _) => m.is_some(),
    };
    if markdown {
        let (start, close) = md?;
        let from = close + 2;
        let angle = text[from..].starts_with('<');
        let t0 = from + usize::from(angle);
        let stop: &[char] = if angle { &['>'] } else { &[')', ' ', '\n'] };
        let t1 = text[t0..].find(stop).map_or(text.len(), |e| t0 + e);
        let end = text[t1..].find(')').map_or(text.len(), |e| t1 + e + 1);
        let alt = &text[start + 2..close];
        return Some(Found {
            start,
            end,
            target_start: t0,
            target_end: t1,
            target: &text[t0..t1],
            alt,
            markdown,
        });
    }
    let start = html?;
    let t0 = start + 5;
    let t1 = text[t0..].find('"').map_or(text.len(), |e| t0 + e);
    Some(Found { start, end: t1, target_start: t0, target_end: t1, target: &text[t0..t1], alt: "", markdown })
}

fn absolute(target: &str, copied: &HashSet<String>, base: &str, page: Option<&String>) -> Option<String> {
    let t = target.trim();
    if t.is_empty() || copied.contains(t) {
        return None;
    }
    if let Some(path) = t.strip_prefix(base) {
        return (!copied.contains(path)).then(|| t.to_string());
    }
    if t.contains(':') || t.starts_with("//") {
        return None;
    }
    if t.starts_with('/') {
        return Some(format!("{base}{t}"));
    }
    let dir = page.map_or("/", |p| &p[..p.rfind('/').map_or(0, |i| i + 1)]);
    Some(format!("{base}{dir}{t}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_not_copied_are_shown_from_the_old_site() {
        let copied = HashSet::from(["/wp-content/uploads/a.png".to_string()]);
        let page = "/2021/05/post/".to_string();
        let body = "![a](/wp-content/uploads/a.png) ![b](x.png) <img src=\"/files/c.png\"> ![d](https://cdn.example/d.png)";
        let (got, made) = remote(body, &copied, Some("https://old.example"), Some(&page));
        assert_eq!(
            got,
            "![a](/wp-content/uploads/a.png) <img src=\"https://old.example/2021/05/post/x.png\" alt=\"b\"> <img src=\"https://old.example/files/c.png\"> ![d](https://cdn.example/d.png)"
        );
        assert_eq!(made.len(), 2);
    }
}

//! Liquid in a Jekyll post's body, converted to plain markdown: the tags and
//! filters that only make addresses, `raw` and `highlight`. Nothing is ever
//! executed; every tag or output not understood stays as written and is listed.

/// What a link tag asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// `{% post_url 2015-01-21-slug %}`: a post by its file name without extension.
    Post(&'a str),
    /// `{% link _posts/x.md %}`: a file of the site by its path.
    File(&'a str),
}

/// A body after conversion, and the lines (1-based in the body) of what was
/// left as it was.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Converted {
    pub text: String,
    pub left: Vec<(usize, String)>,
}

/// Converts the Liquid in `body`; `resolve` gives the address of a link target.
pub(crate) fn convert(body: &str, resolve: &dyn Fn(Target<'_>) -> Option<String>) -> Converted {
    let mut c = Converted::default();
    let mut rest = body;
    while let Some(at) = next_open(rest) {
        c.text.push_str(&rest[..at]);
        let line = line_of(body, body.len() - rest.len() + at);
        let here = &rest[at..];
        let close = if here.starts_with("{{") { "}}" } else { "%}" };
        let Some(end) = here[2..].find(close).map(|i| i + 2) else {
            c.text.push_str(here);
            c.left.push((line, format!("`{}` is never closed", short(here))));
            return c;
        };
        let whole = &here[..end + 2];
        let inner = whole[2..whole.len() - 2].trim_matches('-').trim();
        let mut after = &here[end + 2..];
        if close == "}}" {
            match output(inner) {
                Some(v) => c.text.push_str(&v),
                None => keep(&mut c, whole, line),
            }
        } else {
            after = tag(&mut c, inner, whole, after, line, resolve);
        }
        rest = after;
    }
    c.text.push_str(rest);
    c
}

/// Where the next `{{` or `{%` starts.
fn next_open(s: &str) -> Option<usize> {
    let a = s.find("{{");
    let b = s.find("{%");
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The first 60 characters of `s`, on one line.
fn short(s: &str) -> String {
    let first = s.lines().next().unwrap_or("");
    first.chars().take(60).collect()
}

fn keep(c: &mut Converted, whole: &str, line: usize) {
    c.text.push_str(whole);
    c.left.push((line, format!("Liquid `{}` left as it was", short(whole))));
}

/// The value of a `{{ }}` output that only makes an address, if it is one.
fn output(inner: &str) -> Option<String> {
    let mut parts = inner.split('|').map(str::trim);
    let first = parts.next()?;
    let mut value = match first {
        "site.baseurl" | "site.url" => String::new(),
        _ => unquote(first)?.to_string(),
    };
    for filter in parts {
        let (name, arg) = filter.split_once(':').map_or((filter, None), |(n, a)| (n.trim(), Some(a.trim())));
        match (name, arg) {
            ("relative_url" | "absolute_url" | "url", None) => {
                if !value.starts_with('/') && !value.contains("://") && !value.starts_with('#') {
                    value.insert(0, '/');
                }
            }
            ("prepend", Some("site.baseurl" | "site.url")) => {}
            _ => return None,
        }
    }
    Some(value)
}

/// The text inside matching quotes.
fn unquote(s: &str) -> Option<&str> {
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    s.strip_prefix(q)?.strip_suffix(q).filter(|v| !v.contains(q))
}

/// Handles the tag `whole` (its text `inner`); returns what follows it.
fn tag<'a>(
    c: &mut Converted,
    inner: &str,
    whole: &str,
    after: &'a str,
    line: usize,
    resolve: &dyn Fn(Target<'_>) -> Option<String>,
) -> &'a str {
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let args = args.trim();
    match name {
        "raw" => block(c, whole, after, "endraw", line, |c, body, _| c.text.push_str(body)),
        // Jekyll never shows a comment; an HTML comment keeps it hidden and in the text.
        "comment" => block(c, whole, after, "endcomment", line, |c, body, _| {
            c.text.push_str(&format!("<!-- {} -->", body.trim().replace("--", "- -")))
        }),
        "highlight" => block(c, whole, after, "endhighlight", line, fence),
        "post_url" | "link" => {
            let target = if name == "post_url" { Target::Post(args) } else { Target::File(args) };
            match resolve(target) {
                Some(address) => c.text.push_str(&address),
                None => {
                    c.text.push_str(whole);
                    c.left.push((line, format!("`{}` names nothing in the site", short(whole))));
                }
            }
            after
        }
        _ => {
            keep(c, whole, line);
            after
        }
    }
}

/// A block tag from `whole` to `{% end %}`, its body given to `f`.
fn block<'a>(
    c: &mut Converted,
    whole: &str,
    after: &'a str,
    end: &str,
    line: usize,
    f: impl Fn(&mut Converted, &str, &str),
) -> &'a str {
    let Some((body_end, close_end)) = find_end(after, end) else {
        keep(c, whole, line);
        return after;
    };
    let args = whole[2..whole.len() - 2].trim_matches('-').trim();
    let args = args.split_once(char::is_whitespace).map_or("", |(_, a)| a.trim());
    f(c, &after[..body_end], args);
    &after[close_end..]
}

/// The start and end of the first `{% end %}` (with any spacing) in `s`.
fn find_end(s: &str, end: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = s[from..].find("{%") {
        let at = from + i;
        let close = s[at + 2..].find("%}")? + at + 4;
        if s[at + 2..close - 2].trim_matches('-').trim() == end {
            return Some((at, close));
        }
        from = at + 2;
    }
    None
}

/// `{% highlight lang linenos %}` as a fenced code block.
fn fence(c: &mut Converted, body: &str, args: &str) {
    let lang = args.split_whitespace().next().unwrap_or("");
    let code = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body);
    let code = code.trim_end_matches([' ', '\t']);
    let ticks = "`".repeat(longest_run(code, '`').max(2) + 1);
    if !c.text.is_empty() && !c.text.ends_with('\n') {
        c.text.push('\n');
    }
    c.text.push_str(&format!("{ticks}{lang}\n{code}"));
    if !code.ends_with('\n') {
        c.text.push('\n');
    }
    c.text.push_str(&ticks);
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(t: Target<'_>) -> Option<String> {
        match t {
            Target::Post("2015-01-21-hello") => Some("/2015/01/21/hello.html".into()),
            Target::File("_posts/2015-01-21-hello.md") => Some("/2015/01/21/hello.html".into()),
            Target::File("about.md") => Some("/about/".into()),
            _ => None,
        }
    }

    fn text(s: &str) -> String {
        let c = convert(s, &resolve);
        assert!(c.left.is_empty(), "{:?}", c.left);
        c.text
    }

    #[test]
    fn site_urls_and_url_filters_become_site_paths() {
        assert_eq!(text("![a]({{ site.baseurl }}/assets/a.png)"), "![a](/assets/a.png)");
        assert_eq!(text("[x]({{site.url}}{{site.baseurl}}/about/)"), "[x](/about/)");
        assert_eq!(text("{{ \"/assets/b.png\" | relative_url }}"), "/assets/b.png");
        assert_eq!(text("{{ 'assets/b.png' | absolute_url }}"), "/assets/b.png");
        assert_eq!(text("{{ '/x/' | url }}"), "/x/");
        assert_eq!(text("{{ '/x/' | prepend: site.baseurl }}"), "/x/");
        assert_eq!(text("{{- site.baseurl -}}/y"), "/y");
    }

    #[test]
    fn post_url_and_link_become_the_old_address() {
        assert_eq!(text("[h]({% post_url 2015-01-21-hello %})"), "[h](/2015/01/21/hello.html)");
        assert_eq!(text("[h]({% link _posts/2015-01-21-hello.md %})"), "[h](/2015/01/21/hello.html)");
        assert_eq!(text("[a]({%link about.md%})"), "[a](/about/)");
    }

    #[test]
    fn raw_keeps_its_text_literally() {
        assert_eq!(text("a {% raw %}{{ x }} {% if %}{% endraw %} b"), "a {{ x }} {% if %} b");
    }

    #[test]
    fn a_comment_stays_hidden() {
        assert_eq!(text("a {% comment %}not -- shown{% endcomment %} b"), "a <!-- not - - shown --> b");
    }

    #[test]
    fn highlight_becomes_a_fenced_block() {
        let got = text("Code:\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\nend");
        assert_eq!(got, "Code:\n```ruby\nputs 1\n```\nend");
    }

    #[test]
    fn unknown_tags_stay_and_are_listed_with_their_line() {
        let c = convert("a\n{% include note.html %}\n{{ page.title }}\n{% post_url nope %}", &resolve);
        assert_eq!(c.text, "a\n{% include note.html %}\n{{ page.title }}\n{% post_url nope %}");
        let lines: Vec<usize> = c.left.iter().map(|l| l.0).collect();
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn unclosed_tags_are_kept() {
        let c = convert("a {% raw %} b", &resolve);
        assert_eq!(c.text, "a {% raw %} b");
        let c = convert("a {{ b", &resolve);
        assert_eq!((c.text.as_str(), c.left.len()), ("a {{ b", 1));
    }

    /// `{%}` once made the tag's text a slice that ends before it starts.
    #[test]
    fn a_tag_whose_close_overlaps_its_open_does_not_panic() {
        for s in ["{%}", "{{}", "a {%}%} b", "{% raw %}{%}", "{%%}"] {
            let _ = convert(s, &resolve);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_converts_without_panicking(s in "(\\{\\{|\\{%|%\\}|\\}\\}|raw|endraw|highlight|[ a-z'\"|:\n-]|é){0,40}") {
            let _ = convert(&s, &resolve);
        }

        #[test]
        fn any_unicode_converts_without_panicking(s in "\\PC{0,80}") {
            let _ = convert(&s, &resolve);
        }
    }
}

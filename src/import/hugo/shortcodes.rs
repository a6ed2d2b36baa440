//! Hugo shortcodes in a page's body, converted to markdown: `ref`/`relref` to
//! addresses, `figure` to an image (HTML when it has a caption), `highlight` to
//! a fenced block, `youtube`/`vimeo`/`gist` to links. Both `{{< >}}` and `{{% %}}`
//! forms; anything else stays as written and is listed. Nothing is executed.

/// A body after conversion, and the lines (1-based in the body) of what was
/// left as it was.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Converted {
    pub text: String,
    pub left: Vec<(usize, String)>,
}

/// One shortcode call: its name and arguments, positional and named.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Call {
    pub name: String,
    pub positional: Vec<String>,
    pub named: Vec<(String, String)>,
}

impl Call {
    fn arg(&self, name: &str, position: usize) -> Option<&str> {
        self.named.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).or_else(|| {
            if self.named.is_empty() { self.positional.get(position).map(String::as_str) } else { None }
        })
    }

    fn named(&self, name: &str) -> Option<&str> {
        self.named.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
}

/// Converts the shortcodes in `body`; `resolve` gives the address a `ref` names.
pub(crate) fn convert(body: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Converted {
    let mut c = Converted::default();
    let mut rest = body;
    while let Some((at, open, close)) = next_open(rest) {
        c.text.push_str(&rest[..at]);
        let line = line_of(body, body.len() - rest.len() + at);
        let here = &rest[at..];
        let Some(end) = here[3..].find(close).map(|i| i + 3) else {
            c.text.push_str(here);
            c.left.push((line, format!("the shortcode `{}` is never closed", short(here))));
            return c;
        };
        let whole = &here[..end + 3];
        let inner = whole[3..end].trim();
        let after = &here[end + 3..];
        if let Some(escaped) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
            // `{{</* x */>}}` is how Hugo writes a shortcode to show it.
            c.text.push_str(&format!("{open}{}{}", escaped, &close));
            rest = after;
            continue;
        }
        let call = parse(inner.trim_end_matches('/'));
        rest = apply(&mut c, &call, whole, after, (open, close), line, resolve);
    }
    c.text.push_str(rest);
    c
}

/// Where the next `{{<` or `{{%` starts, and its closing delimiter.
fn next_open(s: &str) -> Option<(usize, &'static str, &'static str)> {
    let a = s.find("{{<").map(|i| (i, "{{<", ">}}"));
    let b = s.find("{{%").map(|i| (i, "{{%", "%}}"));
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn short(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(60).collect()
}

fn keep(c: &mut Converted, whole: &str, line: usize) {
    c.text.push_str(whole);
    c.left.push((line, format!("the shortcode `{}` was left as it was", short(whole))));
}

/// The name and arguments of `inner`: `name a "b c" key="v" k=`raw``.
pub(crate) fn parse(inner: &str) -> Call {
    let mut words = Vec::new();
    let mut chars = inner.chars().peekable();
    while chars.peek().is_some() {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut word = String::new();
        while let Some(&ch) = chars.peek() {
            if ch.is_whitespace() {
                break;
            }
            chars.next();
            if ch == '"' || ch == '`' {
                let mut escaped = false;
                for q in chars.by_ref() {
                    match q {
                        '\\' if ch == '"' && !escaped => escaped = true,
                        q if q == ch && !escaped => break,
                        q => {
                            escaped = false;
                            word.push(q);
                        }
                    }
                }
            } else {
                word.push(ch);
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    let mut call = Call::default();
    let mut words = words.into_iter();
    call.name = words.next().unwrap_or_default();
    for w in words {
        match w.split_once('=') {
            Some((k, v))
                if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
            {
                call.named.push((k.to_string(), v.to_string()));
            }
            _ => call.positional.push(w),
        }
    }
    call
}

/// Converts one call; returns what follows it (after its closing tag, if any).
fn apply<'a>(
    c: &mut Converted,
    call: &Call,
    whole: &str,
    after: &'a str,
    delims: (&str, &str),
    line: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> &'a str {
    match call.name.as_str() {
        "ref" | "relref" => match call.arg("path", 0).and_then(resolve) {
            Some(address) => c.text.push_str(&address),
            None => {
                c.text.push_str(whole);
                c.left.push((line, format!("`{}` names no page of the site", short(whole))));
            }
        },
        "figure" => match call.named("src") {
            Some(src) => c.text.push_str(&figure(call, src)),
            None => keep(c, whole, line),
        },
        "youtube" => {
            link(c, whole, line, call.arg("id", 0), "Watch on YouTube", "https://www.youtube.com/watch?v=")
        }
        "vimeo" => link(c, whole, line, call.arg("id", 0), "Watch on Vimeo", "https://vimeo.com/"),
        "tweet" | "x" => match (call.named("user"), call.named("id")) {
            (Some(user), Some(id)) if id.chars().all(|c| c.is_ascii_digit()) => {
                c.text.push_str(&format!("[A post by @{user}](https://x.com/{user}/status/{id})"))
            }
            _ => keep(c, whole, line),
        },
        "gist" => match (call.positional.first(), call.positional.get(1)) {
            (Some(user), Some(id)) => {
                c.text.push_str(&format!("[Gist {id}](https://gist.github.com/{user}/{id})"))
            }
            _ => keep(c, whole, line),
        },
        "highlight" => match closing(after, "highlight", delims) {
            Some((code, rest)) => {
                fence(c, code, call.positional.first().map_or("", String::as_str));
                return rest;
            }
            None => keep(c, whole, line),
        },
        _ => keep(c, whole, line),
    }
    after
}

/// The text up to the closing tag `/name` and what follows that tag.
fn closing<'a>(s: &'a str, name: &str, (open, close): (&str, &str)) -> Option<(&'a str, &'a str)> {
    let mut from = 0;
    while let Some(i) = s[from..].find(open) {
        let at = from + i;
        let end = s[at + 3..].find(close)? + at + 3;
        if s[at + 3..end].trim().strip_prefix('/').map(str::trim) == Some(name) {
            return Some((&s[..at], &s[end + 3..]));
        }
        from = at + 3;
    }
    None
}

/// A link to a video, or the call kept when it names none.
fn link(c: &mut Converted, whole: &str, line: usize, id: Option<&str>, label: &str, base: &str) {
    match id.filter(|i| !i.is_empty() && i.chars().all(|ch| ch.is_alphanumeric() || "-_".contains(ch))) {
        Some(id) => c.text.push_str(&format!("[{label}]({base}{id})")),
        None => keep(c, whole, line),
    }
}

/// A figure as markdown, or as HTML when it has a caption markdown cannot say;
/// linked when it has a `link`.
fn figure(call: &Call, src: &str) -> String {
    let image = unlinked(call, src);
    match call.named("link") {
        Some(link) if image.starts_with("<figure>") => image
            .replacen("<img", &format!("<a href=\"{}\"><img", escape(link)), 1)
            .replacen("\n<figcaption>", "</a>\n<figcaption>", 1),
        Some(link) => format!("[{image}]({link})"),
        None => image,
    }
}

fn unlinked(call: &Call, src: &str) -> String {
    let alt = call.named("alt").unwrap_or("");
    let caption = call.named("caption").or_else(|| call.named("title"));
    match caption {
        Some(caption) if call.named("caption").is_some() => format!(
            "<figure>\n<img src=\"{}\" alt=\"{}\">\n<figcaption>{}</figcaption>\n</figure>",
            escape(src),
            escape(alt),
            escape(caption)
        ),
        Some(title) => format!("![{}]({} \"{}\")", alt.replace(['[', ']'], ""), src, title.replace('"', "'")),
        None => format!("![{}]({})", alt.replace(['[', ']'], ""), src),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A fenced code block of `code` in `lang`.
fn fence(c: &mut Converted, code: &str, lang: &str) {
    let code = code.strip_prefix("\r\n").or_else(|| code.strip_prefix('\n')).unwrap_or(code);
    let code = code.trim_end_matches([' ', '\t']);
    let mut run = 0;
    let mut longest = 0;
    for ch in code.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let ticks = "`".repeat(longest.max(2) + 1);
    if !c.text.is_empty() && !c.text.ends_with('\n') {
        c.text.push('\n');
    }
    c.text.push_str(&format!("{ticks}{lang}\n{code}"));
    if !code.ends_with('\n') {
        c.text.push('\n');
    }
    c.text.push_str(&ticks);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(path: &str) -> Option<String> {
        (path == "posts/first.md" || path == "first").then(|| "/2024/01/first/".into())
    }

    fn text(s: &str) -> String {
        let c = convert(s, &resolve);
        assert!(c.left.is_empty(), "{:?}", c.left);
        c.text
    }

    #[test]
    fn ref_and_relref_become_the_old_address() {
        assert_eq!(text("[a]({{< ref \"posts/first.md\" >}})"), "[a](/2024/01/first/)");
        assert_eq!(text("[a]({{< relref path=\"first\" >}})"), "[a](/2024/01/first/)");
        assert_eq!(text("[a]({{% ref first %}})"), "[a](/2024/01/first/)");
    }

    #[test]
    fn figures_become_images_or_html_with_a_caption() {
        assert_eq!(text("{{< figure src=\"a.png\" alt=\"A chart\" >}}"), "![A chart](a.png)");
        assert_eq!(text("{{< figure src=\"a.png\" alt=\"A\" title=\"T\" />}}"), "![A](a.png \"T\")");
        assert_eq!(
            text("{{< figure src=\"a.png\" alt=\"A\" caption=\"Sales <2024>\" >}}"),
            "<figure>\n<img src=\"a.png\" alt=\"A\">\n<figcaption>Sales &lt;2024&gt;</figcaption>\n</figure>"
        );
    }

    #[test]
    fn a_figure_with_a_link_is_linked() {
        assert_eq!(text("{{< figure src=\"a.png\" alt=\"A\" link=\"/big/\" >}}"), "[![A](a.png)](/big/)");
        assert_eq!(
            text("{{< figure src=\"a.png\" caption=\"C\" link=\"/big/\" >}}"),
            "<figure>\n<a href=\"/big/\"><img src=\"a.png\" alt=\"\"></a>\n<figcaption>C</figcaption>\n</figure>"
        );
    }

    #[test]
    fn highlight_becomes_a_fenced_block() {
        let got = text("x\n{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\ny");
        assert_eq!(got, "x\n```go\nfunc main() {}\n```\ny");
    }

    #[test]
    fn videos_and_gists_become_links() {
        assert_eq!(
            text("{{< youtube w7Ft2ymGmfc >}}"),
            "[Watch on YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc)"
        );
        assert_eq!(
            text("{{< youtube id=\"abc\" autoplay=\"true\" >}}"),
            "[Watch on YouTube](https://www.youtube.com/watch?v=abc)"
        );
        assert_eq!(text("{{< vimeo 146022717 >}}"), "[Watch on Vimeo](https://vimeo.com/146022717)");
        assert_eq!(
            text("{{< gist spf13 7896402 >}}"),
            "[Gist 7896402](https://gist.github.com/spf13/7896402)"
        );
    }

    #[test]
    fn unknown_shortcodes_stay_and_are_listed_with_their_line() {
        let c = convert(
            "a\n{{< instagram BWNjjyYFxVx >}}\n{{% notice %}}b{{% /notice %}}\n{{< ref nope >}}",
            &resolve,
        );
        assert_eq!(
            c.text,
            "a\n{{< instagram BWNjjyYFxVx >}}\n{{% notice %}}b{{% /notice %}}\n{{< ref nope >}}"
        );
        assert_eq!(c.left.iter().map(|l| l.0).collect::<Vec<_>>(), [2, 3, 3, 4]);
    }

    #[test]
    fn an_escaped_shortcode_is_shown_as_text() {
        assert_eq!(text("{{</* figure src=\"x\" */>}}"), "{{< figure src=\"x\" >}}");
    }

    #[test]
    fn arguments_are_parsed_with_quotes_and_raw_strings() {
        let call = parse("figure src=\"a b.png\" alt=`say \"hi\"` 42");
        assert_eq!(call.name, "figure");
        assert_eq!(call.named, [("src".into(), "a b.png".into()), ("alt".into(), "say \"hi\"".into())]);
        assert_eq!(call.positional, ["42"]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_converts_without_panicking(s in "(\\{\\{<|\\{\\{%|>\\}\\}|%\\}\\}|/\\*|\\*/|highlight|figure|ref|src=|[ a-z\"`/=\n]|é){0,40}") {
            let _ = convert(&s, &resolve);
        }

        #[test]
        fn any_unicode_converts_without_panicking(s in "\\PC{0,80}") {
            let _ = convert(&s, &resolve);
        }
    }
}

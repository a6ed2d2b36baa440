//! Our wrapper around tera: loads the theme and site templates, and turns tera's
//! errors into diagnostics that name the template file and line.

use std::collections::{BTreeMap, HashMap};
use std::error::Error as _;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Map, Value};
use tera::{Context, Tera};

use crate::load::TemplateSource;
use crate::support::diagnostic::Diagnostic;

mod cycles;
mod scan;

/// The compiled templates of one build.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
    /// A hash of every template's name and text.
    pub fingerprint: u128,
}

/// tera's message and every cause, joined, without its internal noise.
fn describe(err: &tera::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.join(": ")
}

/// `(line, column)` from tera's ` --> 3:5` marker in a parse error.
fn position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("--> ")? + 4..];
    let mut nums = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    Some((nums.next()?.parse().ok()?, nums.next()?.parse().ok()?))
}

fn diagnostic(origin: &PathBuf, text: Option<&str>, err: &tera::Error) -> Diagnostic {
    let full = describe(err);
    let first = full.lines().next().unwrap_or("").trim().to_string();
    let detail = full
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("= "))
        .map(|l| l.trim_start().trim_start_matches("= ").to_string());
    let message = match detail {
        Some(d) => format!("template error: {d}"),
        None => format!("template error: {first}"),
    };
    let d = Diagnostic::error(origin, message);
    match (position(&full), text) {
        (Some((l, c)), Some(text)) => d.at(text, l, c),
        (Some((l, _)), None) => d.at_line(l),
        _ => d,
    }
}

/// Escapes for HTML and XML text and quoted attributes. Unlike tera's default it
/// leaves `/` alone, so URLs stay readable.
fn escape(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&input[last..]);
    out
}

impl Templates {
    /// Compiles every template, reporting each one that does not parse.
    pub fn new(sources: &BTreeMap<String, TemplateSource>) -> Result<Templates, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        for src in sources.values() {
            let mut alone = Tera::default();
            if let Err(e) = alone.add_raw_template(&src.name, &src.text) {
                // Only syntax errors here: a parent or macro file that is missing when
                // a template stands alone is reported by the full load below.
                if describe(&e).contains("Failed to parse") {
                    errors.push(diagnostic(&src.origin, Some(&src.text), &e));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // tera 1 follows these loops until the stack overflows: find them first.
        let loops = cycles::find(sources);
        if !loops.is_empty() {
            return Err(loops);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".opml", ".svg"]);
        tera.set_escape_fn(escape);
        tera.add_raw_templates(sources.values().map(|s| (s.name.as_str(), s.text.as_str())))
            .map_err(|e| vec![Diagnostic::error("templates", format!("template error: {}", describe(&e)))])?;
        let origins = sources.values().map(|s| (s.name.clone(), s.origin.clone())).collect();
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        for s in sources.values() {
            std::hash::Hash::hash(&(&s.name, &s.text), &mut hash);
        }
        Ok(Templates { tera, origins, fingerprint: hash.digest128() })
    }

    /// Renders `name`; an error names the template's file.
    fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            let origin = self.origins.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
            diagnostic(&origin, None, &e)
        })
    }

    /// The templates with one build's `site` variable, ready to render its files.
    pub(crate) fn bind(&self, site: &impl Serialize) -> Bound<'_> {
        Bound { templates: self, site: serde_json::to_value(site).unwrap_or(Value::Null) }
    }
}

/// The templates of one build, with the `site` variable every template sees.
pub(crate) struct Bound<'a> {
    templates: &'a Templates,
    site: Value,
}

impl Bound<'_> {
    /// Renders template `name` with the fields of `vars` as its variables, and `site`.
    pub(crate) fn render(&self, name: &str, vars: &impl Serialize) -> Result<String, Diagnostic> {
        let mut map = match serde_json::to_value(vars) {
            Ok(Value::Object(map)) => map,
            Ok(_) => Map::new(),
            Err(e) => return Err(Diagnostic::error(name, e.to_string())),
        };
        map.insert("site".into(), self.site.clone());
        let ctx =
            Context::from_value(Value::Object(map)).map_err(|e| Diagnostic::error(name, e.to_string()))?;
        self.templates.render(name, &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> BTreeMap<String, TemplateSource> {
        let mut m = BTreeMap::new();
        m.insert(
            name.into(),
            TemplateSource {
                name: name.into(),
                origin: PathBuf::from(format!("templates/{name}")),
                text: text.into(),
            },
        );
        m
    }

    #[test]
    fn escapes_markup_but_not_slashes() {
        assert_eq!(
            escape(r#"<a href="/x">Tom & 'Jerry'</a> ü"#),
            "&lt;a href=&quot;/x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; ü"
        );
    }

    #[test]
    fn parse_errors_name_file_and_line() {
        let errs = Templates::new(&src("post.html", "<p>\n{{ 1 + }}\n</p>")).err().unwrap();
        assert_eq!(errs[0].path, PathBuf::from("templates/post.html"));
        assert_eq!(errs[0].line, Some(2));
    }

    #[test]
    fn include_and_extends_loops_are_errors_not_stack_overflows() {
        let mut sources = src("a.html", "{% include \"b.html\" %}");
        sources.extend(src("b.html", "{%- include 'a.html' -%}"));
        sources.extend(src("c.html", "{% extends \"d.html\" %}"));
        sources.extend(src("d.html", "{% extends \"e.html\" %}"));
        sources.extend(src("e.html", "{% extends \"d.html\" %}"));
        let errs = Templates::new(&sources).err().unwrap();
        let got: Vec<(&str, Option<usize>)> = errs.iter().map(|e| (e.message.as_str(), e.line)).collect();
        assert_eq!(
            got,
            [
                (
                    "template error: templates/a.html includes templates/b.html, which includes templates/a.html",
                    Some(1)
                ),
                (
                    "template error: templates/d.html extends templates/e.html, which extends templates/d.html",
                    Some(1)
                ),
            ]
        );
    }

    #[test]
    fn a_macro_that_always_calls_itself_is_an_error_but_a_guarded_one_renders() {
        let mut sources = src(
            "m.html",
            "{% macro down(n) %}{{ n }}{% if n > 0 %}{{ self::down(n=n-1) }}{% endif %}{% endmacro down %}",
        );
        sources.extend(src("a.html", "{% import \"m.html\" as m %}{{ m::down(n=3) }}"));
        let t = Templates::new(&sources).unwrap();
        assert_eq!(t.render("a.html", &Context::new()).unwrap(), "3210");
        sources.extend(src("m.html", "{% macro down(n) %}{{ self::down(n=n-1) }}{% endmacro down %}"));
        let errs = Templates::new(&sources).err().unwrap();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].message, "template error: the macro `down` in templates/m.html calls itself");
        assert!(errs[0].hint.as_deref().unwrap().contains("inside an `{% if %}`"));
    }

    #[test]
    fn render_errors_name_the_template() {
        let t = Templates::new(&src("a.html", "{{ missing.value }}")).unwrap();
        let e = t.render("a.html", &Context::new()).unwrap_err();
        assert_eq!(e.path, PathBuf::from("templates/a.html"));
        assert!(e.message.contains("missing"), "{}", e.message);
    }
}

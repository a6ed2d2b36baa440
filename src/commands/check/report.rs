//! Printing findings: for people (grouped by file, like rustc), as GitHub Actions
//! annotations, or as JSON for tools.

use serde_json::json;

use crate::support::diagnostic::{Diagnostic, Diagnostics, Severity};

/// How to print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Github,
    Json,
}

/// Escapes a GitHub workflow command's message (`%`, CR, LF).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a GitHub workflow command's property value.
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The findings as text in `format`, sorted by file and line.
pub fn render(findings: Vec<Diagnostic>, format: Format) -> String {
    let all = Diagnostics(findings).sorted();
    match format {
        Format::Human => {
            let mut out = crate::support::diagnostic::human(all.clone());
            let count = |s| all.iter().filter(|d| d.severity == s).count();
            out.push_str(&format!(
                "{} error{}, {} warning{}, {} note{}\n",
                count(Severity::Error),
                if count(Severity::Error) == 1 { "" } else { "s" },
                count(Severity::Warning),
                if count(Severity::Warning) == 1 { "" } else { "s" },
                count(Severity::Info),
                if count(Severity::Info) == 1 { "" } else { "s" },
            ));
            out
        }
        Format::Github => all
            .iter()
            .map(|d| {
                let level = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                let mut props = format!("file={}", gh_prop(&d.path.to_string_lossy()));
                if let Some(l) = d.line {
                    props.push_str(&format!(",line={l}"));
                }
                if let Some(c) = d.column {
                    props.push_str(&format!(",col={c}"));
                }
                props.push_str(&format!(",title={}", gh_prop(d.code.unwrap_or("byline"))));
                let msg = match &d.hint {
                    Some(h) => format!("{} ({h})", d.message),
                    None => d.message.clone(),
                };
                format!("::{level} {props}::{}\n", gh_data(&msg))
            })
            .collect(),
        Format::Json => {
            let items: Vec<_> = all
                .iter()
                .map(|d| {
                    json!({
                        "severity": d.severity.label(),
                        "code": d.code.unwrap_or("build"),
                        "file": d.path.to_string_lossy(),
                        "line": d.line,
                        "column": d.column,
                        "message": d.message,
                        "hint": d.hint,
                    })
                })
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_are_escaped() {
        let d = Diagnostic::warning("content/posts/a,b.md", "50% done\nnext")
            .at_line(3)
            .with_code("seo-title-length");
        assert_eq!(
            render(vec![d], Format::Github),
            "::warning file=content/posts/a%2Cb.md,line=3,title=seo-title-length::50%25 done%0Anext\n"
        );
    }
}

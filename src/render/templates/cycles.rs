//! Loops that tera 1 follows until the stack overflows and the process aborts:
//! templates that include or extend each other in a circle, macro files that
//! import each other in a circle, and macros that call each other whatever their
//! arguments. Each loop is reported at the tag that starts it, before tera sees it.

use std::collections::{BTreeMap, HashMap};

use super::scan::{self, LinkKind, Refs};
use crate::load::TemplateSource;
use crate::support::diagnostic::Diagnostic;

/// An edge of a graph: to a node, from the tag at `line`, `column` of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edge {
    to: usize,
    kind: Option<LinkKind>,
    line: usize,
    column: usize,
}

/// The edges of each cycle of `adj`, each edge with the node it leaves: one cycle
/// for each edge that closes one, as a depth-first search in node order meets them.
fn cycles(adj: &[Vec<Edge>]) -> Vec<Vec<(usize, Edge)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Not,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::Not; adj.len()];
    let mut found = Vec::new();
    for start in 0..adj.len() {
        if seen[start] != Seen::Not {
            continue;
        }
        seen[start] = Seen::OnPath;
        // The nodes on the path, each with the index of its next edge to follow,
        // and the edges taken between them.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        let mut taken: Vec<(usize, Edge)> = Vec::new();
        while let Some(&(node, next)) = path.last() {
            let Some(&edge) = adj[node].get(next) else {
                seen[node] = Seen::Done;
                path.pop();
                taken.pop();
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            match seen[edge.to] {
                Seen::Not => {
                    seen[edge.to] = Seen::OnPath;
                    path.push((edge.to, 0));
                    taken.push((node, edge));
                }
                Seen::OnPath => {
                    let at = path.iter().position(|&(n, _)| n == edge.to).unwrap_or(0);
                    let mut cycle = taken[at..].to_vec();
                    cycle.push((node, edge));
                    found.push(cycle);
                }
                Seen::Done => {}
            }
        }
    }
    found
}

fn verb(kind: Option<LinkKind>) -> &'static str {
    match kind {
        Some(LinkKind::Include) => "includes",
        Some(LinkKind::Extends) => "extends",
        Some(LinkKind::Import) => "imports",
        None => "calls",
    }
}

/// "A includes B, which includes A", or "A includes itself".
fn chain(cycle: &[(usize, Edge)], first: impl Fn(usize) -> String, then: impl Fn(usize) -> String) -> String {
    let (from, edge) = cycle[0];
    let mut text = format!("{} {} ", first(from), verb(edge.kind));
    if cycle.len() == 1 {
        text.push_str("itself");
        return text;
    }
    text.push_str(&then(edge.to));
    for (_, e) in &cycle[1..] {
        text.push_str(&format!(", which {} {}", verb(e.kind), then(e.to)));
    }
    text
}

/// The diagnostic for a cycle, at the tag of its first edge in `file`.
fn report(src: &TemplateSource, cycle: &[(usize, Edge)], chain: String, hint: &str) -> Diagnostic {
    let (line, column) = (cycle[0].1.line, cycle[0].1.column);
    Diagnostic::error(&src.origin, format!("template error: {chain}"))
        .at(&src.text, line, column)
        .with_hint(hint)
}

const LINK_HINT: &str = "a template cannot include or extend itself, directly or through others: remove one of these tags (to repeat markup at several depths, use a macro that calls itself inside an `{% if %}`)";
const IMPORT_HINT: &str = "macro files cannot import each other in a circle: remove one of these imports";
const CALL_HINT: &str = "these calls stand outside any `{% if %}` or `{% for %}`, so they would never end: make the call inside an `{% if %}` that stops it";

/// Every include, extends and import loop and every endless macro recursion.
pub(super) fn find(sources: &BTreeMap<String, TemplateSource>) -> Vec<Diagnostic> {
    let srcs: Vec<&TemplateSource> = sources.values().collect();
    let index: HashMap<&str, usize> = sources.keys().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let refs: Vec<Refs> = srcs.iter().map(|s| scan::refs(&s.text)).collect();
    let origin = |t: usize| srcs[t].origin.display().to_string();
    let links = |kinds: &[LinkKind]| -> Vec<Vec<Edge>> {
        let edge = |l: &scan::Link| {
            let to = *l.targets.iter().find_map(|t| index.get(t.as_str()))?;
            Some(Edge { to, kind: Some(l.kind), line: l.line, column: l.column })
        };
        refs.iter()
            .map(|r| r.links.iter().filter(|l| kinds.contains(&l.kind)).filter_map(edge).collect())
            .collect()
    };
    let mut out = Vec::new();
    for cycle in cycles(&links(&[LinkKind::Include, LinkKind::Extends])) {
        out.push(report(srcs[cycle[0].0], &cycle, chain(&cycle, origin, origin), LINK_HINT));
    }
    for cycle in cycles(&links(&[LinkKind::Import])) {
        out.push(report(srcs[cycle[0].0], &cycle, chain(&cycle, origin, origin), IMPORT_HINT));
    }
    // Macros: one node per (template, macro).
    let nodes: Vec<(usize, &str)> = refs
        .iter()
        .enumerate()
        .flat_map(|(t, r)| r.macros.iter().map(move |m| (t, m.name.as_str())))
        .collect();
    let node_of: HashMap<(usize, &str), usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let calls: Vec<Vec<Edge>> = nodes
        .iter()
        .map(|&(t, name)| {
            let namespace = |ns: &str| match ns {
                "self" => Some(t),
                _ => refs[t]
                    .imports
                    .iter()
                    .find(|(n, _)| n == ns)
                    .and_then(|(_, f)| index.get(f.as_str()).copied()),
            };
            let m = refs[t].macros.iter().find(|m| m.name == name);
            m.into_iter()
                .flat_map(|m| &m.calls)
                .filter_map(|c| {
                    let to = *node_of.get(&(namespace(&c.namespace)?, c.name.as_str()))?;
                    Some(Edge { to, kind: None, line: c.line, column: c.column })
                })
                .collect()
        })
        .collect();
    for cycle in cycles(&calls) {
        let first = |n: usize| format!("the macro `{}` in {}", nodes[n].1, origin(nodes[n].0));
        let then = |n: usize| format!("`{}` in {}", nodes[n].1, origin(nodes[n].0));
        out.push(report(srcs[nodes[cycle[0].0].0], &cycle, chain(&cycle, first, then), CALL_HINT));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn find_in(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let sources = files
            .iter()
            .map(|(name, text)| {
                let origin = PathBuf::from(format!("templates/{name}"));
                (name.to_string(), TemplateSource { name: name.to_string(), origin, text: text.to_string() })
            })
            .collect();
        find(&sources)
    }

    fn messages(found: &[Diagnostic]) -> Vec<(&str, usize, usize)> {
        found.iter().map(|d| (d.message.as_str(), d.line.unwrap_or(0), d.column.unwrap_or(0))).collect()
    }

    #[test]
    fn an_include_of_itself_and_a_circle_of_includes() {
        let found = find_in(&[("a.html", "x\n  {%- include 'a.html' ignore missing -%}")]);
        assert_eq!(messages(&found), [("template error: templates/a.html includes itself", 2, 3)]);
        let found = find_in(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "{% include [\"gone.html\", \"c.html\"] %}"),
            ("c.html", "\n{% include 'a.html' %}"),
        ]);
        assert_eq!(
            messages(&found),
            [(
                "template error: templates/a.html includes templates/b.html, which includes templates/c.html, which includes templates/a.html",
                1,
                1
            )]
        );
    }

    #[test]
    fn extends_and_import_circles() {
        let found = find_in(&[
            ("a.html", "{% extends \"b.html\" %}"),
            ("b.html", "{% extends \"c.html\" %}"),
            ("c.html", "{% extends \"b.html\" %}"),
            ("m.html", "{% import \"n.html\" as n %}"),
            ("n.html", "{% import \"m.html\" as m %}"),
        ]);
        assert_eq!(
            messages(&found),
            [
                (
                    "template error: templates/b.html extends templates/c.html, which extends templates/b.html",
                    1,
                    1
                ),
                (
                    "template error: templates/m.html imports templates/n.html, which imports templates/m.html",
                    1,
                    1
                ),
            ]
        );
    }

    #[test]
    fn endless_macro_calls_but_not_guarded_recursion() {
        let found = find_in(&[
            (
                "m.html",
                "{% import \"n.html\" as n %}\n{% macro a() %}{{ n::b() }}{% endmacro a %}\n{% macro tree(t) %}{% for c in t %}{{ self::tree(t=c) }}{% endfor %}{% endmacro %}\n{% macro me() %}\n{{ self::me() }}{% endmacro %}",
            ),
            ("n.html", "{% import \"m.html\" as m %}{% macro b() %}{{ m::a() }}{% endmacro b %}"),
        ]);
        assert_eq!(
            messages(&found),
            [
                (
                    "template error: templates/m.html imports templates/n.html, which imports templates/m.html",
                    1,
                    1
                ),
                (
                    "template error: the macro `a` in templates/m.html calls `b` in templates/n.html, which calls `a` in templates/m.html",
                    2,
                    16
                ),
                ("template error: the macro `me` in templates/m.html calls itself", 5, 1),
            ]
        );
    }
}

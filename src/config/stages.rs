//! Buying stages: site.yaml's `stages:` (the steps a reader goes through on the
//! way to buying) and a post's `stage:`, which must be one of them.

use std::path::Path;

use crate::content::frontmatter::Fields;
use crate::support::diagnostic::did_you_mean;

/// The stages of a site that does not list its own.
pub(crate) const DEFAULT: [&str; 3] = ["awareness", "consideration", "decision"];

/// site.yaml's `stages:`, or the default three. An empty or repeated name is an
/// error at it.
pub(crate) fn read(f: &mut Fields<'_>, path: &Path) -> Vec<String> {
    let Some(written) = f.list("stages") else {
        return DEFAULT.iter().map(|s| s.to_string()).collect();
    };
    let mut stages: Vec<String> = Vec::with_capacity(written.len());
    for s in written {
        let name = s.value.trim();
        if name.is_empty() {
            f.errors.push(s.span.error(path, "a stage in `stages` has no name"));
        } else if stages.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            let d = s.span.error(path, format!("the stage `{name}` is listed twice in `stages`"));
            f.errors.push(d.with_hint("keep one of them"));
        } else {
            stages.push(name.to_string());
        }
    }
    if stages.is_empty() && f.errors.is_empty() {
        let d = f.key_error("stages", "`stages` lists no stage");
        f.errors.push(d.with_hint("list them, e.g. `stages: [awareness, consideration, decision]`, or remove the line to use these three"));
    }
    stages
}

/// The site's spelling of `written` (case is not significant), if it is a stage.
pub(crate) fn find<'s>(stages: &'s [String], written: &str) -> Option<&'s str> {
    let written = written.trim();
    stages.iter().find(|s| s.eq_ignore_ascii_case(written)).map(String::as_str)
}

/// The hint for a stage that is not one of `stages`.
pub(crate) fn unknown_hint(stages: &[String], written: &str) -> String {
    let listed = stages.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
    match did_you_mean(&written.trim().to_lowercase(), stages.iter().map(String::as_str)) {
        Some(dym) => format!("{dym} The site's stages are {listed} (`stages:` in site.yaml)"),
        None => format!("the site's stages are {listed}; add a new one to `stages:` in site.yaml"),
    }
}

/// A post's `stage:`, which must be one of the site's; an error at it when not.
pub(crate) fn of_post(f: &mut Fields<'_>, path: &Path, stages: &[String]) -> Option<String> {
    let written = f.text("stage")?;
    if written.value.trim().is_empty() {
        return None;
    }
    match find(stages, &written.value) {
        Some(s) => Some(s.to_string()),
        None => {
            let msg = format!("`{}` is not one of the site's buying stages", written.value.trim());
            f.errors.push(written.span.error(path, msg).with_hint(unknown_hint(stages, &written.value)));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages() -> Vec<String> {
        DEFAULT.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_stage_is_found_whatever_its_case() {
        assert_eq!(find(&stages(), " Decision "), Some("decision"));
        assert_eq!(find(&stages(), "decide"), None);
    }

    #[test]
    fn a_misspelt_stage_gets_the_closest_one() {
        let hint = unknown_hint(&stages(), "consideraton");
        assert!(hint.starts_with("did you mean `consideration`?"), "{hint}");
        let hint = unknown_hint(&stages(), "xyz");
        assert!(hint.contains("`awareness`, `consideration`, `decision`"), "{hint}");
    }
}

//! `byline new post` and `byline new author`: files with every field in place, so
//! an expert starts from a form rather than a blank page.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::{Diagnostic, did_you_mean};

/// A YAML string: JSON's quoting is valid YAML and escapes everything that matters.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn yaml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| quoted(i)).collect::<Vec<_>>().join(", "))
}

/// The site folder, or a plain error when it is not one.
pub fn site_root(dir: &Path) -> Result<PathBuf, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(dir, "there is no site folder here").with_hint("run this in the folder that holds site.yaml, or name it: `byline new post \"Title\" --author id my-blog`"));
    }
    if !dir.join("site.yaml").is_file() {
        return Err(Diagnostic::error(dir.join("site.yaml"), "the site has no site.yaml")
            .with_hint("`byline init DIR` makes a new site"));
    }
    Ok(dir.to_path_buf())
}

/// Author ids: the names of the files in `authors/`.
pub fn author_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(root.join("authors"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "md").then(|| p.file_stem()?.to_str().map(str::to_string)).flatten()
        })
        .collect();
    ids.sort();
    ids
}

fn write_new(path: &Path, text: &str, force: bool) -> Result<(), Diagnostic> {
    if path.exists() && !force {
        return Err(Diagnostic::error(path, "this file already exists; nothing was written")
            .with_hint("pick another title, or pass --force to replace it"));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| Diagnostic::error(dir, format!("cannot create the folder: {e}")))?;
    }
    fs::write(path, text).map_err(|e| Diagnostic::error(path, format!("cannot write the file: {e}")))
}

/// What `byline new post` takes.
pub struct NewPost {
    pub site_dir: PathBuf,
    pub title: String,
    pub author: String,
    pub tags: Vec<String>,
    pub date: Option<String>,
    pub today: NaiveDate,
    pub force: bool,
}

/// The `date:` of a new post: `--date` when given and valid, else `today`.
fn post_date(date: Option<&str>, today: NaiveDate) -> Result<String, Diagnostic> {
    let Some(written) = date else {
        return Ok(today.format("%Y-%m-%d").to_string());
    };
    let day = NaiveDate::parse_from_str(written, "%Y-%m-%d").map_err(|_| {
        Diagnostic::error("--date", format!("`{written}` is not a date"))
            .with_hint("write it as YYYY-MM-DD, e.g. 2025-03-05")
    })?;
    crate::content::post::check_year(day.year()).map_err(|msg| {
        Diagnostic::error("--date", format!("`{written}` cannot be used: {msg}"))
            .with_hint("write it as YYYY-MM-DD with a four-digit year, e.g. 2025-03-05")
    })?;
    Ok(day.format("%Y-%m-%d").to_string())
}

/// Writes `content/posts/<slug>.md` and returns its path.
pub fn post(n: &NewPost) -> Result<PathBuf, Vec<Diagnostic>> {
    let root = site_root(&n.site_dir).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let slug = slug::slugify(&n.title);
    if slug.is_empty() {
        errors.push(
            Diagnostic::error(
                "title",
                format!("the title `{}` has no letters or digits to make an address from", n.title),
            )
            .with_hint("use a title with words in it"),
        );
    }
    let ids = author_ids(&root);
    if !ids.contains(&n.author) {
        let hint = did_you_mean(&n.author, ids.iter().map(String::as_str)).unwrap_or_else(|| {
            format!(
                "the authors are: {}; `byline new author {} --name \"Full Name\"` adds one",
                ids.join(", "),
                n.author
            )
        });
        errors.push(
            Diagnostic::error(root.join("authors"), format!("there is no author `{}`", n.author))
                .with_hint(hint),
        );
    }
    let date = post_date(n.date.as_deref(), n.today).map_err(|d| errors.push(d)).unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors);
    }
    let path = root.join("content/posts").join(format!("{slug}.md"));
    let text = format!(
        "---\ntitle: {title}\ndate: {date}\nauthors: [{author}]\n# One or two sentences (50 to 160 characters) for search results and social cards.\ndescription: \"\"\ntags: {tags}\n# What people would type into a search engine to find this post.\nkeywords: []\n---\nStart with the point you want the reader to leave with.\n\n<!-- more -->\n\n## The details\n\nThen explain it.\n",
        title = quoted(&n.title),
        author = n.author,
        tags = yaml_list(&n.tags),
    );
    write_new(&path, &text, n.force).map_err(|d| vec![d])?;
    Ok(path)
}

/// Writes `authors/<id>.md` with every profile field present and explained.
pub fn author(site_dir: &Path, id: &str, name: &str, force: bool) -> Result<PathBuf, Vec<Diagnostic>> {
    let root = site_root(site_dir).map_err(|d| vec![d])?;
    if id.is_empty()
        || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err(vec![Diagnostic::error("id", format!("`{id}` cannot be an author id")).with_hint(
            format!("use lower-case letters, digits and dashes, e.g. `{}`", slug::slugify(name)),
        )]);
    }
    if name.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("--name", "the author needs a name").with_hint("pass --name \"Full Name\""),
        ]);
    }
    let path = root.join("authors").join(format!("{id}.md"));
    let text = format!(
        r#"---
# The name as it appears in bylines.
name: {name}
# Job title, e.g. "Principal Data Engineer".
role: ""
# A square photo in static/, e.g. /images/authors/{id}.jpg
photo: ""
# Shown on the author page; leave empty to keep it private.
email: ""
location: ""
# What this author knows best, e.g. [Data pipelines, Rust]
expertise: []
# Profiles: bare handles work for x, linkedin, github and bluesky; mastodon as
# "@user@server"; anything else as a full URL. For example:
#   social:
#     linkedin: jane-doe
#     mastodon: "@jane@hachyderm.io"
social: {{}}
---
Write the bio here: who {first} is, what they work on, and what readers can ask them about.
"#,
        name = quoted(name),
        first = name.split_whitespace().next().unwrap_or(name),
    );
    write_new(&path, &text, force).map_err(|d| vec![d])?;
    Ok(path)
}

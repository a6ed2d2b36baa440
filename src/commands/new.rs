//! `byline new post` and `byline new author`: files with every field in place, so
//! an expert starts from a form rather than a blank page.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::address;
use crate::content::{author, post};
use crate::load;
use crate::support::diagnostic::{Diagnostic, did_you_mean};

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

/// Author ids: the names of the files in `authors/`, as the loader reads them.
pub fn author_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = load::author_files(root).iter().map(|p| author::id_of(p)).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The most a new post's slug takes from its title: a readable address (the
/// loader refuses slugs past [`address::MAX_SLUG`]).
const NEW_SLUG: usize = 80;

/// The slugs of the site's posts, each with its file (relative to the site).
fn taken_slugs(root: &Path) -> Vec<(String, PathBuf)> {
    load::post_files(root)
        .into_iter()
        .map(|file| {
            let shown = crate::support::diagnostic::display_path(root, &file);
            let slug = fs::read_to_string(&file)
                .ok()
                .and_then(|text| post::slug_of(&shown, &text))
                .unwrap_or_else(|| post::slug_from_path(&shown));
            (slug, shown)
        })
        .collect()
}

/// The slug for a new post titled `title` at `content/posts/<slug>.md`, with a
/// note when it is not simply the title's: cut at a word, or with `-2` because
/// another post has that address.
fn new_slug(root: &Path, title: &str) -> (String, Vec<String>) {
    let full = address::slugify(title);
    let mut notes = Vec::new();
    let base = address::shorten(&full, NEW_SLUG);
    if base != full {
        notes.push(format!(
            "the title is long: the address is shortened to /posts/{base}/ (set `slug:` to choose another)"
        ));
    }
    let taken = taken_slugs(root);
    let own = Path::new("content/posts").join(format!("{base}.md"));
    let Some((_, other)) = taken.iter().find(|(s, file)| *s == base && *file != own) else {
        return (base, notes);
    };
    let other = other.display().to_string();
    let base = address::shorten(&base, NEW_SLUG - 4);
    let free = (2..).map(|n| format!("{base}-{n}")).find(|s| {
        !taken.iter().any(|(t, _)| t == s) && !root.join("content/posts").join(format!("{s}.md")).exists()
    });
    let slug = free.unwrap_or(base);
    notes.push(format!(
        "{other} already has the address /posts/{}/: this post gets /posts/{slug}/",
        address::shorten(&full, NEW_SLUG)
    ));
    (slug, notes)
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

/// A post `byline new post` wrote, and what to tell about it.
pub struct Created {
    pub path: PathBuf,
    /// How its address differs from its title's, if it does.
    pub notes: Vec<String>,
}

/// Writes `content/posts/<slug>.md` and returns its path.
pub fn post(n: &NewPost) -> Result<Created, Vec<Diagnostic>> {
    let root = site_root(&n.site_dir).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let (slug, notes) = new_slug(&root, &n.title);
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
    Ok(Created { path, notes })
}

/// Writes `authors/<id>.md` with every profile field present and explained.
pub fn author(site_dir: &Path, id: &str, name: &str, force: bool) -> Result<PathBuf, Vec<Diagnostic>> {
    let root = site_root(site_dir).map_err(|d| vec![d])?;
    if let Some(msg) = address::author_id_problem(id) {
        return Err(vec![Diagnostic::error("id", msg).with_hint(format!(
            "use letters, digits, `-`, `_` and `.`, e.g. `{}`",
            address::shorten(&address::slugify(name), NEW_SLUG)
        ))]);
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

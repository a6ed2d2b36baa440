//! The only stage that reads the site folder: finds every file, reads it, and parses
//! it (in parallel) into the model's `Input`, plus templates and static files for
//! the later stages. Every problem in every file is collected.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cache::{self, Highlights, Kept, ToSave};
use crate::config::{self, Config};
use crate::content::{author, is_markdown, page, post};
use crate::markdown::{MarkdownOptions, Resolver, highlight};
use crate::model::{Author, Input, Page, Post};
use crate::support::diagnostic::{Diagnostic, did_you_mean};
use crate::support::theme;
use docs::{Bodies, Doc, count_reused, items};
use walk::Kind;
pub(crate) use walk::is_never_published;

mod docs;
mod images;
mod pictures;
mod shown;
mod walk;

pub(crate) use docs::source_key;

/// A template's text and where it came from (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateSource {
    pub name: String,
    /// Shown in messages: `templates/post.html`, or `(default theme) post.html`.
    pub origin: PathBuf,
    pub text: String,
}

/// Bytes to publish, without having read them yet where they are files.
#[derive(Debug, Clone)]
pub enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

impl Asset {
    /// What the asset is made from: its bytes, or its file's path, size and time.
    pub fn fingerprint(&self) -> u128 {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        match self {
            Asset::Embedded(b) => h.write(b),
            Asset::File(f) => {
                let m = fs::metadata(f).ok();
                (f, m.as_ref().map(|m| m.len()), m.and_then(|m| m.modified().ok())).hash(&mut h)
            }
        }
        h.digest128()
    }
}

/// Everything a build needs from disk.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub input: Input,
    /// Templates by name, the site's own overriding the theme's.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Output path (relative, `/`-separated) → asset, the site's overriding the theme's.
    pub assets: BTreeMap<String, Asset>,
    /// Highlighted code from earlier builds, plus what this one highlighted.
    pub highlight: Highlights,
    /// What to save in the parsed-file cache (and to keep in memory, when asked).
    pub parsed: ToSave,
}

/// What the command line may change about a build.
#[derive(Debug, Clone, Default)]
pub(crate) struct LoadOptions {
    pub base_url: Option<String>,
    /// Force highlighting off, whatever site.yaml says (benchmarks).
    pub no_highlight: bool,
    /// Where the previous build left its caches, if anywhere.
    pub cache_dir: Option<PathBuf>,
}

/// The markdown files below `dir` of the site at `root`, sorted, with problems
/// (links leading outside the site) added to `errors`.
fn markdown(root: &Path, dir: &str, depth: usize, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let found = walk::files(root, &root.join(dir), depth, Kind::Sources, errors);
    found.into_iter().filter(|p| is_markdown(p)).collect()
}

/// The post files of the site at `root`, sorted.
pub(crate) fn post_files(root: &Path) -> Vec<PathBuf> {
    markdown(root, "content/posts", usize::MAX, &mut Vec::new())
}

/// The author files of the site at `root`, sorted.
pub(crate) fn author_files(root: &Path) -> Vec<PathBuf> {
    markdown(root, "authors", 1, &mut Vec::new())
}

/// The author files that exist but did not load (their problems are reported):
/// each one's id and path as shown, so posts naming it are not blamed.
fn unusable(root: &Path, files: &[PathBuf], loaded: &[Doc<Author>]) -> Vec<(String, PathBuf)> {
    let loaded: std::collections::HashSet<&str> = loaded.iter().map(|d| d.key.as_str()).collect();
    files
        .iter()
        .map(|f| crate::support::diagnostic::display_path(root, f))
        .filter(|shown| !loaded.contains(source_key(shown).as_str()))
        .map(|shown| (author::id_of(&shown), shown))
        .collect()
}

/// Reads a file as UTF-8, or says plainly where it is not.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let shown = crate::support::diagnostic::display_path(root, path);
    let bytes =
        fs::read(path).map_err(|e| Diagnostic::error(&shown, format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let mut d = Diagnostic::error(&shown, "the file is not UTF-8 text")
            .with_hint("save it as UTF-8 in your editor (\"Save with encoding\" → UTF-8)");
        d.line = Some(line);
        d.column = Some(col);
        d
    })
}

/// The site's settings with the command line's on top, and the problems of
/// `site.yaml`. `Err` when there is no site to speak of (no folder, no site.yaml or
/// one that is not text).
fn settings(
    root: &Path,
    opts: &LoadOptions,
) -> Result<(Config, config::Extras, Vec<Diagnostic>), Vec<Diagnostic>> {
    if !root.is_dir() {
        return Err(vec![
            Diagnostic::error(root, "there is no site folder here")
                .with_hint("pass the folder that holds site.yaml, e.g. `byline build example-site`"),
        ]);
    }
    let cfg_path = root.join("site.yaml");
    if !cfg_path.is_file() {
        return Err(vec![Diagnostic::error(root.join("site.yaml"), "the site has no site.yaml").with_hint(
            "a site folder holds site.yaml, content/posts/ and authors/; `byline init` makes one",
        )]);
    }
    let cfg_text = read_text(root, &cfg_path).map_err(|d| vec![d])?;
    // With site.yaml wrong, the other files are still read (with settings that
    // stand in for it) so that one run reports their problems too.
    let (mut config, extras, errors) = match config::parse_with_extras(Path::new("site.yaml"), &cfg_text) {
        Ok((config, extras)) => {
            // Checked before `--no-highlight` turns highlighting off: a build without
            // it would fail, and `byline check` must report what a build would.
            let errors = check_config(root, &config, &cfg_text);
            (config, extras, errors)
        }
        Err(errors) => (Config::stand_in(), config::Extras::default(), errors),
    };
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|m| vec![Diagnostic::error("--base-url", m)])?;
    }
    if opts.no_highlight {
        config.highlight_theme = None;
    }
    Ok((config, extras, errors))
}

/// Reads and parses the whole site. `Err` when there is no site to speak of (no
/// folder, no site.yaml or one that is not text); otherwise everything that parsed, with the
/// problems of the files that did not. `previous` is what the last build in this
/// process kept in memory (what it lacks is read from the cache folder), for a
/// build that keeps a copy of every file it loads for the next; `None` for a build
/// that keeps nothing.
pub(crate) fn load(
    root: &Path,
    opts: &LoadOptions,
    previous: Option<Kept>,
) -> Result<(Loaded, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (config, extras, mut errors) = settings(root, opts)?;
    let post_files = markdown(root, "content/posts", usize::MAX, &mut errors);
    let page_files = markdown(root, "content", 1, &mut errors);
    let author_files = markdown(root, "authors", 1, &mut errors);

    let keep = previous.is_some();
    let previous = previous.unwrap_or_default();
    let mut cache = cache::parsed_for(&config, previous.parsed, opts.cache_dir.as_deref());
    let (posts, e1, rejected) =
        docs::parse_all(root, &post_files, &mut cache, |p, t| post::parse(p, t, &config));
    let (authors, e2, _) =
        docs::parse_all(root, &author_files, &mut cache, |p, t| author::parse(p, t, &config));
    let (pages, e3, _) = docs::parse_all(root, &page_files, &mut cache, page::parse);
    errors.extend(e1.into_iter().chain(e2).chain(e3));
    let unusable_authors = unusable(root, &author_files, &authors);

    // Every file's page is known now: render the bodies, resolving links between files.
    let resolver: Resolver = posts
        .iter()
        .map(|d| (d.key.clone(), d.item.path()))
        .chain(pages.iter().map(|d| (d.key.clone(), d.item.path())))
        .chain(authors.iter().map(|d| (d.key.clone(), d.item.path())))
        .collect();
    let resolver = Arc::new(resolver);
    let r = (&resolver, docs::resolver_fingerprint(&resolver));
    let posts = docs::recheck_links(root, &config, r, posts, Post::path, |p| &p.body);
    let authors = docs::recheck_links(root, &config, r, authors, Author::path, |a| &a.bio);
    let pages = docs::recheck_links(root, &config, r, pages, Page::path, |p| &p.body);
    let reused = count_reused(&posts) + count_reused(&authors) + count_reused(&pages);
    let unrendered = posts.len() + authors.len() + pages.len() - reused;
    // The highlight cache is read only when some body is rendered.
    let mut highlight = match (previous.highlights, &opts.cache_dir) {
        (Some(kept), _) => kept,
        (None, Some(d)) if unrendered > 0 && config.highlight_theme.is_some() => cache::read_highlights(d),
        _ => Highlights::default(),
    };
    highlight.set_complete(reused == 0);
    report_cache(reused, reused + unrendered, cache.damaged() + highlight.damaged());
    let md = MarkdownOptions { highlight: config.highlight_theme.as_ref().map(|_| &highlight) };
    let bodies = Bodies { config: &config, md, resolver };
    let posts = bodies.render(posts, Post::path, |p| &mut p.body);
    let authors = bodies.render(authors, Author::path, |a| &mut a.bio);
    let pages = bodies.render(pages, Page::path, |p| &mut p.body);
    let meta = posts.iter().map(Doc::meta).chain(authors.iter().map(Doc::meta));
    let meta = meta.chain(pages.iter().map(Doc::meta)).collect();
    let mut kept = Vec::new();
    let mut keeping = keep.then_some(&mut kept);
    let posts = items(posts, keeping.as_deref_mut());
    let authors = items(authors, keeping.as_deref_mut());
    let pages = items(pages, keeping);
    let parsed = cache.finish(meta, kept);

    let (templates, e4) = templates(root, &config);
    errors.extend(e4);
    let mut assets = assets(root, &config, &mut errors);
    errors.extend(config::cta::missing_images(&config.calls_to_action, |p| assets.contains_key(p)));
    let shown = (posts.iter().map(|p| (p.source.as_path(), &*p.body)))
        .chain(pages.iter().map(|p| (p.source.as_path(), &*p.body)))
        .chain(authors.iter().map(|a| (a.source.as_path(), &*a.bio)))
        .collect();
    let images = images::images(root, &config, (&authors, &posts), shown, &mut assets, &mut errors);
    let pictures = pictures::pictures(&config, &authors, &images, &assets);
    let redirects_file = own_redirects(root, &assets, &mut errors);
    let input = Input {
        config,
        posts,
        authors,
        pages,
        rejected,
        unusable_authors,
        images,
        pictures,
        redirects: extras.redirects,
        redirects_file,
        focus_keywords: extras.focus_keywords,
    };
    Ok((Loaded { input, templates, assets, highlight, parsed }, errors))
}

/// The text of the site's own `static/_redirects`, which the generated one keeps
/// at its top (a generated file takes the place of a static one).
fn own_redirects(
    root: &Path,
    assets: &BTreeMap<String, Asset>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let Some(Asset::File(file)) = assets.get("_redirects") else { return None };
    read_text(root, file).map_err(|d| errors.push(d)).ok()
}

/// With `BYLINE_TIMINGS` set, says on stderr how many files came from the cache,
/// and how many of its entries were damaged (ignored, and made again if needed).
fn report_cache(reused: usize, files: usize, damaged: usize) {
    if std::env::var_os("BYLINE_TIMINGS").is_some() {
        eprintln!("  cache: {reused} of {files} files reused, {damaged} damaged entries ignored");
    }
}

fn check_config(root: &Path, config: &Config, text: &str) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if let Some(t) = &config.highlight_theme
        && !highlight::has_theme(t)
    {
        let names = highlight::theme_names();
        let hint = did_you_mean(t, names.iter().copied())
            .unwrap_or_else(|| format!("the themes are: {}, or `none`", names.join(", ")));
        errors.push(
            Diagnostic::error("site.yaml", format!("there is no highlight theme `{t}`"))
                .at(text, config::key_line(text, "highlight_theme"), 1)
                .with_hint(hint),
        );
    }
    if config.theme != theme::DEFAULT && !root.join("themes").join(&config.theme).is_dir() {
        errors.push(
            Diagnostic::error("site.yaml", format!("there is no theme `{}`", config.theme))
                .at(text, config::key_line(text, "theme"), 1)
                .with_hint(format!(
                    "put it in themes/{}/ or remove `theme:` to use the default theme",
                    config.theme
                )),
        );
    }
    errors
}

/// Files of the site's own theme folder `sub` (`themes/<name>/<sub>/`), then of the
/// site's `sub/`, each as (path below that folder, file): later ones override.
fn overrides(
    root: &Path,
    config: &Config,
    sub: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let kind = if sub == "static" { Kind::Static } else { Kind::Sources };
    let mut dirs = Vec::new();
    if config.theme != theme::DEFAULT || root.join("themes/default").is_dir() {
        dirs.push(root.join("themes").join(&config.theme).join(sub));
    }
    dirs.push(root.join(sub));
    let mut out = Vec::new();
    for dir in dirs {
        for path in walk::files(root, &dir, usize::MAX, kind, errors) {
            let rel = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, path));
        }
    }
    out
}

/// Theme templates, then the site theme's, then the site's own `templates/`.
fn templates(root: &Path, config: &Config) -> (BTreeMap<String, TemplateSource>, Vec<Diagnostic>) {
    let mut map = BTreeMap::new();
    for (name, text) in theme::templates() {
        map.insert(
            name.to_string(),
            TemplateSource {
                name: name.to_string(),
                origin: PathBuf::from(format!("(default theme) templates/{name}")),
                text: text.to_string(),
            },
        );
    }
    let mut errors = Vec::new();
    for (name, path) in overrides(root, config, "templates", &mut errors) {
        match read_text(root, &path) {
            Ok(text) => {
                let origin = crate::support::diagnostic::display_path(root, &path);
                map.insert(name.clone(), TemplateSource { name, origin, text });
            }
            Err(d) => errors.push(d),
        }
    }
    (map, errors)
}

/// The theme's static files, then the site theme's, then the site's `static/`.
fn assets(root: &Path, config: &Config, errors: &mut Vec<Diagnostic>) -> BTreeMap<String, Asset> {
    let mut map: BTreeMap<String, Asset> =
        theme::static_files().map(|(p, b)| (p.to_string(), Asset::Embedded(b))).collect();
    let files = overrides(root, config, "static", errors);
    map.extend(files.into_iter().map(|(rel, path)| (rel, Asset::File(path))));
    map
}

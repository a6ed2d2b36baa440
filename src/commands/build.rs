//! The pipeline, stage by stage: load → model → render → write → cache. Rendered
//! files are staged beside the output and published only when every page rendered,
//! so a failed build leaves the old output untouched. What is kept between builds
//! is the `cache` module's business: this one only hands it what the stages made.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::cache::{self, Highlights, Kept, Unsettled};
use crate::load::{self, Asset, LoadOptions, Loaded, TemplateSource};
use crate::model::{Selection, Site, redirects};
use crate::render::{self, Failure, templates::Templates};
use crate::support::diagnostic::Diagnostic;
use crate::write::{self, Failed, Stager, WriteStats};

/// Everything `byline build` takes from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    pub no_highlight: bool,
    pub now: DateTime<FixedOffset>,
    /// Where to keep the cache (`--cache-dir`, `BYLINE_CACHE_DIR`); beside the
    /// output by default.
    pub cache: Option<PathBuf>,
}

impl BuildOptions {
    /// A published build of `site_dir` into its default output, as of `now`.
    pub fn new(site_dir: PathBuf, now: DateTime<FixedOffset>) -> Self {
        BuildOptions {
            site_dir,
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            no_highlight: false,
            now,
            cache: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.site_dir.join("public"))
    }

    /// The cache folder: the one chosen, or beside the output,
    /// `<parent>/.byline-cache/<output name>/`. Safe to delete at any time; the
    /// next build is then a cold one.
    pub fn cache_dir(&self) -> PathBuf {
        if let Some(dir) = &self.cache {
            return dir.clone();
        }
        let out = self.output_dir();
        let name =
            out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        out.parent().unwrap_or(Path::new(".")).join(".byline-cache").join(name)
    }
}

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in what the user wrote; nothing was written.
    Site(Vec<Diagnostic>),
    /// The machine's fault (disk full, permissions); the output is as it was,
    /// unless it failed while files were being moved into place (said in the text).
    Io(anyhow::Error),
    /// Files were being moved into place: the output may mix old and new files
    /// until the next build repairs it.
    Partial(anyhow::Error),
    /// Ctrl-C, SIGTERM or SIGHUP before publishing began: the output is as it was.
    Interrupted,
}

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub files: usize,
    /// Pages and feeds rendered: the rest were kept, their inputs unchanged.
    pub rendered: usize,
    pub write: WriteStats,
    pub posts: usize,
    pub authors: usize,
    pub tags: usize,
    pub elapsed: Duration,
    /// Problems that did not stop the build (a cache that cannot be saved, files
    /// left alone that byline wrote once).
    pub warnings: Vec<Diagnostic>,
}

/// A loaded, validated site with its templates, ready to render.
pub struct Prepared {
    pub site: Site,
    pub templates: Templates,
    pub assets: BTreeMap<String, Asset>,
    /// The highlighted code blocks, to save for the next build.
    pub highlights: Highlights,
    /// The templates' texts, to reuse the compiled ones while they stay the same.
    pub sources: Sources,
    /// The cache could not be saved (the build goes on).
    pub warnings: Vec<Diagnostic>,
}

type Sources = BTreeMap<String, TemplateSource>;

/// What a build keeps in memory for the next one in the same process (the preview
/// server's rebuilds): the files its loader parsed, the highlighted blocks, the
/// compiled templates and the output's manifest, so that none of them is read from
/// disk again and the output folder is not walked.
#[derive(Default)]
pub struct Memory {
    kept: Kept,
    /// What the last build left, before [`Memory::settle`] turns it into `kept`.
    unsettled: Option<Unsettled>,
    /// The last build's site, freed by [`Memory::settle`]: freeing 10,000 posts
    /// takes as long as the rest of a rebuild.
    spent: Option<Site>,
    output: Option<write::Previous>,
    /// The last build's templates, compiled.
    templates: Option<(Sources, Templates)>,
}

impl Memory {
    /// Turns what the last build left into what the next one starts from, and frees
    /// the last build's site. The next build does it if nobody did before; the
    /// preview server does it after telling tabs to reload, so it is not part of
    /// the wait.
    pub fn settle(&mut self) {
        drop(self.spent.take());
        if let Some(left) = self.unsettled.take() {
            self.kept = left.settle();
        }
    }

    /// What the last build kept for the loader, taken out.
    fn take_kept(&mut self) -> Kept {
        self.settle();
        std::mem::take(&mut self.kept)
    }

    /// Keeps what a finished build leaves besides what its loader parsed (kept
    /// already, whether or not the build finished).
    fn finished(&mut self, p: Prepared, output: write::Previous) {
        if let Some(left) = &mut self.unsettled {
            left.set_highlights(p.highlights);
        }
        self.output = Some(output);
        self.templates = Some((p.sources, p.templates));
        self.spent = Some(p.site);
    }
}

/// Stage timings on stderr when `BYLINE_TIMINGS` is set (for profiling builds).
struct Timings(Option<Instant>);

impl Timings {
    fn start() -> Self {
        Timings(std::env::var_os("BYLINE_TIMINGS").map(|_| Instant::now()))
    }

    fn lap(&mut self, stage: &str) {
        if let Some(t) = self.0 {
            eprintln!("  {stage}: {:.3}s", t.elapsed().as_secs_f64());
            self.0 = Some(Instant::now());
        }
    }
}

/// Loads and validates: every problem of the site, or a site ready to render.
pub fn prepare(opts: &BuildOptions, cache_dir: Option<PathBuf>) -> Result<Prepared, Vec<Diagnostic>> {
    prepare_with(opts, cache_dir, None)
}

/// [`prepare`], starting from what the previous build in this process kept in
/// `memory`, and keeping there what this one loads.
fn prepare_with(
    opts: &BuildOptions,
    cache_dir: Option<PathBuf>,
    mut memory: Option<&mut Memory>,
) -> Result<Prepared, Vec<Diagnostic>> {
    let load_opts =
        LoadOptions { base_url: opts.base_url.clone(), no_highlight: opts.no_highlight, cache_dir };
    let previous = memory.as_deref_mut().map(Memory::take_kept);
    let compiled = memory.as_deref_mut().and_then(|m| m.templates.take());
    let (Loaded { input, templates: sources, assets, highlight, parsed }, mut errors) =
        load::load(&opts.site_dir, &load_opts, previous)?;
    // Saved and kept before the site is validated and rendered: parsed files are
    // right whatever happens next.
    let mut warnings = Vec::new();
    if let Some(dir) = &load_opts.cache_dir {
        warnings.extend(cache::save_parsed(dir, &parsed, &input));
    }
    if let Some(m) = memory {
        m.unsettled = Some(Unsettled::new(parsed));
    }
    // Validate what did load too, so one run reports every problem.
    let selection = Selection { drafts: opts.drafts, future: opts.future, now: opts.now };
    let site = Site::build(input, selection);
    let templates = match compiled {
        Some((before, compiled)) if before == sources => Ok(compiled),
        _ => Templates::new(&sources),
    };
    if let Ok(site) = &site {
        errors.extend(write::clashes(&opts.site_dir, &assets, &render::output_files(site)));
        warnings.extend(site.warnings.iter().cloned());
        warnings.extend(render::glyphs::missing(site));
        warnings.extend(redirects::vanished(site, &write::published_pages(&opts.output_dir())));
    }
    match (site, templates) {
        (Ok(site), Ok(templates)) if errors.is_empty() => {
            Ok(Prepared { site, templates, assets, highlights: highlight, sources, warnings })
        }
        (s, t) => {
            errors.extend(s.err().into_iter().flatten());
            errors.extend(t.err().into_iter().flatten());
            Err(errors)
        }
    }
}

/// Refuses output and cache folders in the site's sources (a build would replace
/// or delete what people wrote). `byline check` runs it too.
pub(crate) fn check_places(opts: &BuildOptions, out: &Path, cache_dir: &Path) -> Result<(), Diagnostic> {
    write::place::check(&opts.site_dir, out, "output")?;
    write::place::check(&opts.site_dir, cache_dir, "cache")
}

/// Keeps one warning about the cache (the first), and every other warning.
fn once(warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut cache_said = false;
    warnings
        .into_iter()
        .filter(|w| w.code != Some("cache") || !std::mem::replace(&mut cache_said, true))
        .collect()
}

/// The whole build.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildError> {
    build_with(opts, None)
}

/// The whole build, starting from and updating what the previous one in this
/// process kept in `memory` (when given).
pub fn build_with(opts: &BuildOptions, mut memory: Option<&mut Memory>) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let mut clock = Timings::start();
    let out = opts.output_dir();
    let cache_dir = opts.cache_dir();
    check_places(opts, &out, &cache_dir).map_err(|d| BuildError::Site(vec![d]))?;
    let output = memory.as_deref_mut().and_then(|m| m.output.take());
    let mut p =
        prepare_with(opts, Some(cache_dir.clone()), memory.as_deref_mut()).map_err(BuildError::Site)?;
    clock.lap("load and validate");
    stop_if_asked()?;
    let (written, committed) = render_and_write(&p, &out, &cache_dir, output, &mut clock)?;
    let mut warnings = written.warnings;
    warnings.append(&mut p.warnings);
    warnings.extend(committed.warnings);
    warnings.extend(cache::save_highlights(&cache_dir, &p.highlights));
    clock.lap("write");
    let summary = Summary {
        files: written.files,
        rendered: written.rendered,
        write: committed.stats,
        posts: p.site.posts.len(),
        authors: p.site.authors.len(),
        tags: p.site.index.tags.len(),
        elapsed: start.elapsed(),
        warnings: once(warnings),
    };
    if let Some(m) = memory {
        m.finished(p, committed.previous);
    }
    Ok(summary)
}

/// What rendering and staging did, before the commit.
struct Written {
    files: usize,
    rendered: usize,
    warnings: Vec<Diagnostic>,
}

/// Renders what changed into the stager (pages as they render, then static files)
/// and publishes it into `out`.
fn render_and_write(
    p: &Prepared,
    out: &Path,
    cache_dir: &Path,
    output: Option<write::Previous>,
    clock: &mut Timings,
) -> Result<(Written, write::Committed), BuildError> {
    let mut stager = Stager::new(out, cache_dir, output).map_err(BuildError::Io)?;
    let plan = render::plan(&p.site, &p.templates, &p.assets, &stager);
    stager.make_dirs(plan.to_render()).map_err(BuildError::Io)?;
    let count = AtomicUsize::new(0);
    let sink = |r: render::Rendered| {
        stop_if_asked()?;
        // Static files are copied, not rendered (image variants are encoded, cards drawn).
        if let render::Content::Bytes(_) | render::Content::Image(..) | render::Content::Card(_) = r.content {
            count.fetch_add(1, Ordering::Relaxed);
        }
        stager.accept_rendered(&r).map_err(BuildError::Io)
    };
    let rendered = render::render_planned(&p.templates, plan, sink).map_err(|f| match f {
        Failure::Site(d) => BuildError::Site(d),
        Failure::Sink(e) => e,
    })?;
    clock.lap("render");
    let all: HashSet<String> = rendered.into_iter().collect();
    stop_if_asked()?;
    let warnings = std::mem::take(&mut stager.warnings);
    let committed = stager.commit(&all).map_err(|f| match f {
        Failed::Blocked(d) => BuildError::Site(d),
        Failed::Io(e) => BuildError::Io(e),
        Failed::Partial(e) => BuildError::Partial(e),
    })?;
    let written = Written { files: all.len(), rendered: count.into_inner(), warnings };
    Ok((written, committed))
}

/// Stops the build, before anything is published, once Ctrl-C (or SIGTERM,
/// SIGHUP) was pressed.
fn stop_if_asked() -> Result<(), BuildError> {
    if crate::support::interrupt::requested() { Err(BuildError::Interrupted) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::parsed::text_hash;
    use crate::model::Post;

    const DRAFT: &str = "---\ntitle: A draft\ndate: 2024-01-02\nauthors: [ada]\ndraft: true\n---\nSoon.\n";

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Takes `rel` (with the text it has now) from what `memory` kept, with its spare.
    fn kept_post(memory: &mut Memory, root: &Path, rel: &str) -> Option<Post> {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        let parsed = memory.kept.parsed.as_mut()?;
        parsed.take::<Post>(rel, text_hash(&text)).and_then(|t| t.spare)
    }

    #[test]
    fn memory_keeps_what_the_loader_parsed_drafts_and_failed_builds_included() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        write(&root, "site.yaml", "title: T\nbase_url: https://e.com/\n");
        write(&root, "authors/ada.md", "---\nname: Ada\n---\nBio.\n");
        write(&root, "content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\nauthors: [ada]\n---\nA.\n");
        write(&root, "content/posts/draft.md", DRAFT);
        let now = chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap();
        let opts =
            BuildOptions { output: Some(dir.path().join("out")), ..BuildOptions::new(root.clone(), now) };
        let mut memory = Memory::default();
        let built = build_with(&opts, Some(&mut memory)).unwrap();
        assert_eq!(built.posts, 1, "the draft is left out of the site");
        memory.settle();
        assert_eq!(kept_post(&mut memory, &root, "content/posts/draft.md").unwrap().title, "A draft");

        // A post naming an unknown author: the site is refused, its files are kept.
        write(&root, "content/posts/b.md", "---\ntitle: B\ndate: 2024-01-03\nauthors: [nobody]\n---\nB.\n");
        assert!(matches!(build_with(&opts, Some(&mut memory)), Err(BuildError::Site(_))));
        memory.settle();
        assert_eq!(kept_post(&mut memory, &root, "content/posts/b.md").unwrap().title, "B");
        assert!(kept_post(&mut memory, &root, "content/posts/a.md").is_some());
    }
}

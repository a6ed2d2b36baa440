//! The pipeline, stage by stage: load → model → render → write. Nothing is written
//! until every page rendered, so a failed build leaves the old output untouched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::diagnostic::Diagnostic;
use crate::load::{self, LoadOptions, Loaded};
use crate::model::{Selection, Site};
use crate::render::{self, Rendered, templates::Templates};
use crate::write::{self, Source, WriteStats};

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
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.site_dir.join("public"))
    }
}

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in what the user wrote; nothing was written.
    Site(Vec<Diagnostic>),
    /// The machine's fault (disk full, permissions).
    Io(anyhow::Error),
}

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub files: usize,
    pub write: WriteStats,
    pub posts: usize,
    pub authors: usize,
    pub tags: usize,
    pub elapsed: Duration,
}

/// A site rendered in memory, ready to write.
pub struct Plan {
    pub site: Site,
    pub rendered: Vec<Rendered>,
    pub loaded_assets: std::collections::BTreeMap<String, load::Asset>,
}

/// Loads, validates and renders, writing nothing.
pub fn plan(opts: &BuildOptions) -> Result<Plan, Vec<Diagnostic>> {
    let load_opts = LoadOptions { base_url: opts.base_url.clone(), no_highlight: opts.no_highlight };
    let mut clock = Timings::start();
    let (Loaded { input, templates, assets }, mut errors) = load::load(&opts.site_dir, &load_opts)?;
    clock.lap("load");
    // Validate what did load too, so one run reports every problem.
    let selection = Selection { drafts: opts.drafts, future: opts.future, now: opts.now };
    let site = Site::build(input, selection);
    let templates = Templates::new(&templates);
    let (site, templates) = match (site, templates) {
        (Ok(s), Ok(t)) if errors.is_empty() => (s, t),
        (s, t) => {
            errors.extend(s.err().into_iter().flatten());
            errors.extend(t.err().into_iter().flatten());
            return Err(errors);
        }
    };
    clock.lap("model");
    let rendered = render::render(&site, &templates)?;
    clock.lap("render");
    Ok(Plan { site, rendered, loaded_assets: assets })
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

/// Refuses an output folder that holds the site (a build would delete the sources).
fn check_output(site_dir: &Path, out: &Path) -> Result<(), Diagnostic> {
    let site = site_dir.canonicalize().unwrap_or_else(|_| site_dir.to_path_buf());
    let target = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    if site.starts_with(&target) || target.join("site.yaml").exists() {
        return Err(Diagnostic::error(
            out,
            "the output folder holds the site itself; building there would delete its files",
        )
        .with_hint("pick another folder with --output, such as the default `public`"));
    }
    Ok(())
}

/// The whole build.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let out = opts.output_dir();
    check_output(&opts.site_dir, &out).map_err(|d| BuildError::Site(vec![d]))?;
    let plan = plan(opts).map_err(BuildError::Site)?;
    let mut files: Vec<(String, Source)> =
        plan.loaded_assets.iter().map(|(p, a)| (p.clone(), Source::Asset(a))).collect();
    // Rendered pages win over a static file of the same path.
    let rendered: std::collections::HashSet<&str> = plan.rendered.iter().map(|r| r.path.as_str()).collect();
    files.retain(|(p, _)| !rendered.contains(p.as_str()));
    files.extend(plan.rendered.iter().map(|r| (r.path.clone(), Source::Bytes(&r.bytes))));
    let mut clock = Timings::start();
    let write = write::write(&out, &files).map_err(BuildError::Io)?;
    clock.lap("write");
    Ok(Summary {
        files: files.len(),
        write,
        posts: plan.site.posts.len(),
        authors: plan.site.authors.len(),
        tags: plan.site.index.tags.len(),
        elapsed: start.elapsed(),
    })
}

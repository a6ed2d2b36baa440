//! `byline import`: reads another blog (one module per source in `import`),
//! writes it into DEST as a byline site, builds that site with byline's own build
//! and says what happened. The files written stay even when the build fails, so
//! the user can fix what the build reports.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};

use crate::commands::build::{self, BuildError, BuildOptions};
use crate::import::{self, Options, Source, report, tidy, write};
use crate::support::diagnostic::Diagnostic;

/// The blogs `byline import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jekyll,
    Hugo,
    WordPress,
    Ghost,
}

impl From<Kind> for Source {
    fn from(k: Kind) -> Source {
        match k {
            Kind::Jekyll => Source::Jekyll,
            Kind::Hugo => Source::Hugo,
            Kind::WordPress => Source::WordPress,
            Kind::Ghost => Source::Ghost,
        }
    }
}

/// Everything `byline import` takes from the command line.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub kind: Kind,
    pub source: PathBuf,
    pub dest: PathBuf,
    pub json: bool,
    /// WordPress's `wp-content/uploads` folder.
    pub uploads: Option<PathBuf>,
    /// The moment the written site is built as of.
    pub now: DateTime<FixedOffset>,
}

/// What an import did.
#[derive(Debug)]
pub struct Outcome {
    /// The report, as text or JSON.
    pub report: String,
    /// The build's findings: its errors when it failed, its warnings otherwise.
    pub build: Vec<Diagnostic>,
    /// Why the build failed, when it did.
    pub build_failed: Option<String>,
}

/// Imports past this many posts print a progress line.
const BIG: usize = 500;

/// Runs the import. An error means nothing was written (the source could not
/// be read, or DEST is not empty); a failed build is an [`Outcome`].
pub fn import(opts: &ImportOptions) -> Result<Outcome, Vec<Diagnostic>> {
    write::check_dest(&opts.dest).map_err(|d| vec![d])?;
    let start = Instant::now();
    let options = Options { uploads: opts.uploads.clone() };
    let source = Source::from(opts.kind);
    let mut imported = import::read(source, &opts.source, &options)?;
    let big = imported.posts.len() > BIG;
    if big {
        eprintln!(
            "read {} posts and {} pages in {:.1}s; writing the site into {}",
            imported.posts.len(),
            imported.pages.len(),
            start.elapsed().as_secs_f64(),
            opts.dest.display()
        );
    }
    tidy::tidy(&mut imported);
    write::write(&opts.dest, &mut imported).map_err(|e| {
        vec![
            Diagnostic::error(&opts.dest, format!("the site could not be written: {e:#}"))
                .with_hint("the files written so far stay in the folder; remove it before importing again"),
        ]
    })?;
    if big {
        eprintln!("wrote the site in {:.1}s; building it", start.elapsed().as_secs_f64());
    }
    let build_opts = BuildOptions::new(opts.dest.clone(), opts.now);
    let (diags, failed) = match build::build(&build_opts) {
        Ok(summary) => (summary.warnings, None),
        Err(BuildError::Site(d)) => (d, Some("the imported site does not build".to_string())),
        Err(BuildError::Io(e) | BuildError::Partial(e)) => (Vec::new(), Some(format!("{e:#}"))),
        Err(BuildError::Interrupted) => (Vec::new(), Some("interrupted".to_string())),
    };
    let report = if opts.json {
        report::json(source, &opts.source, &opts.dest, &imported, failed.is_none())
    } else {
        report::human(source, &opts.source, &opts.dest, &imported)
    };
    Ok(Outcome { report, build: diags, build_failed: failed })
}

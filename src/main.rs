//! The command line: parses arguments (`cli`) and hands over to the library.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use byline::commands::build::{self, BuildError, BuildOptions};
use byline::commands::import;
use byline::support::diagnostic::{Diagnostic, Severity};
use clap::Parser;
use cli::{CalendarFormat, Cli, Command, NewCommand, ReportCommand, ReportFormat};

/// The moment to build as of: `--now`, `SOURCE_DATE_EPOCH` or the clock.
fn moment(arg: Option<&str>) -> Result<chrono::DateTime<chrono::FixedOffset>, ExitCode> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    byline::support::clock::now(arg, epoch.as_deref()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Prints diagnostics to stderr, sorted by file and line, and returns the error count.
fn report(diags: Vec<Diagnostic>) -> usize {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    eprint!("{}", byline::support::diagnostic::human(diags));
    errors
}

/// Prints problems and returns the failure exit code.
fn failed(diags: Vec<Diagnostic>) -> ExitCode {
    let n = report(diags);
    eprintln!("error: {n} problem{}; nothing was written", if n == 1 { "" } else { "s" });
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Init { dir, force } => run_init(&dir, force),
        Command::New(what) => run_new(what),
        Command::Check { site_dir, format, strict, drafts, now } => {
            let now = match moment(now.as_deref()) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let opts = BuildOptions {
                drafts,
                future: drafts,
                no_highlight: true,
                ..BuildOptions::new(site_dir, now)
            };
            let findings = byline::commands::check::check(&opts, strict);
            let errors = findings.iter().any(|d| d.severity == Severity::Error);
            print!("{}", byline::commands::check::report::render(findings, format.into()));
            if errors { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Import { from, source, dest, format, uploads, now } => {
            let now = match moment(now.as_deref()) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let json = matches!(format, CalendarFormat::Json);
            run_import(&import::ImportOptions { kind: from.into(), source, dest, json, uploads, now })
        }
        Command::Report(ReportCommand::Keywords { site_dir, weeks, format, now }) => {
            let now = match moment(now.as_deref()) {
                Ok(now) => now,
                Err(code) => return code,
            };
            run_keywords(site_dir, now, weeks, format)
        }
        Command::Calendar { site_dir, weeks, format, today, now } => {
            run_calendar(site_dir, weeks, format, today, now)
        }
        Command::Share { post, site_dir, format } => run_share(&site_dir, &post, format),
        Command::Serve { site_dir, port, bind, open, no_drafts } => {
            let opts =
                byline::commands::serve::ServeOptions { site_dir, port, bind, open, drafts: !no_drafts };
            match byline::commands::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            site_dir,
            output,
            base_url,
            drafts,
            future,
            no_highlight,
            quiet,
            cache_dir,
            now,
        } => {
            let now = match moment(now.as_deref()) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let opts = BuildOptions {
                output,
                base_url,
                drafts,
                future,
                no_highlight,
                cache: cache_dir,
                ..BuildOptions::new(site_dir, now)
            };
            run_build(&opts, quiet)
        }
    }
}

fn run_init(dir: &std::path::Path, force: bool) -> ExitCode {
    match byline::commands::init::init(dir, today(), force) {
        Ok(files) => {
            let (d, n) = (dir.display(), files.len());
            println!("created a site in {d} ({n} files); next: `byline serve {d}`");
            ExitCode::SUCCESS
        }
        Err(d) => failed(vec![d]),
    }
}

fn run_new(what: NewCommand) -> ExitCode {
    let made = match what {
        NewCommand::Post { title, author, tags, date, site, force } => {
            let n = byline::commands::new::NewPost {
                site_dir: site,
                title,
                author,
                tags,
                date,
                today: today(),
                force,
            };
            byline::commands::new::post(&n).map(|created| {
                for note in &created.notes {
                    eprintln!("note: {note}");
                }
                created.path
            })
        }
        NewCommand::Author { id, name, site, force } => {
            byline::commands::new::author(&site, &id, &name, force)
        }
    };
    match made {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(d) => failed(d),
    }
}

fn run_import(opts: &import::ImportOptions) -> ExitCode {
    match import::import(opts) {
        Ok(outcome) => {
            print!("{}", outcome.report);
            let n = report(outcome.build);
            match outcome.build_failed {
                None => ExitCode::SUCCESS,
                Some(why) => {
                    let errors = if n > 0 { format!(" ({n} errors above)") } else { String::new() };
                    eprintln!(
                        "error: {why}{errors}; the files written stay in {}: fix them and run `byline build {}`",
                        opts.dest.display(),
                        opts.dest.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Err(d) => failed(d),
    }
}

fn run_calendar(
    site_dir: PathBuf,
    weeks: i64,
    format: CalendarFormat,
    day: Option<String>,
    now: Option<String>,
) -> ExitCode {
    let day = match day.as_deref().map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            return failed(vec![
                Diagnostic::error("--today", "not a date").with_hint("write it as YYYY-MM-DD"),
            ]);
        }
    };
    let end_of = |d: chrono::NaiveDate| d.and_hms_opt(23, 59, 59).map(|t| t.and_utc().fixed_offset());
    let now = match (now, day.and_then(end_of)) {
        (None, Some(end)) => end,
        (now, _) => match moment(now.as_deref()) {
            Ok(now) => now,
            Err(code) => return code,
        },
    };
    let day = day.unwrap_or_else(|| now.date_naive());
    match byline::commands::calendar::calendar(site_dir, day, now, weeks) {
        Ok(c) => {
            match format {
                CalendarFormat::Json => println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default()),
                CalendarFormat::Human => print!("{}", byline::commands::calendar::to_text(&c)),
            }
            ExitCode::SUCCESS
        }
        Err(d) => failed(d),
    }
}

fn run_keywords(
    site_dir: PathBuf,
    now: chrono::DateTime<chrono::FixedOffset>,
    weeks: i64,
    format: ReportFormat,
) -> ExitCode {
    use byline::commands::report;
    match report::keywords(site_dir, now, weeks) {
        Ok(r) => {
            match format {
                ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
                ReportFormat::Human => print!("{}", report::to_text(&r)),
                ReportFormat::Html => print!("{}", report::to_html(&r)),
            }
            ExitCode::SUCCESS
        }
        Err(d) => failed(d),
    }
}

fn run_share(site_dir: &std::path::Path, post: &str, format: CalendarFormat) -> ExitCode {
    match byline::commands::share::share(site_dir, post) {
        Ok(kit) => {
            match format {
                CalendarFormat::Json => {
                    println!("{}", serde_json::to_string_pretty(&kit).unwrap_or_default())
                }
                CalendarFormat::Human => print!("{}", byline::commands::share::to_text(&kit)),
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(d);
            ExitCode::FAILURE
        }
    }
}

/// The summary line of a build: what it did to the output folder and the site.
fn summary_line(s: &build::Summary) -> String {
    let w = &s.write;
    let mut done = format!("{} written, {} unchanged, {} removed", w.written, w.unchanged, w.removed);
    if w.replaced > 0 {
        done += &format!(", {} replaced (byline had no record of them)", w.replaced);
    }
    if w.left_alone > 0 {
        done += &format!(", {} left alone (not byline's)", w.left_alone);
    }
    format!(
        "built {} files ({} rendered; {done}): {} posts, {} authors, {} tags in {:.2}s",
        s.files,
        s.rendered,
        s.posts,
        s.authors,
        s.tags,
        s.elapsed.as_secs_f64()
    )
}

fn run_build(opts: &BuildOptions, quiet: bool) -> ExitCode {
    if let Err(e) = byline::support::interrupt::install() {
        eprintln!("warning: cannot catch Ctrl-C ({e}); an interrupted build may leave its staging folder");
    }
    let left_as_it_was = "the output folder was left as it was";
    match build::build(opts) {
        Ok(s) => {
            report(s.warnings.clone());
            if !quiet {
                println!("{}", summary_line(&s));
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(diags)) => {
            let n = report(diags);
            eprintln!(
                "error: the build failed with {n} error{}; {left_as_it_was}",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Io(e)) => {
            eprintln!("error: {e:#}\nerror: the build failed; {left_as_it_was}");
            ExitCode::FAILURE
        }
        Err(BuildError::Partial(e)) => {
            eprintln!(
                "error: {e:#}\nerror: the build failed while moving files into place: the output may mix old and new files; build again to repair it"
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Interrupted) => {
            eprintln!("interrupted: the build stopped before publishing; {left_as_it_was}");
            ExitCode::from(130)
        }
    }
}

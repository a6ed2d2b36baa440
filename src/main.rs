//! The command line: parses arguments and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use byline::build::{self, BuildError, BuildOptions};
use byline::diagnostic::{Diagnostic, Diagnostics, Severity};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about = "A static site generator for shared corporate blogs: every expert an author, with a bio page, a feed and full SEO metadata."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (SITE_DIR/public by default).
    Build {
        /// The site folder, holding site.yaml.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write the site.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Publish at this address instead of site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include posts marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include posts dated in the future.
        #[arg(long)]
        future: bool,
        /// Turn syntax highlighting off, whatever site.yaml says.
        #[arg(long)]
        no_highlight: bool,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Preview the site: build it with drafts and future posts, serve it, and rebuild
    /// and reload open pages on every saved change.
    Serve {
        /// The site folder, holding site.yaml.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// The port to listen on (the next free one if it is taken).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; only this machine can connect by default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Leave drafts and future posts out, as a published build does.
        #[arg(long)]
        no_drafts: bool,
    },
}

/// Prints diagnostics to stderr, worst last so the summary stays in view.
fn report(diags: Vec<Diagnostic>) -> usize {
    let all = Diagnostics(diags);
    let errors = all.count(Severity::Error);
    for d in all.sorted() {
        eprintln!("{d}");
    }
    errors
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { site_dir, port, bind, open, no_drafts } => {
            let opts = byline::serve::ServeOptions { site_dir, port, bind, open, drafts: !no_drafts };
            match byline::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build { site_dir, output, base_url, drafts, future, no_highlight, quiet } => {
            let opts = BuildOptions {
                site_dir,
                output,
                base_url,
                drafts,
                future,
                no_highlight,
                now: chrono::Utc::now().fixed_offset(),
            };
            match build::build(&opts) {
                Ok(s) => {
                    if !quiet {
                        println!(
                            "built {} files ({} written, {} unchanged, {} removed): {} posts, {} authors, {} tags in {:.2}s",
                            s.files,
                            s.write.written,
                            s.write.unchanged,
                            s.write.removed,
                            s.posts,
                            s.authors,
                            s.tags,
                            s.elapsed.as_secs_f64()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Site(diags)) => {
                    let n = report(diags);
                    eprintln!(
                        "error: the build failed with {n} error{}; the output folder was left as it was",
                        if n == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
                Err(BuildError::Io(e)) => {
                    eprintln!("error: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

//! The command line's arguments, as clap reads them: every command, its options
//! and their help. `main.rs` hands what they say to the library.

use std::path::PathBuf;

use byline::commands::check::report::Format;
use byline::commands::import;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about = "A static site generator for shared corporate blogs: every expert an author, with a bio page, a feed and full SEO metadata."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
        /// Where to keep the cache (default: beside the output, in .byline-cache/).
        #[arg(long, env = "BYLINE_CACHE_DIR")]
        cache_dir: Option<PathBuf>,
        /// Build as of this moment (RFC 3339, YYYY-MM-DD or @SECONDS) instead of now;
        /// SOURCE_DATE_EPOCH works too.
        #[arg(long, value_name = "TIMESTAMP")]
        now: Option<String>,
    },
    /// Start a new site in DIR: settings, an author, a post and a CI workflow.
    Init {
        dir: PathBuf,
        /// Write into a folder that already has files.
        #[arg(long)]
        force: bool,
    },
    /// Bring an existing blog: write a WordPress or Ghost export (or a Jekyll or
    /// Hugo site) into DEST as a byline site, with every old address kept, and build it.
    Import {
        /// What the blog was made with.
        #[arg(value_enum)]
        from: ImportFrom,
        /// The export file (WordPress .xml, Ghost .json) or the site folder.
        source: PathBuf,
        /// A new or empty folder for the byline site.
        dest: PathBuf,
        /// human or json.
        #[arg(long, value_enum, default_value = "human")]
        format: CalendarFormat,
        /// The old site's image folder, to copy the images posts and authors show: WordPress's wp-content/uploads or Ghost's content/images.
        #[arg(long, value_name = "DIR")]
        uploads: Option<PathBuf>,
        /// Build as of this moment (RFC 3339, YYYY-MM-DD or @SECONDS) instead of now.
        #[arg(long, value_name = "TIMESTAMP")]
        now: Option<String>,
    },
    /// Add a post or an author.
    #[command(subcommand)]
    New(NewCommand),
    /// Check the site without building it: errors, broken links, author profiles, SEO.
    Check {
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// human (grouped by file), github (Actions annotations) or json.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Check drafts and future posts too.
        #[arg(long)]
        drafts: bool,
        /// Check as of this moment (RFC 3339, YYYY-MM-DD or @SECONDS) instead of now.
        #[arg(long, value_name = "TIMESTAMP")]
        now: Option<String>,
    },
    /// Reports for the content team (never published).
    #[command(subcommand)]
    Report(ReportCommand),
    /// The editorial calendar: scheduled posts, drafts, and who has gone quiet.
    Calendar {
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Flag authors who have not published in this many weeks.
        #[arg(long, default_value_t = 6)]
        weeks: i64,
        /// human or json.
        #[arg(long, value_enum, default_value = "human")]
        format: CalendarFormat,
        /// The day to look from (YYYY-MM-DD); today by default.
        #[arg(long)]
        today: Option<String>,
        /// The moment the `due` list is for (RFC 3339, YYYY-MM-DD or @SECONDS): the
        /// posts the daily publishing run at this moment puts out. The end of
        /// `--today` if that is given, else now.
        #[arg(long, value_name = "TIMESTAMP")]
        now: Option<String>,
    },
    /// Ready-to-paste posts for LinkedIn, X, Mastodon and Bluesky about one post,
    /// each within the network's length limit.
    Share {
        /// The post: its slug (`posts/<slug>/`) or the path of its markdown file.
        post: String,
        /// The site folder, holding site.yaml.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// human or json.
        #[arg(long, value_enum, default_value = "human")]
        format: CalendarFormat,
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

/// How `byline check` prints (the command line's own type; the report's is plain).
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    Human,
    Github,
    Json,
}

impl From<CheckFormat> for Format {
    fn from(f: CheckFormat) -> Format {
        match f {
            CheckFormat::Human => Format::Human,
            CheckFormat::Github => Format::Github,
            CheckFormat::Json => Format::Json,
        }
    }
}

/// The blogs `byline import` reads.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum ImportFrom {
    Jekyll,
    Hugo,
    #[value(name = "wordpress")]
    WordPress,
    Ghost,
}

impl From<ImportFrom> for import::Kind {
    fn from(f: ImportFrom) -> import::Kind {
        match f {
            ImportFrom::Jekyll => import::Kind::Jekyll,
            ImportFrom::Hugo => import::Kind::Hugo,
            ImportFrom::WordPress => import::Kind::WordPress,
            ImportFrom::Ghost => import::Kind::Ghost,
        }
    }
}

/// How `byline calendar`, `byline import` and `byline share` print.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum CalendarFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    Human,
    Json,
    Html,
}

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// How the posts cover the focus keywords of site.yaml: which posts use each
    /// (and where), its experts, its newest post, what needs attention, and the
    /// posts that use none.
    Keywords {
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Flag a keyword no post has used in this many weeks.
        #[arg(long, default_value_t = 12)]
        weeks: i64,
        /// human, json or html (the page `byline serve` shows).
        #[arg(long, value_enum, default_value = "human")]
        format: ReportFormat,
        /// Report as of this moment (RFC 3339, YYYY-MM-DD or @SECONDS) instead of now.
        #[arg(long, value_name = "TIMESTAMP")]
        now: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum NewCommand {
    /// Write content/posts/<slug>.md with the front matter filled in.
    Post {
        title: String,
        /// The author's id (their file in authors/).
        #[arg(long)]
        author: String,
        /// A tag; repeat for more.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The post's date (YYYY-MM-DD); today by default.
        #[arg(long)]
        date: Option<String>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Write authors/<id>.md with every profile field present.
    Author {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

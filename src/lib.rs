//! byline: a static site generator for shared corporate blogs, where every expert
//! is an author with a bio page, a feed and their own metadata.
//!
//! The pipeline is visible in the modules: `load` reads the site folder, `model`
//! holds it as plain validated data, `render` turns it into bytes in memory, `write`
//! puts what changed on disk, and `cache` keeps what the next build can reuse.
//! [`commands::build`] runs them in order. The public surface is the commands and
//! the support they report through; everything else is `pub(crate)`.

// Diagnostics are returned by value on the (rare) error path; boxing them would only
// add noise at every call site.
#![allow(clippy::result_large_err)]
#![warn(unreachable_pub)]

mod address;
mod cache;
mod config;
mod content;
mod import;
mod load;
mod markdown;
mod media;
mod model;
mod render;
mod write;

pub mod commands;
pub mod support;

/// The parsers and stages that the property tests and the benchmarks drive
/// directly. Not a stable interface.
#[doc(hidden)]
pub mod internals {
    pub use crate::cache::Highlights;
    pub use crate::content::{author, frontmatter, page, post};
    pub use crate::load::read_text;
    pub use crate::model::{Indexes, Post};
    pub use crate::render::{Content, Renderer, file_for};

    pub mod config {
        pub use crate::config::{Config, FIELDS, ORGANIZATION, SOCIAL_CARD, parse};
    }

    pub mod markdown {
        pub use crate::markdown::{LinkContext, MarkdownOptions, Resolver, render};
    }
}

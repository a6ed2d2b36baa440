//! byline: a static site generator for shared corporate blogs, where every expert
//! is an author with a bio page, a feed and their own metadata.
//!
//! The pipeline is visible in the modules: [`load`] reads the site folder, [`model`]
//! holds it as plain validated data, [`render`] turns it into bytes in memory, and
//! [`write`] puts what changed on disk. [`build`] runs them in order.

// Diagnostics are returned by value on the (rare) error path; boxing them would only
// add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod address;
pub mod build;
pub mod cache;
pub mod calendar;
pub mod check;
pub mod clock;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod init;
pub mod interrupt;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod render;
pub mod serve;
mod stamp;
pub mod theme;
pub mod write;
mod yaml;

//! The authoring workflow: init, new post/author, check (links, profiles, SEO lint,
//! three output formats, exit codes) and the editorial calendar.

mod calendar;
mod check;
mod new;
mod report;
mod schedule;

use std::process::Output;

use assert_cmd::Command;

fn byline(args: &[&str]) -> Output {
    Command::cargo_bin("byline").unwrap().args(args).output().unwrap()
}

use crate::common::stdout;

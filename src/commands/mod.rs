//! The commands of the command line, one module each. `build` runs the pipeline;
//! `check` and `serve` run the same stages as it does.

pub mod build;
pub mod calendar;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod report;
pub mod schedule;
pub mod serve;
pub mod share;

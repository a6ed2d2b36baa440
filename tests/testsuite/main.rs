//! byline's integration tests, as one binary with a module per feature: each copies a
//! fixture from `tests/fixtures/` (or the example site) into a temporary folder and
//! runs the real `byline` binary on it, or drives the library directly (`parse_props`,
//! `edit_property`). One binary links once and shares `common` without dead code.
//!
//! Tests run on threads of this one process: none may change its environment or
//! working folder; whatever a test needs different is passed to the `byline` it runs.

mod authoring;
mod bad_input;
mod build_site;
mod cache_integrity;
mod calls_to_action;
mod common;
mod edit_property;
mod escaping;
mod example_site;
mod fingerprints;
mod images;
mod import;
mod incremental;
mod interrupt;
mod output_safety;
mod parse_props;
mod redirects;
mod safe_output;
mod search;
mod seo;
mod series;
mod serve;
mod share_kit;
mod social_cards;
mod validation;

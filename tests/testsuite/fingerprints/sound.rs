//! Random single-field edits, drawn with a fixed seed: after each, every output file
//! whose fingerprint is unchanged has the bytes it had before the edit.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use proptest::prop_assert;
use proptest::test_runner::{Config, RngSeed, TestRunner};

use super::edits::any_edit;
use super::sources::Sources;
use super::{Changes, fresh_build};
use crate::common::TestSite;

/// Edits per site: each is one fresh build (well under a second for these sites).
const CASES: u32 = 48;
const SEED: u64 = 0x1313_f1e1_d5ee_d000;

fn unchanged_fingerprints_mean_unchanged_bytes(fixture: &str) {
    let site = TestSite::new(fixture);
    let sources = Sources::read(&site.root());
    let builds = Cell::new(0);
    let next_folder = || {
        builds.set(builds.get() + 1);
        site.dir.path().join(format!("build-{}", builds.get()))
    };
    let original = fresh_build(sources.root(), &next_folder());
    // Without this the property would hold by accident: fingerprints that differ
    // between two builds of the same sources would all count as changed.
    let again = Changes::between(&original, &fresh_build(sources.root(), &next_folder()));
    assert!(
        again.fingerprints.is_empty() && again.bytes.is_empty() && again.added_or_removed.is_empty(),
        "two fresh builds of the same sources differ: {again:?}"
    );
    let (checked, tally) = (Cell::new(0), RefCell::new(BTreeMap::<&str, usize>::new()));
    let config = Config {
        cases: CASES,
        max_shrink_iters: 32,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(SEED),
        ..Config::default()
    };
    let result = TestRunner::new(config).run(&any_edit(&sources), |edit| {
        let after = {
            let _edited = sources.edit(edit.files(&sources));
            fresh_build(sources.root(), &next_folder())
        };
        let changes = Changes::between(&original, &after);
        checked.set(checked.get() + changes.same_fingerprint);
        *tally.borrow_mut().entry(edit.kind()).or_default() += 1;
        let stale = changes.stale();
        prop_assert!(stale.is_empty(), "the bytes of {stale:?} changed under an unchanged fingerprint");
        Ok(())
    });
    if let Err(e) = result {
        panic!("{fixture}: {e}");
    }
    eprintln!(
        "{fixture}: {} edits by kind {:?}; {} unchanged fingerprints checked against the bytes",
        CASES,
        tally.borrow(),
        checked.get()
    );
    assert!(checked.get() > 0, "no edit left a fingerprint unchanged: nothing was checked");
}

#[test]
fn after_random_edits_of_the_example_site_an_unchanged_fingerprint_means_unchanged_bytes() {
    unchanged_fingerprints_mean_unchanged_bytes("example-site");
}

#[test]
fn after_random_edits_of_the_seo_fixture_an_unchanged_fingerprint_means_unchanged_bytes() {
    unchanged_fingerprints_mean_unchanged_bytes("seo");
}

//! The identity of the running program, for caches and fingerprints: a rebuilt
//! binary may parse or render differently at the same version number.

use std::sync::OnceLock;

/// A hash of the program's version and its executable's size and time.
pub(crate) fn program() -> u128 {
    static PROGRAM: OnceLock<u128> = OnceLock::new();
    *PROGRAM.get_or_init(|| {
        use std::hash::Hash;
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        let stamp = exe.map(|m| (m.len(), m.modified().ok()));
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        (env!("CARGO_PKG_VERSION"), stamp).hash(&mut h);
        h.digest128()
    })
}

//! The cache beside the output cannot change what a build publishes: a damaged
//! entry (flipped bits, an edited value) is a miss, recomputed and counted in the
//! timings, and a cache from another version of byline is ignored. Every rebuild
//! here is compared byte for byte with a build of the same sources into an empty
//! folder, with no cache.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::{self, TestSite, assert_same_tree, fresh_build, set_file_times, stderr, tree};

/// What stands in for a code block's highlighted HTML in the tests.
const PLANTED: &[u8] = b"<img src=x onerror=alert(1)>";

/// The site's cache folder (its output is `out`).
fn cache(site: &TestSite) -> PathBuf {
    site.dir.path().join(".byline-cache/out")
}

/// Builds with `BYLINE_TIMINGS` set: (files reused from the cache, files, damaged
/// cache entries ignored), from the timings' cache line.
fn timed_build(site: &TestSite) -> (usize, usize, usize) {
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .env("BYLINE_TIMINGS", "1")
        .arg("build")
        .arg(site.root())
        .arg("--output")
        .arg(site.out())
        .args(["--now", common::NOW])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "build failed:\n{err}");
    let line = err.lines().find_map(|l| l.trim().strip_prefix("cache: "));
    let line = line.unwrap_or_else(|| panic!("no cache line in\n{err}"));
    let n: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    assert!(line.ends_with("damaged entries ignored") && n.len() == 3, "{line}");
    (n[0], n[1], n[2])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Overwrites the first highlighted HTML in the highlight cache with [`PLANTED`]
/// (as many bytes, so the file keeps its shape and stays readable).
fn plant_in_highlight_cache(site: &TestSite) {
    let file = cache(site).join("highlight.bin");
    let mut bytes = fs::read(&file).unwrap();
    let at = find(&bytes, b"<span class=\"").expect("highlighted HTML in the highlight cache");
    bytes[at..at + PLANTED.len()].copy_from_slice(PLANTED);
    fs::write(&file, bytes).unwrap();
}

/// Sources last changed an hour ago: a build then trusts their size and time and
/// takes them from the cache without reading them.
fn age_sources(site: &TestSite) {
    set_file_times(&site.root(), SystemTime::now() - Duration::from_secs(3600));
}

#[test]
fn flipped_bits_in_a_parsed_shard_are_a_miss() {
    // Sources untouched (the cache would be trusted by their size and time), then
    // touched with the same text (the cache would be trusted by the text's hash).
    for touch in [false, true] {
        let site = TestSite::new("example-site");
        age_sources(&site);
        site.build_ok(&[]);
        let shards = cache(&site).join("parsed");
        let names: Vec<PathBuf> = tree(&shards).into_keys().collect();
        assert!(names.len() > 5, "{names:?}");
        for name in &names {
            let mut bytes = fs::read(shards.join(name)).unwrap();
            let len = bytes.len();
            // A shard's table is under 100 bytes here: these are in the compressed entries.
            assert!(len > 300, "{} has {len} bytes", name.display());
            for at in [len / 3, len / 2, len - 2] {
                bytes[at] ^= 0x10;
            }
            fs::write(shards.join(name), bytes).unwrap();
        }
        if touch {
            set_file_times(&site.root(), SystemTime::now());
        }
        // Without its output, the build renders every page from what the cache gives.
        fs::remove_dir_all(site.out()).unwrap();
        let (_, files, damaged) = timed_build(&site);
        assert!(damaged > 0 && damaged <= files, "touch {touch}: {damaged} damaged of {files} files");
        let fresh = fresh_build(&site, "fresh");
        assert_same_tree(&tree(&site.out()), &fresh, &format!("damaged shards, touch {touch}"));
        let (reused, files, damaged) = timed_build(&site);
        assert_eq!((reused, damaged), (files, 0), "touch {touch}: the damaged shards were written anew");
    }
}

#[test]
fn an_edited_highlight_entry_is_a_miss() {
    let site = TestSite::new("example-site");
    site.build_ok(&[]);
    plant_in_highlight_cache(&site);
    // Every body rendered again (as after a change of settings), its code blocks
    // taken from the highlight cache.
    fs::remove_dir_all(cache(&site).join("parsed")).unwrap();
    fs::remove_dir_all(site.out()).unwrap();
    let (_, _, damaged) = timed_build(&site);
    assert!(damaged >= 1, "the edited entry was not counted");
    let out = tree(&site.out());
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        assert!(out.contains_key(Path::new(feed)), "no {feed}");
    }
    let posts = out.keys().filter(|p| p.starts_with("posts") && p.ends_with("index.html")).count();
    assert!(posts > 5, "{posts} post pages");
    for (path, bytes) in &out {
        assert!(find(bytes, b"onerror").is_none(), "{} holds the planted HTML", path.display());
    }
    assert_same_tree(&out, &fresh_build(&site, "fresh"), "edited highlight entry");
    let (_, _, damaged) = timed_build(&site);
    assert_eq!(damaged, 0, "the highlight cache was written anew");
}

#[test]
fn a_cache_from_another_version_is_ignored() {
    let site = TestSite::new("example-site");
    age_sources(&site);
    site.build_ok(&[]);
    fs::remove_dir_all(site.out()).unwrap();
    let (reused, files, damaged) = timed_build(&site);
    assert_eq!((reused, damaged), (files, 0), "this version's cache serves every file");

    // The same files as another version would have written them, the same bytes but
    // for the version, and one highlighted block that must not be published.
    plant_in_highlight_cache(&site);
    let version = env!("CARGO_PKG_VERSION");
    let other = version.replace(|c: char| c.is_ascii_digit(), "9");
    assert_ne!(version, other);
    let (ours, theirs) = (format!("byline {version} "), format!("byline {other} "));
    let files_of_cache = tree(&cache(&site));
    let sealed: Vec<&PathBuf> =
        files_of_cache.keys().filter(|p| p.extension().is_some_and(|e| e == "bin")).collect();
    assert!(sealed.len() > 5, "{sealed:?}");
    for name in sealed {
        let bytes = &files_of_cache[name];
        assert!(bytes.starts_with(ours.as_bytes()), "{} does not start with {ours:?}", name.display());
        let mut bytes = bytes.clone();
        bytes[..theirs.len()].copy_from_slice(theirs.as_bytes());
        fs::write(cache(&site).join(name), bytes).unwrap();
    }

    fs::remove_dir_all(site.out()).unwrap();
    let (reused, _, damaged) = timed_build(&site);
    assert_eq!((reused, damaged), (0, 0), "another version's cache is neither used nor taken for damage");
    assert_same_tree(&tree(&site.out()), &fresh_build(&site, "fresh"), "another version's cache");
    let (reused, files, damaged) = timed_build(&site);
    assert_eq!((reused, damaged), (files, 0), "the cache was written anew for this version");
}

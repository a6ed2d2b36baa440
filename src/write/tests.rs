use std::collections::HashSet;
use std::fs;
use std::path::Path;

use super::*;
use crate::render::Content;

fn stage(out: &Path, cache: &Path, files: &[(&str, &[u8])]) -> Stager {
    let stager = Stager::new(out, cache, None).unwrap();
    for (rel, bytes) in files {
        stager.accept(rel, bytes, 0).unwrap();
    }
    stager
}

fn all(files: &[(&str, &[u8])]) -> HashSet<String> {
    files.iter().map(|(r, _)| r.to_string()).collect()
}

fn publish(out: &Path, cache: &Path, files: &[(&str, &[u8])]) -> WriteStats {
    let stager = stage(out, cache, files);
    match stager.commit(&all(files)) {
        Ok(c) => c.stats,
        Err(e) => panic!("{e:?}"),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn writes_changes_only_and_removes_its_own_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    let files: &[(&str, &[u8])] = &[("x/index.html", b"a"), ("y.xml", b"b"), ("old/deep/index.html", b"c")];
    assert_eq!(publish(&out, &cache, files).written, 3);
    let files = &files[..2];
    let stats = publish(&out, &cache, files);
    assert_eq!((stats.written, stats.unchanged, stats.removed), (0, 2, 1));
    assert!(!out.join("old").exists(), "the folder it leaves empty goes too");
    assert_eq!(names(&out), [owned::FILE, "x", "y.xml"]);
}

#[test]
fn files_byline_did_not_write_are_never_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    fs::create_dir_all(out.join("assets")).unwrap();
    fs::write(out.join("CNAME"), "blog.example").unwrap();
    fs::write(out.join("assets/app.js"), "js").unwrap();
    let stats = publish(&out, &cache, &[("index.html", b"home")]);
    assert_eq!((stats.removed, stats.left_alone), (0, 2));
    let stats = publish(&out, &cache, &[("other.html", b"x")]);
    assert_eq!((stats.removed, stats.left_alone), (1, 2));
    assert_eq!(fs::read(out.join("CNAME")).unwrap(), b"blog.example");
    assert!(out.join("assets/app.js").exists());
    // Deleting the cache changes nothing: the record lives in the output.
    fs::remove_dir_all(&cache).unwrap();
    let stats = publish(&out, &cache, &[("third.html", b"y")]);
    assert_eq!((stats.removed, stats.left_alone), (1, 2));
    assert!(out.join("CNAME").exists());
}

#[test]
fn a_foreign_file_at_a_generated_path_is_an_error_once_there_is_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    publish(&out, &cache, &[("index.html", b"home")]);
    fs::write(out.join("about.html"), "mine").unwrap();
    let stager = stage(&out, &cache, &[("index.html", b"home 2"), ("about.html", b"generated")]);
    let files = all(&[("index.html", b""), ("about.html", b"")]);
    match stager.commit(&files) {
        Err(Failed::Blocked(d)) => {
            assert_eq!(d.len(), 1);
            assert!(d[0].message.contains("not one that byline wrote"), "{}", d[0].message);
        }
        _ => panic!("expected a blocked commit"),
    }
    assert_eq!(fs::read(out.join("about.html")).unwrap(), b"mine");
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"home", "nothing was published");
    assert!(!out.join(STAGING).exists());
}

#[test]
fn without_a_record_files_are_replaced_and_none_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), "someone else's").unwrap();
    fs::write(out.join("same.html"), "same").unwrap();
    fs::write(out.join("keep-me.txt"), "keep").unwrap();
    let stats = publish(&out, &cache, &[("index.html", b"ours"), ("same.html", b"same")]);
    assert_eq!((stats.written, stats.unchanged, stats.replaced, stats.removed), (1, 1, 1, 0));
    assert_eq!(stats.left_alone, 1);
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"ours");
    assert!(out.join("keep-me.txt").exists());
}

#[test]
fn a_stale_file_changed_by_hand_is_left_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    publish(&out, &cache, &[("a.html", b"a"), ("b.html", b"b")]);
    fs::write(out.join("b.html"), "edited by hand").unwrap();
    let stager = stage(&out, &cache, &[("a.html", b"a")]);
    let committed = stager.commit(&all(&[("a.html", b"a")])).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((committed.stats.removed, committed.stats.left_alone), (0, 1));
    assert!(committed.warnings.iter().any(|w| w.message.contains("changed since")));
    assert!(out.join("b.html").exists());
}

#[test]
fn a_file_changed_behind_our_back_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    publish(&out, &cache, &[("a.html", b"one")]);
    fs::write(out.join("a.html"), "tampered with").unwrap();
    assert_eq!(publish(&out, &cache, &[("a.html", b"one")]).written, 1);
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"one");
    // No manifest (deleted cache): files are compared byte for byte.
    fs::remove_dir_all(&cache).unwrap();
    assert_eq!(publish(&out, &cache, &[("a.html", b"one")]).unchanged, 1);
}

#[test]
fn a_stager_dropped_without_commit_leaves_the_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    publish(&out, &cache, &[("a.html", b"one")]);
    let stager = stage(&out, &cache, &[("a.html", b"two"), ("new/b.html", b"new")]);
    assert!(out.join(STAGING).exists());
    drop(stager);
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"one");
    assert_eq!(names(&out), [owned::FILE, "a.html"], "no staged or new files are left");
    // A new output folder is not left behind either.
    let fresh = dir.path().join("fresh/out");
    drop(stage(&fresh, &cache, &[("a.html", b"x")]));
    assert!(!dir.path().join("fresh").exists());
}

#[test]
fn leftover_staging_is_removed_by_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    fs::create_dir_all(out.join(STAGING).join("posts")).unwrap();
    fs::write(out.join(STAGING).join("posts/x.html"), "half").unwrap();
    publish(&out, &cache, &[("a.html", b"a")]);
    assert!(!out.join(STAGING).exists());
}

#[test]
fn a_folder_where_a_file_goes_is_refused_before_anything_moves() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    publish(&out, &cache, &[("a.html", b"a"), ("rss.xml", b"r")]);
    fs::remove_file(out.join("rss.xml")).unwrap();
    fs::create_dir(out.join("rss.xml")).unwrap();
    let stager = stage(&out, &cache, &[("a.html", b"a2"), ("rss.xml", b"r2")]);
    assert!(matches!(stager.commit(&all(&[("a.html", b""), ("rss.xml", b"")])), Err(Failed::Blocked(_))));
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"a");
}

#[test]
fn a_fifo_at_an_output_path_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    fs::create_dir_all(&out).unwrap();
    let fifo = out.join("a.html");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let stager = stage(&out, &cache, &[("a.html", b"a")]);
    assert!(matches!(stager.commit(&all(&[("a.html", b"")])), Err(Failed::Blocked(_))));
}

#[test]
fn an_unreadable_static_file_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    publish(&out, &cache, &[("a.html", b"one")]);
    let stager = stage(&out, &cache, &[("a.html", b"two"), ("b.html", b"new")]);
    let gone = crate::load::Asset::File(dir.path().join("gone.png"));
    let file =
        crate::render::Rendered { path: "img/gone.png".into(), content: Content::Asset(gone), inputs: 1 };
    let err = stager.accept_rendered(&file).unwrap_err();
    assert!(format!("{err:#}").contains("gone.png"), "{err:#}");
    drop(stager); // what an early `?` in the build does
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"one");
    assert_eq!(names(&out), [owned::FILE, "a.html"]);
}

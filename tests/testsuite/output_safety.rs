//! Nothing lost, nothing half-published: what a build may do to the output folder,
//! tested with the real binary. byline removes or replaces only files it wrote
//! itself; a failed build leaves the output exactly as it was.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{self, TestSite, byline, stderr, tree};

fn build_into(site: &TestSite, out: &Path, extra: &[&str]) -> std::process::Output {
    let now = ["--now", common::NOW];
    byline().arg("build").arg(site.root()).arg("--output").arg(out).args(now).args(extra).output().unwrap()
}

#[test]
fn building_into_a_source_folder_is_refused_and_deletes_nothing() {
    let site = TestSite::new("basic");
    let root = site.root();
    fs::create_dir_all(root.join("templates")).unwrap();
    std::os::unix::fs::symlink(root.join("content"), site.dir.path().join("link-to-content")).unwrap();
    let before = tree(&root);
    let targets = [
        root.join("content"),
        root.join("content/posts"),
        root.join("authors"),
        root.join("static"),
        root.join("templates"),
        root.join("themes/mine"),
        root.clone(),
        site.dir.path().to_path_buf(),
        site.dir.path().join("link-to-content"),
    ];
    for target in &targets {
        let out = build_into(&site, target, &[]);
        assert_eq!(out.status.code(), Some(1), "{} was accepted", target.display());
        let err = stderr(&out);
        assert!(err.contains("byline will not use this folder for its output"), "{err}");
        assert!(err.contains(&target.display().to_string()), "the message names the folder: {err}");
        assert_eq!(tree(&root), before, "building into {} changed the site", target.display());
    }
    let err = stderr(&build_into(&site, &root.join("content"), &[]));
    assert!(err.contains("inside the site's `content/` folder"), "{err}");
    // The cache folder follows the same rule.
    let out = build_into(&site, &site.out(), &["--cache-dir", root.join("authors").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("for its cache"), "{}", stderr(&out));
    // SITE/public and folders outside the site are fine.
    assert!(build_into(&site, &root.join("public"), &[]).status.success());
    site.build_ok(&[]);
}

/// A deploy folder with files of its own, as GitHub Pages and app builds leave them.
fn plant_foreign_files(out: &Path) {
    fs::create_dir_all(out.join("assets")).unwrap();
    fs::write(out.join("CNAME"), "blog.example.com\n").unwrap();
    fs::write(out.join("favicon.ico"), [0u8, 0, 1, 0]).unwrap();
    fs::write(out.join("assets/app.js"), "console.log(1)").unwrap();
    fs::write(out.join("keep-me.txt"), "mine").unwrap();
}

fn assert_foreign_files_intact(out: &Path) {
    assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "blog.example.com\n");
    assert_eq!(fs::read(out.join("favicon.ico")).unwrap(), [0u8, 0, 1, 0]);
    assert_eq!(fs::read_to_string(out.join("assets/app.js")).unwrap(), "console.log(1)");
    assert_eq!(fs::read_to_string(out.join("keep-me.txt")).unwrap(), "mine");
}

#[test]
fn files_byline_did_not_write_are_never_removed() {
    let site = TestSite::new("basic");
    plant_foreign_files(&site.out());
    let first = site.build_ok(&[]);
    let said = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(said.contains("0 removed") && said.contains("4 left alone"), "{said}");
    assert_foreign_files_intact(&site.out());
    // A post removed: its page goes, the deploy files stay.
    assert!(site.out().join("posts/first-post/index.html").exists());
    site.remove("content/posts/2024-01-10-first-post.md");
    let second = String::from_utf8_lossy(&site.build_ok(&[]).stdout).into_owned();
    assert!(!site.out().join("posts/first-post").exists(), "the stale page stays: {second}");
    assert!(second.contains("4 left alone"), "{second}");
    assert_foreign_files_intact(&site.out());
    // Deleting the cache (always safe) changes nothing: the record is in the output.
    fs::remove_dir_all(site.dir.path().join(".byline-cache")).unwrap();
    site.remove("content/posts/joint.md");
    site.build_ok(&[]);
    assert!(!site.out().join("posts/joint").exists());
    assert_foreign_files_intact(&site.out());
}

#[test]
fn a_committed_output_rebuilt_on_a_fresh_runner_removes_its_own_stale_pages_and_keeps_the_cname() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    fs::write(site.out().join("CNAME"), "blog.example.com\n").unwrap();
    // A fresh clone elsewhere: new file times, no cache.
    let clone = site.dir.path().join("clone");
    fs::create_dir_all(&clone).unwrap();
    for (rel, bytes) in tree(&site.out()) {
        let p = clone.join("docs").join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    site.remove("content/posts/joint.md");
    let docs = clone.join("docs");
    let out = build_into(&site, &docs, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!docs.join("posts/joint").exists(), "the page of the removed post stays");
    assert_eq!(fs::read_to_string(docs.join("CNAME")).unwrap(), "blog.example.com\n");
}

#[test]
fn a_file_byline_did_not_write_at_a_generated_path_is_an_error_naming_it() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    let before = site.snapshot();
    let text = fs::read_to_string(site.root().join("content/posts/joint.md")).unwrap();
    site.write("content/posts/brand-new.md", text.replacen("title:", "slug: brand-new\ntitle:", 1));
    fs::create_dir_all(site.out().join("posts/brand-new")).unwrap();
    fs::write(site.out().join("posts/brand-new/index.html"), "hand-made").unwrap();
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("posts/brand-new/index.html"), "{err}");
    assert!(err.contains("not one that byline wrote") && err.contains("static/"), "{err}");
    assert!(err.contains("the output folder was left as it was"), "{err}");
    let mut expected = before;
    expected.insert("posts/brand-new/index.html".into(), b"hand-made".to_vec());
    assert_eq!(site.snapshot(), expected);
}

#[test]
fn the_first_build_into_a_folder_with_files_deletes_nothing_and_counts_what_it_replaced() {
    let site = TestSite::new("basic");
    fs::create_dir_all(site.out()).unwrap();
    fs::write(site.out().join("index.html"), "an old home page").unwrap();
    plant_foreign_files(&site.out());
    let said = String::from_utf8_lossy(&site.build_ok(&[]).stdout).into_owned();
    assert!(said.contains("1 replaced"), "{said}");
    assert!(said.contains("0 removed") && said.contains("4 left alone"), "{said}");
    assert!(site.read("index.html").contains("<html"));
    assert_foreign_files_intact(&site.out());
}

#[test]
fn a_folder_where_a_feed_goes_fails_before_any_file_is_replaced() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    fs::remove_file(site.out().join("rss.xml")).unwrap();
    fs::create_dir(site.out().join("rss.xml")).unwrap();
    let before = site.snapshot();
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replacen("title:", "title: Renamed", 1));
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("rss.xml") && err.contains("there is a folder"), "{err}");
    assert_eq!(site.snapshot(), before, "files were replaced before the failure");
    assert!(!site.out().join(".byline-staging").exists());
}

#[test]
fn a_fifo_at_an_output_path_is_an_error_not_a_hang() {
    let site = TestSite::new("basic");
    site.build_ok(&[]);
    fs::remove_file(site.out().join("atom.xml")).unwrap();
    assert!(Command::new("mkfifo").arg(site.out().join("atom.xml")).status().unwrap().success());
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replacen("title:", "title: Renamed", 1));
    let mut child = byline()
        .arg("build")
        .arg(site.root())
        .arg("--output")
        .arg(site.out())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the build hangs on a FIFO in the output");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
    let err = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert!(err.contains("atom.xml") && err.contains("special file"), "{err}");
}

#[test]
fn an_unwritable_cache_is_a_warning_and_the_build_finishes() {
    let site = TestSite::new("basic");
    // A file where the cache folder should be: it can be neither read nor written.
    let cache = site.dir.path().join("cache-is-a-file");
    fs::write(&cache, "not a folder").unwrap();
    let out = site.build(&["--cache-dir", cache.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("the cache cannot be saved").count(), 1, "warn once: {err}");
    assert!(err.contains("--cache-dir"), "{err}");
    assert!(site.out().join("index.html").exists());
    // BYLINE_CACHE_DIR chooses the folder too.
    let env_cache = site.dir.path().join("env-cache");
    let out = byline()
        .arg("build")
        .arg(site.root())
        .arg("--output")
        .arg(site.out())
        .env("BYLINE_CACHE_DIR", &env_cache)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env_cache.join("manifest.json").is_file(), "the cache went elsewhere");
}

/// A small tmpfs, unmounted when dropped. `None` where mounting is not allowed.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        fs::create_dir_all(at).ok()?;
        let size = format!("size={size}");
        let mounted =
            Command::new("mount").args(["-t", "tmpfs", "-o", &size, "tmpfs"]).arg(at).output().ok()?;
        mounted.status.success().then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_the_output_as_it_was_and_says_so() {
    let site = TestSite::new("example-site");
    // A disk a quarter larger than the site's output: the first build fits, and a
    // second copy of every page and card does not.
    let scratch = site.dir.path().join("scratch");
    assert!(build_into(&site, &scratch, &[]).status.success());
    let size: u64 = walkdir::WalkDir::new(&scratch)
        .into_iter()
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len().div_ceil(4096) * 4)
        .sum();
    fs::remove_dir_all(&scratch).unwrap();
    let mount = site.dir.path().join("disk");
    let Some(_disk) = SmallDisk::mount(&mount, &format!("{}k", size + size / 4)) else {
        eprintln!("skipped: this machine does not allow mounting a tmpfs (CI runs as root and does)");
        return;
    };
    let out = mount.join("out");
    let cache = site.dir.path().join("cache");
    let first = build_into(&site, &out, &["--cache-dir", cache.to_str().unwrap()]);
    assert!(first.status.success(), "the first build must fit: {}", stderr(&first));
    let before = tree(&out);
    // Every page changes, so the second build needs a second copy of the site.
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replacen("title:", "title: Renamed", 1));
    let second = build_into(&site, &out, &["--cache-dir", cache.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(1));
    let err = stderr(&second);
    assert!(err.contains("the disk is full"), "{err}");
    assert!(err.contains("the output folder was left as it was"), "{err}");
    assert_eq!(tree(&out), before, "the output changed");
    assert!(!out.join(".byline-staging").exists(), "staging files stay behind");
}

#[test]
fn hidden_static_files_are_published_but_not_version_control() {
    let site = TestSite::new("basic");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@example.com\n");
    site.write("static/.nojekyll", "");
    site.write("static/.git/HEAD", "ref: refs/heads/main\n");
    site.write("static/css/site.css~", "backup");
    site.build_ok(&[]);
    assert_eq!(site.read(".well-known/security.txt"), "Contact: mailto:security@example.com\n");
    assert!(site.out().join(".nojekyll").is_file());
    assert!(!site.out().join(".git").exists());
    assert!(!site.out().join("css/site.css~").exists());
}

#[test]
fn symlinks_inside_the_site_are_followed_and_ones_leading_outside_are_errors() {
    use std::os::unix::fs::symlink;
    let site = TestSite::new("basic");
    let root = site.root();
    let text = fs::read_to_string(root.join("content/posts/joint.md")).unwrap();
    site.write("drafts-folder/linked.md", text.replacen("title: A joint post", "title: A linked post", 1));
    symlink(root.join("drafts-folder/linked.md"), root.join("content/posts/linked.md")).unwrap();
    site.write("shared/brand.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    symlink(root.join("shared/brand.svg"), root.join("static/images/brand.svg")).unwrap();
    site.build_ok(&[]);
    assert!(site.read("posts/linked/index.html").contains("A linked post"));
    assert!(site.out().join("images/brand.svg").is_file());
    // A link out of the site is an error naming both ends; nothing is published.
    fs::write(site.dir.path().join("outside.txt"), "private").unwrap();
    symlink(site.dir.path().join("outside.txt"), root.join("static/leak.txt")).unwrap();
    let before = site.snapshot();
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("static/leak.txt") && err.contains("outside.txt") && err.contains("outside the site"),
        "{err}"
    );
    assert_eq!(site.snapshot(), before);
    let check = byline().arg("check").arg(&root).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "check agrees");
}

#[test]
fn a_static_file_at_a_generated_path_is_an_error_naming_both() {
    let site = TestSite::new("basic");
    site.write("static/index.html", "<p>my own home page</p>");
    site.write("static/rss.xml", "<rss/>");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (file, path) in [("static/index.html", "`index.html`"), ("static/rss.xml", "`rss.xml`")] {
        assert!(err.contains(&format!("error: {file}: byline generates {path} itself")), "{err}");
    }
    assert!(err.contains("override its template"), "{err}");
    assert!(!site.out().exists(), "nothing was written");
}

#[test]
fn an_output_path_that_is_a_file_says_so_in_plain_words() {
    let site = TestSite::new("basic");
    let file = site.dir.path().join("outfile");
    fs::write(&file, "x").unwrap();
    let out = build_into(&site, &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("`{}` is a file; the output must be a folder", file.display())), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn terminal_escape_sequences_in_front_matter_never_reach_the_terminal() {
    let site = TestSite::new("basic");
    site.write(
        "content/posts/evil.md",
        "---\ntitle: \"\\u001b]0;PWNED\\u0007\"\ndate: 2024-01-01\nauthors: [\"\\u001b[2Jnobody\"]\n---\nx\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}[2Jnobody"), "{err}");
}

//! Interrupted builds: Ctrl-C, SIGTERM, SIGHUP and SIGKILL sent at random points of
//! a build of a generated 3,000-post site. After each, the output is exactly the old
//! one, or (after a SIGKILL while files were moved into place) one more build makes
//! it exactly a fresh build; no staging survives that build.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{byline, tree};

/// A site of `posts` posts by 30 authors under 40 tags.
fn generate(root: &Path, posts: usize, title: &str) {
    fs::create_dir_all(root.join("content/posts")).unwrap();
    fs::create_dir_all(root.join("authors")).unwrap();
    // Without social cards: 3,000 of them make each build minutes long in a debug
    // build, and they go through the same stager as every other file.
    let yaml = format!("title: {title}\nbase_url: https://stress.example/\nsocial_cards: false\n");
    fs::write(root.join("site.yaml"), yaml).unwrap();
    for a in 0..30 {
        let text = format!("---\nname: Author {a}\nrole: Engineer\n---\nAuthor {a} writes about systems.\n");
        fs::write(root.join(format!("authors/author-{a}.md")), text).unwrap();
    }
    for i in 0..posts {
        let body: Vec<String> = (0..6)
            .map(|p| format!("Paragraph {p} of post {i} on topic {} with *emphasis* and a [link](https://example.com/{i}).", i % 40))
            .collect();
        let text = format!(
            "---\ntitle: Post number {i}\ndate: 2020-01-01T00:00:00Z\nauthors: [author-{}]\ntags: [Topic {}, Topic {}]\n---\n{}\n",
            i % 30,
            i % 40,
            (i * 7) % 40,
            body.join("\n\n")
        );
        fs::write(root.join(format!("content/posts/post-{i}.md")), text).unwrap();
    }
}

fn build(site: &Path, out: &Path, cache: &Path) -> std::process::Output {
    let output = byline()
        .args(["build", "--quiet", "--no-highlight"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .arg("--cache-dir")
        .arg(cache)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Makes `out` hold exactly `files`.
fn restore(out: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    let _ = fs::remove_dir_all(out);
    for (rel, bytes) in files {
        let p = out.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn same_tree(actual: &BTreeMap<PathBuf, Vec<u8>>, expected: &BTreeMap<PathBuf, Vec<u8>>) -> bool {
    actual.len() == expected.len() && actual.iter().zip(expected).all(|(a, b)| a == b)
}

#[test]
fn signals_at_random_points_of_a_build_leave_the_old_output_or_one_the_next_build_repairs() {
    // In memory where the machine has it: the test creates and removes some
    // 200,000 files, which a slow disk turns into minutes of kernel time.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.unwrap();
    let (site, out, cache) = (dir.path().join("site"), dir.path().join("out"), dir.path().join("cache"));
    generate(&site, 3000, "Stress Blog");
    let started = Instant::now();
    build(&site, &out, &cache);
    let full = started.elapsed();
    let old = tree(&out);
    // Every page of the new version differs from the old one.
    let yaml = "title: Stress Journal\nbase_url: https://stress.example/\nsocial_cards: false\n";
    fs::write(site.join("site.yaml"), yaml).unwrap();
    let fresh_dir = dir.path().join("fresh");
    build(&site, &fresh_dir, &dir.path().join("fresh-cache"));
    let fresh = tree(&fresh_dir);
    let mut random = Random(0x5eed_1234_abcd_0001);
    let signals = ["-INT", "-TERM", "-HUP", "-KILL"];
    let mut outcomes = BTreeMap::<&str, usize>::new();
    for round in 0..20 {
        restore(&out, &old);
        let signal = signals[round % signals.len()];
        let delay = Duration::from_millis(random.below(full.as_millis() as u64 * 6 / 5));
        let mut child = byline()
            .args(["build", "--quiet", "--no-highlight"])
            .arg(&site)
            .arg("--output")
            .arg(&out)
            .arg("--cache-dir")
            .arg(&cache)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = Command::new("kill").args([signal, &child.id().to_string()]).status();
        let status = child.wait().unwrap();
        let now = tree(&out);
        let outcome = match status.code() {
            Some(0) => {
                assert!(same_tree(&now, &fresh), "round {round}: a finished build is not a fresh build");
                "finished"
            }
            Some(130) => {
                assert!(same_tree(&now, &old), "round {round}: {signal} after {delay:?} changed the output");
                "left as it was"
            }
            other => {
                assert!(other.is_none(), "round {round}: unexpected exit {status:?}");
                let staging = Path::new(".byline-staging");
                let published: BTreeMap<PathBuf, Vec<u8>> =
                    now.into_iter().filter(|(p, _)| !p.starts_with(staging)).collect();
                if same_tree(&published, &old) { "killed, left as it was" } else { "killed while publishing" }
            }
        };
        *outcomes.entry(outcome).or_default() += 1;
        build(&site, &out, &cache);
        assert!(same_tree(&tree(&out), &fresh), "round {round}: the next build did not repair the output");
        assert!(!out.join(".byline-staging").exists(), "round {round}: staging survived the next build");
    }
    eprintln!("outcomes over 20 rounds: {outcomes:?}");
    assert!(outcomes.get("left as it was").copied().unwrap_or(0) > 0, "no signal landed during a build");
}

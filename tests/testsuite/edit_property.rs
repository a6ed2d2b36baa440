//! Random edits of a small site (front matter, bodies, authors, tags, static files,
//! templates, settings, deletions, renames, a broken file now and then): after every
//! edit, the build in place must give exactly what a build into an empty folder
//! gives, byte for byte; and a build that fails must leave the output as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use byline::commands::build::{self, BuildOptions};
use proptest::prelude::*;

use crate::common::{self, tree};

#[derive(Debug, Clone)]
struct PostSpec {
    file: String,
    title: String,
    day: u8,
    authors: Vec<usize>,
    tags: Vec<usize>,
    body: String,
    draft: bool,
    slug: Option<String>,
    broken: bool,
}

#[derive(Debug, Clone)]
enum Edit {
    Title(usize, String),
    Body(usize, String),
    Tags(usize, Vec<usize>),
    Day(usize, u8),
    Authors(usize, Vec<usize>),
    Draft(usize, bool),
    Slug(usize, Option<String>),
    Break(usize, bool),
    AddPost(String),
    DeletePost(usize),
    RenamePost(usize, String),
    AuthorName(usize, String),
    AuthorBio(usize, String),
    AddAuthor,
    DeleteAuthor(usize),
    Static(usize, Option<Vec<u8>>),
    Template(bool),
    SiteTitle(String),
    PerPage(u8),
    Page(String),
}

const TAGS: [&str; 6] = ["Pipelines", "Data engineering", "Design", "C++", "Reliability", "Go"];

/// The site as the test knows it; every edit rewrites the files it touches.
struct Site {
    root: PathBuf,
    posts: Vec<PostSpec>,
    /// Author ids; names and bios are written as edited.
    authors: Vec<String>,
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

impl Site {
    fn post_text(&self, p: &PostSpec) -> String {
        let authors = list(p.authors.iter().map(|a| self.authors[a % self.authors.len()].clone()));
        let tags = list(p.tags.iter().map(|t| quoted(TAGS[t % TAGS.len()])));
        let mut fm = format!(
            "title: {}\ndate: 2024-03-{:02}T10:00:00+01:00\nauthors: {authors}\ntags: {tags}\n",
            quoted(&p.title),
            p.day % 28 + 1
        );
        if p.draft {
            fm += "draft: true\n";
        }
        if let Some(s) = &p.slug {
            fm += &format!("slug: {s}\n");
        }
        if p.broken {
            fm += "date: [not, a, date\n";
        }
        format!("---\n{fm}---\n{}\n", p.body)
    }

    fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn remove(&self, rel: &str) {
        let _ = fs::remove_file(self.root.join(rel));
    }

    fn save_post(&self, i: usize) {
        let p = &self.posts[i];
        self.write(&format!("content/posts/{}.md", p.file), self.post_text(p));
    }

    fn apply(&mut self, edit: &Edit) {
        let n = self.posts.len().max(1);
        let post = |i: &usize| i % n;
        match edit {
            Edit::Title(i, t) if !self.posts.is_empty() => self.change(post(i), |p| p.title = t.clone()),
            Edit::Body(i, b) if !self.posts.is_empty() => self.change(post(i), |p| p.body = b.clone()),
            Edit::Tags(i, t) if !self.posts.is_empty() => self.change(post(i), |p| p.tags = t.clone()),
            Edit::Day(i, d) if !self.posts.is_empty() => self.change(post(i), |p| p.day = *d),
            Edit::Authors(i, a) if !self.posts.is_empty() => self.change(post(i), |p| p.authors = a.clone()),
            Edit::Draft(i, d) if !self.posts.is_empty() => self.change(post(i), |p| p.draft = *d),
            Edit::Slug(i, s) if !self.posts.is_empty() => self.change(post(i), |p| p.slug = s.clone()),
            Edit::Break(i, b) if !self.posts.is_empty() => self.change(post(i), |p| p.broken = *b),
            Edit::AddPost(name) => {
                let file = format!("{name}-{}", self.posts.len());
                self.posts.push(PostSpec {
                    file,
                    title: format!("New post {name}"),
                    day: 3,
                    authors: vec![0],
                    tags: vec![0],
                    body: "A new post.".into(),
                    draft: false,
                    slug: None,
                    broken: false,
                });
                self.save_post(self.posts.len() - 1);
            }
            Edit::DeletePost(i) if !self.posts.is_empty() => {
                let p = self.posts.remove(post(i));
                self.remove(&format!("content/posts/{}.md", p.file));
            }
            Edit::RenamePost(i, name) if !self.posts.is_empty() => {
                let i = post(i);
                self.remove(&format!("content/posts/{}.md", self.posts[i].file));
                self.posts[i].file = format!("{name}-r{i}");
                self.save_post(i);
            }
            Edit::AuthorName(a, name) => self.save_author(a % self.authors.len(), name, "Writes here."),
            Edit::AuthorBio(a, bio) => self.save_author(a % self.authors.len(), "Someone", bio),
            Edit::AddAuthor => {
                self.authors.push(format!("extra-{}", self.authors.len()));
                self.save_author(self.authors.len() - 1, "Extra Author", "New here.");
            }
            Edit::DeleteAuthor(a) if self.authors.len() > 1 => {
                // Posts naming the author now fail the build (until another edit).
                let id = self.authors.remove(a % self.authors.len());
                self.remove(&format!("authors/{id}.md"));
            }
            Edit::Static(k, Some(bytes)) => self.write(&format!("static/files/f{}.txt", k % 3), bytes),
            Edit::Static(k, None) => self.remove(&format!("static/files/f{}.txt", k % 3)),
            Edit::Template(true) => {
                self.write("templates/partials/card.html", format!("{}<!-- edited -->", common::THEME_CARD))
            }
            Edit::Template(false) => self.remove("templates/partials/card.html"),
            Edit::SiteTitle(t) => self.save_settings(t, 2),
            Edit::PerPage(n) => self.save_settings("Fixture Blog", n % 4 + 1),
            Edit::Page(body) => self.write("content/about.md", format!("---\ntitle: About\n---\n{body}\n")),
            _ => {}
        }
    }

    fn change(&mut self, i: usize, f: impl FnOnce(&mut PostSpec)) {
        f(&mut self.posts[i]);
        self.save_post(i);
    }

    fn save_author(&self, a: usize, name: &str, bio: &str) {
        let id = &self.authors[a];
        self.write(
            &format!("authors/{id}.md"),
            format!("---\nname: {}\nrole: Engineer\n---\n{bio}\n", quoted(name)),
        );
    }

    fn save_settings(&self, title: &str, per_page: u8) {
        let text = format!(
            "title: {}\nbase_url: https://blog.example.com/\nposts_per_page: {per_page}\norganization:\n  name: Fixture Inc\n  logo: /images/logo.svg\n",
            quoted(title)
        );
        self.write("site.yaml", text);
    }
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 *_#`<>&\"'\\-\\[\\]()!.]{0,40}"
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![text(), Just("## A heading".to_string()), Just("```rust\nfn main() {}\n```".to_string())],
        0..5,
    )
    .prop_map(|parts| parts.join("\n\n"))
}

fn name() -> impl Strategy<Value = String> {
    "[a-z]{1,8}"
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..8;
    prop_oneof![
        (i.clone(), text()).prop_map(|(i, t)| Edit::Title(i, t)),
        (i.clone(), body()).prop_map(|(i, b)| Edit::Body(i, b)),
        (i.clone(), prop::collection::vec(0usize..6, 0..4)).prop_map(|(i, t)| Edit::Tags(i, t)),
        (i.clone(), any::<u8>()).prop_map(|(i, d)| Edit::Day(i, d)),
        (i.clone(), prop::collection::vec(0usize..4, 1..3)).prop_map(|(i, a)| Edit::Authors(i, a)),
        (i.clone(), any::<bool>()).prop_map(|(i, d)| Edit::Draft(i, d)),
        (i.clone(), prop::option::of(name())).prop_map(|(i, s)| Edit::Slug(i, s)),
        (i.clone(), prop::bool::weighted(0.3)).prop_map(|(i, b)| Edit::Break(i, b)),
        name().prop_map(Edit::AddPost),
        i.clone().prop_map(Edit::DeletePost),
        (i.clone(), name()).prop_map(|(i, n)| Edit::RenamePost(i, n)),
        (i.clone(), text()).prop_map(|(a, n)| Edit::AuthorName(a, n)),
        (i.clone(), body()).prop_map(|(a, b)| Edit::AuthorBio(a, b)),
        Just(Edit::AddAuthor),
        i.clone().prop_map(Edit::DeleteAuthor),
        (i.clone(), prop::option::of(prop::collection::vec(any::<u8>(), 0..64)))
            .prop_map(|(k, b)| Edit::Static(k, b)),
        any::<bool>().prop_map(Edit::Template),
        text().prop_map(Edit::SiteTitle),
        any::<u8>().prop_map(Edit::PerPage),
        body().prop_map(Edit::Page),
    ]
}

fn options(site: &Path, out: &Path, cache: &Path) -> BuildOptions {
    let now = chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap();
    BuildOptions {
        output: Some(out.to_path_buf()),
        cache: Some(cache.to_path_buf()),
        ..BuildOptions::new(site.to_path_buf(), now)
    }
}

fn start(dir: &Path) -> Site {
    let root = dir.join("site");
    let mut site =
        Site { root, posts: Vec::new(), authors: vec!["ada".into(), "chris".into(), "grace".into()] };
    site.save_settings("Fixture Blog", 2);
    site.write("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    for a in 0..site.authors.len() {
        site.save_author(a, &format!("Author {a}"), "Writes about systems.");
    }
    for (i, name) in ["first", "second", "third"].iter().enumerate() {
        site.apply(&Edit::AddPost(name.to_string()));
        site.apply(&Edit::Tags(i, vec![i, i + 1]));
    }
    site
}

fn build_ok(opts: &BuildOptions) -> bool {
    build::build(opts).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 64, ..ProptestConfig::default() })]

    #[test]
    fn after_any_edit_an_in_place_rebuild_equals_a_fresh_build(edits in prop::collection::vec(edit(), 1..12)) {
        // In memory where the machine has it: a few thousand small files per case.
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.unwrap();
        let mut site = start(dir.path());
        let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
        let in_place = options(&site.root, &out, &cache);
        prop_assert!(build_ok(&in_place), "the starting site must build");
        for (n, edit) in edits.iter().enumerate() {
            let before: BTreeMap<PathBuf, Vec<u8>> = tree(&out);
            site.apply(edit);
            let fresh_dir = dir.path().join(format!("fresh-{n}"));
            let fresh = options(&site.root, &fresh_dir.join("out"), &fresh_dir.join("cache"));
            match (build_ok(&in_place), build_ok(&fresh)) {
                (true, true) => prop_assert!(tree(&out) == tree(&fresh_dir.join("out")), "after edit {n} ({edit:?}) the rebuild differs from a fresh build"),
                (false, false) => prop_assert!(tree(&out) == before, "a failed build after edit {n} ({edit:?}) changed the output"),
                (a, b) => prop_assert!(false, "after edit {n} ({edit:?}): in place ok={a}, fresh ok={b}"),
            }
            let _ = fs::remove_dir_all(&fresh_dir);
        }
    }
}

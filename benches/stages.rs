//! Micro-benchmarks of the hot stages: markdown with highlighting, rendering one post
//! page, and building the model's indexes. `cargo bench`; whole-build figures against
//! Hugo come from `benches/bench.py` instead.

use std::path::PathBuf;

use byline::commands::build::{BuildOptions, prepare};
use byline::internals::Highlights;
use byline::internals::markdown::{LinkContext, MarkdownOptions, render};
use byline::internals::{Content, Renderer, file_for};
use byline::internals::{Indexes, Post};
use criterion::{Criterion, criterion_group, criterion_main};

const POST: &str = include_str!("../example-site/content/posts/2025-10-14-idempotent-writes-in-rust.md");

fn body() -> &'static str {
    POST.splitn(3, "---\n").nth(2).unwrap_or(POST)
}

fn markdown(c: &mut Criterion) {
    let links = LinkContext::new("https://e.com/", "https://e.com/posts/a/");
    c.bench_function("markdown with highlighting (cold cache)", |b| {
        b.iter(|| {
            let cache = Highlights::default();
            render(body(), &links, MarkdownOptions { highlight: Some(&cache) })
        })
    });
    let warm = Highlights::default();
    render(body(), &links, MarkdownOptions { highlight: Some(&warm) });
    c.bench_function("markdown with highlighting (warm cache)", |b| {
        b.iter(|| render(body(), &links, MarkdownOptions { highlight: Some(&warm) }))
    });
}

fn example_options() -> BuildOptions {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("example-site");
    BuildOptions::new(site, chrono::Utc::now().fixed_offset())
}

fn post_page(c: &mut Criterion) {
    let Ok(p) = prepare(&example_options(), None) else { panic!("the example site must build") };
    let renderer = Renderer::new(&p.site, &p.templates, &p.assets);
    let file = file_for(&p.site.posts[3].path());
    c.bench_function("render one post page", |b| {
        b.iter(|| match renderer.render(&file) {
            Some(Ok(Content::Bytes(bytes))) => bytes.len(),
            _ => 0,
        })
    });
}

fn indexes(c: &mut Criterion) {
    let Ok(p) = prepare(&example_options(), None) else { panic!("the example site must build") };
    // 10,000 posts: the example's posts over and over, each with its own slug.
    let posts: Vec<Post> = (0..10_000)
        .map(|i| {
            let mut post = p.site.posts[i % p.site.posts.len()].clone();
            post.slug = format!("{}-{i}", post.slug);
            post.tags.push(format!("topic {}", i % 500));
            post
        })
        .collect();
    c.bench_function("build indexes of 10k posts", |b| b.iter(|| Indexes::build(&posts, &p.site.authors)));
}

criterion_group!(benches, markdown, post_page, indexes);
criterion_main!(benches);

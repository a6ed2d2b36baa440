//! `byline init DIR`: a new site that builds at once, with a CI workflow that checks
//! pull requests and publishes the main branch.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::support::diagnostic::Diagnostic;

const SITE_YAML: &str = r#"# byline site settings. Every key but title and base_url is optional.

# The blog's name, shown in the header, titles and feeds.
title: Our Field Notes
# Where the blog is published; every link and feed uses it. May carry a path,
# e.g. https://example.com/blog/
base_url: https://blog.example.com/
# One sentence about the blog, for the home page, search results and feeds.
description: Practical writing from the people who do the work.
# The language of the posts (en, de, fr-CA, ...).
language: en
# Posts per page on the home, author and tag pages.
posts_per_page: 10
# How many of the newest posts each feed carries.
feed_items: 20
# The company behind the blog: the publisher in search engines' structured data,
# and the profiles linked from every page's footer.
organization:
  name: Example Corp
  url: https://example.com/
  # logo: /images/logo.svg
  social:
    linkedin: company/example-corp
# Colours for code blocks: InspiredGitHub, "Solarized (light)", base16-ocean.dark, ... or none.
highlight_theme: InspiredGitHub
"#;

const AUTHOR: &str = r#"---
name: Jane Doe
role: Head of Content
# photo: /images/authors/jane-doe.jpg
expertise: [Content strategy]
social:
  linkedin: jane-doe
---
Jane runs the blog. Replace this with your own bio, or add authors with
`byline new author your-id --name "Your Name"`.
"#;

const ABOUT: &str = r#"---
title: About this blog
description: Who writes here and why.
---
The people who build, sell and support our products write here about their work.
"#;

const GITIGNORE: &str = "# byline's output and its cache\n/public/\n/.byline-cache/\n";

/// The CI workflow; `{cron}` is the daily publishing run (`commands::schedule`).
const WORKFLOW: &str = r#"# Checks every pull request, publishes the main branch to GitHub Pages, and once a
# day publishes again when a scheduled post's date has come (a post dated in the
# future goes out with the first daily run at or after its time; `byline calendar`
# shows which). To publish at once, run the workflow by hand (Actions > blog).
name: blog

on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "{cron}"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One publish at a time; a newer one waits instead of cancelling an older one.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  check-and-build:
    runs-on: ubuntu-latest
    outputs:
      publish: ${{ steps.decide.outputs.publish }}
    steps:
      - uses: actions/checkout@v7
      - uses: dtolnay/rust-toolchain@stable
      # Installs byline; point this at wherever your team gets it (a release, a --git URL).
      - run: cargo install byline --locked
      # A push to main or a run by hand publishes; a pull request only checks; the
      # daily run publishes only when the calendar lists a post as due now.
      - id: decide
        env:
          EVENT: ${{ github.event_name }}
        run: |
          publish=true
          if [ "$EVENT" = pull_request ]; then
            publish=false
          elif [ "$EVENT" = schedule ]; then
            due=$(byline calendar --format json | jq '.due | length')
            echo "posts due in this run: $due"
            if [ "$due" -eq 0 ]; then publish=false; fi
          fi
          echo "publish=$publish" >> "$GITHUB_OUTPUT"
      # Broken links and front-matter mistakes become annotations on the pull request.
      - run: byline check --format github
      - if: steps.decide.outputs.publish == 'true'
        run: byline build
      - if: steps.decide.outputs.publish == 'true'
        uses: actions/upload-pages-artifact@v5
        with:
          path: public

  publish:
    if: needs.check-and-build.outputs.publish == 'true'
    needs: check-and-build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"#;

fn first_post(today: NaiveDate) -> String {
    format!(
        r#"---
title: Welcome to our field notes
date: {today}
authors: [jane-doe]
description: Why our engineers, consultants and support staff write here, and what you can expect to read.
tags: [Announcements]
keywords: [field notes, company blog]
---
This is where the people who do the work write about it.

<!-- more -->

## What to expect

Posts by the experts themselves, every few weeks, on what they learned doing their job.
Each author has a page with their other posts and their own feed.
"#,
        today = today.format("%Y-%m-%d")
    )
}

/// Creates a site in `dir`; refuses a folder with anything in it unless `force`.
/// Returns the files written.
pub fn init(dir: &Path, today: NaiveDate, force: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    let non_empty = fs::read_dir(dir).map(|mut r| r.next().is_some()).unwrap_or(false);
    if non_empty && !force {
        return Err(Diagnostic::error(dir, "the folder is not empty; nothing was written")
            .with_hint("pick a new folder, or pass --force to add the site's files here (files of the same name are replaced)"));
    }
    let files: Vec<(&str, String)> = vec![
        ("site.yaml", SITE_YAML.to_string()),
        ("authors/jane-doe.md", AUTHOR.to_string()),
        ("content/posts/welcome.md", first_post(today)),
        ("content/about.md", ABOUT.to_string()),
        ("static/images/.gitkeep", String::new()),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/blog.yml", WORKFLOW.replace("{cron}", &crate::commands::schedule::cron())),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(parent, format!("cannot create the folder: {e}")))?;
        }
        fs::write(&path, text)
            .map_err(|e| Diagnostic::error(&path, format!("cannot write the file: {e}")))?;
        written.push(path);
    }
    Ok(written)
}

//! Lists split into pages of `posts_per_page`: page 1 at the list's own address,
//! page n at `page/n/` below it.

use serde::Serialize;

use crate::config::Config;

pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Site path of page `n` of a paginated list rooted at `base` (`""`, `tags/x/`).
pub(crate) fn paged(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// The positions of page `n` (1-based) of a list of `len` items.
pub(crate) fn range(len: usize, n: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// The items of page `n` (1-based) of `ids`.
pub(crate) fn slice(ids: &[usize], n: usize, per_page: usize) -> &[usize] {
    &ids[range(ids.len(), n, per_page)]
}

/// The jobs of a paginated list of `items`: `(which, page number)` for each page.
pub(crate) fn pages_of<T: Copy>(which: T, items: usize, per_page: usize) -> impl Iterator<Item = (T, usize)> {
    (1..=page_count(items, per_page)).map(move |n| (which, n))
}

/// The `pager` template variable.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// Page `n` of a list of `items` at `base`.
    pub(super) fn new(config: &Config, base: &str, items: usize, n: usize) -> Pager {
        let total = page_count(items, config.posts_per_page);
        Pager {
            current: n,
            total,
            prev: (n > 1).then(|| config.url(&paged(base, n - 1))),
            next: (n < total).then(|| config.url(&paged(base, n + 1))),
        }
    }
}

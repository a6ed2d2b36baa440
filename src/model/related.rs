//! Cross references computed from the indexes: related posts, an author's other
//! posts, co-authors and an author's topics. Pure functions over the `Site`.

use std::cell::RefCell;
use std::collections::HashMap;

use super::Site;

/// How many posts of one tag or keyword are considered around a post: for a tag with
/// thousands of posts, the ones nearest in time. Keeps the work per post bounded.
const WINDOW: usize = 200;

/// The posts of `list` (sorted newest first, as all index lists are) nearest to post `i`.
fn window(list: &[usize], i: usize) -> &[usize] {
    if list.len() <= WINDOW {
        return list;
    }
    let at = list.partition_point(|&j| j < i);
    let start = at.saturating_sub(WINDOW / 2).min(list.len() - WINDOW);
    &list[start..start + WINDOW]
}

/// Scores by post number, with the numbers touched, reused between calls on a thread
/// (a map per call was most of the cost of a post page's fingerprint).
struct Scores {
    score: Vec<f64>,
    touched: Vec<usize>,
}

thread_local! {
    static SCORES: RefCell<Scores> = const { RefCell::new(Scores { score: Vec::new(), touched: Vec::new() }) };
}

/// Up to `n` posts most related to post `i` by shared tags and keywords, rarer ones
/// weighing more. Ties go to the newer post. Never the post itself.
pub(crate) fn related(site: &Site, i: usize, n: usize) -> Vec<usize> {
    SCORES.with_borrow_mut(|s| {
        s.score.resize(site.posts.len(), 0.0);
        let idx = &site.index;
        let mut add = |list: &[usize], weight: f64| {
            let w = weight / (1.0 + (list.len() as f64).ln());
            for &j in window(list, i) {
                if j != i {
                    if s.score[j] == 0.0 {
                        s.touched.push(j);
                    }
                    s.score[j] += w;
                }
            }
        };
        for &t in &idx.post_tags[i] {
            add(&idx.tags[t].posts, 1.0);
        }
        for kw in &site.posts[i].keywords {
            if let Some(list) = idx.keyword_posts.get(&kw.to_lowercase()) {
                add(list, 1.5);
            }
        }
        // The best `n`, highest score first, then the lower (newer) post number.
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(n + 1);
        for j in s.touched.drain(..) {
            let score = std::mem::take(&mut s.score[j]);
            let at = best.partition_point(|&(b, k)| b > score || (b == score && k < j));
            if at < n {
                best.insert(at, (score, j));
                best.truncate(n);
            }
        }
        best.into_iter().map(|(_, j)| j).collect()
    })
}

/// Up to `n` of author `a`'s newest posts other than post `i`.
pub(crate) fn more_from(site: &Site, a: usize, i: usize, n: usize) -> Vec<usize> {
    site.index.author_posts[a].iter().copied().filter(|&j| j != i).take(n).collect()
}

/// Author `a`'s co-authors with how many posts they share, most first.
pub(crate) fn coauthors(site: &Site, a: usize) -> Vec<(usize, usize)> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &p in &site.index.author_posts[a] {
        for id in &site.posts[p].authors {
            if let Some(&b) = site.index.author_by_id.get(id)
                && b != a
            {
                *counts.entry(b).or_default() += 1;
            }
        }
    }
    let mut list: Vec<(usize, usize)> = counts.into_iter().collect();
    list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    list
}

/// The tags of author `a`'s posts with counts, most used first.
pub(crate) fn author_tags(site: &Site, a: usize) -> Vec<(usize, usize)> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &p in &site.index.author_posts[a] {
        for &t in &site.index.post_tags[p] {
            *counts.entry(t).or_default() += 1;
        }
    }
    let mut list: Vec<(usize, usize)> = counts.into_iter().collect();
    list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_the_neighbourhood() {
        let list: Vec<usize> = (0..1000).collect();
        let w = window(&list, 500);
        assert_eq!(w.len(), WINDOW);
        assert!(w.contains(&450) && w.contains(&550));
        assert_eq!(window(&list, 0)[0], 0);
        assert_eq!(*window(&list, 999).last().unwrap(), 999);
        assert_eq!(window(&list[..10], 3).len(), 10);
    }
}

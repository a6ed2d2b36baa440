//! How many posts the site has at each buying stage, published and still to come
//! (drafts and scheduled posts), for the calendar and the keyword report.

use serde::Serialize;

use super::Site;

/// The posts at one stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StageCount {
    pub stage: String,
    pub published: usize,
    /// Drafts and posts dated after the site's `now`.
    pub upcoming: usize,
}

/// The posts at each of the site's stages, in the site's order, and those
/// without a stage (`stage` empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StageCounts {
    pub stages: Vec<StageCount>,
    pub without_stage: StageCount,
}

/// Counts the posts of `site` (those the build included) by stage.
pub(crate) fn count(site: &Site) -> StageCounts {
    let zero = |stage: &str| StageCount { stage: stage.to_string(), ..Default::default() };
    let mut out =
        StageCounts { stages: site.config.stages.iter().map(|s| zero(s)).collect(), without_stage: zero("") };
    for p in &site.posts {
        let slot = match &p.stage {
            Some(s) => match out.stages.iter_mut().find(|c| &c.stage == s) {
                Some(c) => c,
                None => continue,
            },
            None => &mut out.without_stage,
        };
        if site.is_unpublished(p) {
            slot.upcoming += 1;
        } else {
            slot.published += 1;
        }
    }
    out
}

//! What a build leaves in memory for the next one in the same process (the preview
//! server rebuilds again and again): every file the loader parsed, drafts and
//! future posts too and whatever the checks across files go on to say, and the
//! highlighted blocks. It is the loader's own copy: nothing is taken back from the
//! site a build made.

use super::{Highlights, Parsed, ToSave};

/// What the loader starts from: what the last build in this process kept, made
/// ready by [`Unsettled::settle`].
#[derive(Default)]
pub(crate) struct Kept {
    pub parsed: Option<Parsed>,
    pub highlights: Option<Highlights>,
}

/// What a build left, before [`Unsettled::settle`] makes it ready for the next.
pub(crate) struct Unsettled {
    parsed: ToSave,
    highlights: Option<Highlights>,
}

impl Unsettled {
    /// The files a build loaded (with the copies it kept of them).
    pub(crate) fn new(parsed: ToSave) -> Unsettled {
        Unsettled { parsed, highlights: None }
    }

    /// The highlighted blocks of a build that finished (one that did not leaves
    /// them to be read from the cache folder, where it did not save them).
    pub(crate) fn set_highlights(&mut self, highlights: Highlights) {
        self.highlights = Some(highlights);
    }

    /// What the next build starts from. It copies every file once more (the next
    /// build gives one copy to its site and keeps the other, so that it copies
    /// nothing itself); the rendered bodies are shared, not copied, but 10,000
    /// files' front matter takes long enough to be done while nobody waits.
    pub(crate) fn settle(self) -> Kept {
        Kept {
            parsed: Some(self.parsed.into_parsed()),
            highlights: self.highlights.map(Highlights::into_next),
        }
    }
}

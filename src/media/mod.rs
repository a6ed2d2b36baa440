//! Images byline makes itself: social cards (`card`), with the text measuring
//! they need (`text`). Pure: what to draw comes in, bytes go out; no disk.

pub(crate) mod card;
pub(crate) mod text;

//! Sources decoded for their variants, shared within one build: the variants of a
//! photo (up to 17 files) come one by one from the render stage, on any thread,
//! and each would otherwise read and decode the whole photo again. The last few
//! sources stay decoded: variants of one source are planned together, so a short
//! queue catches nearly all of them while bounding memory (a decoded 12-megapixel
//! photo is 36 MB).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::media::photo::Decoded;

/// How many sources stay decoded: two per thread of a 2-core machine.
const KEPT: usize = 4;

type Slot = Arc<OnceLock<Result<Arc<Decoded>, String>>>;

#[derive(Default)]
pub(super) struct Sources {
    recent: Mutex<VecDeque<(PathBuf, Slot)>>,
}

impl Sources {
    /// The decoded image of `file`, decoding it (once, whichever thread comes
    /// first) with `read` when it is not among the recent ones.
    pub(super) fn get(
        &self,
        file: &Path,
        read: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Arc<Decoded>, String> {
        let slot = {
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            match recent.iter().find(|(f, _)| f == file) {
                Some((_, slot)) => slot.clone(),
                None => {
                    let slot = Slot::default();
                    if recent.len() == KEPT {
                        recent.pop_front();
                    }
                    recent.push_back((file.to_path_buf(), slot.clone()));
                    slot
                }
            }
        };
        slot.get_or_init(|| Decoded::new(&read()?).map(Arc::new)).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        let img = image::RgbImage::from_pixel(8, 4, image::Rgb([200, 40, 40]));
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn a_source_is_read_once_while_it_is_recent_and_again_once_it_is_not() {
        let sources = Sources::default();
        let reads = AtomicUsize::new(0);
        let read = || {
            reads.fetch_add(1, Ordering::Relaxed);
            Ok(png())
        };
        for _ in 0..3 {
            sources.get(Path::new("a.png"), read).unwrap();
        }
        assert_eq!(reads.load(Ordering::Relaxed), 1);
        for n in 0..KEPT {
            sources.get(Path::new(&format!("{n}.png")), read).unwrap();
        }
        sources.get(Path::new("a.png"), read).unwrap();
        assert_eq!(reads.load(Ordering::Relaxed), 2 + KEPT);
    }

    #[test]
    fn an_unreadable_source_is_an_error_each_variant_sees() {
        let sources = Sources::default();
        let e = sources.get(Path::new("x.png"), || Err("cannot read x.png".into())).err();
        assert_eq!(e.as_deref(), Some("cannot read x.png"));
        assert!(sources.get(Path::new("x.png"), || Ok(png())).is_err());
    }
}

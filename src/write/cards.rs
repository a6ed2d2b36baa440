//! Social cards are drawn here rather than in `render` because they show photos and
//! the logo: their files are read now, each made the size it is drawn at, and the
//! card's SVG is drawn with them. Each picture is read and made once per build, not
//! once per card: an author's photo is on every card of their posts, the logo on all.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;

use super::assets::read;
use super::decoded::Sources;
use crate::load::Asset;
use crate::media::draw::{self, PictureData};
use crate::media::photo::{Format, Shape, Variant};
use crate::model::PictureFormat;
use crate::render::{Card, CardPicture};

type Slot = Arc<OnceLock<Result<Arc<Vec<u8>>, String>>>;

/// The pictures cards have drawn so far in this build, by file and size (small:
/// photos at avatar size, the logo's own bytes).
#[derive(Default)]
pub(super) struct Pictures {
    made: Mutex<HashMap<(PathBuf, Option<Shape>), Slot>>,
}

impl Pictures {
    /// The bytes `p` is drawn from: an SVG's own, a raster photo made at its size
    /// from the decoded source (shared with the image variants).
    fn get(&self, p: &CardPicture, sources: &Sources) -> Result<Arc<Vec<u8>>, String> {
        let shape = (p.format == PictureFormat::Raster).then_some(p.shape);
        let slot = {
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            made.entry((p.file.clone(), shape)).or_default().clone()
        };
        let read = || read(&Asset::File(p.file.clone())).map_err(|e| format!("{e:#}"));
        let make = || match shape {
            None => read(),
            Some(shape) => sources.get(&p.file, read)?.make(Variant { shape, format: Format::Fallback }),
        };
        slot.get_or_init(|| make().map(Arc::new)).clone()
    }

    /// The PNG of the card at site path `path`.
    pub(super) fn draw(&self, path: &str, card: &Card, sources: &Sources) -> Result<Vec<u8>> {
        let mut pictures = Vec::with_capacity(card.pictures.len());
        for p in &card.pictures {
            let bytes = self
                .get(p, sources)
                .map_err(|m| anyhow::anyhow!("cannot draw {path} with {}: {m}", p.file.display()))?;
            let data = match p.format {
                PictureFormat::Svg => PictureData::Svg(bytes),
                PictureFormat::Raster => PictureData::Raster(bytes),
            };
            pictures.push((p.href.clone(), data));
        }
        draw::png(&card.svg, &pictures).map_err(|m| anyhow::anyhow!("cannot draw {path}: {m}"))
    }
}

//! Social cards are drawn here rather than in `render` because they show photos and
//! the logo: their files are read now, each made the size it is drawn at, and the
//! card's SVG is drawn with them.

use anyhow::Result;

use super::assets::read;
use crate::load::Asset;
use crate::media::draw::{self, PictureData};
use crate::media::photo::{self, Format, Variant};
use crate::model::PictureFormat;
use crate::render::Card;

/// The PNG of the card at site path `path`.
pub(super) fn draw(path: &str, card: &Card) -> Result<Vec<u8>> {
    let mut pictures = Vec::with_capacity(card.pictures.len());
    for p in &card.pictures {
        let bytes = read(&Asset::File(p.file.clone()))?;
        let data = match p.format {
            PictureFormat::Svg => PictureData::Svg(bytes),
            PictureFormat::Raster => {
                let variant = Variant { shape: p.shape, format: Format::Fallback };
                let made = photo::make(&bytes, variant)
                    .map_err(|m| anyhow::anyhow!("cannot draw {path} with {}: {m}", p.file.display()))?;
                PictureData::Raster(made)
            }
        };
        pictures.push((p.href.clone(), data));
    }
    draw::png(&card.svg, &pictures).map_err(|m| anyhow::anyhow!("cannot draw {path}: {m}"))
}

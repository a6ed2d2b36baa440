//! Drawing a filled-in card template to PNG with resvg. Text is set in the fonts
//! embedded with the default theme. The pictures a card shows (`<image href="logo">`)
//! are handed in as bytes under those names: an `href` that is not one of them draws
//! nothing, so a template or an SVG photo cannot make this read a file. Pure: no disk.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::card::{FAMILY, HEIGHT, WIDTH};
use crate::support::theme;

/// The bytes of a picture a card shows.
#[derive(Debug, Clone)]
pub(crate) enum PictureData {
    /// PNG or JPEG (what `photo::make` makes).
    Raster(Vec<u8>),
    Svg(Vec<u8>),
}

/// The font database resvg draws with: the embedded faces.
fn database() -> Result<&'static Arc<usvg::fontdb::Database>, String> {
    static DATABASE: OnceLock<Option<Arc<usvg::fontdb::Database>>> = OnceLock::new();
    let database = DATABASE.get_or_init(|| {
        let faces = theme::fonts();
        if faces.is_empty() {
            return None;
        }
        let mut database = usvg::fontdb::Database::new();
        for face in &faces {
            database.load_font_data(face.to_vec());
        }
        // Generic families in a site's own template resolve to the embedded one.
        database.set_sans_serif_family(FAMILY);
        database.set_serif_family(FAMILY);
        Some(Arc::new(database))
    });
    database.as_ref().ok_or_else(|| "the fonts of the default theme could not be read".to_string())
}

/// What usvg draws for `data`: a raster image as it is (resvg decodes it), an SVG
/// parsed as an image of another SVG is (its own `href`s to files ignored).
fn image_kind(data: &PictureData, options: &usvg::Options) -> Option<usvg::ImageKind> {
    match data {
        PictureData::Raster(bytes) => {
            let bytes = Arc::new(bytes.clone());
            match bytes.get(..4)? {
                [0x89, b'P', b'N', b'G'] => Some(usvg::ImageKind::PNG(bytes)),
                [0xFF, 0xD8, 0xFF, _] => Some(usvg::ImageKind::JPEG(bytes)),
                _ => None,
            }
        }
        PictureData::Svg(bytes) => {
            usvg::Tree::from_data_nested(bytes, options).ok().map(usvg::ImageKind::SVG)
        }
    }
}

/// Options that draw with the card fonts, and resolve an `href` only to one of
/// `pictures` (by name), never to a file.
fn options<'a>(pictures: &'a [(String, PictureData)]) -> Result<usvg::Options<'a>, String> {
    let resolve_string = move |href: &str, options: &usvg::Options| {
        let (_, data) = pictures.iter().find(|(name, _)| name == href)?;
        image_kind(data, options)
    };
    Ok(usvg::Options {
        fontdb: database()?.clone(),
        font_family: FAMILY.to_string(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(resolve_string),
        },
        ..usvg::Options::default()
    })
}

/// The size an SVG picture declares (its `width` and `height`, else its
/// `viewBox`), to fit it in a card's box; an error if it is not SVG usvg can read.
pub(crate) fn svg_size(bytes: &[u8]) -> Result<(f32, f32), String> {
    let tree =
        usvg::Tree::from_data(bytes, &options(&[])?).map_err(|e| format!("cannot read the SVG: {e}"))?;
    Ok((tree.size().width(), tree.size().height()))
}

/// Draws a filled-in card template to PNG, with `pictures` for its `href`s.
pub(crate) fn png(svg: &str, pictures: &[(String, PictureData)]) -> Result<Vec<u8>, String> {
    let options = options(pictures)?;
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("the card is not valid SVG: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("a card cannot be drawn at this size")?;
    let size = tree.size();
    let transform =
        tiny_skia::Transform::from_scale(WIDTH as f32 / size.width(), HEIGHT as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode(&pixmap)
}

/// PNG of an opaque card as RGB with fast deflate (tiny-skia's own RGBA encoder
/// at zlib 6 took two thirds of a card's time); demultiplied RGBA if anything is
/// see-through.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    let data = pixmap.data();
    let (color, data) = if data.chunks_exact(4).all(|p| p[3] == 255) {
        let mut rgb = Vec::with_capacity(data.len() / 4 * 3);
        for p in data.chunks_exact(4) {
            rgb.extend_from_slice(&p[..3]);
        }
        (png::ColorType::Rgb, rgb)
    } else {
        (png::ColorType::Rgba, pixmap.clone().take_demultiplied())
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::FdeflateUltraFast);
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The RGB pixels of a PNG.
    fn pixels(png: &[u8]) -> (u32, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        (info.width, buf)
    }

    fn at(card: &(u32, Vec<u8>), x: u32, y: u32) -> [u8; 3] {
        let i = ((y * card.0 + x) * 3) as usize;
        [card.1[i], card.1[i + 1], card.1[i + 2]]
    }

    const CARD: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/><image href="HREF" x="100" y="100" width="200" height="200"/></svg>"##;

    #[test]
    fn a_plain_svg_is_drawn_at_1200_by_630() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/><text x="80" y="200" font-family="Inter" font-size="60">Привет</text></svg>"##;
        let bytes = png(svg, &[]).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let info = decoder.read_info().unwrap();
        assert_eq!((info.info().width, info.info().height), (1200, 630));
    }

    #[test]
    fn a_picture_is_drawn_under_its_name_and_nothing_else_is_looked_up() {
        let red = br##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#f00"/></svg>"##;
        let pictures = [("logo".to_string(), PictureData::Svg(red.to_vec()))];
        let card = pixels(&png(&CARD.replace("HREF", "logo"), &pictures).unwrap());
        assert_eq!(at(&card, 200, 200), [255, 0, 0]);
        // A file path, even one that exists, draws nothing.
        let here = std::env::current_dir().unwrap().join("themes/default/static/favicon.svg");
        for href in [here.to_str().unwrap(), "photo-0", "Cargo.toml"] {
            let card = pixels(&png(&CARD.replace("HREF", href), &pictures).unwrap());
            assert_eq!(at(&card, 200, 200), [255, 255, 255], "{href}");
        }
    }

    #[test]
    fn an_svg_declares_its_size_and_broken_svg_is_refused() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"/>"#;
        assert_eq!(svg_size(svg).unwrap(), (300.0, 100.0));
        assert!(svg_size(b"<svg").is_err());
        assert!(svg_size(b"\xff\xfe").is_err());
    }
}

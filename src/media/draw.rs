//! Drawing a filled-in card template to PNG with resvg. Text is set in the fonts
//! embedded with the default theme; a character they lack, in a font of the
//! system that has it (loaded once, after them), and [`drawable`] says whether
//! any font has a character, for `byline check` to warn before a card shows a box.
//! The pictures a card shows (`<image href="logo">`)
//! are handed in as bytes under those names: an `href` that is not one of them draws
//! nothing, so a template or an SVG photo cannot make this read a file. Pure: no disk.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use resvg::{tiny_skia, usvg};
use skrifa::MetadataProvider as _;
use usvg::fontdb::{Database, ID};

use super::card::{FAMILY, HEIGHT, WIDTH};
use crate::support::theme;

/// The bytes of a picture a card shows.
#[derive(Debug, Clone)]
pub(crate) enum PictureData {
    /// PNG or JPEG (what `photo::make` makes).
    Raster(Arc<Vec<u8>>),
    Svg(Arc<Vec<u8>>),
}

/// The font database resvg draws with: the embedded faces first, then the
/// system's (read from the usual folders; the files are read when used).
fn database() -> Result<&'static Arc<Database>, String> {
    static DATABASE: OnceLock<Option<Arc<Database>>> = OnceLock::new();
    let database = DATABASE.get_or_init(|| {
        let faces = theme::fonts();
        if faces.is_empty() {
            return None;
        }
        let mut database = Database::new();
        for face in &faces {
            database.load_font_data(face.to_vec());
        }
        let embedded = database.len();
        database.load_system_fonts();
        // An Inter of the system's (another version) must not stand in for ours.
        let twins: Vec<ID> = (database.faces().skip(embedded))
            .filter(|f| f.families.iter().any(|(name, _)| name == FAMILY))
            .map(|f| f.id)
            .collect();
        for id in twins {
            database.remove_face(id);
        }
        // Generic families in a site's own template resolve to the embedded one.
        database.set_sans_serif_family(FAMILY);
        database.set_serif_family(FAMILY);
        Some(Arc::new(database))
    });
    database.as_ref().ok_or_else(|| "the fonts of the default theme could not be read".to_string())
}

fn has_char(database: &Database, id: ID, c: char) -> bool {
    let found = database.with_face_data(id, |data, index| {
        skrifa::FontRef::from_index(data, index).is_ok_and(|f| f.charmap().map(c).is_some())
    });
    found == Some(true)
}

/// Characters that draw nothing: spaces, controls, joiners and variation selectors.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}')
        || matches!(c, '\u{E0000}'..='\u{E0FFF}')
}

/// Whether some font (embedded or of the system) has `c`, or it draws nothing
/// anyway. Remembered per character: a system font's file is read to answer.
pub(crate) fn drawable(c: char) -> bool {
    static SEEN: OnceLock<Mutex<HashMap<char, bool>>> = OnceLock::new();
    if c.is_ascii() || invisible(c) {
        return true;
    }
    let seen = SEEN.get_or_init(Mutex::default);
    if let Some(&known) = seen.lock().unwrap_or_else(|e| e.into_inner()).get(&c) {
        return known;
    }
    let found = database().is_ok_and(|db| db.faces().any(|f| has_char(db, f.id, c)));
    seen.lock().unwrap_or_else(|e| e.into_inner()).insert(c, found);
    found
}

/// The fallback face of each character, by the weight of the face it falls back from.
type Chosen = HashMap<(char, u16), Option<ID>>;

/// The face to draw `c` in when the fonts in `used` lack it: the first one that
/// has it, of the same weight if there is one. usvg's own choice reads every font
/// file for every such character of every card; this is remembered per character.
fn fallback(c: char, used: &[ID], database: &mut Arc<Database>) -> Option<ID> {
    static CHOSEN: OnceLock<Mutex<Chosen>> = OnceLock::new();
    let weight = used.first().and_then(|&id| database.face(id)).map_or(400, |f| f.weight.0);
    let chosen = CHOSEN.get_or_init(Mutex::default);
    let known = chosen.lock().unwrap_or_else(|e| e.into_inner()).get(&(c, weight)).copied();
    if let Some(known) = known
        && known.is_none_or(|id| !used.contains(&id))
    {
        return known;
    }
    let db: &Database = database;
    let candidates = || db.faces().filter(|f| !used.contains(&f.id));
    let same_weight = candidates().find(|f| f.weight.0 == weight && has_char(db, f.id, c));
    let found = same_weight.or_else(|| candidates().find(|f| has_char(db, f.id, c))).map(|f| f.id);
    chosen.lock().unwrap_or_else(|e| e.into_inner()).insert((c, weight), found);
    found
}

/// What usvg draws for `data`: a raster image as it is (resvg decodes it), an SVG
/// parsed as an image of another SVG is (its own `href`s to files ignored).
fn image_kind(data: &PictureData, options: &usvg::Options) -> Option<usvg::ImageKind> {
    match data {
        PictureData::Raster(bytes) => {
            let bytes = bytes.clone();
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
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: Box::new(fallback),
        },
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
        let pictures = [("logo".to_string(), PictureData::Svg(Arc::new(red.to_vec())))];
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
    fn inter_draws_latin_cyrillic_and_greek_and_no_font_draws_a_private_use_character() {
        for c in "Aé€ЖΩ“”…".chars() {
            assert!(drawable(c), "{c}");
        }
        // Whatever fonts the machine has: private use (no font of a system maps
        // plane 16's last code points) and unassigned code points.
        for c in ['\u{10FFFD}', '\u{0378}'] {
            assert!(!drawable(c), "U+{:04X}", c as u32);
        }
        assert!(drawable('\u{FE0F}') && drawable('\u{200D}'), "joiners draw nothing");
    }

    #[test]
    fn an_svg_declares_its_size_and_broken_svg_is_refused() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"/>"#;
        assert_eq!(svg_size(svg).unwrap(), (300.0, 100.0));
        assert!(svg_size(b"<svg").is_err());
        assert!(svg_size(b"\xff\xfe").is_err());
    }
}

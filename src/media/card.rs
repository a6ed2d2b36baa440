//! Social cards: where each text and avatar of a 1200×630 card goes (titles fitted
//! by real font metrics), and the card's SVG, once a template has filled it in,
//! drawn to PNG with resvg using only the fonts embedded with the default theme.
//! It knows nothing of posts or templates, and never reads the disk.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};
use serde::Serialize;

use super::text::{self, FitSpec, Fitted, Measurer};
use crate::support::theme;

pub(crate) const WIDTH: u32 = 1200;
pub(crate) const HEIGHT: u32 = 630;
/// The family the embedded fonts' `name` table spells; templates use it.
pub(crate) const FAMILY: &str = "Inter";
/// Authors drawn as avatars; the others are a "+N" chip.
const MAX_AVATARS: usize = 4;

/// The embedded faces: measurers for fitting and a font database for resvg.
struct Fonts {
    regular: Measurer,
    bold: Measurer,
    database: Arc<usvg::fontdb::Database>,
}

fn fonts() -> Result<&'static Fonts, String> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let faces = theme::fonts();
        let (regular, bold) = (faces.first()?, faces.get(1)?);
        let mut database = usvg::fontdb::Database::new();
        for face in &faces {
            database.load_font_data(face.to_vec());
        }
        // Generic families in a site's own template resolve to the embedded one.
        database.set_sans_serif_family(FAMILY);
        database.set_serif_family(FAMILY);
        Some(Fonts {
            regular: Measurer::new(regular)?,
            bold: Measurer::new(bold)?,
            database: Arc::new(database),
        })
    });
    fonts.as_ref().ok_or_else(|| "the fonts of the default theme could not be read".to_string())
}

/// One line of text and where its baseline starts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Line {
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// Lines of one size.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Block {
    pub size: f32,
    pub lines: Vec<Line>,
}

/// A round avatar: initials (or "+2") in a circle.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Avatar {
    pub cx: f32,
    pub cy: f32,
    pub r: f32,
    pub label: String,
    pub label_size: f32,
    /// Baseline of the label, so it sits in the middle of the circle.
    pub label_y: f32,
}

/// Everything a card template places: the `card` variable of `social-card.svg`
/// and `social-card-author.svg`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CardView {
    pub width: u32,
    pub height: u32,
    pub family: &'static str,
    pub background: String,
    pub accent: String,
    /// The blog's name, top left.
    pub blog: Block,
    /// The post's title (an author's name on theirs), already broken into lines.
    pub title: Block,
    pub avatars: Vec<Avatar>,
    /// The authors' names (an author's role on theirs).
    pub names: Block,
    /// The date or first tag (the organization on an author's card).
    pub detail: Block,
    /// Whether the title had to be cut (it did not fit at the smallest size).
    pub cut: bool,
}

/// The card's colours, as `#rrggbb`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Colours<'a> {
    pub background: &'a str,
    pub accent: &'a str,
}

const TITLE: FitSpec<'static> = FitSpec {
    width: 1040.0,
    height: 300.0,
    max_lines: 4,
    line_height: 1.15,
    sizes: &[76.0, 68.0, 62.0, 56.0, 50.0, 45.0, 40.0],
    balance: true,
};
const ONE_LINE: FitSpec<'static> =
    FitSpec { width: 1040.0, height: 60.0, max_lines: 1, line_height: 1.0, sizes: &[30.0], balance: false };
/// Inter's ascent, as a share of the size: the first baseline below a box's top.
const ASCENT: f32 = 0.97;

fn block(fitted: Fitted, x: f32, top: f32, line_height: f32) -> Block {
    let step = fitted.size * line_height;
    let first = top + fitted.size * ASCENT;
    let lines = (fitted.lines.into_iter().enumerate())
        .map(|(i, text)| Line { x, y: first + step * i as f32, text })
        .collect();
    Block { size: fitted.size, lines }
}

/// One line at `y` (baseline), shrunk through `sizes` and cut if need be.
fn line(m: &Measurer, text: &str, x: f32, y: f32, width: f32, sizes: &[f32]) -> Block {
    let f = text::fit(m, text, &FitSpec { width, sizes, ..ONE_LINE });
    let lines = f.lines.into_iter().take(1).map(|text| Line { x, y, text }).collect();
    Block { size: f.size, lines }
}

/// A post's card (or, with no authors, the blog's): `authors` are (name, initials).
pub(crate) fn post(
    colours: &Colours,
    blog_name: &str,
    title: &str,
    authors: &[(&str, &str)],
    detail: &str,
) -> Result<CardView, String> {
    let f = fonts()?;
    let fitted = text::fit(&f.bold, title, &TITLE);
    let cut = fitted.cut;
    let (r, cy, step, left) = (40.0, 555.0, 64.0, 80.0);
    let shown = authors.len().min(MAX_AVATARS);
    let mut labels: Vec<String> = authors[..shown].iter().map(|(_, initials)| initials.to_string()).collect();
    if authors.len() > shown {
        labels.push(format!("+{}", authors.len() - shown));
    }
    let avatars: Vec<Avatar> = (labels.into_iter().enumerate())
        .map(|(i, label)| Avatar {
            cx: left + r + step * i as f32,
            cy,
            r,
            label,
            label_size: 30.0,
            label_y: cy + 11.0,
        })
        .collect();
    let names_x = avatars.last().map_or(left, |a| a.cx + r + 24.0);
    let width = 1120.0 - names_x;
    let names: Vec<&str> = authors.iter().map(|(n, _)| *n).collect();
    Ok(CardView {
        width: WIDTH,
        height: HEIGHT,
        family: FAMILY,
        background: colours.background.to_string(),
        accent: colours.accent.to_string(),
        blog: line(&f.bold, blog_name, left, 104.0, 1040.0, &[30.0, 26.0, 22.0]),
        title: block(fitted, left, 150.0, TITLE.line_height),
        avatars,
        names: fit_names(&f.bold, &names, names_x, 546.0, width),
        // With no names (the blog's card), the detail takes the middle of the band.
        detail: line(
            &f.regular,
            detail,
            names_x,
            if authors.is_empty() { 564.0 } else { 586.0 },
            width,
            &[24.0, 20.0],
        ),
        cut,
    })
}

/// An author's card: their initials large, name, role and organization.
pub(crate) fn author(
    colours: &Colours,
    blog_name: &str,
    name: &str,
    initials: &str,
    role: &str,
    organization: &str,
) -> Result<CardView, String> {
    let f = fonts()?;
    let spec = FitSpec {
        width: 660.0,
        height: 180.0,
        max_lines: 2,
        sizes: &[72.0, 64.0, 56.0, 48.0, 40.0],
        ..TITLE
    };
    let fitted = text::fit(&f.bold, name, &spec);
    let cut = fitted.cut;
    let (x, top) = (460.0, 200.0);
    let title = block(fitted, x, top, spec.line_height);
    let bottom = title.lines.last().map_or(top, |l| l.y);
    let (cx, cy, r) = (250.0, 315.0, 150.0);
    Ok(CardView {
        width: WIDTH,
        height: HEIGHT,
        family: FAMILY,
        background: colours.background.to_string(),
        accent: colours.accent.to_string(),
        blog: line(&f.bold, blog_name, 80.0, 104.0, 1040.0, &[30.0, 26.0, 22.0]),
        title,
        avatars: vec![Avatar {
            cx,
            cy,
            r,
            label: initials.to_string(),
            label_size: 110.0,
            label_y: cy + 40.0,
        }],
        names: line(&f.regular, role, x, bottom + 64.0, 660.0, &[36.0, 32.0, 28.0, 24.0]),
        detail: line(&f.bold, organization, x, bottom + 116.0, 660.0, &[28.0, 24.0, 20.0]),
        cut,
    })
}

/// All names if they fit on the line, else fewer names and "and N more", cutting
/// with an ellipsis only when even one name is too long.
fn fit_names(m: &Measurer, names: &[&str], x: f32, y: f32, width: f32) -> Block {
    let sizes = [30.0, 27.0, 24.0, 22.0];
    let spec = FitSpec { width, sizes: &sizes, ..ONE_LINE };
    let most = names.len().clamp(1, MAX_AVATARS);
    let mut fitted = text::fit(m, &join_names(names, 1), &spec);
    for shown in (2..=most).rev() {
        let f = text::fit(m, &join_names(names, shown), &spec);
        if !f.cut {
            fitted = f;
            break;
        }
    }
    let lines = fitted.lines.into_iter().take(1).map(|text| Line { x, y, text }).collect();
    Block { size: fitted.size, lines }
}

/// "A", "A and B", "A, B and C"; with more than `shown`: "A, B and 3 more".
fn join_names(names: &[&str], shown: usize) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n if n <= shown => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        n => format!("{} and {} more", names[..shown].join(", "), n - shown),
    }
}

/// Draws a filled-in card template to PNG with only the embedded fonts.
pub(crate) fn png(svg: &str) -> Result<Vec<u8>, String> {
    let f = fonts()?;
    let options = usvg::Options {
        fontdb: f.database.clone(),
        font_family: FAMILY.to_string(),
        ..usvg::Options::default()
    };
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

    const COLOURS: Colours<'static> = Colours { background: "#ffffff", accent: "#0b5cad" };

    #[test]
    fn names_give_way_to_a_count_when_they_do_not_fit() {
        assert_eq!(join_names(&["A", "B", "C"], 3), "A, B and C");
        assert_eq!(join_names(&["A", "B", "C", "D", "E"], 2), "A, B and 3 more");
    }

    #[test]
    fn more_than_four_authors_show_four_avatars_and_a_count() {
        let authors = [("Ann Lee", "AL"); 6];
        let card = post(&COLOURS, "Blog", "Title", &authors, "1 May 2025").unwrap();
        assert_eq!(card.avatars.len(), 5);
        assert_eq!(card.avatars[4].label, "+2");
    }

    /// A sample card: its name, title and authors.
    type Sample<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    /// Time per card, median of 50 (benches/README.md): fitting, the theme's template
    /// through tera, resvg and the PNG. `cargo test --release --lib time_per_card --
    /// --ignored --nocapture`, under `taskset -c 0` for one core.
    #[test]
    #[ignore]
    fn time_per_card() {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".svg"]);
        let template = include_str!("../../themes/default/templates/social-card.svg");
        tera.add_raw_template("social-card.svg", template).unwrap();
        let samples: [Sample; 3] = [
            ("two lines", "LinkedIn for people who hate LinkedIn", &[("Lena Virtanen", "LV")]),
            (
                "four lines, 3 authors",
                "Measuring the energy use of our data centres over three winters, and what the numbers \
                 told us about cooling, scheduling and the hardware we buy next",
                &[("Ann Lee", "AL"), ("Bo Chen", "BC"), ("Cy Dorn", "CD")],
            ),
            ("cyrillic", "Как мы перенесли сорок сервисов на новую очередь", &[("Иван Петров", "ИП")]),
        ];
        for (name, title, authors) in samples {
            let mut times = Vec::new();
            let mut bytes = 0;
            for _ in 0..51 {
                let start = std::time::Instant::now();
                let view =
                    post(&COLOURS, "Fernhill Field Notes", title, authors, "5 March 2025 · Data").unwrap();
                let mut ctx = tera::Context::new();
                ctx.insert("card", &view);
                let svg = tera.render("social-card.svg", &ctx).unwrap();
                bytes = png(&svg).unwrap().len();
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            times.remove(0);
            times.sort_by(f64::total_cmp);
            let (median, min, max) = (times[25], times[0], times[49]);
            println!("card {name}: median {median:.2} ms (min {min:.2}, max {max:.2}), {bytes} bytes");
        }
    }

    #[test]
    fn a_plain_svg_is_drawn_at_1200_by_630() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/><text x="80" y="200" font-family="Inter" font-size="60">Привет</text></svg>"##;
        let bytes = png(svg).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let info = decoder.read_info().unwrap();
        assert_eq!((info.info().width, info.info().height), (1200, 630));
    }
}

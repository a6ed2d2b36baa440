//! Social cards: where each text, avatar and the logo of a 1200×630 card goes
//! (titles fitted by the real metrics of the fonts embedded with the default
//! theme). Drawing the filled-in template is `draw`'s. It knows nothing of posts or
//! templates, and never reads the disk.

use std::sync::OnceLock;

use serde::Serialize;

use super::text::{self, FitSpec, Fitted, Measurer};
use crate::support::theme;

pub(crate) const WIDTH: u32 = 1200;
pub(crate) const HEIGHT: u32 = 630;
/// The family the embedded fonts' `name` table spells; templates use it.
pub(crate) const FAMILY: &str = "Inter";
/// Authors drawn as avatars; the others are a "+N" chip.
const MAX_AVATARS: usize = 4;

/// The embedded faces, to measure with.
struct Fonts {
    regular: Measurer,
    bold: Measurer,
}

fn fonts() -> Result<&'static Fonts, String> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let faces = theme::fonts();
        let (regular, bold) = (faces.first()?, faces.get(1)?);
        Some(Fonts { regular: Measurer::new(regular)?, bold: Measurer::new(bold)? })
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
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Block {
    pub size: f32,
    pub lines: Vec<Line>,
}

/// A round avatar: a photo, or initials (or "+2"), in a circle.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Avatar {
    pub cx: f32,
    pub cy: f32,
    pub r: f32,
    pub label: String,
    pub label_size: f32,
    /// Baseline of the label, so it sits in the middle of the circle.
    pub label_y: f32,
    /// The `href` of the photo to draw in the circle (clipped to it), if the
    /// person has one: a name `draw` is given the photo under, not an address.
    pub photo: Option<String>,
}

/// The blog's logo, top left, fitted in its box keeping its shape.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Logo {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// The name `draw` is given the logo under.
    pub href: &'static str,
}

/// Who an avatar stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Person<'a> {
    pub name: &'a str,
    pub initials: &'a str,
    /// Whether there is a photo to draw (else the initials are).
    pub photo: bool,
}

/// What every card has at the top: the colours, the blog's name and the logo's
/// own size (width, height; any unit), if there is one to draw.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header<'a> {
    pub colours: Colours<'a>,
    pub blog: &'a str,
    pub logo: Option<(f32, f32)>,
}

/// The `href` of the logo and of the photo of avatar `i`.
pub(crate) const LOGO_HREF: &str = "logo";
pub(crate) fn photo_href(i: usize) -> String {
    format!("photo-{i}")
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
    pub logo: Option<Logo>,
    /// The blog's name, top left (after the logo).
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
#[derive(Debug, Clone, Copy, Serialize)]
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
/// The left margin, and the baseline of the blog's name.
const LEFT: f32 = 80.0;
const BLOG_Y: f32 = 104.0;
/// The logo's box: as tall as this (less for a logo wider than the box), its
/// middle level with the middle of the blog name's lower-case letters.
const LOGO_HEIGHT: f32 = 56.0;
const LOGO_MAX_WIDTH: f32 = 280.0;
const LOGO_MIDDLE: f32 = 93.0;
const LOGO_GAP: f32 = 20.0;

/// The logo fitted in its box, if it has a size to fit.
fn logo_box(size: Option<(f32, f32)>) -> Option<Logo> {
    let (w, h) = size?;
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return None;
    }
    let scale = (LOGO_HEIGHT / h).min(LOGO_MAX_WIDTH / w);
    let (width, height) = (w * scale, h * scale);
    Some(Logo { x: LEFT, y: LOGO_MIDDLE - height / 2.0, width, height, href: LOGO_HREF })
}

/// The logo and the blog's name after it.
/// What every card has: size, fonts, colours, the logo and the blog's name; the
/// rest empty, for each kind of card to fill in.
fn frame(m: &Measurer, header: &Header) -> CardView {
    let (logo, blog) = header_line(m, header);
    CardView {
        width: WIDTH,
        height: HEIGHT,
        family: FAMILY,
        background: header.colours.background.to_string(),
        accent: header.colours.accent.to_string(),
        logo,
        blog,
        title: Block::default(),
        avatars: Vec::new(),
        names: Block::default(),
        detail: Block::default(),
        cut: false,
    }
}

fn header_line(m: &Measurer, header: &Header) -> (Option<Logo>, Block) {
    let logo = logo_box(header.logo);
    let x = logo.as_ref().map_or(LEFT, |l| l.x + l.width + LOGO_GAP);
    (logo, line(m, header.blog, x, BLOG_Y, LEFT + 1040.0 - x, &[30.0, 26.0, 22.0]))
}

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

/// A post's card (or, with no authors, the blog's). Avatar `i` shows the photo
/// [`photo_href`]`(i)` when its person has one.
pub(crate) fn post(
    header: &Header,
    title: &str,
    authors: &[Person],
    detail: &str,
) -> Result<CardView, String> {
    let f = fonts()?;
    let fitted = text::fit(&f.bold, title, &TITLE);
    let cut = fitted.cut;
    let (r, cy, step, left) = (40.0, 555.0, 64.0, LEFT);
    let shown = authors.len().min(MAX_AVATARS);
    let mut avatars: Vec<Avatar> = (authors[..shown].iter().enumerate())
        .map(|(i, p)| Avatar {
            cx: left + r + step * i as f32,
            cy,
            r,
            label: p.initials.to_string(),
            label_size: 30.0,
            label_y: cy + 11.0,
            photo: p.photo.then(|| photo_href(i)),
        })
        .collect();
    if authors.len() > shown {
        avatars.push(Avatar {
            cx: left + r + step * shown as f32,
            cy,
            r,
            label: format!("+{}", authors.len() - shown),
            label_size: 30.0,
            label_y: cy + 11.0,
            photo: None,
        });
    }
    let names_x = avatars.last().map_or(left, |a| a.cx + r + 24.0);
    let width = 1120.0 - names_x;
    let names: Vec<&str> = authors.iter().map(|p| p.name).collect();
    Ok(CardView {
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
        ..frame(&f.bold, header)
    })
}

/// An author's card: their photo (or initials) large, name, role and organization.
/// The photo is [`photo_href`]`(0)`.
pub(crate) fn author(
    header: &Header,
    person: &Person,
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
    let fitted = text::fit(&f.bold, person.name, &spec);
    let cut = fitted.cut;
    let (x, top) = (460.0, 200.0);
    let title = block(fitted, x, top, spec.line_height);
    let bottom = title.lines.last().map_or(top, |l| l.y);
    let (cx, cy, r) = (250.0, 315.0, 150.0);
    Ok(CardView {
        title,
        avatars: vec![Avatar {
            cx,
            cy,
            r,
            label: person.initials.to_string(),
            label_size: 110.0,
            label_y: cy + 40.0,
            photo: person.photo.then(|| photo_href(0)),
        }],
        names: line(&f.regular, role, x, bottom + 64.0, 660.0, &[36.0, 32.0, 28.0, 24.0]),
        detail: line(&f.bold, organization, x, bottom + 116.0, 660.0, &[28.0, 24.0, 20.0]),
        cut,
        ..frame(&f.bold, header)
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

#[cfg(test)]
mod tests {
    use super::*;

    const COLOURS: Colours<'static> = Colours { background: "#ffffff", accent: "#0b5cad" };
    const HEADER: Header<'static> = Header { colours: COLOURS, blog: "Blog", logo: None };

    #[test]
    fn names_give_way_to_a_count_when_they_do_not_fit() {
        assert_eq!(join_names(&["A", "B", "C"], 3), "A, B and C");
        assert_eq!(join_names(&["A", "B", "C", "D", "E"], 2), "A, B and 3 more");
    }

    #[test]
    fn more_than_four_authors_show_four_avatars_and_a_count() {
        let authors = [Person { name: "Ann Lee", initials: "AL", photo: true }; 6];
        let card = post(&HEADER, "Title", &authors, "1 May 2025").unwrap();
        assert_eq!(card.avatars.len(), 5);
        assert_eq!(card.avatars[4].label, "+2");
        let photos: Vec<_> = card.avatars.iter().map(|a| a.photo.as_deref()).collect();
        assert_eq!(photos, [Some("photo-0"), Some("photo-1"), Some("photo-2"), Some("photo-3"), None]);
    }

    #[test]
    fn a_logo_keeps_its_shape_in_its_box_and_the_name_follows_it() {
        let wide = Header { logo: Some((400.0, 100.0)), ..HEADER };
        let card = post(&wide, "Title", &[], "").unwrap();
        let logo = card.logo.unwrap();
        assert_eq!((logo.width, logo.height), (224.0, 56.0));
        assert_eq!(card.blog.lines[0].x, LEFT + 224.0 + LOGO_GAP);
        let very_wide = logo_box(Some((1000.0, 100.0))).unwrap();
        assert_eq!((very_wide.width, very_wide.height), (280.0, 28.0));
        assert!(logo_box(Some((0.0, 10.0))).is_none());
        assert!(post(&HEADER, "Title", &[], "").unwrap().logo.is_none());
    }

    /// A sample card: its name, title and authors.
    type Sample<'a> = (&'a str, &'a str, &'a [Person<'a>]);

    const fn person<'a>(name: &'a str, initials: &'a str) -> Person<'a> {
        Person { name, initials, photo: false }
    }

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
            ("two lines", "LinkedIn for people who hate LinkedIn", &[person("Lena Virtanen", "LV")]),
            (
                "four lines, 3 authors",
                "Measuring the energy use of our data centres over three winters, and what the numbers \
                 told us about cooling, scheduling and the hardware we buy next",
                &[person("Ann Lee", "AL"), person("Bo Chen", "BC"), person("Cy Dorn", "CD")],
            ),
            ("cyrillic", "Как мы перенесли сорок сервисов на новую очередь", &[person("Иван Петров", "ИП")]),
        ];
        let header = Header { blog: "Fernhill Field Notes", ..HEADER };
        for (name, title, authors) in samples {
            let mut times = Vec::new();
            let mut bytes = 0;
            for _ in 0..51 {
                let start = std::time::Instant::now();
                let view = post(&header, title, authors, "5 March 2025 · Data").unwrap();
                let mut ctx = tera::Context::new();
                ctx.insert("card", &view);
                let svg = tera.render("social-card.svg", &ctx).unwrap();
                bytes = super::super::draw::png(&svg, &[]).unwrap().len();
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            times.remove(0);
            times.sort_by(f64::total_cmp);
            let (median, min, max) = (times[25], times[0], times[49]);
            println!("card {name}: median {median:.2} ms (min {min:.2}, max {max:.2}), {bytes} bytes");
        }
    }
}

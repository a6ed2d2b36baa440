//! A character of a card's text that no font has (a private-use one: no system
//! font maps plane 16's last code points, so this holds on a machine with no fonts
//! as on one with many) is a warning at its key's line, by check and build alike;
//! Latin, Cyrillic and Greek, which the embedded Inter has, are not.

use crate::common::{NOW, TestSite, byline, stderr};

const NO_FONT: char = '\u{10FFFD}';

#[test]
fn a_title_character_no_font_has_is_a_warning_at_its_line_not_a_box_on_the_card() {
    let site = TestSite::new("seo");
    let post = std::fs::read_to_string(site.root().join("content/posts/solo.md")).unwrap();
    let title = format!("title: Notes on the engine {NO_FONT} Ωμέγα Жук");
    site.write("content/posts/solo.md", post.replace("title: Notes on the engine", &title));
    let grace = std::fs::read_to_string(site.root().join("authors/grace.md")).unwrap();
    site.write(
        "authors/grace.md",
        grace.replace("role: Rear Admiral", &format!("role: Rear {NO_FONT}dmiral")),
    );

    let check = byline().args(["check", site.root().to_str().unwrap(), "--now", NOW]).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&check.stdout), stderr(&check));
    let found: Vec<&str> = said.lines().filter(|l| l.contains("no font can draw")).collect();
    assert_eq!(found.len(), 2, "{said}");
    assert!(said.contains("content/posts/solo.md:2"), "the title's line: {said}");
    assert!(said.contains("authors/grace.md:3"), "the role's line: {said}");
    assert!(said.contains("U+10FFFD") && !said.contains("U+03A9") && !said.contains("U+0416"), "{said}");

    // The build says so too, and still draws the card.
    let built = site.build_ok(&[]);
    let err = stderr(&built);
    assert!(err.contains("content/posts/solo.md:2") && err.contains("U+10FFFD"), "{err}");
    assert!(site.out().join("posts/solo/card.png").is_file());
}

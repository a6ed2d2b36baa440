//! site.yaml's calls to action: the named blocks (`calls_to_action:`), which one a
//! post shows when it names none (`cta_defaults:`), and whether long posts show
//! one in the middle too (`cta_mid_after_words:`); and a post's `cta:`. Every
//! address is checked where it is written. How a block is chosen and shown is
//! `render::cta`'s.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::stages;
use crate::address::slugify;
use crate::content::frontmatter::{Fields, Key, Kind, Located};
use crate::content::links::{self, Use};
use crate::support::diagnostic::{Diagnostic, did_you_mean};

const fn key(name: &'static str, kind: Kind, expected: &'static str, example: &'static str) -> Key {
    Key { name, kind, expected, example }
}

/// The fields of one call to action.
pub(crate) const BLOCK: &[Key] = &[
    key("heading", Kind::Text, "text", "heading: Join our live webinar"),
    key("text", Kind::Text, "text", "text: One hour with our engineers, questions welcome."),
    key("button", Kind::Text, "the words on the button", "button: Save my seat"),
    key("url", Kind::Text, "an address", "url: https://acme.example/webinar"),
    key("image", Kind::Text, "the site path of an image in static/", "image: /images/webinar.png"),
    key("image_alt", Kind::Text, "text", "image_alt: Two engineers at a whiteboard"),
    key(
        "form",
        Kind::Group(FORM),
        "`action:`, `email_field:`, `hidden:` and `button:` lines",
        "form: {action: https://list.example/subscribe, email_field: EMAIL}",
    ),
    key("talk_to_author", Kind::Flag, "`true` or `false`", "talk_to_author: true"),
];

/// The fields of a newsletter form.
pub(crate) const FORM: &[Key] = &[
    key("action", Kind::Text, "the address the form is sent to", "action: https://list.example/subscribe"),
    key("email_field", Kind::Text, "the name of the e-mail field", "email_field: EMAIL"),
    key("label", Kind::Text, "text", "label: Your work e-mail"),
    key("hidden", Kind::Pairs, "`name: value` lines", "hidden: {list: blog}"),
    key("button", Kind::Text, "the words on the button", "button: Subscribe"),
];

/// The fields of `cta_defaults:`.
pub(crate) const DEFAULTS: &[Key] = &[
    key("site", Kind::Text, "the name of a call to action", "site: newsletter"),
    key("stages", Kind::Pairs, "`stage: call to action` lines", "stages: {decision: talk-to-the-author}"),
    key("tags", Kind::Pairs, "`tag: call to action` lines", "tags: {Security: webinar}"),
];

/// Every call to action of the site and when each is shown.
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub struct Ctas {
    /// In the order written.
    pub blocks: Vec<Block>,
    pub defaults: Defaults,
    /// Posts of more words than this show their block in the middle too.
    pub mid_after_words: Option<usize>,
}

impl Ctas {
    pub fn block(&self, name: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.name == name)
    }
}

/// The block a post shows when it names none: the first of its tags that has one,
/// else its stage's, else the site's.
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub struct Defaults {
    pub site: Option<String>,
    /// Stage (as the site spells it) → block name.
    pub stages: Vec<(String, String)>,
    /// Tag slug → block name.
    pub tags: Vec<(String, String)>,
}

/// One named call to action.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Block {
    pub name: String,
    /// `None` for a "talk to the author" block, which names the author.
    pub heading: Option<String>,
    pub text: Option<String>,
    pub button: Option<String>,
    pub action: Action,
    /// Where its `image:` is written (line, column, the line), for a missing file.
    #[serde(skip)]
    pub image_at: Option<(usize, usize, String)>,
}

/// What a block's button does.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub enum Action {
    /// Follows `url` (as written: a site path or an address).
    Link { url: String, image: Option<Image> },
    /// Sends a newsletter sign-up form.
    Form(Form),
    /// Opens the first author's contact link.
    Author,
}

/// A block's picture: an image of the site's static files.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Image {
    /// Its site path, without a leading `/`.
    pub path: String,
    pub alt: String,
}

/// A plain HTML form posted to the newsletter provider.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Form {
    pub action: String,
    pub email_field: String,
    pub label: String,
    pub hidden: Vec<(String, String)>,
}

/// What a post's `cta:` says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CtaPick {
    /// Nothing written: the defaults decide.
    #[default]
    Default,
    Named(String),
    /// `cta: false`.
    Off,
}

/// Reads `calls_to_action:`, `cta_defaults:` and `cta_mid_after_words:`.
pub(crate) fn read(f: &mut Fields<'_>, path: &Path, stages: &[String]) -> Ctas {
    let mut blocks = Vec::new();
    for (name, mut fields) in f.named("calls_to_action") {
        if let Some(b) = block(&mut fields, path, &name) {
            blocks.push(b);
        }
        f.absorb(fields);
    }
    let defaults = defaults(f, path, &blocks, stages);
    let mid_after_words = match f.count("cta_mid_after_words") {
        Some(n) if n.value == 0 => {
            f.errors.push(n.span.error(path, "`cta_mid_after_words` must be at least 1").with_hint(
                "it is the number of words above which a post shows its call to action in the middle too; remove the line to turn that off",
            ));
            None
        }
        n => n.map(|n| usize::try_from(n.value).unwrap_or(usize::MAX)),
    };
    Ctas { blocks, defaults, mid_after_words }
}

/// Text that is there and not blank, trimmed.
fn filled(v: Option<Located<String>>) -> Option<Located<String>> {
    v.map(|l| Located { value: l.value.trim().to_string(), span: l.span }).filter(|l| !l.value.is_empty())
}

/// One block, or `None` (with errors) when it cannot be shown.
fn block(f: &mut Fields<'_>, path: &Path, name: &Located<String>) -> Option<Block> {
    let before = f.errors.len();
    let called = &name.value;
    if slugify(called).is_empty() {
        let msg = format!("the call to action `{called}` needs a name with letters or digits");
        f.errors.push(name.span.error(path, msg).with_hint("name it in a word or two, like `newsletter`"));
    }
    let (heading, text) = (filled(f.text("heading")), filled(f.text("text")));
    let (button, url) = (filled(f.text("button")).map(|b| b.value), filled(f.text("url")));
    let talk = f.flag("talk_to_author").unwrap_or(false);
    let has_form = f.has("form");
    let form = f.group("form").map(|mut g| {
        let form = form(&mut g, path);
        f.absorb(g);
        form
    });
    if [url.is_some(), has_form, talk].iter().filter(|k| **k).count() > 1 {
        let msg =
            format!("the call to action `{called}` has more than one of `url`, `form` and `talk_to_author`");
        f.errors.push(name.span.error(path, msg).with_hint(
            "a block either links somewhere (`url:`), signs up to a newsletter (`form:`) or offers to talk to the author (`talk_to_author: true`)",
        ));
    }
    let image = image(f, path);
    let (action, button) = match (talk, form, url) {
        (true, _, _) => (Some(Action::Author), button),
        (false, Some((form, own)), _) => {
            (form.map(Action::Form), own.or(button).or_else(|| Some("Subscribe".to_string())))
        }
        (false, None, Some(url)) => {
            if let Some((msg, hint)) = links::problem("url", &url.value, Use::Link) {
                f.errors.push(url.span.error(path, msg).with_hint(hint));
            }
            if button.is_none() {
                let msg = format!("the call to action `{called}` has no `button`");
                f.errors.push(
                    name.span
                        .error(path, msg)
                        .with_hint("add the words on its button, e.g. `button: Save my seat`"),
                );
            }
            (Some(Action::Link { url: url.value, image: image.as_ref().map(|i| i.0.clone()) }), button)
        }
        (false, None, None) => {
            if !has_form {
                let msg = format!("the call to action `{called}` does not say what its button does");
                f.errors.push(
                    name.span
                        .error(path, msg)
                        .with_hint("give it a `url:`, a `form:` or `talk_to_author: true`"),
                );
            }
            (None, button)
        }
    };
    if !talk && heading.is_none() {
        let msg = format!("the call to action `{called}` has no `heading`");
        f.errors.push(
            name.span
                .error(path, msg)
                .with_hint("add a short heading, e.g. `heading: Join our live webinar`"),
        );
    }
    let action = action?;
    (f.errors.len() == before).then(|| Block {
        name: called.clone(),
        heading: heading.map(|h| h.value),
        text: text.map(|t| t.value),
        button,
        action,
        image_at: image.map(|i| i.1),
    })
}

/// A block's `image:` and `image_alt:`, and where the image is written.
fn image(f: &mut Fields<'_>, path: &Path) -> Option<(Image, (usize, usize, String))> {
    let image = filled(f.text("image"))?;
    let alt = filled(f.text("image_alt"));
    let written = image.value.as_str();
    if crate::markdown::scheme(written).is_some() || written.starts_with("//") || written.contains("..") {
        let d = image.span.error(
            path,
            format!("`{written}` cannot be used as `image`: a call to action shows an image of the site"),
        );
        f.errors.push(
            d.with_hint("put the image in static/ and write its path, e.g. `image: /images/webinar.png`"),
        );
        return None;
    }
    let Some(alt) = alt else {
        let d = image.span.error(path, "this image has no `image_alt`");
        f.errors.push(d.with_hint("describe the image for readers who cannot see it, e.g. `image_alt: Two engineers at a whiteboard`"));
        return None;
    };
    let at = (image.span.line, image.span.column, image.span.text.clone());
    let path = written.trim_start_matches('/').to_string();
    Some((Image { path, alt: alt.value }, at))
}

/// A `form:` and its own button label (`None` for the form when it cannot be used).
fn form(f: &mut Fields<'_>, path: &Path) -> (Option<Form>, Option<String>) {
    let (action, field) = (filled(f.text("action")), filled(f.text("email_field")));
    let (label, button) = (filled(f.text("label")), filled(f.text("button")).map(|b| b.value));
    let hidden: Vec<(String, String)> =
        f.pairs("hidden").into_iter().map(|(k, v)| (k.value, v.value)).collect();
    let before = f.errors.len();
    match &action {
        Some(a) => {
            let scheme = crate::markdown::scheme(&a.value);
            if scheme.as_deref().is_some_and(|s| s != "https" && s != "http") || a.value.starts_with("//") {
                let msg = format!("`{}` cannot be used as `action`: a form is sent to an https:// address", a.value);
                f.errors.push(a.span.error(path, msg).with_hint("copy the form address your newsletter provider gives, e.g. `action: https://list.example/subscribe`"));
            }
        }
        None => f.errors.push(f.fence.error(path, "the form has no `action`").with_hint("add the address your newsletter provider gives for its sign-up form, e.g. `action: https://list.example/subscribe`")),
    }
    if field.is_none() {
        f.errors.push(
            f.fence
                .error(path, "the form has no `email_field`")
                .with_hint("add the name your provider gives the e-mail field, e.g. `email_field: EMAIL`"),
        );
    }
    let (Some(action), Some(field), true) = (action, field, f.errors.len() == before) else {
        return (None, button);
    };
    let label = label.map_or_else(|| "Your e-mail address".to_string(), |l| l.value);
    (Some(Form { action: action.value, email_field: field.value, label, hidden }), button)
}

/// `cta_defaults:`: each name one of `blocks`, each stage one of `stages`.
fn defaults(f: &mut Fields<'_>, path: &Path, blocks: &[Block], stages: &[String]) -> Defaults {
    let mut out = Defaults::default();
    let Some(mut g) = f.group("cta_defaults") else { return out };
    let known = |g: &mut Fields<'_>, name: &Located<String>| {
        let found = blocks.iter().any(|b| b.name == name.value.trim());
        if !found && !blocks.is_empty() {
            g.errors.push(unknown(path, name, blocks));
        }
        found
    };
    if let Some(site) = filled(g.text("site"))
        && known(&mut g, &site)
    {
        out.site = Some(site.value);
    }
    for (stage, name) in g.pairs("stages") {
        let Some(s) = stages::find(stages, &stage.value) else {
            let msg = format!("`{}` is not one of the site's buying stages", stage.value);
            let d = stage.span.error(path, msg).with_hint(stages::unknown_hint(stages, &stage.value));
            g.errors.push(d);
            continue;
        };
        if known(&mut g, &name) {
            out.stages.push((s.to_string(), name.value.trim().to_string()));
        }
    }
    for (tag, name) in g.pairs("tags") {
        if known(&mut g, &name) {
            out.tags.push((slugify(&tag.value), name.value.trim().to_string()));
        }
    }
    f.absorb(g);
    out
}

/// The error for a name that is no call to action of the site.
fn unknown(path: &Path, name: &Located<String>, blocks: &[Block]) -> Diagnostic {
    let written = name.value.trim();
    let names = blocks.iter().map(|b| format!("`{}`", b.name)).collect::<Vec<_>>().join(", ");
    let hint = match did_you_mean(written, blocks.iter().map(|b| b.name.as_str())) {
        Some(dym) => format!("{dym} The calls to action are {names} (`calls_to_action:` in site.yaml)"),
        None => format!("the calls to action are {names} (`calls_to_action:` in site.yaml)"),
    };
    name.span.error(path, format!("there is no call to action `{written}`")).with_hint(hint)
}

/// An error for each block's image that is not one of the site's files (`exists`
/// says whether a site path is).
pub(crate) fn missing_images(ctas: &Ctas, exists: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
    let missing = ctas.blocks.iter().filter_map(|b| match &b.action {
        Action::Link { image: Some(i), .. } if !exists(&i.path) => Some((i, b.image_at.clone()?)),
        _ => None,
    });
    missing
        .map(|(i, (line, column, text))| {
            let msg = format!("`image` names `/{}`, which is not a file of the site", i.path);
            let span = crate::model::Span { line, column, text };
            span.error(Path::new("site.yaml"), msg)
                .with_hint(format!("put the image at static/{}, or correct the path", i.path))
        })
        .collect()
}

/// A post's `cta:`: a block's name, or `false` for none.
pub(crate) fn pick(f: &mut Fields<'_>, path: &Path, ctas: &Ctas) -> CtaPick {
    let Some(written) = filled(f.text("cta")) else { return CtaPick::Default };
    match written.value.as_str() {
        "false" => CtaPick::Off,
        "true" => {
            let d = written.span.error(path, "`cta: true` does not say which call to action to show");
            f.errors.push(d.with_hint(
                "write the name of one, like `cta: newsletter`; without `cta:` the site's default is shown",
            ));
            CtaPick::Default
        }
        name if ctas.block(name).is_some() => CtaPick::Named(name.to_string()),
        _ if ctas.blocks.is_empty() => {
            let d = written.span.error(path, format!("there is no call to action `{}`", written.value));
            f.errors.push(d.with_hint(
                "define it under `calls_to_action:` in site.yaml (if site.yaml has problems, they are said above)",
            ));
            CtaPick::Default
        }
        _ => {
            f.errors.push(unknown(path, &written, &ctas.blocks));
            CtaPick::Default
        }
    }
}

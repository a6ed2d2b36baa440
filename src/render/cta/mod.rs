//! Calls to action on post pages: which block a post shows (its own `cta:`, else
//! the default of its first tag that has one, else its stage's, else the site's),
//! the block as the `partials/cta.html` template sees it, with its links counted
//! when `campaign_links` is on, and where it goes. Only the post page shows them:
//! the body's HTML that feeds, summaries, cards and JSON-LD read is never touched.

mod place;

use serde::Serialize;

pub(in crate::render) use place::mid;

use crate::address::slugify;
use crate::config::Config;
use crate::config::cta::{Action, Block, CtaPick};
use crate::model::{Author, Post, Site};
use crate::render::campaign::{self, Campaign};
use crate::support::diagnostic::Diagnostic;

/// A call to action as the template shows it: every address absolute and checked.
#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct CtaView {
    /// The block's name, as site.yaml gives it.
    pub name: String,
    /// The name as it can stand in an element id.
    pub id: String,
    /// `link`, `form` or `author`.
    pub kind: &'static str,
    pub heading: String,
    pub text: Option<String>,
    pub button: String,
    /// Where the button leads (links and "talk to the author").
    pub url: Option<String>,
    pub image: Option<CtaImage>,
    pub form: Option<FormView>,
}

#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct CtaImage {
    pub src: String,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct FormView {
    pub action: String,
    pub email_field: String,
    pub label: String,
    pub hidden: Vec<Hidden>,
}

#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct Hidden {
    pub name: String,
    pub value: String,
}

/// The name of the block the post asks for, or that the defaults give it.
fn wanted<'c>(config: &'c Config, post: &'c Post) -> Option<&'c str> {
    let d = &config.calls_to_action.defaults;
    match &post.cta {
        CtaPick::Off => None,
        CtaPick::Named(name) => Some(name),
        CtaPick::Default => {
            let by_tag = post.tags.iter().find_map(|t| {
                let slug = slugify(t);
                d.tags.iter().find(|(tag, _)| *tag == slug).map(|(_, n)| n.as_str())
            });
            let by_stage = || {
                let stage = post.stage.as_deref()?;
                d.stages.iter().find(|(s, _)| s == stage).map(|(_, n)| n.as_str())
            };
            by_tag.or_else(by_stage).or(d.site.as_deref())
        }
    }
}

/// Where readers reach an author: their e-mail, else their website.
fn contact(author: &Author) -> Option<String> {
    match &author.email {
        Some(e) => Some(format!("mailto:{e}")),
        None => author.social.iter().find(|l| l.network == "website").map(|l| l.url.clone()),
    }
}

/// The block post `i` shows, with its first author when it talks to them: the
/// one it asks for, or, for "talk to the author" when the author gives no way to
/// reach them, the site's default (if that can be shown).
fn chosen<'s>(site: &'s Site, post: &Post) -> Option<(&'s Block, Option<&'s Author>)> {
    let ctas = &site.config.calls_to_action;
    let author = post.authors.first().and_then(|id| site.author(id));
    let usable = |b: &'s Block| match b.action {
        Action::Author => author.filter(|a| contact(a).is_some()).map(|a| (b, Some(a))),
        _ => Some((b, None)),
    };
    let block = ctas.block(wanted(&site.config, post)?)?;
    usable(block).or_else(|| ctas.defaults.site.as_deref().and_then(|n| ctas.block(n)).and_then(usable))
}

/// The block post `post` shows on its page, if any.
pub(in crate::render) fn view(site: &Site, post: &Post) -> Option<CtaView> {
    let (block, author) = chosen(site, post)?;
    let c = &site.config;
    let counted = Campaign { source: None, medium: "cta", campaign: &post.slug, content: Some(&block.name) };
    let link = |url: &str| {
        let url = absolute(c, url);
        if c.campaign_links && !url.starts_with(&c.base_url) { campaign::tag(&url, &counted) } else { url }
    };
    let mut v = CtaView {
        name: block.name.clone(),
        id: slugify(&block.name),
        kind: "link",
        heading: block.heading.clone().unwrap_or_default(),
        text: block.text.clone(),
        button: block.button.clone().unwrap_or_default(),
        url: None,
        image: None,
        form: None,
    };
    match &block.action {
        Action::Link { url, image } => {
            v.url = Some(link(url));
            v.image = image.as_ref().map(|i| CtaImage { src: c.url(&i.path), alt: i.alt.clone() });
        }
        Action::Form(f) => {
            v.kind = "form";
            v.form = Some(FormView {
                action: absolute(c, &f.action),
                email_field: f.email_field.clone(),
                label: f.label.clone(),
                hidden: f.hidden.iter().map(|(n, v)| Hidden { name: n.clone(), value: v.clone() }).collect(),
            });
        }
        Action::Author => {
            let author = author?;
            v.kind = "author";
            v.url = contact(author).map(|u| link(&u));
            if block.heading.is_none() {
                v.heading = format!("Talk to {}", author.name);
            }
            if block.button.is_none() {
                v.button = "Get in touch".into();
            }
        }
    }
    Some(v)
}

/// An address as written in site.yaml, absolute: a site path joined to the base URL.
fn absolute(c: &Config, url: &str) -> String {
    match crate::markdown::scheme(url) {
        Some(_) => url.to_string(),
        None => c.url(url),
    }
}

/// The block's HTML at `place` (`mid` or `end`), from `partials/cta.html`.
pub(in crate::render) fn html(
    env: &crate::render::output::Env,
    cta: &CtaView,
    place: &str,
) -> Result<String, Diagnostic> {
    #[derive(Serialize)]
    struct Vars<'a> {
        cta: &'a CtaView,
        place: &'a str,
        /// Unique on the page: a block shown twice is shown at two places.
        id: String,
    }
    let vars = Vars { cta, place, id: format!("cta-{place}-{}", cta.id) };
    env.templates.render("partials/cta.html", &vars)
}

/// What `byline check` says about calls to action: each post that asks to talk
/// to an author who gives no e-mail or website (it shows the site's default).
pub(crate) fn warnings(site: &Site) -> Vec<Diagnostic> {
    let ctas = &site.config.calls_to_action;
    let mut out = Vec::new();
    for p in &site.posts {
        let Some(block) = wanted(&site.config, p).and_then(|n| ctas.block(n)) else { continue };
        let author = p.authors.first().and_then(|id| site.author(id));
        if !matches!(block.action, Action::Author) || author.is_some_and(|a| contact(a).is_some()) {
            continue;
        }
        let name = author.map_or_else(|| p.authors.first().cloned().unwrap_or_default(), |a| a.name.clone());
        let shown = match chosen(site, p) {
            Some((b, _)) => format!("the site's default call to action `{}` is shown instead", b.name),
            None => "no call to action is shown".into(),
        };
        let msg = format!(
            "the call to action `{}` offers to talk to {name}, who gives no e-mail or website: {shown}",
            block.name
        );
        let line = p.author_spans.first().map_or(1, |s| s.line);
        let d = Diagnostic::warning(&p.source, msg).at_line(line).with_code("cta-no-contact");
        out.push(d.with_hint(format!("add `email:` or `social: {{website: ...}}` to {name}'s author file")));
    }
    out
}

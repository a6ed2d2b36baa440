//! A Hugo site's configuration: `hugo.toml`, `config.toml` and their YAML and
//! JSON forms, at the top or in `config/_default/`. Keys are read whatever their
//! case, as Hugo reads them.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use crate::import::Settings;
use crate::import::front::{self, json_of};
use crate::support::diagnostic::Diagnostic;

/// What the configuration says that the import needs.
#[derive(Debug, Default)]
pub(crate) struct Config {
    pub settings: Settings,
    /// Section → pattern, from `permalinks` (or `permalinks.page`).
    pub permalinks: Vec<(String, String)>,
    /// `params.mainSections`, when given.
    pub main_sections: Vec<String>,
    /// `params.author`: who wrote a post that names no one.
    pub author: Option<String>,
}

/// The value of `key` in `map`, whatever its case.
pub(crate) fn get<'a>(map: &'a Map<String, Json>, key: &str) -> Option<&'a Json> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v).filter(|v| !v.is_null())
}

fn get_text(map: &Map<String, Json>, key: &str) -> Option<String> {
    get(map, key).and_then(front::text).filter(|s| !s.trim().is_empty())
}

/// The configuration file of the site at `source`, if it has one.
fn file(source: &Path) -> Option<PathBuf> {
    let dirs = [source.to_path_buf(), source.join("config/_default")];
    dirs.iter()
        .flat_map(|d| {
            ["hugo", "config"]
                .iter()
                .flat_map(move |n| ["toml", "yaml", "yml", "json"].map(|e| d.join(format!("{n}.{e}"))))
        })
        .find(|p| p.is_file())
}

/// Reads the configuration as JSON values.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Map<String, Json>, Diagnostic> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => front::parse_toml(path, text, 0, text),
        Some("json") => serde_json::from_str::<Map<String, Json>>(text).map_err(|e| {
            Diagnostic::error(path, format!("this JSON cannot be read: {e}")).at(text, e.line(), e.column())
        }),
        _ => {
            let (entries, _) = front::lenient_yaml(path, text, text, 0)?;
            Ok(entries.iter().map(|e| (e.key.clone(), json_of(&e.value))).collect())
        }
    }
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("the file cannot be read: {e}")))
}

/// Reads the site's configuration; a site without one has defaults.
pub(crate) fn read(source: &Path) -> Result<Config, Diagnostic> {
    let mut map = match file(source) {
        Some(path) => parse(&path, &read_text(&path)?)?,
        None => Map::new(),
    };
    // `config/_default/params.toml` and the like hold one key each.
    for path in crate::import::scan::files(&source.join("config/_default"), &["toml", "yaml", "yml", "json"])
    {
        let Some(key) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if key != "hugo" && key != "config" && path.parent() == Some(source.join("config/_default").as_path())
        {
            map.insert(key.to_string(), Json::Object(parse(&path, &read_text(&path)?)?));
        }
    }
    let params = get(&map, "params").and_then(Json::as_object).cloned().unwrap_or_default();
    let settings = Settings {
        title: get_text(&map, "title"),
        description: get_text(&params, "description").or_else(|| get_text(&map, "description")),
        base_url: get_text(&map, "baseURL").map(|u| u.trim_end_matches('/').to_string()),
        language: get_text(&map, "languageCode").or_else(|| get_text(&map, "defaultContentLanguage")),
    };
    let mut permalinks = Vec::new();
    if let Some(Json::Object(p)) = get(&map, "permalinks") {
        let page = get(p, "page").and_then(Json::as_object);
        for (section, pattern) in page.unwrap_or(p) {
            if let Some(pattern) = front::text(pattern) {
                permalinks.push((section.clone(), pattern));
            }
        }
    }
    let main_sections = front::list(get(&params, "mainSections"), false);
    let author = match get(&params, "author") {
        Some(Json::Object(a)) => get_text(a, "name"),
        other => other.and_then(front::text),
    };
    Ok(Config { settings, permalinks, main_sections, author })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_yaml_and_json_configurations_are_read_alike() {
        let toml = "baseURL = 'https://x.example/'\ntitle = 'T'\nlanguageCode = 'en-us'\n[params]\ndescription = 'D'\n[permalinks]\nposts = '/:year/:slug/'\n";
        let yaml = "baseurl: https://x.example/\ntitle: T\nlanguagecode: en-us\nparams:\n  description: D\npermalinks:\n  page:\n    posts: /:year/:slug/\n";
        let json = r#"{"baseURL": "https://x.example/", "title": "T", "languageCode": "en-us", "params": {"description": "D"}, "permalinks": {"posts": "/:year/:slug/"}}"#;
        for (name, text) in [("hugo.toml", toml), ("hugo.yaml", yaml), ("hugo.json", json)] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(name), text).unwrap();
            let c = read(dir.path()).unwrap();
            assert_eq!(c.settings.base_url.as_deref(), Some("https://x.example"), "{name}");
            assert_eq!(c.settings.description.as_deref(), Some("D"), "{name}");
            assert_eq!(c.settings.language.as_deref(), Some("en-us"), "{name}");
            assert_eq!(c.permalinks, [("posts".to_string(), "/:year/:slug/".to_string())], "{name}");
        }
    }

    #[test]
    fn a_split_configuration_in_config_default_is_read_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("config/_default");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("hugo.toml"), "title = 'T'\n").unwrap();
        std::fs::write(d.join("params.yaml"), "description: D\nmainSections: [articles]\n").unwrap();
        std::fs::write(d.join("permalinks.toml"), "articles = '/:slug/'\n").unwrap();
        let c = read(dir.path()).unwrap();
        assert_eq!((c.settings.title.as_deref(), c.settings.description.as_deref()), (Some("T"), Some("D")));
        assert_eq!(c.main_sections, ["articles"]);
        assert_eq!(c.permalinks, [("articles".to_string(), "/:slug/".to_string())]);
    }
}

//! Social profiles: turns what people write (`@ada`, `@ada@hachyderm.io`, a URL)
//! into one profile URL with a display label, the same way for authors and for the
//! organization.

pub(crate) use crate::model::SocialLink;

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

fn label_for(network: &str) -> String {
    match network {
        "twitter" | "x" => "X".into(),
        "linkedin" => "LinkedIn".into(),
        "github" => "GitHub".into(),
        "gitlab" => "GitLab".into(),
        "mastodon" => "Mastodon".into(),
        "bluesky" => "Bluesky".into(),
        "website" => "Website".into(),
        "youtube" => "YouTube".into(),
        other => {
            let mut c = other.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// Resolves one `network: value` pair. The error is a plain sentence for the user.
pub(crate) fn resolve(network: &str, value: &str) -> Result<SocialLink, String> {
    let network = network.trim().to_lowercase();
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("the `{network}` profile is empty"));
    }
    let bare = value.trim_start_matches('@');
    let simple_handle =
        !bare.is_empty() && bare.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let (url, handle) = match network.as_str() {
        "twitter" | "x" => {
            if is_url(value) {
                let h = value.trim_end_matches('/').rsplit('/').next().map(str::to_string);
                (value.to_string(), h)
            } else if simple_handle {
                (format!("https://x.com/{bare}"), Some(bare.to_string()))
            } else {
                return Err(format!("`{value}` is not an X handle or URL"));
            }
        }
        "linkedin" if !is_url(value) => {
            let path = value.trim_start_matches('/');
            if path.starts_with("in/") || path.starts_with("company/") {
                (format!("https://www.linkedin.com/{path}"), None)
            } else if simple_handle {
                (format!("https://www.linkedin.com/in/{bare}"), None)
            } else {
                return Err(format!("`{value}` is not a LinkedIn name or URL"));
            }
        }
        "github" | "gitlab" if !is_url(value) && simple_handle => {
            (format!("https://{network}.com/{bare}"), Some(bare.to_string()))
        }
        "mastodon" if !is_url(value) => {
            let mut parts = bare.splitn(2, '@');
            match (parts.next(), parts.next()) {
                (Some(user), Some(host)) if !user.is_empty() && host.contains('.') => {
                    (format!("https://{host}/@{user}"), Some(format!("{user}@{host}")))
                }
                _ => {
                    return Err(format!(
                        "`{value}` is not a Mastodon address: write it as `@user@server.social`"
                    ));
                }
            }
        }
        "bluesky" if !is_url(value) && simple_handle => {
            let h = if bare.contains('.') { bare.to_string() } else { format!("{bare}.bsky.social") };
            (format!("https://bsky.app/profile/{h}"), Some(h))
        }
        _ if is_url(value) => (value.to_string(), None),
        _ if value.contains('.') && !value.contains(' ') => (format!("https://{value}"), None),
        _ => {
            return Err(format!(
                "`{value}` is not a link: write the full address of the `{network}` profile, starting with https://"
            ));
        }
    };
    Ok(SocialLink { label: label_for(&network), network, url, handle })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_handles_become_profile_urls() {
        assert_eq!(resolve("twitter", "@ada").unwrap().url, "https://x.com/ada");
        assert_eq!(resolve("x", "ada").unwrap().handle.as_deref(), Some("ada"));
        assert_eq!(resolve("linkedin", "ada-l").unwrap().url, "https://www.linkedin.com/in/ada-l");
        assert_eq!(resolve("github", "ada").unwrap().url, "https://github.com/ada");
        assert_eq!(resolve("mastodon", "@ada@hachyderm.io").unwrap().url, "https://hachyderm.io/@ada");
        assert_eq!(resolve("bluesky", "ada").unwrap().url, "https://bsky.app/profile/ada.bsky.social");
        assert_eq!(resolve("website", "ada.dev").unwrap().url, "https://ada.dev");
        assert_eq!(resolve("dribbble", "https://dribbble.com/ada").unwrap().label, "Dribbble");
    }

    #[test]
    fn nonsense_is_refused_plainly() {
        assert!(resolve("mastodon", "ada").unwrap_err().contains("@user@server"));
        assert!(resolve("dribbble", "ada lovelace").is_err());
        assert!(resolve("x", "").is_err());
    }
}

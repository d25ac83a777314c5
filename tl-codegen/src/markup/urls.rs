//! Links in descriptions: made absolute, pointed at the canonical site, and written so
//! Markdown reads them as one destination.

/// The canonical documentation site. mtcute scrapes `corefork.telegram.org`, Telegram's
/// mirror of the same pages (it sometimes runs ahead of `core`); links are rewritten to
/// `core.telegram.org`, the address Telegram publishes and keeps.
pub const SITE: &str = "https://core.telegram.org";

const MIRRORS: &[&str] = &[
    "https://corefork.telegram.org",
    "http://corefork.telegram.org",
];

/// `href` made absolute against `page` (the URL of the page the description is from), on
/// the canonical site; `None` for links that lead nowhere useful (empty, `javascript:`).
pub fn absolute(href: &str, page: &str) -> Option<String> {
    let href = href.trim();
    let url = if href.is_empty() {
        return None;
    } else if href.starts_with('#') {
        let page = page.split('#').next().unwrap_or(page);
        format!("{page}{href}")
    } else if let Some(rest) = href.strip_prefix("//") {
        format!("https://{rest}")
    } else if href.starts_with('/') {
        format!("{}{href}", origin(page))
    } else if let Some(scheme) = scheme(href) {
        if !matches!(scheme.as_str(), "http" | "https" | "mailto" | "tg" | "tel") {
            return None;
        }
        href.to_owned()
    } else {
        let directory = match page.rfind('/') {
            Some(slash) if slash > origin(page).len() => &page[..=slash],
            _ => return Some(format!("{}/{href}", origin(page))),
        };
        format!("{directory}{href}")
    };
    Some(canonical(&url))
}

/// A URL on the canonical site instead of a mirror.
pub fn canonical(url: &str) -> String {
    for mirror in MIRRORS {
        if let Some(rest) = url.strip_prefix(mirror) {
            if rest.is_empty() || rest.starts_with(['/', '#', '?']) {
                return format!("{SITE}{rest}");
            }
        }
    }
    url.to_owned()
}

/// `https://core.telegram.org` of `https://core.telegram.org/method/x`.
fn origin(page: &str) -> &str {
    let after_scheme = page.find("://").map_or(0, |i| i + 3);
    match page[after_scheme..].find('/') {
        Some(slash) => &page[..after_scheme + slash],
        None => page,
    }
}

fn scheme(href: &str) -> Option<String> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// A URL as a Markdown link destination: the characters that would end it or confuse a
/// table are percent-encoded.
pub fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            '|' => out.push_str("%7C"),
            '`' => out.push_str("%60"),
            c if c.is_control() => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The bare URLs (`https://fragment.com`) in plain text, as byte ranges: from the scheme
/// to before whitespace, with trailing punctuation and unbalanced closing brackets left
/// out (`see https://a.b/c).` ends at `c`).
pub fn bare_urls(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = find_scheme(&text[from..]).map(|i| from + i) {
        let starts_word = text[..at]
            .chars()
            .next_back()
            .map_or(true, |c| !c.is_alphanumeric());
        let length = text[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(text.len() - at);
        let mut end = at + length;
        loop {
            let url = &text[at..end];
            let Some(last) = url.chars().next_back() else {
                break;
            };
            let unbalanced = match last {
                ')' => url.matches('(').count() < url.matches(')').count(),
                ']' => url.matches('[').count() < url.matches(']').count(),
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' => true,
                _ => false,
            };
            if !unbalanced {
                break;
            }
            end -= last.len_utf8();
        }
        let has_host = text[at..end]
            .split_once("://")
            .is_some_and(|(_, host)| !host.is_empty());
        if starts_word && has_host {
            found.push(at..end);
        }
        from = end.max(at + 1);
    }
    found
}

fn find_scheme(text: &str) -> Option<usize> {
    match (text.find("https://"), text.find("http://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://core.telegram.org/method/messages.exportChatInvite";

    #[test]
    fn links_are_made_absolute_on_the_canonical_site() {
        let abs = |href| absolute(href, PAGE);
        assert_eq!(
            abs("https://corefork.telegram.org/api/stars#star-subscriptions").as_deref(),
            Some("https://core.telegram.org/api/stars#star-subscriptions")
        );
        assert_eq!(
            abs("/api/links").as_deref(),
            Some("https://core.telegram.org/api/links")
        );
        assert_eq!(
            abs("#possible-errors").as_deref(),
            Some("https://core.telegram.org/method/messages.exportChatInvite#possible-errors")
        );
        assert_eq!(
            abs("//telegram.org/img/x.png").as_deref(),
            Some("https://telegram.org/img/x.png")
        );
        assert_eq!(
            abs("mailto:email@example.com").as_deref(),
            Some("mailto:email@example.com")
        );
        assert_eq!(
            abs("other").as_deref(),
            Some("https://core.telegram.org/method/other")
        );
        assert_eq!(abs("javascript:alert(1)"), None);
        assert_eq!(abs("  "), None);
        assert_eq!(
            abs("https://corefork.telegram.org.evil.example/").as_deref(),
            Some("https://corefork.telegram.org.evil.example/")
        );
        assert_eq!(
            absolute("x", "https://core.telegram.org").as_deref(),
            Some("https://core.telegram.org/x")
        );
    }

    #[test]
    fn destinations_have_no_markdown_delimiters() {
        assert_eq!(
            destination("https://en.wikipedia.org/wiki/A_(b) c|d"),
            "https://en.wikipedia.org/wiki/A_%28b%29%20c%7Cd"
        );
    }

    #[test]
    fn bare_urls_end_before_punctuation() {
        let urls = |text: &str| {
            bare_urls(text)
                .into_iter()
                .map(|r| text[r].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            urls("can be purchased on https://fragment.com."),
            ["https://fragment.com"]
        );
        assert_eq!(
            urls("(see https://en.wikipedia.org/wiki/A_(b)), and http://x.y/z!"),
            ["https://en.wikipedia.org/wiki/A_(b)", "http://x.y/z"]
        );
        assert_eq!(
            urls("nohttps://x.y https:// https://é.fr/ü"),
            ["https://é.fr/ü"]
        );
    }
}

//! Reading descriptions into inline nodes.
//!
//! Telegram's descriptions (as mtcute stores them) are HTML fragments scraped from the
//! site: `<a href>`, `<code>`, `<strong>`, `<em>`, `<del>`, `<br>`, `<img alt>` (emoji),
//! entities. Some error descriptions are Markdown instead (`[text](url)`, `` `code` ``),
//! mtcute writes its own links as `{@link contacts.RawImportContactsRequest}`, and
//! descriptions also hold `<` as plain text (`<code>"_by_<bot_username>"</code>`,
//! `end_minute < start_minute`). So the reader is tolerant: only known tags are tags,
//! everything inside `<code>` is text, anything else stays text as written.

use super::Format;

/// A piece of a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Text as it reads (entities decoded). Newlines are whitespace; two or more in a row
    /// separate paragraphs.
    Text(String),
    /// Literal text in a monospace font.
    Code(String),
    Link {
        href: String,
        children: Vec<Inline>,
    },
    /// mtcute's `{@link Name}`: its TypeScript name of a constructor, function or type.
    Reference(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strike(Vec<Inline>),
    /// `<br>`.
    LineBreak,
    /// `<p>` or `</p>`.
    ParagraphBreak,
}

/// Reads a description of the given format.
pub fn parse(text: &str, format: Format) -> Vec<Inline> {
    match format {
        Format::Plain => vec![Inline::Text(text.to_owned())],
        Format::Html => Parser::default().run(text),
    }
}

/// An element whose children are being read.
enum Container {
    Root,
    Link(String),
    Strong,
    Emphasis,
    Strike,
}

impl Container {
    fn closed_by(&self, tag: &str) -> bool {
        match self {
            Container::Root => false,
            Container::Link(_) => tag == "a",
            Container::Strong => matches!(tag, "strong" | "b"),
            Container::Emphasis => matches!(tag, "em" | "i"),
            Container::Strike => matches!(tag, "del" | "s" | "strike"),
        }
    }

    fn wrap(self, children: Vec<Inline>) -> Vec<Inline> {
        match self {
            Container::Root => children,
            Container::Link(href) => vec![Inline::Link { href, children }],
            Container::Strong => vec![Inline::Strong(children)],
            Container::Emphasis => vec![Inline::Emphasis(children)],
            Container::Strike => vec![Inline::Strike(children)],
        }
    }
}

#[derive(Default)]
struct Parser {
    /// Open elements, outermost first, each with the children read so far.
    stack: Vec<(Container, Vec<Inline>)>,
    text: String,
}

impl Parser {
    fn run(mut self, input: &str) -> Vec<Inline> {
        self.stack.push((Container::Root, Vec::new()));
        let mut rest = input;
        while let Some(c) = rest.chars().next() {
            let consumed = match c {
                '<' => self.tag(rest),
                '&' => entity(rest).map(|(decoded, len)| {
                    self.text.push_str(&decoded);
                    len
                }),
                '{' => self.reference(rest),
                '`' => self.markdown_code(rest),
                '[' => self.markdown_link(rest),
                '*' => self.markdown_strong(rest),
                _ => None,
            };
            let len = consumed.unwrap_or_else(|| {
                self.text.push(c);
                c.len_utf8()
            });
            rest = &rest[len..];
        }
        self.flush();
        // Elements left open end with the text.
        while self.stack.len() > 1 {
            self.close_top();
        }
        self.stack
            .pop()
            .map(|(_, children)| children)
            .unwrap_or_default()
    }

    fn push(&mut self, inline: Inline) {
        self.flush();
        if let Some((_, children)) = self.stack.last_mut() {
            children.push(inline);
        }
    }

    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        if let Some((_, children)) = self.stack.last_mut() {
            children.push(Inline::Text(text));
        }
    }

    fn close_top(&mut self) {
        self.flush();
        if self.stack.len() < 2 {
            return;
        }
        if let Some((container, children)) = self.stack.pop() {
            let wrapped = container.wrap(children);
            if let Some((_, parent)) = self.stack.last_mut() {
                parent.extend(wrapped);
            }
        }
    }

    /// A known tag at the start of `rest`; returns the bytes it takes.
    fn tag(&mut self, rest: &str) -> Option<usize> {
        let tag = Tag::parse(rest)?;
        match (tag.name.as_str(), tag.closing) {
            ("code" | "pre", false) => {
                // Raw text up to the closing tag: code holds `<`, `<pre>`, even `<a href>`.
                let body = &rest[tag.len..];
                let close = format!("</{}>", tag.name);
                let end = find_ignore_ascii_case(body, &close);
                let (code, after) = match end {
                    Some(end) => (&body[..end], tag.len + end + close.len()),
                    None => (body, rest.len()),
                };
                self.push(Inline::Code(decode_entities(code)));
                Some(after)
            }
            ("code" | "pre", true) => Some(tag.len), // stray: drop it
            ("br", _) => {
                self.push(Inline::LineBreak);
                Some(tag.len)
            }
            ("p", _) => {
                self.push(Inline::ParagraphBreak);
                Some(tag.len)
            }
            ("img", _) => {
                if let Some(alt) = tag.attribute("alt") {
                    self.text.push_str(&decode_entities(alt));
                }
                Some(tag.len)
            }
            ("span" | "u", _) => Some(tag.len), // no meaning for rustdoc
            (name, true) => {
                // Close the nearest element this tag closes, and what is open inside it.
                if let Some(depth) = self.stack.iter().rposition(|(c, _)| c.closed_by(name)) {
                    while self.stack.len() > depth {
                        self.close_top();
                    }
                }
                Some(tag.len)
            }
            (name, false) => {
                let container = match name {
                    "a" => Container::Link(decode_entities(tag.attribute("href").unwrap_or(""))),
                    "strong" | "b" => Container::Strong,
                    "em" | "i" => Container::Emphasis,
                    "del" | "s" | "strike" => Container::Strike,
                    _ => return None,
                };
                self.flush();
                self.stack.push((container, Vec::new()));
                Some(tag.len)
            }
        }
    }

    /// `{@link Name}`.
    fn reference(&mut self, rest: &str) -> Option<usize> {
        let body = rest.strip_prefix("{@link ")?;
        let end = body.find('}')?;
        let name = body[..end].trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        self.push(Inline::Reference(name.to_owned()));
        Some("{@link ".len() + end + 1)
    }

    /// `` `code` `` (Markdown in some error descriptions).
    fn markdown_code(&mut self, rest: &str) -> Option<usize> {
        let body = &rest[1..];
        let end = body.find('`')?;
        if end == 0 || body[..end].contains('\n') {
            return None;
        }
        self.push(Inline::Code(decode_entities(&body[..end])));
        Some(end + 2)
    }

    /// `**strong**` (Markdown in some error descriptions), on one line, hugging its text.
    fn markdown_strong(&mut self, rest: &str) -> Option<usize> {
        let body = rest.strip_prefix("**")?;
        let end = body.find("**")?;
        let inner = &body[..end];
        let hugs = !inner.starts_with(char::is_whitespace) && !inner.ends_with(char::is_whitespace);
        if inner.is_empty() || !hugs || inner.contains('\n') {
            return None;
        }
        let children = Parser::default().run(inner);
        self.push(Inline::Strong(children));
        Some(end + 4)
    }

    /// `[text](url)` (Markdown in some error descriptions). Only with an absolute or
    /// site-relative URL, so `messages[0]` and the like stay text.
    fn markdown_link(&mut self, rest: &str) -> Option<usize> {
        let close = rest.find("](")?;
        let label = &rest[1..close];
        if label.is_empty() || label.contains(['[', ']', '\n']) {
            return None;
        }
        let after = &rest[close + 2..];
        let end = after.find(')')?;
        let href = &after[..end];
        let plausible = href.starts_with("http://")
            || href.starts_with("https://")
            || href.starts_with('/')
            || href.starts_with('#');
        if !plausible || href.contains(char::is_whitespace) {
            return None;
        }
        let children = Parser::default().run(label);
        self.push(Inline::Link {
            href: decode_entities(href),
            children,
        });
        Some(close + 2 + end + 1)
    }
}

/// An HTML tag: `<a href="...">`, `</code>`, `<br/>`.
struct Tag {
    name: String,
    closing: bool,
    attributes: Vec<(String, String)>,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl Tag {
    const KNOWN: &'static [&'static str] = &[
        "a", "b", "br", "code", "del", "em", "i", "img", "p", "pre", "s", "span", "strike",
        "strong", "u",
    ];

    fn parse(text: &str) -> Option<Tag> {
        let mut rest = text.strip_prefix('<')?;
        let closing = rest.starts_with('/');
        if closing {
            rest = &rest[1..];
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = &rest[name_len..];
        // `<bot_username>` is text, not a `<bot>` tag.
        let ends_name = rest.starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace());
        if !Self::KNOWN.contains(&name.as_str()) || !ends_name {
            return None;
        }
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
                let len = text.len() - after.len();
                return Some(Tag {
                    name,
                    closing,
                    attributes,
                    len,
                });
            }
            // `name="value"`, `name='value'`, `name=value` or `name`.
            let attr_len = rest
                .find(|c: char| c == '=' || c == '>' || c == '/' || c.is_whitespace())
                .unwrap_or(rest.len());
            if attr_len == 0 {
                return None; // `<`, `=` where a name should be: not a tag
            }
            let attr = rest[..attr_len].to_ascii_lowercase();
            rest = rest[attr_len..].trim_start();
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, remainder) = match after.chars().next()? {
                    quote @ ('"' | '\'') => {
                        let body = &after[1..];
                        let end = body.find(quote)?;
                        (&body[..end], &body[end + 1..])
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c == '>' || c.is_whitespace())
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = v;
                rest = remainder;
            }
            attributes.push((attr, value.to_owned()));
        }
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Text with its entities decoded (unknown ones stay as written).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `text` (`&amp;`, `&#187;`, `&#xbb;`) and its length.
fn entity(text: &str) -> Option<(String, usize)> {
    let body = text.strip_prefix('&')?;
    let end = body.find(';')?;
    if end == 0 || end > 10 {
        return None;
    }
    let name = &body[..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?.to_string()
    } else {
        match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => "\u{a0}",
            "raquo" => "»",
            "laquo" => "«",
            "mdash" => "—",
            "ndash" => "–",
            "hellip" => "…",
            "copy" => "©",
            "rarr" => "→",
            "larr" => "←",
            "times" => "×",
            _ => return None,
        }
        .to_owned()
    };
    Some((decoded, end + 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn html(text: &str) -> Vec<Inline> {
        parse(text, Format::Html)
    }

    fn text(s: &str) -> Inline {
        Text(s.to_owned())
    }

    #[test]
    fn tags_become_nodes() {
        assert_eq!(
            html(
                r##"For <a href="https://corefork.telegram.org/api/stars">Stars &raquo;</a>, <strong>see</strong> <code>x</code><br>y"##
            ),
            vec![
                text("For "),
                Link {
                    href: "https://corefork.telegram.org/api/stars".into(),
                    children: vec![text("Stars »")]
                },
                text(", "),
                Strong(vec![text("see")]),
                text(" "),
                Code("x".into()),
                LineBreak,
                text("y"),
            ]
        );
    }

    #[test]
    fn code_is_raw_text() {
        assert_eq!(
            html(
                r##"<code>"_by_<bot_username>"</code> and <code><a href="#target">anchor</a></code>"##
            ),
            vec![
                Code("\"_by_<bot_username>\"".into()),
                text(" and "),
                Code("<a href=\"#target\">anchor</a>".into()),
            ]
        );
        assert_eq!(html("<code>a &lt; b"), vec![Code("a < b".into())]);
    }

    #[test]
    fn unknown_tags_and_lone_brackets_are_text() {
        assert_eq!(
            html("a < b, <bot_username> and <blink>x</blink> (time() << 32)"),
            vec![text(
                "a < b, <bot_username> and <blink>x</blink> (time() << 32)"
            )]
        );
        assert_eq!(html("<a"), vec![text("<a")]);
        assert_eq!(html("<a href=\"x>"), vec![text("<a href=\"x>")]);
    }

    #[test]
    fn unbalanced_tags_do_not_lose_text() {
        assert_eq!(
            html("<strong>a <em>b</strong> c</em> d"),
            vec![
                Strong(vec![text("a "), Emphasis(vec![text("b")])]),
                text(" c d"),
            ]
        );
        assert_eq!(
            html("<a href=\"/x\">open"),
            vec![Link {
                href: "/x".into(),
                children: vec![text("open")]
            }]
        );
    }

    #[test]
    fn images_are_their_alt_text() {
        assert_eq!(
            html(
                r##"for now <img class="emoji" src="//telegram.org/img/emoji/40/F09F8F80.png" width="20" height="20" alt="🏀"> only"##
            ),
            vec![text("for now 🏀 only")]
        );
    }

    #[test]
    fn markdown_and_mtcute_links() {
        assert_eq!(
            html("An empty [file reference](https://core.telegram.org/api/file_reference), see `x` and {@link RawUser}; messages[0]"),
            vec![
                text("An empty "),
                Link {
                    href: "https://core.telegram.org/api/file_reference".into(),
                    children: vec![text("file reference")]
                },
                text(", see "),
                Code("x".into()),
                text(" and "),
                Reference("RawUser".into()),
                text("; messages[0]"),
            ]
        );
        assert_eq!(
            html("{offset_id_offset} `"),
            vec![text("{offset_id_offset} `")]
        );
        assert_eq!(
            html("another **perm_auth_key_id**, 2 ** 3, 7*24*60, ** x**"),
            vec![
                text("another "),
                Strong(vec![text("perm_auth_key_id")]),
                text(", 2 ** 3, 7*24*60, ** x**"),
            ]
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#187; &#xBB; &bogus; & c &#0;"),
            "a & b » » &bogus; & c &#0;"
        );
        assert_eq!(decode_entities("&#99999999999;"), "&#99999999999;");
    }

    #[test]
    fn plain_text_is_one_text() {
        assert_eq!(parse("a <b> [c]", Format::Plain), vec![text("a <b> [c]")]);
    }
}

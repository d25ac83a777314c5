//! Writing inline nodes as rustdoc Markdown, or as plain text for string data.
//!
//! The Markdown must mean to rustdoc what the description meant, and nothing more: text
//! is escaped where Markdown would read it as syntax (brackets that would be intra-doc
//! links, `<x>` that would be HTML tags, `*`, `_`, `` ` ``, a `-` or `1.` starting a line),
//! bare URLs become autolinks (`<https://...>`, which rustdoc's `bare_urls` lint asks
//! for), and in a table cell nothing may break the row (`|` is escaped, breaks are `<br>`).

use super::parse::Inline;
use super::urls;
use super::{Layout, Links};

/// Markdown for rustdoc.
pub fn markdown(nodes: &[Inline], layout: Layout, links: &Links<'_>) -> String {
    let mut writer = MarkdownWriter::new(layout, links, false);
    writer.nodes(nodes);
    match layout {
        Layout::Block => escape_line_starts(writer.out.trim()),
        Layout::TableCell => writer.out.trim().to_owned(),
    }
}

/// Plain text: what the description reads as, without markup.
pub fn plain(nodes: &[Inline], links: &Links<'_>) -> String {
    let mut out = String::new();
    plain_nodes(nodes, links, &mut out);
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    lines.join("\n").trim().to_owned()
}

fn plain_nodes(nodes: &[Inline], links: &Links<'_>, out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(text) => {
                for (i, paragraph) in paragraphs(text).enumerate() {
                    if i > 0 {
                        out.push_str("\n\n");
                    }
                    out.push_str(&paragraph);
                }
            }
            Inline::Code(code) => out.push_str(&code.replace(['\n', '\r'], " ")),
            Inline::Reference(name) => match (links.reference)(name) {
                Some((label, _)) => out.push_str(&label),
                None => out.push_str(name),
            },
            Inline::Link { children, .. }
            | Inline::Strong(children)
            | Inline::Emphasis(children)
            | Inline::Strike(children) => plain_nodes(children, links, out),
            Inline::LineBreak => out.push('\n'),
            Inline::ParagraphBreak => out.push_str("\n\n"),
        }
    }
}

/// A text node's paragraphs (two or more newlines apart), each with its whitespace runs
/// made single spaces. Edge spaces are kept: they separate the text from its neighbours.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut newlines = 0;
    let mut space = false;
    for c in text.chars() {
        if c == '\n' {
            newlines += 1;
            space = true;
        } else if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if newlines >= 2 {
                parts.push(std::mem::take(&mut current));
            } else if space {
                current.push(' ');
            }
            newlines = 0;
            space = false;
            current.push(c);
        }
    }
    if newlines >= 2 {
        parts.push(std::mem::take(&mut current));
    } else if space {
        current.push(' ');
    }
    parts.push(current);
    parts.into_iter()
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Paragraph,
}

struct MarkdownWriter<'a> {
    out: String,
    /// A break seen but not written yet: breaks are only written between content.
    pending: Break,
    layout: Layout,
    links: &'a Links<'a>,
    /// Inside a link's text: no links (Markdown has no nested links), no autolinks.
    in_link: bool,
}

impl<'a> MarkdownWriter<'a> {
    fn new(layout: Layout, links: &'a Links<'a>, in_link: bool) -> Self {
        MarkdownWriter {
            out: String::new(),
            pending: Break::None,
            layout,
            links,
            in_link,
        }
    }

    fn nodes(&mut self, nodes: &[Inline]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Inline) {
        match node {
            Inline::Text(text) => self.text(text),
            Inline::Code(code) => {
                let span = code_span(code, self.layout);
                self.content(&span);
            }
            Inline::Link { href, children } => self.link(href, children),
            Inline::Reference(name) => {
                let code = match (self.links.reference)(name) {
                    Some((label, url)) if !self.in_link => {
                        let label = code_span(&label, self.layout);
                        format!("[{label}]({})", urls::destination(&url))
                    }
                    Some((label, _)) => code_span(&label, self.layout),
                    None => code_span(name, self.layout),
                };
                self.content(&code);
            }
            Inline::Strong(children) => self.wrapped("**", children),
            Inline::Emphasis(children) => self.wrapped("*", children),
            Inline::Strike(children) => self.wrapped("~~", children),
            // `<br><br>` ends a paragraph.
            Inline::LineBreak => {
                self.pending = match self.pending {
                    Break::None => Break::Line,
                    _ => Break::Paragraph,
                }
            }
            Inline::ParagraphBreak => self.pending = self.pending.max(Break::Paragraph),
        }
    }

    /// Writes `markdown` (already escaped), after the pending break if there is one.
    fn content(&mut self, markdown: &str) {
        let mut markdown = markdown;
        if self.pending != Break::None {
            markdown = markdown.trim_start();
        }
        if markdown.is_empty() {
            return;
        }
        if self.pending != Break::None && !self.out.is_empty() {
            let trimmed = self.out.trim_end().len();
            self.out.truncate(trimmed);
            self.out.push_str(match (self.pending, self.layout) {
                (Break::Paragraph, Layout::Block) => "\n\n",
                (_, Layout::Block) => "\\\n",
                (Break::Paragraph, Layout::TableCell) => "<br><br>",
                (_, Layout::TableCell) => "<br>",
            });
        }
        self.pending = Break::None;
        self.out.push_str(markdown);
    }

    fn text(&mut self, text: &str) {
        for (i, paragraph) in paragraphs(text).enumerate() {
            if i > 0 {
                self.pending = Break::Paragraph;
            }
            let mut escaped = String::with_capacity(paragraph.len());
            let mut last = 0;
            if !self.in_link {
                for url in urls::bare_urls(&paragraph) {
                    escaped.push_str(&escape_text(&paragraph[last..url.start]));
                    escaped.push('<');
                    escaped.push_str(&paragraph[url.clone()]);
                    escaped.push('>');
                    last = url.end;
                }
            }
            escaped.push_str(&escape_text(&paragraph[last..]));
            self.content(&escaped);
        }
    }

    /// Renders `children` on their own, with the same settings.
    fn inner(&self, children: &[Inline], in_link: bool) -> String {
        let mut writer = MarkdownWriter::new(self.layout, self.links, in_link);
        writer.nodes(children);
        writer.out
    }

    /// `**strong**`: the delimiters hug the text, spaces go outside (`** a **` is not
    /// emphasis in Markdown).
    fn wrapped(&mut self, delimiter: &str, children: &[Inline]) {
        let inner = self.inner(children, self.in_link);
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            self.content(&inner);
            return;
        }
        let before = if inner.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let after = if inner.ends_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        self.content(&format!("{before}{delimiter}{trimmed}{delimiter}{after}"));
    }

    fn link(&mut self, href: &str, children: &[Inline]) {
        if self.in_link {
            self.nodes(children);
            return;
        }
        let label = self.inner(children, true);
        let label = label.trim();
        match urls::absolute(href, self.links.page) {
            Some(url) => {
                let label = if label.is_empty() {
                    // The URL as its own label, on one line like any text.
                    escape_text(&url.split_whitespace().collect::<Vec<_>>().join(" "))
                } else {
                    label.to_owned()
                };
                self.content(&format!("[{label}]({})", urls::destination(&url)));
            }
            None => self.content(label),
        }
    }
}

/// `` `code` ``, with a longer fence when the code holds backticks, on one line.
fn code_span(code: &str, layout: Layout) -> String {
    let code = code.replace(['\n', '\r'], " ");
    if code.trim().is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest >= 2 {
        // A fence of three backticks could start a code block at a line start: text is
        // safer for such rare code.
        return escape_text(&code);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    let code = match layout {
        Layout::TableCell => code.replace('|', "\\|"),
        Layout::Block => code,
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Text with every character Markdown would read as syntax escaped.
fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `snake_case` never starts emphasis; `_word_` would.
            '_' => {
                let inside_word = i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                if !inside_word {
                    out.push('\\');
                }
                out.push('_');
            }
            // `&amp;` would be read as an entity.
            '&' => {
                let name_len = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count();
                if name_len > 0 && chars.get(i + 1 + name_len) == Some(&';') {
                    out.push('\\');
                }
                out.push('&');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would start a block at the start of a line: a list (`- `, `+ `, `1. `),
/// a heading (`#`), a setext underline (`=`), a table row (`|`), indentation.
fn escape_line_starts(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for (i, line) in markdown.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        if line.starts_with(['-', '+', '=', '#']) {
            out.push('\\');
            out.push_str(line);
            continue;
        }
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && line[digits..].starts_with(['.', ')']) {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
            continue;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_collapse_whitespace() {
        let p: Vec<String> = paragraphs("a\n b\n\n\nc  d ").collect();
        assert_eq!(p, ["a b", "c d "]);
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_text("chat_id _x_ a*b [c] <d> a|b ~ \\ `"),
            "chat_id \\_x\\_ a\\*b \\[c\\] \\<d\\> a\\|b \\~ \\\\ \\`"
        );
        assert_eq!(escape_text("R&D &amp; &#1; &"), "R&D \\&amp; \\&#1; &");
    }

    #[test]
    fn line_starts() {
        assert_eq!(
            escape_line_starts("a\n- b\n  1. c\n# d\n12) e\n1x"),
            "a\n\\- b\n1\\. c\n\\# d\n12\\) e\n1x"
        );
    }

    #[test]
    fn code_spans() {
        assert_eq!(code_span("a`b", Layout::Block), "``a`b``");
        assert_eq!(code_span("```rust", Layout::Block), "\\`\\`\\`rust");
        assert_eq!(code_span("`x`", Layout::Block), "`` `x` ``");
        assert_eq!(code_span("a|b", Layout::TableCell), "`a\\|b`");
        assert_eq!(code_span(" ", Layout::Block), "");
    }
}

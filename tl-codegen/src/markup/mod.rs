//! Descriptions from documentation sources, rendered for rustdoc.
//!
//! Two sources: TDLib-style `//@` comments (plain text) and Telegram's site as mtcute
//! stores it (HTML with some Markdown). Both become Markdown that rustdoc reads as the
//! source meant it, with links made absolute, and that passes rustdoc's lints (no broken
//! intra-doc links, no unknown HTML tags, no bare URLs); or plain text for string data.

mod parse;
mod render;
pub mod urls;

/// How a description is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text as it reads (TDLib's `//@` comments).
    Plain,
    /// An HTML fragment, possibly with Markdown links and code (Telegram's site).
    Html,
}

/// Where the Markdown goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Paragraphs of a doc comment.
    Block,
    /// One cell of a Markdown table: one line, `|` escaped, breaks as `<br>`.
    TableCell,
}

/// What links in a description are relative to.
pub struct Links<'a> {
    /// The URL of the page the description is from (`#anchor` links point into it).
    pub page: &'a str,
    /// mtcute's `{@link Name}` → the label and URL to link to, if known.
    pub reference: &'a dyn Fn(&str) -> Option<(String, String)>,
}

/// A description as rustdoc Markdown.
pub fn markdown(text: &str, format: Format, layout: Layout, links: &Links<'_>) -> String {
    render::markdown(&parse::parse(text, format), layout, links)
}

/// A description as plain text.
pub fn plain(text: &str, format: Format, links: &Links<'_>) -> String {
    render::plain(&parse::parse(text, format), links)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://core.telegram.org/method/messages.exportChatInvite";

    fn reference(name: &str) -> Option<(String, String)> {
        (name == "contacts.RawImportContactsRequest").then(|| {
            (
                "contacts.importContacts".to_owned(),
                "https://core.telegram.org/method/contacts.importContacts".to_owned(),
            )
        })
    }

    fn md(text: &str) -> String {
        let links = Links {
            page: PAGE,
            reference: &reference,
        };
        markdown(text, Format::Html, Layout::Block, &links)
    }

    fn cell(text: &str) -> String {
        let links = Links {
            page: PAGE,
            reference: &reference,
        };
        markdown(text, Format::Html, Layout::TableCell, &links)
    }

    #[test]
    fn links_become_absolute_markdown_links() {
        assert_eq!(
            md(r##"For <a href="https://corefork.telegram.org/api/stars#star-subscriptions">Telegram Star subscriptions »</a>, contains the pricing"##),
            "For [Telegram Star subscriptions »](https://core.telegram.org/api/stars#star-subscriptions), contains the pricing"
        );
        assert_eq!(
            md(r##"See <a href="/api/links">links</a> and <a href="#possible-errors">errors</a>."##),
            "See [links](https://core.telegram.org/api/links) and [errors](https://core.telegram.org/method/messages.exportChatInvite#possible-errors)."
        );
        assert_eq!(
            md(
                r##"<a href="https://corefork.telegram.org/api/files"><code>upload.saveFilePart</code></a>"##
            ),
            "[`upload.saveFilePart`](https://core.telegram.org/api/files)"
        );
        assert_eq!(md(r##"<a href="">nowhere</a>"##), "nowhere");
        assert_eq!(
            md(r##"<a href="https://t.me/x"></a>"##),
            "[https://t.me/x](https://t.me/x)"
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(
            md("<strong>if called by a bot</strong>, must end in <code>\"_by_&lt;bot_username&gt;\"</code>"),
            "**if called by a bot**, must end in `\"_by_<bot_username>\"`"
        );
        assert_eq!(md("a<strong> b </strong>c"), "a **b** c");
        assert_eq!(md("<em>x</em> and <del>y</del>"), "*x* and ~~y~~");
        assert_eq!(md("<strong></strong>z"), "z");
    }

    #[test]
    fn breaks_and_paragraphs() {
        assert_eq!(
            md("Access hash. <br>If set: <br>- Set to <code>true</code> if <br>-- The flag <br><br>Then"),
            "Access hash.\\\nIf set:\\\n\\- Set to `true` if\\\n\\-- The flag\n\nThen"
        );
        assert_eq!(
            md("One.\n\nThe <code>file</code> flag."),
            "One.\n\nThe `file` flag."
        );
        assert_eq!(md("a\nb"), "a b");
        assert_eq!(md("<br>a<br>"), "a");
        assert_eq!(cell("a<br>b\n\nc | d"), "a<br>b<br><br>c \\| d");
        assert_eq!(cell("<code>a|b</code>"), "`a\\|b`");
    }

    #[test]
    fn what_rustdoc_would_misread_is_escaped() {
        assert_eq!(
            md("end_minute < start_minute, messages[0], <bot_username>, *x*, _y_"),
            "end_minute \\< start_minute, messages\\[0\\], \\<bot_username\\>, \\*x\\*, \\_y\\_"
        );
        assert_eq!(
            md("The specified random_id was expired (uint64_t random_id = (time() << 32) | x)"),
            "The specified random_id was expired (uint64_t random_id = (time() \\<\\< 32) \\| x)"
        );
        assert_eq!(md("1. First"), "1\\. First");
        assert_eq!(md("&amp;lt; stays"), "\\&lt; stays");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            md("The specified username can be purchased on https://fragment.com."),
            "The specified username can be purchased on <https://fragment.com>."
        );
        assert_eq!(
            md(r##"<a href="https://fragment.com">https://fragment.com</a>"##),
            "[https://fragment.com](https://fragment.com)"
        );
    }

    #[test]
    fn markdown_in_descriptions_is_kept() {
        assert_eq!(
            md("please check the value of the [autoarchive_setting_available field in client config &raquo;](https://core.telegram.org/api/config#client-configuration) before calling this method, see `chat_read_mark_size_threshold`."),
            "please check the value of the [autoarchive_setting_available field in client config »](https://core.telegram.org/api/config#client-configuration) before calling this method, see `chat_read_mark_size_threshold`."
        );
    }

    #[test]
    fn mtcute_references_link_to_the_site() {
        assert_eq!(
            md("when using {@link contacts.RawImportContactsRequest}, or {@link RawUnknown}"),
            "when using [`contacts.importContacts`](https://core.telegram.org/method/contacts.importContacts), or `RawUnknown`"
        );
    }

    #[test]
    fn emoji_images_are_their_text() {
        assert_eq!(
            md(
                r##"The emoji, for now <img class="emoji" src="//telegram.org/img/emoji/40/F09F8F80.png" width="20" height="20" alt="🏀">, are supported"##
            ),
            "The emoji, for now 🏀, are supported"
        );
    }

    #[test]
    fn plain_text_sources_are_escaped_not_parsed() {
        let links = Links {
            page: PAGE,
            reference: &reference,
        };
        assert_eq!(
            markdown(
                "Pass <b> or [x]; see https://t.me/x.",
                Format::Plain,
                Layout::Block,
                &links
            ),
            "Pass \\<b\\> or \\[x\\]; see <https://t.me/x>."
        );
    }

    #[test]
    fn plain_rendering_drops_markup() {
        let links = Links {
            page: PAGE,
            reference: &reference,
        };
        assert_eq!(
            plain(
                r##"A wait of <code>%d</code> seconds, see <a href="/x">here &raquo;</a> and {@link contacts.RawImportContactsRequest}.<br>Next"##,
                Format::Html,
                &links
            ),
            "A wait of %d seconds, see here » and contacts.importContacts.\nNext"
        );
    }

    /// Many random mixes of the characters the readers treat specially: no panic, and
    /// the table form stays on one line.
    #[test]
    fn no_random_input_panics() {
        const PIECES: &[&str] = &[
            "<",
            ">",
            "&",
            ";",
            "/",
            "\"",
            "'",
            "=",
            "a",
            " ",
            "\n",
            "#",
            "[",
            "]",
            "(",
            ")",
            "`",
            "*",
            "_",
            "{",
            "}",
            "@link ",
            "é",
            "<a href=\"",
            "</a>",
            "<code>",
            "</code>",
            "<br>",
            "<strong>",
            "https://",
            "-",
            "1.",
            "|",
            "&amp;",
            "&#x",
            "\\",
            "~",
        ];
        let links = Links {
            page: PAGE,
            reference: &reference,
        };
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut total = 0;
        let mut next = move || {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next() % 24 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let _ = markdown(&text, Format::Html, Layout::Block, &links);
            let cell = markdown(&text, Format::Html, Layout::TableCell, &links);
            assert!(!cell.contains('\n'), "{text:?} -> {cell:?}");
            let _ = markdown(&text, Format::Plain, Layout::Block, &links);
            let _ = plain(&text, Format::Html, &links);
            total += text.len();
        }
        assert!(total > 100_000, "{total} bytes tried");
    }

    #[test]
    fn no_input_panics() {
        let links = Links {
            page: PAGE,
            reference: &reference,
        };
        for text in [
            "",
            "<",
            "&",
            "&#",
            "&#x;",
            "<a href=",
            "<a href='x'",
            "[",
            "[a](",
            "[a](b",
            "`",
            "{@link",
            "{@link }",
            "<code>",
            "</code>",
            "</a></strong>",
            "<br",
            "é<é>é",
            "\u{0}",
            "**",
            "_",
            "<img alt=\"",
            "\n\n\n",
            "<p>",
            "[x](https://a.b/(c)",
        ] {
            let _ = markdown(text, Format::Html, Layout::Block, &links);
            let _ = markdown(text, Format::Html, Layout::TableCell, &links);
            let _ = markdown(text, Format::Plain, Layout::Block, &links);
            let _ = plain(text, Format::Html, &links);
        }
    }
}

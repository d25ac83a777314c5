//! Formatting: the generated items as Rust source text, piece by piece.
//!
//! The file is not formatted as one token stream. The full Telegram API is 13 MB of
//! source; as a single `proc_macro2` stream, `syn` tree and `prettyplease` buffer it
//! peaked at 650 MB and spent a third of the generator's time in the allocator and in
//! page faults. Instead, emission describes the file as [`Part`]s: module headers and
//! closing braces as text, and the items of each module in chunks that are built,
//! parsed and printed one at a time (on every core), then indented to their module's
//! depth. The output is the same for the same input whatever the number of threads.
//!
//! [`Layout::pretty`] chooses the printer: `prettyplease` (the default, with the `pretty`
//! feature), or [`plain`], a printer of the tokens themselves that needs no `syn` parse.
//! In a build script, which cargo compiles without optimisation, the parse is most of the
//! generator's time; and without the feature, a clean build compiles neither crate.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream, TokenTree};

/// How the generated source is printed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    /// `prettyplease`; otherwise [`plain`]. Always [`plain`] without the `pretty` feature
    /// ([`Config::format`](crate::Config::format) refuses `true` there).
    #[cfg_attr(not(feature = "pretty"), allow(dead_code))]
    pub pretty: bool,
    /// Threads that build and print the items.
    pub threads: usize,
}

/// One piece of the generated file, in file order.
pub(crate) enum Part<J> {
    /// Text ready to be written (module headers, closing braces, small items).
    Text(String),
    /// Items still to be built by the job `J` and formatted, `depth` modules deep.
    Job { job: J, depth: usize },
}

/// Items are built and formatted this many at a time: big enough that a chunk's fixed
/// cost is small, small enough that the memory of one chunk stays in cache.
pub(crate) const CHUNK: usize = 24;

impl Layout {
    /// Formats `tokens` (whole items) as source, every line indented for `depth` modules.
    pub(crate) fn items(self, tokens: TokenStream, depth: usize) -> String {
        #[cfg(feature = "pretty")]
        if self.pretty {
            let file = syn::parse2::<syn::File>(tokens).expect("generated code is valid Rust");
            return indent(prettyplease::unparse(&file), depth);
        }
        plain(tokens, depth)
    }

    /// The opening of `#attributes pub mod name {` (the tokens are a module with an empty
    /// body), indented for `depth`.
    pub(crate) fn module_open(self, empty_module: TokenStream, depth: usize) -> String {
        let mut text = self.items(empty_module, depth);
        // Both printers print an empty module as `pub mod name {}`.
        let trimmed = text.trim_end().len();
        assert!(
            text[..trimmed].ends_with("{}"),
            "an empty module prints as `{{}}`"
        );
        text.truncate(trimmed - 1);
        text.push('\n');
        text
    }

    /// Runs every job (on up to `threads` threads) and writes the parts in order.
    ///
    /// `build` makes a job's items; it runs on the worker threads, so it must be `Sync`
    /// and the job `Send + Sync`: tokens themselves cannot cross threads, each worker
    /// builds its own.
    pub(crate) fn assemble<J: Sync>(
        self,
        parts: &[Part<J>],
        build: impl Fn(&J) -> TokenStream + Sync,
    ) -> String {
        let jobs: Vec<(usize, &J, usize)> = parts
            .iter()
            .enumerate()
            .filter_map(|(index, part)| match part {
                Part::Job { job, depth } => Some((index, job, *depth)),
                Part::Text(_) => None,
            })
            .collect();
        let done: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; parts.len()]);
        let next = AtomicUsize::new(0);
        let work = || {
            while let Some(&(index, job, depth)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                let text = self.items(build(job), depth);
                done.lock().expect("a formatting thread panicked")[index] = Some(text);
            }
        };
        let threads = self.threads.clamp(1, jobs.len().max(1));
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
        let done = done.into_inner().expect("a formatting thread panicked");
        let mut out = String::new();
        for (index, part) in parts.iter().enumerate() {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Job { .. } => out.push_str(done[index].as_deref().expect("every job ran")),
            }
        }
        out
    }
}

/// The closing brace of a module opened at `depth`.
pub(crate) fn module_close(depth: usize) -> String {
    format!("{}}}\n", "    ".repeat(depth))
}

/// How many threads to format with: the build's job count when cargo runs a build
/// script (`NUM_JOBS`), else the machine's parallelism.
pub(crate) fn default_threads() -> usize {
    std::env::var("NUM_JOBS")
        .ok()
        .and_then(|jobs| jobs.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1)
}

#[cfg(feature = "pretty")]
fn indent(text: String, depth: usize) -> String {
    if depth == 0 {
        return text;
    }
    let prefix = "    ".repeat(depth);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        if line != "\n" {
            out.push_str(&prefix);
        }
        out.push_str(line);
    }
    out
}

/// `tokens` (whole items) as source without a formatter, every line indented for `depth`
/// modules. One item, statement, field, match arm or attribute per line, indented by brace
/// depth; long lines are not wrapped. Doc attributes of one line become `///` comments;
/// a multi-line one stays a `#[doc = "..."]` attribute.
/// Tokens are spaced as `proc_macro2` prints them, less the spaces that only look
/// unusual (before `,` `;` `?` and `.`, inside brackets, around `::` and generics):
/// whitespace only separates tokens, so the printed tokens, and their meaning, are the
/// input's (a test compares them for the whole Telegram API).
pub(crate) fn plain(tokens: TokenStream, depth: usize) -> String {
    let mut printer = Plain {
        out: String::new(),
        level: depth,
        pending: Break::None,
        prev: Prev::Start,
    };
    printer.indent();
    printer.stream(tokens, Delimiter::None);
    printer.out.push('\n');
    printer.out
}

/// The tokens of `group`, without copying them: `Group::stream` shares them with the
/// group, and iterating over a shared stream copies every token (strings included)
/// first. With the group gone, the stream is the only owner and is iterated in place.
fn into_stream(group: Group) -> TokenStream {
    let stream = group.stream();
    drop(group);
    stream
}

/// Keywords that are never a path segment or a callee: a `::`, `(` or `<` after them is
/// spaced.
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
    )
}
/// A line break owed before the next token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Break {
    None,
    /// After `;`, a field's or arm's `,`, an attribute or an opening brace.
    Always,
    /// After a closing brace: not before `else` or an operator (`} else {`, `},`, `})`).
    AfterBrace,
}

/// What the previous token was, for spacing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Nothing yet, or just after an opening delimiter.
    Start,
    Word {
        keyword: bool,
        /// `impl`, whose generics take no space: `impl<X>`.
        impl_: bool,
    },
    Literal,
    Close,
    Punct {
        ch: char,
        joint: bool,
        /// No space after it (see `tight_after` in [`Plain::punct`]).
        tight_after: bool,
        /// A closing generic `>`.
        generic_close: bool,
    },
}

struct Plain {
    out: String,
    level: usize,
    pending: Break,
    prev: Prev,
}

impl Plain {
    fn stream(&mut self, tokens: TokenStream, delimiter: Delimiter) {
        let mut open_generics = 0usize;
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match token {
                TokenTree::Punct(hash) if hash.as_char() == '#' => {
                    let doc = match tokens.peek() {
                        Some(TokenTree::Group(group)) => doc_comment(group),
                        _ => None,
                    };
                    match doc {
                        Some(text) => {
                            tokens.next();
                            self.begin(true);
                            self.out.push_str("///");
                            self.out.push_str(&text);
                            self.prev = Prev::Start;
                            self.pending = Break::Always;
                        }
                        None => self.punct(&hash, delimiter, &mut open_generics),
                    }
                }
                TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                    self.stream(into_stream(group), delimiter);
                }
                TokenTree::Group(group) => {
                    let delimiter = group.delimiter();
                    let attribute = matches!(self.prev, Prev::Punct { ch: '#', .. });
                    let tight = match delimiter {
                        Delimiter::Brace => matches!(self.prev, Prev::Start),
                        _ => match self.prev {
                            Prev::Word { keyword, .. } => !keyword,
                            Prev::Close => true,
                            Prev::Punct {
                                tight_after,
                                generic_close,
                                ..
                            } => tight_after || generic_close,
                            Prev::Start | Prev::Literal => true,
                        },
                    };
                    self.begin(tight);
                    let (open, close) = match delimiter {
                        Delimiter::Parenthesis => ('(', ')'),
                        Delimiter::Bracket => ('[', ']'),
                        _ => ('{', '}'),
                    };
                    self.out.push(open);
                    let inner = into_stream(group);
                    if delimiter == Delimiter::Brace && !inner.is_empty() {
                        self.level += 1;
                        self.pending = Break::Always;
                        self.prev = Prev::Start;
                        self.stream(inner, delimiter);
                        self.level -= 1;
                        self.pending = Break::Always;
                        self.line_break();
                    } else {
                        self.prev = Prev::Start;
                        self.stream(inner, delimiter);
                    }
                    self.out.push(close);
                    self.prev = Prev::Close;
                    self.pending = if delimiter == Delimiter::Brace {
                        Break::AfterBrace
                    } else if attribute {
                        Break::Always
                    } else {
                        Break::None
                    };
                }
                TokenTree::Ident(ident) => {
                    if self.pending == Break::AfterBrace && ident == "else" {
                        self.pending = Break::None;
                    }
                    self.begin(self.word_is_tight());
                    // Written straight into the output (no string per identifier), then
                    // read back from it.
                    let start = self.out.len();
                    write!(self.out, "{ident}").expect("writing to a String cannot fail");
                    let text = &self.out[start..];
                    self.prev = Prev::Word {
                        keyword: is_keyword(text),
                        impl_: text == "impl",
                    };
                }
                TokenTree::Literal(literal) => {
                    self.begin(self.word_is_tight());
                    write!(self.out, "{literal}").expect("writing to a String cannot fail");
                    self.prev = Prev::Literal;
                }
                TokenTree::Punct(punct) => self.punct(&punct, delimiter, &mut open_generics),
            }
        }
    }

    /// Writes a punct of a stream delimited by `delimiter` with `open_generics` generic
    /// brackets open.
    fn punct(&mut self, punct: &Punct, delimiter: Delimiter, open_generics: &mut usize) {
        let statements = matches!(delimiter, Delimiter::Brace | Delimiter::None);
        let ch = punct.as_char();
        let joint = punct.spacing() == Spacing::Joint;
        if self.pending == Break::AfterBrace && ch != '#' {
            self.pending = Break::None;
        }
        // Whether the token before is a value (or a type) that this punct
        // follows as an infix or postfix operator.
        let after_value = match self.prev {
            Prev::Word { keyword, .. } => !keyword,
            Prev::Literal | Prev::Close => true,
            Prev::Punct {
                ch: '?',
                joint: false,
                ..
            } => true,
            Prev::Punct { generic_close, .. } => generic_close,
            Prev::Start => false,
        };
        let (prev_ch, prev_joint, prev_tight, prev_generic_close) = match self.prev {
            Prev::Punct {
                ch,
                joint,
                tight_after,
                generic_close,
            } => (ch, joint, tight_after, generic_close),
            _ => (' ', false, matches!(self.prev, Prev::Start), false),
        };
        let arrow_tip = ch == '>' && prev_joint && matches!(prev_ch, '-' | '=');
        let generic_open = ch == '<'
            && !prev_joint
            && !matches!(self.prev, Prev::Literal | Prev::Close)
            && !prev_generic_close;
        let generic_close = ch == '>' && !arrow_tip && *open_generics > 0;
        let path_end = ch == ':' && !joint && prev_joint && prev_ch == ':';
        let path_word = matches!(self.prev, Prev::Word { keyword: false, .. });
        let tight_before = prev_joint
            || prev_tight
            || match ch {
                ',' | ';' | '?' => true,
                // `1 .max(2)`, but a range: `0..4`.
                '.' => after_value && (self.prev != Prev::Literal || joint),
                ':' => !joint || path_word || prev_generic_close,
                '<' if generic_open => {
                    path_word || matches!(self.prev, Prev::Word { impl_: true, .. })
                }
                '>' => generic_close,
                '!' => after_value && !joint,
                _ => false,
            };
        self.begin(tight_before);
        self.out.push(ch);
        if generic_open {
            *open_generics += 1;
        }
        if generic_close {
            *open_generics -= 1;
        }
        // No space after a prefix operator (`&x`, `*x`, `&&x`), a macro's `!`, an
        // attribute's `#`, a `.`, the end of a `::` or a generic `<`.
        let tight_after = match ch {
            '&' | '*' | '-' if prev_joint && prev_ch == ch => prev_tight,
            '&' | '*' | '-' => !after_value,
            '!' | '#' => true,
            '.' => !joint,
            ':' => path_end,
            '<' => generic_open,
            _ => false,
        };
        self.prev = Prev::Punct {
            ch,
            joint,
            tight_after,
            generic_close,
        };
        if ch == ';' && statements
            || ch == ',' && delimiter == Delimiter::Brace && *open_generics == 0
        {
            self.pending = Break::Always;
        }
    }

    /// Whether an identifier or a literal follows the previous token without a space.
    fn word_is_tight(&self) -> bool {
        match self.prev {
            Prev::Punct {
                joint, tight_after, ..
            } => joint || tight_after,
            Prev::Start => true,
            _ => false,
        }
    }

    /// Writes what goes before a token: the line break owed, else a space unless `tight`.
    fn begin(&mut self, tight: bool) {
        match self.pending {
            Break::None => {
                if !tight {
                    self.out.push(' ');
                }
            }
            Break::Always | Break::AfterBrace => self.line_break(),
        }
        self.pending = Break::None;
    }

    fn line_break(&mut self) {
        self.out.push('\n');
        self.indent();
    }

    fn indent(&mut self) {
        for _ in 0..self.level {
            self.out.push_str("    ");
        }
    }
}

/// The text of a `///` comment equal to the attribute `[doc = "..."]` in `group`, or
/// `None` when there is none: a text over several lines, or starting with `/` (`////` is
/// not a doc comment), stays an attribute.
fn doc_comment(group: &Group) -> Option<String> {
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let mut inner = group.stream().into_iter();
    match (inner.next(), inner.next(), inner.next(), inner.next()) {
        (
            Some(TokenTree::Ident(name)),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Literal(text)),
            None,
        ) if name == "doc" && eq.as_char() == '=' => {
            let text = unescape(&text.to_string())?;
            (!text.starts_with('/') && !text.contains(['\n', '\r'])).then_some(text)
        }
        _ => None,
    }
}

/// The value of a string literal as `proc_macro2` prints it: raw (`r"..."`, which a
/// `///` comment inside `quote!` becomes) or with `\\`, `\"`, `\'`, `\n`, `\r`, `\t`,
/// `\0` and `\u{...}` escapes; `None` for anything else.
fn unescape(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let body = body.strip_suffix(&raw[..hashes])?.strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            'u' => {
                let rest = chars.as_str().strip_prefix('{')?;
                let end = rest.find('}')?;
                let c = char::from_u32(u32::from_str_radix(&rest[..end], 16).ok()?)?;
                chars = rest[end + 1..].chars();
                c
            }
            _ => return None,
        });
    }
    Some(out)
}

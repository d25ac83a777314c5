//! The file-level parser: comments, documentation, sections, declarations, recovery, and
//! the checks that need only one file.

use std::collections::HashMap;

use crate::ast::*;
use crate::diag::{Diagnostic, LineIndex, Severity, SpanHint};
use crate::grammar::{self, Cx};
use crate::id;

/// How to parse a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// The rule used to compute constructor IDs (when `detect_id_rule` does not apply).
    pub id_rule: IdRule,
    /// When true (the default), a schema that declares the type `bytes` itself, as TDLib's
    /// and TON's do (`bytes = Bytes;`, `bytes data:string = Bytes;`), is hashed with
    /// [`IdRule::Literal`] whatever `id_rule` says (see [`detect_literal`]).
    pub detect_id_rule: bool,
    /// Report an explicit ID that neither rule reproduces as an error rather than a
    /// warning (except for entries of [`id::KNOWN_ID_EXCEPTIONS`], which are never reported).
    pub strict_ids: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            id_rule: IdRule::Telegram,
            detect_id_rule: true,
            strict_ids: false,
        }
    }
}

/// The outcome of [`parse`]: a schema (as much of it as could be read) and every problem.
#[derive(Clone, Debug)]
pub struct ParseResult {
    pub schema: Schema,
    /// The rule the IDs were computed with (after detection).
    pub id_rule: IdRule,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseResult {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Most syntax errors reported for one file; the rest are counted in one last diagnostic.
const MAX_SYNTAX_ERRORS: usize = 200;

/// Parses raw bytes. Invalid UTF-8 is reported as an error (at the first bad byte) and the
/// text is then parsed with the bad bytes replaced by U+FFFD.
pub fn parse_bytes(file_name: &str, source: &[u8], options: &ParseOptions) -> ParseResult {
    match std::str::from_utf8(source) {
        Ok(s) => parse(file_name, s, options),
        Err(e) => {
            let text = String::from_utf8_lossy(source);
            let mut r = parse(file_name, &text, options);
            let lines = LineIndex::new(&text);
            let at = e.valid_up_to();
            r.diagnostics.insert(
                0,
                lines.diagnostic(
                    file_name,
                    &text,
                    Severity::Error,
                    at,
                    at + 1,
                    format!("the file is not valid UTF-8 (invalid byte at offset {at})"),
                ),
            );
            r
        }
    }
}

/// Parses one schema file.
///
/// Never panics and always returns a schema: after a syntax error the parser skips to the
/// next `;` and goes on. Besides syntax, it checks what one file can tell: explicit
/// against computed IDs, flag holders (an earlier `name:#` parameter), bits in 0..=31,
/// `!X` without `{X:Type}`, duplicate names and IDs, documentation of unknown parameters.
/// It also sets [`Flag::shared`]. Unknown types need the whole set of files: see
/// [`crate::validate`].
pub fn parse(file_name: &str, source: &str, options: &ParseOptions) -> ParseResult {
    let mut p = FileParser {
        file: file_name,
        src: source,
        lines: LineIndex::new(source),
        diags: Vec::new(),
        schema: Schema::default(),
        section: Section::Types,
        docs: Vec::new(),
        docs_are_class: false,
        syntax_errors: 0,
        line_hint: SpanHint::default(),
    };
    p.schema.definitions.reserve(source.len() / 80);
    p.run();
    let FileParser {
        mut schema,
        mut diags,
        lines,
        ..
    } = p;
    let rule = if options.detect_id_rule && detect_literal(&schema) {
        IdRule::Literal
    } else {
        options.id_rule
    };
    check_file(
        file_name,
        source,
        &lines,
        &mut schema,
        rule,
        options,
        &mut diags,
    );
    ParseResult {
        schema,
        id_rule: rule,
        diagnostics: diags,
    }
}

/// Whether `schema` comes from TDLib's or TON's tools, which hash `bytes` as written: their
/// schemas declare the type `bytes` themselves (`bytes = Bytes;` in TDLib's `td_api.tl` and
/// tonlib's `tonlib_api.tl`, `bytes data:string = Bytes;` in TON's `ton_api.tl` and
/// `lite_api.tl`), which Telegram's `api.tl` never does. TDLib's Java binding, for one,
/// gives `setDatabaseEncryptionKey new_encryption_key:bytes = Ok;` the ID -1204599371
/// (0xb83345b5), the literal rule's; folding `bytes` to `string` would give 0x91d6a975.
/// The primitive form `bytes ? = Bytes;`, as Telegram-style files write their builtins,
/// does not count.
pub fn detect_literal(schema: &Schema) -> bool {
    schema
        .definitions
        .iter()
        .any(|d| d.builtin == Some(Builtin::Bytes) && d.namespace.is_empty() && !d.question_mark)
}

/// The other rule: the two differ in how a `bytes` parameter hashes, and in whether a
/// `x:flags.N?true` parameter is hashed at all.
fn other_rule(rule: IdRule) -> IdRule {
    match rule {
        IdRule::Telegram => IdRule::Literal,
        IdRule::Literal => IdRule::Telegram,
    }
}

struct DocTag {
    tag: String,
    text: String,
}

struct FileParser<'s> {
    file: &'s str,
    src: &'s str,
    lines: LineIndex,
    diags: Vec<Diagnostic>,
    schema: Schema,
    section: Section,
    /// Pending TDLib `//@` tags for the next definition (or class).
    docs: Vec<DocTag>,
    docs_are_class: bool,
    syntax_errors: usize,
    line_hint: SpanHint,
}

impl<'s> FileParser<'s> {
    fn off(&self, rest: &str) -> usize {
        self.src.len() - rest.len()
    }

    fn error_at(&mut self, start: usize, end: usize, message: String) {
        self.syntax_errors += 1;
        if self.syntax_errors > MAX_SYNTAX_ERRORS {
            return;
        }
        let d = self
            .lines
            .diagnostic(self.file, self.src, Severity::Error, start, end, message);
        self.diags.push(d);
    }

    fn run(&mut self) {
        let src = self.src;
        // A UTF-8 byte-order mark, as some Windows editors write, is not part of the text.
        let mut i: &'s str = src.strip_prefix('\u{feff}').unwrap_or(src);
        let cx = Cx { src };

        loop {
            // Whitespace.
            let t = i.trim_start_matches(|c: char| c.is_ascii_whitespace());
            i = t;
            let b = i.as_bytes();
            match b.first() {
                None => break,
                Some(b'/') if b.get(1) == Some(&b'/') => {
                    let end = grammar::memchr_nl(b);
                    let line = &i[..end];
                    self.comment_line(line);
                    i = &i[end..];
                }
                Some(b'/') if b.get(1) == Some(&b'*') => match i[2..].find("*/") {
                    Some(p) => i = &i[2 + p + 2..],
                    None => {
                        let at = self.off(i);
                        self.error_at(at, at + 2, "unterminated block comment".into());
                        break;
                    }
                },
                Some(b'-') if i.starts_with("---") => {
                    i = self.separator(i);
                }
                _ => {
                    self.flush_class();
                    match cx.declaration_into(i, &mut self.schema.definitions) {
                        Ok((rest, ())) => {
                            self.finish_definition();
                            i = rest;
                        }
                        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                            let at = self.off(e.input);
                            let width = e.input.chars().next().map_or(1, char::len_utf8);
                            let found = e.input.trim_start_matches([' ', '\t']);
                            let msg = match found.chars().next() {
                                Some(c) if e.message == "syntax error" => {
                                    format!("unexpected {}", describe(c))
                                }
                                Some(c) if e.message.starts_with("expected") => {
                                    format!("{}, found {}", e.message, describe(c))
                                }
                                None if e.message.starts_with("expected") => {
                                    format!("{}, found end of file", e.message)
                                }
                                _ => e.message.to_string(),
                            };
                            self.error_at(at, at + width, msg);
                            self.docs.clear();
                            i = if e.resume && at > self.off(i) {
                                &src[at..]
                            } else {
                                recover(&src[at.max(self.off(i))..])
                            };
                        }
                        Err(nom::Err::Incomplete(_)) => break,
                    }
                }
            }
        }
        self.flush_class();
        if self.syntax_errors > MAX_SYNTAX_ERRORS {
            let n = self.syntax_errors - MAX_SYNTAX_ERRORS;
            let end = self.src.len();
            let d = self.lines.diagnostic(
                self.file,
                self.src,
                Severity::Error,
                end,
                end,
                format!("{n} more syntax errors not shown"),
            );
            self.diags.push(d);
        }
    }

    /// `---functions---`, `--- types ---`.
    fn separator(&mut self, i: &'s str) -> &'s str {
        let end = grammar::memchr_nl(i.as_bytes());
        let line = &i[..end];
        let inner = line.trim_end();
        let word = inner
            .strip_prefix("---")
            .and_then(|s| s.strip_suffix("---"))
            .map(str::trim);
        match word {
            Some("functions") => self.section = Section::Functions,
            Some("types") => self.section = Section::Types,
            _ => {
                let at = self.off(i);
                self.error_at(
                    at,
                    at + inner.len(),
                    "expected `---functions---` or `---types---`".into(),
                );
            }
        }
        self.flush_class();
        self.docs.clear();
        &i[end..]
    }

    fn comment_line(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("//@") {
            let rest = rest.trim_end();
            let mut first = true;
            for piece in split_tags(rest) {
                let (tag, text) = match piece.find(char::is_whitespace) {
                    Some(p) => (&piece[..p], piece[p..].trim()),
                    None => (piece, ""),
                };
                if first && tag == "class" {
                    self.flush_class();
                    self.docs.clear();
                    self.docs_are_class = true;
                } else if first && self.docs_are_class {
                    // A new block after a class block: the class is complete.
                    self.flush_class();
                }
                first = false;
                self.docs.push(DocTag {
                    tag: tag.to_string(),
                    text: text.to_string(),
                });
            }
        } else if let Some(rest) = line.strip_prefix("//-") {
            // A continuation: its text continues the last tag; `@tags` in it start new ones.
            let rest = rest.trim();
            let (cont, tags) = match rest.strip_prefix('@') {
                Some(r) => ("", Some(r)),
                None => match tag_marks(rest).next() {
                    Some(at) => (rest[..at].trim(), Some(&rest[at + 1..])),
                    None => (rest, None),
                },
            };
            if let Some(last) = self.docs.last_mut() {
                if !cont.is_empty() {
                    if !last.text.is_empty() {
                        last.text.push(' ');
                    }
                    last.text.push_str(cont);
                }
            }
            if let Some(tags) = tags {
                if !self.docs.is_empty() {
                    for piece in split_tags(tags) {
                        let (tag, text) = match piece.find(char::is_whitespace) {
                            Some(p) => (&piece[..p], piece[p..].trim()),
                            None => (piece, ""),
                        };
                        self.docs.push(DocTag {
                            tag: tag.to_string(),
                            text: text.to_string(),
                        });
                    }
                }
            }
        } else if self.schema.layer.is_none() {
            let t = line[2..].trim();
            if let Some(n) = t.strip_prefix("LAYER") {
                if let Ok(n) = n.trim().parse::<u32>() {
                    self.schema.layer = Some(n);
                }
            }
        }
    }

    fn flush_class(&mut self) {
        if !self.docs_are_class {
            return;
        }
        self.docs_are_class = false;
        let mut name = String::new();
        let mut description = String::new();
        for t in self.docs.drain(..) {
            match t.tag.as_str() {
                "class" => name = t.text,
                "description" => description = t.text,
                _ => {}
            }
        }
        if !name.is_empty() {
            self.schema.classes.push(ClassDoc {
                name,
                description,
                span: Span::default(),
            });
        }
    }

    /// Completes the definition just parsed (the last one): section, builtin kind, line
    /// and column of every span, documentation.
    fn finish_definition(&mut self) {
        let Some(def) = self.schema.definitions.last_mut() else {
            return;
        };
        def.section = self.section;
        def.builtin = builtin_kind(def);
        let hint = &mut self.line_hint;
        def.span = self
            .lines
            .span_near(self.src, def.span.start, def.span.end, hint);
        let text = self.src.get(def.span.start..def.span.end).unwrap_or("");
        if text.is_ascii() && memchr::memchr(b'\n', text.as_bytes()).is_none() {
            // Nearly every declaration: one ASCII line, where a column is the definition's
            // column plus the distance in bytes.
            let at = def.span;
            let mut on_line = |span: &mut Span| {
                span.line = at.line;
                span.column = at.column + (span.start - at.start) as u32;
            };
            def.generics.iter_mut().for_each(|g| on_line(&mut g.span));
            for_each_span(&mut def.params, &mut on_line);
        } else {
            for g in &mut def.generics {
                g.span = self
                    .lines
                    .span_near(self.src, g.span.start, g.span.end, hint);
            }
            for_each_span(&mut def.params, &mut |span: &mut Span| {
                *span = self.lines.span_near(self.src, span.start, span.end, hint)
            });
        }
        let docs = std::mem::take(&mut self.docs);
        for t in docs {
            match t.tag.as_str() {
                "description" => def.docs.description = Some(t.text),
                tag => {
                    let pname = if tag == "param_description" {
                        "description"
                    } else {
                        tag
                    };
                    match def
                        .params
                        .iter_mut()
                        .find(|p| p.name.as_deref() == Some(pname))
                    {
                        Some(p) => p.doc = Some(t.text),
                        None => {
                            let d = self.lines.diagnostic(
                                self.file,
                                self.src,
                                Severity::Warning,
                                def.span.start,
                                def.span.start + def.full_name().len(),
                                format!(
                                    "documentation for unknown parameter `{pname}` of `{}`",
                                    def.full_name()
                                ),
                            );
                            self.diags.push(d);
                        }
                    }
                }
            }
        }
    }
}

/// Splits `description Foo @param_x Bar` into `description Foo`, `param_x Bar`: a tag
/// starts at an `@` at the beginning or after whitespace.
/// Byte offsets of the `@`s that start a tag: those after whitespace. Whitespace is
/// `char::is_whitespace` here as in the tag/text split and `trim`, so that a vertical tab
/// or a no-break space before `@` splits the same way everywhere (and printed docs, which
/// use a plain space, parse back to the same tags).
fn tag_marks(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut after_space = false;
    s.char_indices().filter_map(move |(i, c)| {
        let mark = c == '@' && after_space;
        after_space = c.is_whitespace();
        mark.then_some(i)
    })
}

fn split_tags(s: &str) -> impl Iterator<Item = &str> {
    let mut cuts = vec![0];
    cuts.extend(tag_marks(s).map(|at| at + 1));
    let n = cuts.len();
    (0..n).map(move |k| {
        let start = cuts[k];
        let end = if k + 1 < n { cuts[k + 1] - 1 } else { s.len() };
        s[start..end].trim()
    })
}

fn describe(c: char) -> String {
    if c == '\n' || c == '\r' {
        "end of line".to_string()
    } else if c.is_control() || c == '\u{fffd}' || c.is_whitespace() {
        format!("character U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

/// After a syntax error: the text after the next `;` (comments respected), or the start
/// of the next `---` separator line, whichever comes first.
fn recover(i: &str) -> &str {
    let b = i.as_bytes();
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            b';' => return &i[k + 1..],
            b'/' if b.get(k + 1) == Some(&b'/') => {
                k += grammar::memchr_nl(&b[k..]);
            }
            b'/' if b.get(k + 1) == Some(&b'*') => match i[k + 2..].find("*/") {
                Some(p) => k += 2 + p + 2,
                None => return "",
            },
            b'\n' if b[k + 1..].starts_with(b"---") => return &i[k + 1..],
            _ => k += 1,
        }
    }
    ""
}

/// Calls `f` on the span of every parameter, those inside repetitions included, in
/// source order.
fn for_each_span(ps: &mut [Parameter], f: &mut impl FnMut(&mut Span)) {
    for p in ps {
        f(&mut p.span);
        if let ParamKind::Repeat { params, .. } = &mut p.kind {
            for_each_span(params, f);
        }
    }
}

/// Recognises builtin pseudo-declarations.
pub fn builtin_kind(def: &Definition) -> Option<Builtin> {
    if !def.namespace.is_empty() {
        return None;
    }
    let by_name = |n: &str| match n {
        "int" => Some(Builtin::Int),
        "long" => Some(Builtin::Long),
        "double" => Some(Builtin::Double),
        "string" => Some(Builtin::String),
        "bytes" => Some(Builtin::Bytes),
        "int128" => Some(Builtin::Int128),
        "int256" => Some(Builtin::Int256),
        "object" => Some(Builtin::Object),
        "true" => Some(Builtin::True),
        "vector" => Some(Builtin::Vector),
        "int32" | "int53" | "int64" | "int512" | "function" | "nat" => Some(Builtin::Other),
        _ => None,
    };
    if def.question_mark {
        return Some(by_name(&def.name).unwrap_or(Builtin::Other));
    }
    let kind = by_name(&def.name)?;
    // The result must be the capitalised name: `int32 = Int32;`, `vector ... = Vector t;`.
    let mut cs = def.name.chars();
    let first = cs.next()?;
    let cap: String = first.to_uppercase().chain(cs).collect();
    if def.result.name == cap && def.result.namespace.is_empty() {
        Some(kind)
    } else {
        None
    }
}

/// A small fast hasher for the name and ID tables (FxHash).
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// IDs of the universal types (`UNIVERSAL_TYPES`) that a schema may use without declaring.
const IMPLICIT_IDS: [(u32, &str); 4] = [
    (0x1cb5c415, "vector"),
    (0x997275b5, "boolTrue"),
    (0xbc799737, "boolFalse"),
    (0x3fedd339, "true"),
];

fn is_pinned(d: &Definition) -> bool {
    d.explicit_id
        .is_some_and(|e| id::known_exception(&d.full_name(), e).is_some())
}

/// The flag bits (0 to 31) that the parameters of one definition use on one flags word.
struct HolderBits {
    /// A parameter whose flag names the flags word.
    first: usize,
    /// Bits used at least once.
    used: u32,
    /// Bits used by two parameters or more (shared flags).
    repeated: u32,
}

impl HolderBits {
    fn holder<'p>(&self, params: &'p [Parameter]) -> &'p str {
        match &params[self.first].kind {
            ParamKind::Value { flag: Some(f), .. } => &f.holder,
            _ => "",
        }
    }
}

/// Fills `out` with the bits each flags word of `params` has, once and repeated.
fn count_flag_bits(params: &[Parameter], out: &mut Vec<HolderBits>) {
    out.clear();
    for (k, p) in params.iter().enumerate() {
        let ParamKind::Value { flag: Some(f), .. } = &p.kind else {
            continue;
        };
        let bit = if f.bit < 32 { 1 << f.bit } else { 0 };
        match out.iter_mut().find(|h| h.holder(params) == f.holder) {
            Some(h) => {
                h.repeated |= h.used & bit;
                h.used |= bit;
            }
            None => out.push(HolderBits {
                first: k,
                used: bit,
                repeated: 0,
            }),
        }
    }
}

/// One of 64 bits for a parameter name, from its length and last byte: two names with
/// different bits differ.
fn name_filter_bit(name: &str) -> u64 {
    let last = name.as_bytes().last().copied().unwrap_or(0) as usize;
    1 << ((name.len() * 7 + last) & 63)
}

/// Checks one file can settle on its own; computes IDs; marks shared flags.
fn check_file(
    file: &str,
    src: &str,
    lines: &LineIndex,
    schema: &mut Schema,
    rule: IdRule,
    options: &ParseOptions,
    diags: &mut Vec<Diagnostic>,
) {
    let n = schema.definitions.len();
    let mut buf = String::with_capacity(256);
    let mut names: FxMap<u64, usize> = FxMap::with_capacity_and_hasher(n, Default::default());
    let mut ids: FxMap<u32, usize> = FxMap::with_capacity_and_hasher(n, Default::default());
    let mut to_mark: Vec<usize> = Vec::new();
    let mut bits_by_holder: Vec<HolderBits> = Vec::new();
    let mut diag = |sev: Severity, span: Span, len: usize, msg: String| {
        diags.push(lines.diagnostic(file, src, sev, span.start, span.start + len.max(1), msg));
    };
    for idx in 0..n {
        let def = &mut schema.definitions[idx];
        id::normalized_text(def, rule, &mut buf);
        def.computed_id = crc32fast::hash(buf.as_bytes());
        // The normalised text starts with the full name.
        let full = &buf[..def.full_name_len()];
        check_explicit_id(src, def, full, rule, options, &mut diag);
        check_duplicate_name(&schema.definitions, idx, full, &mut names, &mut diag);
        check_duplicate_id(&schema.definitions, idx, full, &mut ids, &mut diag);
        let def = &schema.definitions[idx];
        check_params(def, full, &mut bits_by_holder, &mut to_mark, &mut diag);
        if !to_mark.is_empty() {
            let def = &mut schema.definitions[idx];
            for &k in &to_mark {
                if let ParamKind::Value { flag: Some(f), .. } = &mut def.params[k].kind {
                    f.shared = true;
                }
            }
        }
    }
}

/// Checks the explicit ID of `def` (whose full name is `full`) against its computed ID.
fn check_explicit_id(
    src: &str,
    def: &Definition,
    full: &str,
    rule: IdRule,
    options: &ParseOptions,
    diag: &mut impl FnMut(Severity, Span, usize, String),
) {
    if let Some(explicit) = def.explicit_id {
        // An explicit ID may also follow the other rule: TDLib's `secret_api.tl` hashes
        // literally but copies Telegram's IDs, computed with `bytes` folded to `string`;
        // Telegram's `ipPortSecret` was hashed literally. Either is the ID as designed.
        if explicit != def.computed_id
            && id::known_exception(full, explicit).is_none()
            && id::compute_id(def, other_rule(rule)) != explicit
        {
            let sev = if options.strict_ids {
                Severity::Error
            } else {
                Severity::Warning
            };
            // `name#id` as written, for underlining.
            let head_len = src
                .get(def.span.start..def.span.end)
                .unwrap_or("")
                .bytes()
                .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'#')
                .count();
            diag(
                sev,
                def.span,
                head_len,
                format!(
                    "explicit ID {explicit:#010x} of `{full}` differs from the computed ID {:#010x}",
                    def.computed_id
                ),
            );
        }
    }
}

/// Checks that no definition before `defs[idx]` (whose full name is `full`) has its name.
fn check_duplicate_name(
    defs: &[Definition],
    idx: usize,
    full: &str,
    names: &mut FxMap<u64, usize>,
    diag: &mut impl FnMut(Severity, Span, usize, String),
) {
    // Duplicate names (keyed by a hash of the name; a hit is confirmed by comparing).
    let key = {
        use std::hash::Hasher;
        let mut h = Fx::default();
        h.write(full.as_bytes());
        h.finish()
    };
    match names.get(&key) {
        Some(&prev) if defs[prev].full_name() == full => {
            let line = defs[prev].span.line;
            diag(
                Severity::Error,
                defs[idx].span,
                full.len(),
                format!("duplicate definition of `{full}` (first defined on line {line})"),
            );
        }
        Some(_) => {}
        None => {
            names.insert(key, idx);
        }
    }
}

/// Checks that no definition before `defs[idx]` (whose full name is `full`), nor a
/// universal type, has its ID.
fn check_duplicate_id(
    defs: &[Definition],
    idx: usize,
    full: &str,
    ids: &mut FxMap<u32, usize>,
    diag: &mut impl FnMut(Severity, Span, usize, String),
) {
    let def = &defs[idx];
    let the_id = def.id();
    if def.builtin.is_none() || def.explicit_id.is_some() {
        if let Some(&prev) = ids.get(&the_id) {
            let p = &defs[prev];
            if p.full_name() != full && !is_pinned(p) && !is_pinned(def) {
                diag(
                    Severity::Error,
                    def.span,
                    full.len(),
                    format!(
                        "`{full}` has the same ID {the_id:#010x} as `{}` (line {})",
                        p.full_name(),
                        p.span.line
                    ),
                );
            }
        } else {
            ids.insert(the_id, idx);
            // The universal types keep their IDs where the schema leaves them out.
            if let Some(&(_, builtin)) = IMPLICIT_IDS.iter().find(|(id, _)| *id == the_id) {
                if full != builtin {
                    diag(
                        Severity::Error,
                        def.span,
                        full.len(),
                        format!(
                            "`{full}` has the ID {the_id:#010x} of the built-in `{builtin}`, which every TL peer reads as `{builtin}`"
                        ),
                    );
                }
            }
        }
    }
}

/// Checks the parameters of `def` (whose full name is `full`): duplicate names, flags,
/// `!X`; lists in `to_mark` those whose flag bit another parameter shares.
fn check_params(
    def: &Definition,
    full: &str,
    bits_by_holder: &mut Vec<HolderBits>,
    to_mark: &mut Vec<usize>,
    diag: &mut impl FnMut(Severity, Span, usize, String),
) {
    // Parameters. `message` has 40 of them, so the scans for duplicates stay linear:
    // earlier names are looked through only when a 64-bit filter of them has the
    // name's bit set, and flag bits are counted per flags word first.
    to_mark.clear();
    let params = &def.params;
    count_flag_bits(params, bits_by_holder);
    let mut names_filter = 0u64;
    for (k, p) in params.iter().enumerate() {
        let earlier = &params[..k];
        if let Some(n) = &p.name {
            let bit = name_filter_bit(n);
            let maybe_seen = names_filter & bit != 0;
            names_filter |= bit;
            if maybe_seen && earlier.iter().any(|q| q.name.as_ref() == Some(n)) {
                diag(
                    Severity::Error,
                    p.span,
                    n.len(),
                    format!("duplicate parameter `{n}` in `{full}`"),
                );
            }
        }
        let ParamKind::Value { ty, flag, bang } = &p.kind else {
            continue;
        };
        if let Some(f) = flag {
            if check_flag(params, k, f, full, bits_by_holder, diag) {
                to_mark.push(k);
            }
        }
        if *bang && !(ty.generic && def.generics.iter().any(|g| g.name == ty.name)) {
            diag(
                Severity::Error,
                p.span,
                p.span.end - p.span.start,
                format!(
                    "`!{}` needs a type variable declared as `{{{}:Type}}`",
                    ty.full_name(),
                    ty.full_name()
                ),
            );
        }
    }
}

/// Checks the flag `f` of `params[k]`: an earlier `#` holder, a bit in 0..=31. Returns
/// whether another parameter uses the same bit of the same holder.
fn check_flag(
    params: &[Parameter],
    k: usize,
    f: &Flag,
    full: &str,
    bits_by_holder: &[HolderBits],
    diag: &mut impl FnMut(Severity, Span, usize, String),
) -> bool {
    let p = &params[k];
    let earlier = &params[..k];
    let name_len = p.name.as_ref().map_or(0, |n| n.len() + 1);
    let at = Span {
        start: p.span.start + name_len,
        ..p.span
    };
    let holder = |q: &&Parameter| q.name.as_deref() == Some(f.holder.as_str());
    match earlier.iter().find(holder) {
        Some(q) if q.kind == ParamKind::FlagsWord => {}
        found => {
            let what = if found.is_some() {
                "is not a `#` parameter"
            } else {
                "is not an earlier `#` parameter"
            };
            diag(
                Severity::Error,
                at,
                f.holder.len(),
                format!(
                    "flag holder `{}` of `{}` {what} of `{full}`",
                    f.holder,
                    p.name.as_deref().unwrap_or("_"),
                ),
            );
        }
    }
    if f.bit > 31 {
        diag(
            Severity::Error,
            at,
            f.holder.len() + 1 + f.bit.to_string().len(),
            format!("flag bit {} is outside 0..=31", f.bit),
        );
    }
    match bits_by_holder.iter().find(|h| h.holder(params) == f.holder) {
        Some(h) if f.bit < 32 => h.repeated & (1 << f.bit) != 0,
        // Bits past 31 are errors (reported above); compared one by one.
        _ => params.iter().enumerate().any(|(j, q)| {
            j != k
                && matches!(&q.kind, ParamKind::Value { flag: Some(g), .. }
                    if g.bit == f.bit && g.holder == f.holder)
        }),
    }
}

//! The grammar of one declaration, built from `nom` combinators.
//!
//! ```text
//! declaration := full-name [ '#' hex{1,8} ] { generic } ( '?' | { param } ) '=' type-expr ';'
//! generic     := '{' ident ':' ( ident | '#' ) '}'
//! param       := ident ':' '#'                           -- a flags word: flags:#, mode:#
//!              | ident ':' [ ident '.' digits '?' ] [ '!' ] type-term
//!              | '#'                                     -- anonymous nat (vector's count)
//!              | [ digits '*' ] '[' { param } ']'        -- repetition: [ t ], 4*[ int ]
//!              | type-term                               -- anonymous parameter (inside [ ])
//! type-term   := [ '%' ] full-name [ '<' type-expr { ',' type-expr } '>' ]
//!              | '(' type-expr ')' | '#'
//! type-expr   := type-term { type-term }                 -- juxtaposition: Vector t
//! ```
//!
//! Whitespace, `//` line comments and `/* */` block comments may appear between any two
//! tokens. Every parser works on the rest of the whole source text, so that byte offsets
//! are `source.len() - rest.len()`.

use nom::bytes::complete::take_while1;

use nom::error::{ErrorKind, ParseError};
use nom::IResult;

use crate::ast::*;

/// A syntax error: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError<'a> {
    pub input: &'a str,
    pub message: &'static str,
    /// Parsing can go on at `input` (rather than after the next `;`).
    pub resume: bool,
}

impl<'a> ParseError<&'a str> for SyntaxError<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        SyntaxError {
            input,
            message: "syntax error",
            resume: false,
        }
    }
    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

pub type Res<'a, T> = IResult<&'a str, T, SyntaxError<'a>>;

/// Nesting limit for `[ ]`, `< >` and `( )`, so hostile input cannot overflow the stack.
const MAX_DEPTH: u32 = 64;

fn fail<'a, T>(input: &'a str, message: &'static str) -> Res<'a, T> {
    Err(nom::Err::Failure(SyntaxError {
        input,
        message,
        resume: false,
    }))
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Byte classes for the two hottest scans (identifiers and whitespace): one table
/// lookup per byte instead of a chain of range comparisons.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const IDENT_START: u8 = 3;
static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\x0b' => SPACE,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => IDENT_START,
            _ => OTHER,
        };
        c += 1;
    }
    t
};

/// Skips whitespace and comments. Fails only on an unterminated `/*`.
#[inline]
pub fn ws(i: &str) -> Res<'_, ()> {
    // Most calls find a name or a punctuation mark right away: answered without a call.
    match i.as_bytes().first() {
        Some(&c) if CLASS[c as usize] == SPACE || c == b'/' => ws_slow(i),
        _ => Ok((i, ())),
    }
}

fn ws_slow(mut i: &str) -> Res<'_, ()> {
    loop {
        let b = i.as_bytes();
        match b.first() {
            Some(&c) if CLASS[c as usize] == SPACE => {
                let n = b.iter().position(|&c| CLASS[c as usize] != SPACE);
                // ASCII bytes only, so `n` is a char boundary.
                i = &i[n.unwrap_or(b.len())..];
            }
            Some(b'/') if b.get(1) == Some(&b'/') => {
                let end = memchr_nl(b);
                i = &i[end..];
            }
            Some(b'/') if b.get(1) == Some(&b'*') => match i[2..].find("*/") {
                Some(p) => i = &i[2 + p + 2..],
                None => return fail(i, "unterminated block comment"),
            },
            _ => return Ok((i, ())),
        }
    }
}

/// An upper estimate of the parameters before the next `;`: one `:` each (comments may
/// add a few more), so the vector is allocated once.
fn estimated_params(i: &str) -> usize {
    // Eight bytes at a time: a declaration is ~100 bytes, too short for `memchr`'s
    // setup (finding the `;` and then counting took 6% of the parse).
    let mut chunks = i.as_bytes().chunks_exact(8);
    let mut colons = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(word);
        let semicolons = bytes_equal_to(word, b';');
        let colon_marks = bytes_equal_to(word, b':');
        if semicolons != 0 {
            // Only the colons before the first `;` (the mark is a byte's top bit).
            let before = (1u64 << semicolons.trailing_zeros()) - 1;
            return colons + (colon_marks & before).count_ones() as usize;
        }
        colons += colon_marks.count_ones() as usize;
    }
    for &b in chunks.remainder() {
        match b {
            b':' => colons += 1,
            b';' => break,
            _ => {}
        }
    }
    colons
}

/// The top bit of each byte of `word` that equals `byte`, and no other bit.
fn bytes_equal_to(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    // A byte of `x` is zero exactly when adding 0x7f to its low seven bits carries
    // nothing into the top bit and its own top bit is clear.
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Offset of the first `\n` (or the length).
pub fn memchr_nl(b: &[u8]) -> usize {
    memchr::memchr(b'\n', b).unwrap_or(b.len())
}

/// `[A-Za-z_][A-Za-z0-9_]*`
pub fn ident(i: &str) -> Res<'_, &str> {
    let b = i.as_bytes();
    match b.first() {
        Some(&c) if CLASS[c as usize] == IDENT_START => {
            let n = b
                .iter()
                .position(|&c| CLASS[c as usize] < DIGIT)
                .unwrap_or(b.len());
            // ASCII bytes only, so `n` is a char boundary.
            Ok((&i[n..], &i[..n]))
        }
        _ => Err(nom::Err::Error(SyntaxError {
            input: i,
            message: "expected an identifier",
            resume: false,
        })),
    }
}

/// `a.b.c`: namespaces and a name. A `.` not followed by an identifier ends the name.
#[inline(always)]
pub fn full_name(i: &str) -> Res<'_, (Namespace, Name)> {
    let mut namespace = Namespace::new();
    let mut name = Name::const_new("");
    let (i, ()) = full_name_into(i, &mut namespace, &mut name)?;
    Ok((i, (namespace, name)))
}

/// [`full_name`], written into `namespace` (which must be empty: it is only set when
/// the name has one) and `name` (replaced): the parser builds types in their final place,
/// since moving names through return values costs more than reading the text.
#[inline(always)]
fn full_name_into<'a>(start: &'a str, namespace: &mut Namespace, name: &mut Name) -> Res<'a, ()> {
    let (mut i, mut last) = ident(start)?;
    let mut dotted = 0;
    while let Some(rest) = i.strip_prefix('.') {
        match ident(rest) {
            Ok((r, p)) => {
                // Everything before `p`, less its `.`: the components and their dots,
                // exactly as written (no space can come between them).
                dotted = start.len() - rest.len() - 1;
                last = p;
                i = r;
            }
            Err(_) => break,
        }
    }
    if dotted > 0 {
        *namespace = Namespace::from_parsed(&start[..dotted]);
    }
    *name = Name::new(last);
    Ok((i, ()))
}

/// `digits '*'`, the multiplicity of a repetition (`4*[ int ]`): the digits, and the
/// text at the `[` that must follow.
fn multiplicity(i: &str) -> Res<'_, &str> {
    let (i, digits) = take_while1::<_, _, SyntaxError>(|c: char| c.is_ascii_digit())(i)?;
    let (i, ()) = ws(i)?;
    let (i, _) = char_('*', "expected `*` after a multiplicity")(i)?;
    let (i, ()) = ws(i)?;
    if !i.starts_with('[') {
        return fail(i, "expected `[` after `*`");
    }
    Ok((i, digits))
}

/// `ident '.' digits '?'`, the condition of an optional parameter (`flags.3?`); `None`,
/// with nothing read, where the text does not start with `ident '.' digit`.
fn flag_condition(i: &str) -> Res<'_, Option<Flag>> {
    // Condition: holder.N?
    if let Ok((r, holder)) = ident(i) {
        if let Some(r) = r.strip_prefix('.') {
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                let at_digits = r;
                let (r, digits) =
                    take_while1::<_, _, SyntaxError>(|c: char| c.is_ascii_digit())(r)?;
                let bit = match digits.parse::<u32>() {
                    Ok(b) => b,
                    // Errors point at the text that follows: here, the number.
                    Err(_) => return fail(at_digits, "flag bit number is too large"),
                };
                let Some(r) = r.strip_prefix('?') else {
                    return fail(r, "expected `?` after the flag bit (`flags.N?Type`)");
                };
                let flag = Flag {
                    holder: Name::new(holder),
                    bit,
                    shared: false,
                };
                return Ok((r, Some(flag)));
            }
        }
    }
    Ok((i, None))
}

/// A type with no name yet, for [`Cx::type_term_into`] to fill in.
fn empty_type() -> TypeRef {
    TypeRef {
        namespace: Namespace::new(),
        name: Name::const_new(""),
        percent: false,
        args: Vec::new(),
        angle_args: false,
        generic: false,
    }
}

fn char_<'a>(c: char, message: &'static str) -> impl Fn(&'a str) -> Res<'a, char> {
    move |i: &'a str| match i.chars().next() {
        Some(x) if x == c => Ok((&i[c.len_utf8()..], c)),
        _ => fail(i, message),
    }
}

/// Byte offsets are measured from the end of the text, which every parser shares.
pub struct Cx<'s> {
    pub src: &'s str,
}

impl<'s> Cx<'s> {
    fn off(&self, rest: &str) -> usize {
        self.src.len() - rest.len()
    }

    /// Spans carry only byte offsets here; the caller fills in line and column.
    fn span(&self, from: &str, to: &str) -> Span {
        Span {
            start: self.off(from),
            end: self.off(to),
            line: 0,
            column: 0,
        }
    }

    /// One declaration, from its name to its `;` (inclusive). The input must start at
    /// the name (leading whitespace and comments already skipped).
    pub fn declaration<'a>(&self, start: &'a str) -> Res<'a, Definition> {
        let mut one = Vec::with_capacity(1);
        let (rest, ()) = self.declaration_into(start, &mut one)?;
        Ok((rest, one.pop().expect("a parsed declaration is pushed")))
    }

    /// [`Cx::declaration`], pushed onto `out` (nothing is pushed on an error). The
    /// definition is built where it ends up: returning it and then pushing it would copy
    /// its 250 bytes several times per declaration.
    pub fn declaration_into<'a>(&self, start: &'a str, out: &mut Vec<Definition>) -> Res<'a, ()> {
        out.push(Definition {
            namespace: Namespace::new(),
            name: Name::const_new(""),
            explicit_id: None,
            computed_id: 0,
            generics: Vec::new(),
            params: Vec::new(),
            result: empty_type(),
            section: Section::Types,
            builtin: None,
            question_mark: false,
            docs: Docs::default(),
            span: Span::default(),
        });
        let def = out.last_mut().expect("just pushed");
        let parsed = self.declaration_fields(start, def);
        if parsed.is_err() {
            out.pop();
        }
        parsed
    }

    /// Parses a declaration into `def`, a definition with every field empty.
    fn declaration_fields<'a>(&self, start: &'a str, def: &mut Definition) -> Res<'a, ()> {
        let i = match full_name_into(start, &mut def.namespace, &mut def.name) {
            Ok((i, ())) => i,
            // `# ? = #;`: the builtin natural-number type.
            Err(_)
                if start.starts_with('#')
                    && start[1..].starts_with(|c: char| c.is_ascii_whitespace()) =>
            {
                def.name = Name::const_new("#");
                &start[1..]
            }
            Err(_) => return fail(start, "expected a declaration name"),
        };
        let mut i = i;
        if let Some(rest) = i.strip_prefix('#') {
            let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
            // ASCII digits only, so `digits` is a char boundary.
            let (hex, rest) = rest.split_at(digits);
            if hex.is_empty() {
                return fail(
                    rest,
                    "expected hexadecimal digits of a constructor ID after `#`",
                );
            }
            if hex.len() > 8 {
                return fail(&i[1..], "a constructor ID has at most 8 hexadecimal digits");
            }
            if rest.chars().next().is_some_and(is_ident_char) {
                return fail(rest, "unexpected character in constructor ID");
            }
            def.explicit_id = Some(u32::from_str_radix(hex, 16).unwrap_or(0));
            i = rest;
        }
        // Sized once: a parameter is ~200 bytes, and regrowing the vector would copy them.
        def.params = Vec::with_capacity(estimated_params(i));
        let mut question_mark = false;
        loop {
            let (rest, ()) = ws(i)?;
            i = rest;
            match i.as_bytes().first() {
                Some(b'{') => {
                    let (rest, g) = self.generic(i)?;
                    def.generics.push(g);
                    i = rest;
                }
                Some(b'?') if !question_mark && def.params.is_empty() => {
                    question_mark = true;
                    i = &i[1..];
                    let (rest, ()) = ws(i)?;
                    if !rest.starts_with('=') {
                        return fail(rest, "expected `=` after `?`");
                    }
                    i = rest;
                }
                Some(b'=') => break,
                Some(b';') => return fail(i, "expected `=` and a result type before `;`"),
                None => return fail(i, "unexpected end of file in a declaration"),
                _ if question_mark => return fail(i, "expected `=` after `?`"),
                _ => {
                    let (rest, ()) = self.param(i, 0, &mut def.params)?;
                    i = rest;
                }
            }
        }
        i = &i[1..]; // '='
        let (rest, ()) = ws(i)?;
        if rest.starts_with(';') || rest.is_empty() {
            return fail(rest, "expected a result type after `=`");
        }
        let (rest, ()) = self.type_expr_into(rest, 0, Stop::Semicolon, &mut def.result)?;
        let (rest, ()) = ws(rest)?;
        let rest = match rest.strip_prefix(';') {
            Some(r) => r,
            None => return fail(rest, "expected `;` at the end of the declaration"),
        };
        def.question_mark = question_mark;
        def.span = self.span(start, rest);
        mark_generics(def);
        Ok((rest, ()))
    }

    /// `{X:Type}`
    fn generic<'a>(&self, start: &'a str) -> Res<'a, GenericParam> {
        let i = &start[1..];
        let (i, ()) = ws(i)?;
        let (i, name) = match ident(i) {
            Ok(x) => x,
            Err(_) => return fail(i, "expected a type variable name after `{`"),
        };
        let (i, ()) = ws(i)?;
        let (i, _) = char_(':', "expected `:` after the type variable name")(i)?;
        let (i, ()) = ws(i)?;
        let (i, kind) = if let Some(r) = i.strip_prefix('#') {
            (r, "#")
        } else {
            match ident(i) {
                Ok(x) => x,
                Err(_) => return fail(i, "expected the kind of the type variable (`Type` or `#`)"),
            }
        };
        let (i, ()) = ws(i)?;
        let (i, _) = char_('}', "expected `}` to close the type variable")(i)?;
        Ok((
            i,
            GenericParam {
                name: Name::new(name),
                kind: Name::new(kind),
                span: self.span(start, i),
            },
        ))
    }

    /// One parameter, pushed onto `out` (built in place: a parameter is ~200 bytes, and
    /// returning it through `IResult` would copy it several times).
    fn param<'a>(&self, start: &'a str, depth: u32, out: &mut Vec<Parameter>) -> Res<'a, ()> {
        if depth > MAX_DEPTH {
            return fail(start, "repetitions nested too deeply");
        }
        match start.as_bytes().first() {
            Some(b'#') => self.push_param(out, None, ParamKind::FlagsWord, start, &start[1..]),
            Some(b'0'..=b'9' | b'[') => self.repetition(start, depth, out),
            Some(b'(' | b'%' | b'!') => self.anonymous_value(start, depth, out),
            // A named parameter `name:...`, or an anonymous type such as `int` in `[ int ]`.
            _ => self.named_param(start, depth, out),
        }
    }

    /// Pushes onto `out` the parameter written from `start` to `i`, where parsing goes on.
    fn push_param<'a>(
        &self,
        out: &mut Vec<Parameter>,
        name: Option<&str>,
        kind: ParamKind,
        start: &'a str,
        i: &'a str,
    ) -> Res<'a, ()> {
        out.push(Parameter {
            name: name.map(Name::new),
            kind,
            doc: None,
            span: self.span(start, i),
        });
        Ok((i, ()))
    }

    /// `[ digits '*' ] '[' { param } ']'`: `[ t ]`, `4*[ int ]`.
    fn repetition<'a>(&self, start: &'a str, depth: u32, out: &mut Vec<Parameter>) -> Res<'a, ()> {
        let (i, multiplicity) = if start.starts_with('[') {
            (start, None)
        } else {
            let (i, digits) = multiplicity(start)?;
            (i, Some(Name::new(digits)))
        };
        let (i, params) = self.repeat(i, depth)?;
        let kind = ParamKind::Repeat {
            multiplicity,
            params,
        };
        self.push_param(out, None, kind, start, i)
    }

    /// `[ '!' ] type-term`: an anonymous parameter, such as `int` in `[ int ]`.
    fn anonymous_value<'a>(
        &self,
        start: &'a str,
        depth: u32,
        out: &mut Vec<Parameter>,
    ) -> Res<'a, ()> {
        let (i, bang) = match start.strip_prefix('!') {
            Some(r) => (r, true),
            None => (start, false),
        };
        let (i, ty) = self.type_term(i, depth)?;
        let kind = ParamKind::Value {
            ty,
            flag: None,
            bang,
        };
        self.push_param(out, None, kind, start, i)
    }

    /// `ident ':' '#'` (a flags word) or `ident ':' param-type`; inside `[ ]`, an `ident`
    /// with no `:` after it starts an anonymous type.
    fn named_param<'a>(&self, start: &'a str, depth: u32, out: &mut Vec<Parameter>) -> Res<'a, ()> {
        let (after_name, name) = match ident(start) {
            Ok(x) => x,
            Err(_) => return fail(start, "expected a parameter (`name:Type`)"),
        };
        let (i, ()) = ws(after_name)?;
        let Some(i) = i.strip_prefix(':') else {
            if depth > 0 {
                return self.anonymous_value(start, depth, out);
            }
            return fail(after_name, "expected `:` after the parameter name");
        };
        let (i, ()) = ws(i)?;
        if let Some(rest) = i.strip_prefix('#') {
            return self.push_param(out, Some(name), ParamKind::FlagsWord, start, rest);
        }
        self.param_type(start, name, i, depth, out)
    }

    /// `param-type := [ ident '.' digits '?' ] [ '!' ] type-term`: what follows `name:` in
    /// the parameter written from `start`, read from `i`.
    fn param_type<'a>(
        &self,
        start: &'a str,
        name: &str,
        i: &'a str,
        depth: u32,
        out: &mut Vec<Parameter>,
    ) -> Res<'a, ()> {
        let (mut i, flag) = flag_condition(i)?;
        let mut bang = false;
        if let Some(r) = i.strip_prefix('!') {
            bang = true;
            i = r;
        }
        if i.is_empty() || i.starts_with(|c: char| c.is_whitespace() || c == ';' || c == '=') {
            return fail(i, "expected a type after `:`");
        }
        // The parameter is pushed first and its type parsed into it, in place.
        out.push(Parameter {
            name: Some(Name::new(name)),
            kind: ParamKind::Value {
                ty: empty_type(),
                flag,
                bang,
            },
            doc: None,
            span: self.span(start, start),
        });
        let Some(Parameter {
            kind: ParamKind::Value { ty, .. },
            span,
            ..
        }) = out.last_mut()
        else {
            unreachable!("a value parameter was just pushed")
        };
        match self.type_term_into(i, depth, ty) {
            Ok((i, ())) => {
                span.end = self.off(i);
                Ok((i, ()))
            }
            Err(e) => {
                out.pop();
                Err(e)
            }
        }
    }

    /// `[ params ]`
    fn repeat<'a>(&self, i: &'a str, depth: u32) -> Res<'a, Vec<Parameter>> {
        let mut i = &i[1..];
        let mut params = Vec::new();
        loop {
            let (r, ()) = ws(i)?;
            i = r;
            match i.as_bytes().first() {
                Some(b']') => return Ok((&i[1..], params)),
                None | Some(b';' | b'=') => return fail(i, "expected `]` to close the repetition"),
                _ => {
                    let (r, ()) = self.param(i, depth + 1, &mut params)?;
                    i = r;
                }
            }
        }
    }

    /// A single type: `int`, `%Message`, `Vector<long>`, `(vector bytes)`.
    fn type_term<'a>(&self, start: &'a str, depth: u32) -> Res<'a, TypeRef> {
        let mut ty = empty_type();
        let (i, ()) = self.type_term_into(start, depth, &mut ty)?;
        Ok((i, ty))
    }

    /// [`Cx::type_term`], written into `ty`, which must be [`empty_type`].
    fn type_term_into<'a>(&self, start: &'a str, depth: u32, ty: &mut TypeRef) -> Res<'a, ()> {
        if depth > MAX_DEPTH {
            return fail(start, "type nested too deeply");
        }
        let b = start.as_bytes();
        if b.first() == Some(&b'(') {
            let (i, ()) = ws(&start[1..])?;
            let (i, ()) = self.type_expr_into(i, depth + 1, Stop::Paren, ty)?;
            let (i, ()) = ws(i)?;
            let (i, _) = char_(')', "expected `)`")(i)?;
            return Ok((i, ()));
        }
        let i = match start.strip_prefix('%') {
            Some(r) => {
                ty.percent = true;
                r
            }
            None => start,
        };
        let mut i = if let Some(r) = i.strip_prefix('#') {
            ty.name = Name::const_new("#");
            r
        } else {
            match full_name_into(i, &mut ty.namespace, &mut ty.name) {
                Ok((r, ())) => r,
                Err(_) => return fail(i, "expected a type"),
            }
        };
        if let Some(r) = i.strip_prefix('<') {
            ty.angle_args = true;
            let mut r = r;
            loop {
                let (r2, ()) = ws(r)?;
                ty.args.push(empty_type());
                let arg = ty.args.last_mut().expect("an argument was just pushed");
                let (r2, ()) = self.type_expr_into(r2, depth + 1, Stop::Angle, arg)?;
                let (r2, ()) = ws(r2)?;
                if let Some(r3) = r2.strip_prefix(',') {
                    r = r3;
                } else if let Some(r3) = r2.strip_prefix('>') {
                    i = r3;
                    break;
                } else {
                    return fail(r2, "expected `>` to close the type arguments");
                }
            }
        }
        Ok((i, ()))
    }

    /// A type applied to juxtaposed arguments (`Vector t`), written into `head`, which must
    /// be [`empty_type`].
    fn type_expr_into<'a>(
        &self,
        start: &'a str,
        depth: u32,
        stop: Stop,
        head: &mut TypeRef,
    ) -> Res<'a, ()> {
        if depth > MAX_DEPTH {
            return fail(start, "type nested too deeply");
        }
        let (mut i, ()) = self.type_term_into(start, depth, head)?;
        loop {
            let (r, ()) = ws(i)?;
            match r.as_bytes().first() {
                Some(b'(' | b'%' | b'#') => {}
                Some(&c) if is_ident_start(c as char) => {}
                Some(b';') if stop == Stop::Semicolon => return Ok((i, ())),
                Some(b')') if stop == Stop::Paren => return Ok((i, ())),
                Some(b',' | b'>') if stop == Stop::Angle => return Ok((i, ())),
                None => return Ok((i, ())),
                Some(_) => {
                    return fail(
                        r,
                        match stop {
                            Stop::Semicolon => "expected `;` at the end of the declaration",
                            Stop::Paren => "expected `)`",
                            Stop::Angle => "expected `>` to close the type arguments",
                        },
                    )
                }
            }
            if stop == Stop::Semicolon && depth == 0 && i[..i.len() - r.len()].contains('\n') {
                // `= Good` then a new line: most likely a missing `;`. Resume right here so
                // the next declaration is not lost.
                return Err(nom::Err::Failure(SyntaxError {
                    input: i,
                    message: "expected `;` at the end of the declaration",
                    resume: true,
                }));
            }
            if head.angle_args {
                return fail(
                    r,
                    "a type with `<...>` arguments cannot take more arguments",
                );
            }
            head.args.push(empty_type());
            let arg = head.args.last_mut().expect("an argument was just pushed");
            let (r, ()) = self.type_term_into(r, depth + 1, arg)?;
            i = r;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    Semicolon,
    Paren,
    Angle,
}

/// Sets `TypeRef::generic` on every use of a type variable of the definition.
fn mark_generics(def: &mut Definition) {
    let mut vars: Vec<Name> = def.generics.iter().map(|g| g.name.clone()).collect();
    if vars.is_empty() {
        return;
    }
    vars.sort();
    fn mark(ty: &mut TypeRef, vars: &[Name]) {
        if ty.namespace.is_empty() && !ty.percent && vars.binary_search(&ty.name).is_ok() {
            ty.generic = true;
        }
        for a in &mut ty.args {
            mark(a, vars);
        }
    }
    fn params(ps: &mut [Parameter], vars: &[Name]) {
        for p in ps {
            match &mut p.kind {
                ParamKind::Value { ty, .. } => mark(ty, vars),
                ParamKind::Repeat { params: inner, .. } => params(inner, vars),
                ParamKind::FlagsWord => {}
            }
        }
    }
    params(&mut def.params, &vars);
    mark(&mut def.result, &vars);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimated_params_counts_the_colons_before_the_first_semicolon() {
        let naive = |s: &str| {
            let end = s.find(';').unwrap_or(s.len());
            s[..end].matches(':').count()
        };
        let samples = [
            "",
            ";",
            ":",
            "a:int;b:int",
            "messages.exportChatInvite#a455de90 flags:# legacy_revoke_permanent:flags.2?true \
             peer:InputPeer expire_date:flags.0?int usage_limit:flags.1?int \
             title:flags.4?string subscription_pricing:flags.5?StarsSubscriptionPricing \
             = ExportedChatInvite;",
            "x:::::::;::::",
            "é:ü:\u{ff};:",
            "\u{bb}\u{ba}\u{3a}\u{3b}",
        ];
        for s in samples {
            for start in 0..s.len() {
                if let Some(rest) = s.get(start..) {
                    assert_eq!(estimated_params(rest), naive(rest), "{rest:?}");
                }
            }
        }
    }
}

//! A parser for TL (Type Language) schemas as real schemas write them: Telegram's
//! `api.tl` and `mtproto.tl`, TDLib's `td_api.tl` with its `//@` documentation, TON's
//! multi-line, ID-less schemas.
//!
//! ```
//! use tl_parser::{parse, ParseOptions};
//!
//! let r = parse("x.tl", "// LAYER 1\ninputPhoto#3bb3b94a id:long access_hash:long file_reference:bytes = InputPhoto;", &ParseOptions::default());
//! assert!(r.diagnostics.is_empty());
//! assert_eq!(r.schema.layer, Some(1));
//! assert_eq!(r.schema.definitions[0].computed_id, 0x3bb3b94a);
//! ```
//!
//! # API
//!
//! - [`parse`]`(file_name, source, &options) -> `[`ParseResult`] `{ schema, id_rule, diagnostics }`
//!   parses one file; [`parse_bytes`] takes raw bytes (invalid UTF-8 is reported, then
//!   parsed lossily). It never panics and always returns a schema: after a syntax error
//!   it skips to the next `;` (or to the next `---` separator line) and goes on. It also
//!   does every check one file can settle: explicit vs computed IDs, flag holders and
//!   bits, `!X` without `{X:Type}`, duplicate names/IDs/parameters, TDLib docs for unknown
//!   parameters; and it sets [`Flag::shared`].
//! - [`validate`]`(&[`[`SchemaFile`]`])` checks a set of files together (unknown types;
//!   names or IDs two files disagree on, as warnings). [`check`] = parse each + validate.
//! - [`compute_id`]`(&def, rule)`, [`normalized_text`]: constructor IDs (see [`id`]).
//!   [`parse_definition`] parses one declaration (what `tl id` does).
//! - [`Diagnostic`] `{ severity, file, line, column, width, message, source_line, .. }`;
//!   `Display` renders it rustc-style with the source line and a caret.
//! - `Display` for [`Definition`], [`Parameter`], [`TypeRef`]: TL text that parses back to
//!   an equal tree (`{:#}` on a definition also prints its TDLib `//@` docs).
//!
//! # ID rules
//!
//! [`ParseOptions::id_rule`] picks [`IdRule::Telegram`] (default: a `bytes` parameter
//! hashes as `string`) or [`IdRule::Literal`] (TDLib, TON). With
//! [`ParseOptions::detect_id_rule`] (default `true`) a schema that declares the type `bytes`
//! itself, as TDLib's and TON's do (`bytes = Bytes;`, `bytes data:string = Bytes;`), is
//! hashed with the literal rule whatever `id_rule` says; [`ParseResult::id_rule`] tells
//! which was used. An explicit ID that neither rule reproduces is a warning, or an error
//! with [`ParseOptions::strict_ids`], unless it is in [`KNOWN_ID_EXCEPTIONS`] (each entry
//! says why).
//!
//! # Builtins
//!
//! `int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`, `int128 4*[ int ] = Int128;`,
//! `true = True;`, `bytes data:string = Bytes;`, `int32 = Int32;` ... are kept as
//! definitions with [`Definition::builtin`] set (see [`builtin_kind`]). Schemas need not
//! declare them: [`UNIVERSAL_TYPES`] are always known.
#![forbid(unsafe_code)]

pub mod ast;
pub mod diag;
pub mod grammar;
pub mod id;
mod parser;
mod print;
mod validate;

pub use ast::*;
pub use diag::{Diagnostic, LineIndex, Severity, SpanHint};
pub use id::{compute_id, known_exception, normalized_text, IdException, KNOWN_ID_EXCEPTIONS};
pub use parser::{builtin_kind, detect_literal, parse, parse_bytes, ParseOptions, ParseResult};
pub use validate::{check, validate, CheckResult, SchemaFile, UNIVERSAL_TYPES};

/// Parses a single declaration (with or without the trailing `;`) and computes its ID
/// under `rule`. Used by `tl id`.
pub fn parse_definition(text: &str, rule: IdRule) -> Result<Definition, Vec<Diagnostic>> {
    let t = text.trim_end();
    let owned;
    let only_comments = t
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with("//"));
    let t = if t.ends_with(';') || only_comments {
        t
    } else if t
        .rsplit('\n')
        .next()
        .is_some_and(|last| last.contains("//"))
    {
        // After a trailing `// comment` the `;` would be commented out: give it a line.
        owned = format!("{t}\n;");
        &owned
    } else {
        owned = format!("{t};");
        &owned
    };
    let opts = ParseOptions {
        id_rule: rule,
        detect_id_rule: false,
        strict_ids: false,
    };
    let r = parse("<definition>", t, &opts);
    let errors: Vec<Diagnostic> = r.diagnostics.into_iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut defs = r.schema.definitions;
    if defs.len() != 1 {
        return Err(vec![Diagnostic {
            severity: Severity::Error,
            file: "<definition>".into(),
            line: 1,
            column: 1,
            width: 1,
            message: format!("expected exactly one definition, found {}", defs.len()),
            source_line: t.lines().next().unwrap_or("").to_string(),
            line_offset: 0,
        }]);
    }
    Ok(defs.remove(0))
}

/// What `tl check` prints per file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SchemaCounts {
    /// Distinct result types of the (non-builtin) constructors.
    pub types: usize,
    /// Non-builtin definitions in the types sections.
    pub constructors: usize,
    /// Non-builtin definitions in the functions sections.
    pub functions: usize,
    /// Builtin pseudo-declarations (`int ? = Int;`, `vector ...`, `true = True;`).
    pub builtins: usize,
}

impl Schema {
    /// Counts types, constructors, functions and builtins.
    pub fn counts(&self) -> SchemaCounts {
        let mut c = SchemaCounts::default();
        let mut types = std::collections::HashSet::new();
        for d in &self.definitions {
            if d.builtin.is_some() {
                c.builtins += 1;
            } else if d.section == Section::Functions {
                c.functions += 1;
            } else {
                c.constructors += 1;
                types.insert(d.result.full_name());
            }
        }
        c.types = types.len();
        c
    }
}

#[cfg(test)]
mod tests;

impl Definition {
    /// Length in bytes of [`Definition::full_name`], without building it.
    pub fn full_name_len(&self) -> usize {
        match self.namespace.as_str().len() {
            0 => self.name.len(),
            dotted => dotted + 1 + self.name.len(),
        }
    }
}

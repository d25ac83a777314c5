//! Checks over a set of schema files read together (`api.tl` + `mtproto.tl` refer to each
//! other): unknown types, and definitions that two files disagree on.

use std::collections::{HashMap, HashSet};

use crate::ast::*;
use crate::diag::{Diagnostic, LineIndex, Severity};
use crate::parser::{parse, ParseOptions};

/// One parsed file of a set, with its text (for the source lines of diagnostics).
#[derive(Clone, Copy, Debug)]
pub struct SchemaFile<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub schema: &'a Schema,
}

/// Types every schema may use without declaring them. `api.tl` declares none of the
/// primitives; `Type` is the kind of type variables; `#` is the natural-number type.
pub const UNIVERSAL_TYPES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "#", "Bool", "True", "true",
    "Vector", "vector", "Object", "Type", "Int", "Long", "Double", "String", "Bytes", "Int128",
    "Int256",
];

/// Set-level validation. Reports:
/// - a type name used in a parameter or a function result that no file declares (neither
///   as a result type of a constructor, nor as a constructor name used bare, nor a type
///   variable, nor one of [`UNIVERSAL_TYPES`]);
/// - a name defined in two files with different IDs (warning), and an ID used by two
///   different names in two files (warning). Duplicates inside one file are reported by
///   [`parse`].
///
/// The per-file checks (flags, bits, `!X`, IDs) are done by [`parse`]; use [`check`] to
/// run both.
pub fn validate(files: &[SchemaFile<'_>]) -> Vec<Diagnostic> {
    let mut known: HashSet<String> = UNIVERSAL_TYPES.iter().map(|s| s.to_string()).collect();
    for f in files {
        for d in &f.schema.definitions {
            if d.section == Section::Types {
                known.insert(d.result.full_name());
                known.insert(d.full_name());
            }
        }
    }
    let mut diags = Vec::new();
    for f in files {
        let lines = LineIndex::new(f.source);
        for d in &f.schema.definitions {
            if d.builtin.is_some() {
                continue;
            }
            let mut check = |ty: &TypeRef, at: Span| {
                let mut missing = Vec::new();
                unknown_types(ty, &known, &mut missing);
                for m in missing {
                    // Point at the type's name inside the parameter when we can find it.
                    let text = f.source.get(at.start..at.end).unwrap_or("");
                    let (start, len) = match find_word(text, &m) {
                        Some(p) => (at.start + p, m.len()),
                        None => (at.start, at.end.saturating_sub(at.start)),
                    };
                    diags.push(lines.diagnostic(
                        f.name,
                        f.source,
                        Severity::Error,
                        start,
                        start + len,
                        format!("unknown type `{m}` in `{}`", d.full_name()),
                    ));
                }
            };
            visit_params(&d.params, &mut |ty, span| check(ty, span));
            if d.section == Section::Functions {
                check(&d.result, result_span(f.source, d.span));
            } else {
                // Arguments of a constructor's result type (`= Vector t`) must be known too.
                for a in &d.result.args {
                    check(a, result_span(f.source, d.span));
                }
            }
        }
    }
    // Cross-file disagreements.
    if files.len() > 1 {
        let mut by_name: HashMap<String, (usize, &Definition)> = HashMap::new();
        let mut by_id: HashMap<u32, (usize, &Definition)> = HashMap::new();
        for (fi, f) in files.iter().enumerate() {
            let lines = LineIndex::new(f.source);
            for d in &f.schema.definitions {
                if d.builtin.is_some() {
                    continue;
                }
                let full = d.full_name();
                if let Some((pf, p)) = by_name.get(&full) {
                    if *pf != fi && p.id() != d.id() {
                        diags.push(lines.diagnostic(
                            f.name,
                            f.source,
                            Severity::Warning,
                            d.span.start,
                            d.span.start + full.len(),
                            format!(
                                "`{full}` is defined with ID {:#010x} here and with {:#010x} in {}:{}",
                                d.id(),
                                p.id(),
                                files[*pf].name,
                                p.span.line
                            ),
                        ));
                    }
                } else {
                    by_name.insert(full.clone(), (fi, d));
                }
                if let Some((pf, p)) = by_id.get(&d.id()) {
                    let pinned = |d: &Definition| {
                        d.explicit_id.is_some_and(|e| {
                            crate::id::known_exception(&d.full_name(), e).is_some()
                        })
                    };
                    if *pf != fi && p.full_name() != full && !pinned(p) && !pinned(d) {
                        diags.push(lines.diagnostic(
                            f.name,
                            f.source,
                            Severity::Warning,
                            d.span.start,
                            d.span.start + full.len(),
                            format!(
                                "`{full}` has the same ID {:#010x} as `{}` in {}:{}",
                                d.id(),
                                p.full_name(),
                                files[*pf].name,
                                p.span.line
                            ),
                        ));
                    }
                } else {
                    by_id.insert(d.id(), (fi, d));
                }
            }
        }
    }
    diags
}

/// The outcome of [`check`].
#[derive(Clone, Debug)]
pub struct CheckResult {
    /// One schema per input file, in order.
    pub schemas: Vec<Schema>,
    /// Every diagnostic: each file's parse diagnostics, then the set-level ones.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckResult {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses every `(file name, source)` and validates them together.
pub fn check(files: &[(&str, &str)], options: &ParseOptions) -> CheckResult {
    let mut schemas = Vec::with_capacity(files.len());
    let mut diagnostics = Vec::new();
    for (name, src) in files {
        let r = parse(name, src, options);
        diagnostics.extend(r.diagnostics);
        schemas.push(r.schema);
    }
    let set: Vec<SchemaFile> = files
        .iter()
        .zip(&schemas)
        .map(|((name, source), schema)| SchemaFile {
            name,
            source,
            schema,
        })
        .collect();
    diagnostics.extend(validate(&set));
    CheckResult {
        schemas,
        diagnostics,
    }
}

fn visit_params(ps: &[Parameter], f: &mut dyn FnMut(&TypeRef, Span)) {
    for p in ps {
        match &p.kind {
            // `!X` without `{X:Type}` is reported by `parse`.
            ParamKind::Value { ty, bang: true, .. } if !ty.generic => {}
            ParamKind::Value { ty, .. } => f(ty, p.span),
            ParamKind::Repeat { params, .. } => visit_params(params, f),
            ParamKind::FlagsWord => {}
        }
    }
}

fn unknown_types(ty: &TypeRef, known: &HashSet<String>, out: &mut Vec<String>) {
    if !ty.generic {
        let full = ty.full_name();
        let found = known.contains(&full)
            || (ty.percent && {
                // `%message` or `%Message`: either spelling of the constructor or type.
                let mut cs = ty.name.chars();
                let alt: String = match cs.next() {
                    Some(c) if c.is_uppercase() => c.to_lowercase().chain(cs).collect(),
                    Some(c) => c.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                };
                let mut alt_full = ty.namespace.to_string();
                if !alt_full.is_empty() {
                    alt_full.push('.');
                }
                alt_full.push_str(&alt);
                known.contains(&alt_full)
            });
        if !found && !out.contains(&full) {
            out.push(full);
        }
    }
    for a in &ty.args {
        unknown_types(a, known, out);
    }
}

/// Byte position of `word` in `text` as a whole word (not part of a longer name).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let b = text.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let s = from + p;
        let e = s + word.len();
        let before_ok = s == 0 || !is_word(b[s - 1]);
        let after_ok = e >= b.len() || !is_word(b[e]);
        if before_ok && after_ok {
            return Some(s);
        }
        from = s + 1;
    }
    None
}

/// The part of a declaration after its last `=`.
fn result_span(src: &str, def: Span) -> Span {
    let text = src.get(def.start..def.end).unwrap_or("");
    match text.rfind('=') {
        Some(p) => {
            let skip = text[p + 1..].len() - text[p + 1..].trim_start().len();
            Span {
                start: def.start + p + 1 + skip,
                ..def
            }
        }
        None => def,
    }
}

//! TL spellings of types and parameters for reports and comparisons, normalised so that
//! writing the same thing differently (`Vector long`, `Vector<long>`) is not a change.

use tl_parser::ast::{Definition, Flag, ParamKind, Parameter, TypeRef};

/// `Vector<messages.Message>`, `%Message`, `X`.
pub(crate) fn type_text(ty: &TypeRef) -> String {
    let mut text = String::new();
    write_type(&mut text, ty, false);
    text
}

/// Like [`type_text`], with `bytes` spelled `string`: the two are the same bytes on the
/// wire (and Telegram's ID rule hashes them alike).
pub(crate) fn wire_type_text(ty: &TypeRef) -> String {
    let mut text = String::new();
    write_type(&mut text, ty, true);
    text
}

fn write_type(out: &mut String, ty: &TypeRef, bytes_as_string: bool) {
    if ty.percent {
        out.push('%');
    }
    let full = ty.full_name();
    if bytes_as_string && full == "bytes" {
        out.push_str("string");
    } else {
        out.push_str(&full);
    }
    if !ty.args.is_empty() {
        out.push('<');
        for (k, arg) in ty.args.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            write_type(out, arg, bytes_as_string);
        }
        out.push('>');
    }
}

/// The parameter's type without its condition: `string`, `#`, `!X`, `true`.
pub(crate) fn value_text(param: &Parameter) -> String {
    match &param.kind {
        ParamKind::FlagsWord => "#".to_owned(),
        ParamKind::Value { ty, bang, .. } => {
            let bang = if *bang { "!" } else { "" };
            format!("{bang}{}", type_text(ty))
        }
        // Only builtins repeat, and builtins are not compared; print something readable.
        ParamKind::Repeat { .. } => param.to_string(),
    }
}

/// The parameter's type with its condition: `flags.0?string`.
pub(crate) fn full_type_text(param: &Parameter) -> String {
    match flag(param) {
        Some(flag) => format!("{}?{}", flag_text(flag), value_text(param)),
        None => value_text(param),
    }
}

pub(crate) fn flag(param: &Parameter) -> Option<&Flag> {
    match &param.kind {
        ParamKind::Value { flag, .. } => flag.as_ref(),
        _ => None,
    }
}

/// `flags.3`.
pub(crate) fn flag_text(flag: &Flag) -> String {
    format!("{}.{}", flag.holder, flag.bit)
}

/// `flags.N?true`: a bit and nothing else, no bytes of its own.
pub(crate) fn is_true_flag(param: &Parameter) -> bool {
    matches!(&param.kind, ParamKind::Value { ty, flag: Some(_), .. }
        if ty.name == "true" && ty.namespace.is_empty() && !ty.percent)
}

/// Whether the definition has a `name:#` word (the holder of `name.N?` conditions).
pub(crate) fn has_flags_word(def: &Definition, name: &str) -> bool {
    def.params
        .iter()
        .any(|p| matches!(p.kind, ParamKind::FlagsWord) && p.name.as_deref() == Some(name))
}

/// `{X:Type}`, space-separated; empty without type variables.
pub(crate) fn generics_text(def: &Definition) -> String {
    def.generics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

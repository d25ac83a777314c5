//! Doc comments of generated items: the TL definition line, the schema's own
//! documentation where it has some, and links between generated items.

use std::fmt::Write;

use crate::model::{Enum, Field, FieldKind, Model, Struct, Wire};

/// Text safe inside rustdoc Markdown (the schema's docs are plain text).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '<' | '>' | '*' | '_' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The TL line in a text code block.
fn tl_block(out: &mut String, line: &str) {
    let _ = write!(out, "\n\n```text\n{line}\n```");
}

/// A rustdoc link to a generated item from anywhere in the file, by its absolute path
/// within the generated tree (`crate`-independent: `super::` from `depth`).
fn link(model: &Model, from_depth: usize, wire: &Wire) -> String {
    let Some(path) = model.path_of(wire) else {
        return format!("`{}`", wire_name(model, wire));
    };
    let supers = "super::".repeat(from_depth);
    let mut target = format!("{supers}{}", path.tree.module());
    for m in &path.modules {
        target.push_str("::");
        target.push_str(crate::ident::plain(m));
    }
    target.push_str("::");
    target.push_str(crate::ident::plain(&path.name));
    format!("[`{}`]({target})", crate::ident::plain(&path.name))
}

fn wire_name(model: &Model, wire: &Wire) -> String {
    match wire {
        Wire::Int => "i32".into(),
        Wire::Long => "i64".into(),
        Wire::Double => "f64".into(),
        Wire::Nat => "u32".into(),
        Wire::Int128 => "[u8; 16]".into(),
        Wire::Int256 => "[u8; 32]".into(),
        Wire::String => "String".into(),
        Wire::Bytes => "Vec<u8>".into(),
        Wire::Bool => "bool".into(),
        Wire::True => "True".into(),
        Wire::Object => "Object".into(),
        Wire::Vector { element, .. } => format!("Vec<{}>", wire_name(model, element)),
        Wire::Generic(g) => format!("{g}::Answer"),
        Wire::Enum(_) | Wire::Struct(_) => model
            .path_of(wire)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    }
}

/// Doc of a constructor's or function's struct.
pub fn structure(model: &Model, s: &Struct) -> String {
    let mut out = String::new();
    match &s.def.docs.description {
        Some(description) => out.push_str(&escape_markdown(description)),
        None if s.is_function() => {
            let _ = write!(out, "The function `{}`.", s.def.full_name());
        }
        None => {
            let _ = write!(out, "The constructor `{}`.", s.def.full_name());
        }
    }
    if let Some(answer) = &s.answer {
        let _ = write!(
            out,
            "\n\nAnswered by {}.",
            link(model, s.path.depth(), answer)
        );
    }
    if let Some(parent) = s.parent {
        let e = &model.enums[parent];
        let _ = write!(
            out,
            "\n\nA constructor of {}.",
            link(model, s.path.depth(), &Wire::Enum(parent))
        );
        let _ = e;
    }
    tl_block(&mut out, &definition_line(&s.def));
    out
}

/// Doc of a struct field: the parameter's documentation and its TL declaration.
pub fn field(f: &Field) -> String {
    let mut out = String::new();
    if let Some(doc) = &f.doc {
        out.push_str(&escape_markdown(doc));
        out.push_str("\n\n");
    }
    let note = match &f.kind {
        FieldKind::FlagTrue { flag } => format!(
            " (bit {} of `{}`: `true` sets the bit)",
            flag.bit, flag.holder
        ),
        FieldKind::Optional { flag, .. } => format!(
            " (present when bit {} of `{}` is set)",
            flag.bit, flag.holder
        ),
        _ => String::new(),
    };
    let _ = write!(out, "TL parameter `{}`{note}.", f.tl_name);
    out
}

/// Doc of an abstract type's enum.
pub fn enumeration(model: &Model, e: &Enum) -> String {
    let mut out = match &e.doc {
        Some(doc) => escape_markdown(doc),
        None => format!("The abstract type `{}`.", e.tl_name),
    };
    out.push_str("\n\nConstructors:");
    for v in &e.variants {
        let s = &model.structs[v.structure];
        let _ = write!(out, "\n- `{}#{:08x}`", s.def.full_name(), s.def.id());
    }
    out
}

/// Doc of an enum variant.
pub fn variant(s: &Struct) -> String {
    let mut out = match &s.def.docs.description {
        Some(doc) => escape_markdown(doc),
        None => format!("The constructor `{}`.", s.def.full_name()),
    };
    tl_block(&mut out, &definition_line(&s.def));
    out
}

/// The definition as the schema writes it, with its constructor ID always shown (computed
/// when the schema leaves it out).
fn definition_line(def: &tl_parser::Definition) -> String {
    let line = def.to_string();
    if def.explicit_id.is_some() {
        return line;
    }
    let name = def.full_name();
    let rest = line.strip_prefix(name.as_str()).unwrap_or(&line);
    format!("{name}#{:08x}{rest}", def.id())
}

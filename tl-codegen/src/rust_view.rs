//! The Rust API the generator makes of a schema, reduced to what user code touches:
//! item paths, field names and types, enum variants. Two versions of a definition are
//! source-compatible when these agree.
//!
//! Everything here is read off the generator's own [`Model`] (names from `ident.rs`,
//! `flags.N?true` as `bool`, optional fields as `Option`, boxing of recursive fields and
//! large variants), so the classification cannot drift from what `emit.rs` prints.

use std::collections::HashMap;

use tl_parser::ast::{Definition, Schema, Section};

use crate::model::{FieldKind, ItemPath, Model, ModelError, ModelOptions, Struct, Wire};

/// A definition's section and full TL name.
type Key = (Section, String);

/// The generated item of one constructor or function.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StructShape {
    /// `types::messages::ChatFull`.
    pub path: String,
    /// Every TL parameter, stored or not, in order.
    pub fields: Vec<FieldShape>,
    /// Generic parameter names (`X` of `invokeWithLayer`).
    pub generics: Vec<String>,
    /// For functions: `RemoteCall::Answer`.
    pub answer: Option<String>,
    /// For constructors: the enum variant that holds it.
    pub variant: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FieldShape {
    pub tl_name: String,
    /// The Rust field name (`r#type`, `self_`).
    pub rust_name: String,
    /// `None` when the struct does not store it (a `flags:#` word is derived on encode).
    pub rust_type: Option<String>,
}

impl StructShape {
    pub fn field(&self, tl_name: &str) -> Option<&FieldShape> {
        self.fields.iter().find(|f| f.tl_name == tl_name)
    }
}

impl FieldShape {
    /// `name: Type`, or `None` for a field the struct does not store.
    pub fn declaration(&self) -> Option<String> {
        let ty = self.rust_type.as_ref()?;
        Some(format!("{}: {ty}", self.rust_name))
    }
}

/// The generated API of a whole side.
#[derive(Clone, Debug, Default)]
pub(crate) struct RustView {
    /// By TL key; definitions the runtime provides (`boolTrue`, `vector`) have none.
    pub structs: HashMap<Key, StructShape>,
    /// `enums::InputPeer` by TL type name (`InputPeer`).
    pub enums: HashMap<String, String>,
}

impl RustView {
    /// Builds the generator's model of every definition of `schemas` together, as one
    /// `Config` unit does.
    pub fn build(schemas: &[Schema], layer: Option<u32>) -> Result<RustView, Vec<ModelError>> {
        let definitions: Vec<&Definition> = schemas.iter().flat_map(|s| &s.definitions).collect();
        let model = Model::build(&definitions, layer, &ModelOptions::default())?;
        let mut view = RustView::default();
        for e in &model.enums {
            view.enums.insert(e.tl_name.clone(), path_text(&e.path));
        }
        for (i, s) in model.structs.iter().enumerate() {
            let key = (s.def.section, s.def.full_name());
            view.structs.insert(key, shape(&model, i, s));
        }
        Ok(view)
    }
}

fn shape(model: &Model, index: usize, s: &Struct) -> StructShape {
    let fields = s
        .fields
        .iter()
        .map(|f| FieldShape {
            tl_name: f.tl_name.clone(),
            rust_name: f.name.clone(),
            rust_type: field_type(model, &f.kind),
        })
        .collect();
    let answer = s.answer.as_ref().map(|w| wire_type(model, w));
    let variant = s.parent.and_then(|e| {
        let en = &model.enums[e];
        let v = en.variants.iter().find(|v| v.structure == index)?;
        let mut text = format!("{}::{}", path_text(&en.path), v.name);
        // The emitter writes a unit variant for a constructor without fields.
        if !(s.fields.is_empty() && s.generics.is_empty()) {
            let payload = path_text(&s.path);
            if v.boxed {
                text.push_str(&format!("(Box<{payload}>)"));
            } else {
                text.push_str(&format!("({payload})"));
            }
        }
        Some(text)
    });
    StructShape {
        path: path_text(&s.path),
        fields,
        generics: s.generics.clone(),
        answer,
        variant,
    }
}

/// `types::messages::ChatFull`: the path from the root of the generated file.
fn path_text(path: &ItemPath) -> String {
    let mut text = path.tree.module().to_owned();
    for m in &path.modules {
        text.push_str("::");
        text.push_str(m);
    }
    text.push_str("::");
    text.push_str(&path.name);
    text
}

/// The declared type of a stored field, as `emit.rs` writes it (with root-relative paths).
fn field_type(model: &Model, kind: &FieldKind) -> Option<String> {
    Some(match kind {
        FieldKind::Flags | FieldKind::ObjectLength => return None,
        FieldKind::FlagTrue { .. } => "bool".to_owned(),
        FieldKind::Required { wire, boxed } => boxed_if(*boxed, wire_type(model, wire)),
        FieldKind::Optional { wire, boxed, .. } => {
            format!("Option<{}>", boxed_if(*boxed, wire_type(model, wire)))
        }
    })
}

fn boxed_if(boxed: bool, ty: String) -> String {
    if boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

fn wire_type(model: &Model, wire: &Wire) -> String {
    match wire {
        Wire::Int => "i32".into(),
        Wire::Long => "i64".into(),
        Wire::Double => "f64".into(),
        Wire::Nat => "u32".into(),
        Wire::Int128 => "[u8; 16]".into(),
        Wire::Int256 => "[u8; 32]".into(),
        Wire::Int512 => "[u8; 64]".into(),
        Wire::String => "String".into(),
        Wire::Bytes => "Vec<u8>".into(),
        Wire::Bool => "bool".into(),
        Wire::True => "tl_runtime::primitives::True".into(),
        Wire::Object | Wire::AnyValue => "tl_runtime::Object".into(),
        Wire::Vector { element, .. } => format!("Vec<{}>", wire_type(model, element)),
        Wire::Generic(name) => name.clone(),
        Wire::Enum(_) | Wire::Struct(_) => match model.path_of(wire) {
            Some(path) => path_text(path),
            None => "?".into(),
        },
    }
}

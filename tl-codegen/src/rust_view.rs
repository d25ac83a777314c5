//! The Rust API the generator makes of a schema, as plain data: where each constructor,
//! function and abstract type goes, the fields of each struct and their declared types,
//! the enum variant that holds a constructor, a function's `RemoteCall::Answer`.
//!
//! For tools that reason about the generated code without reading it: `tl diff` (crate
//! `tl-cli`) judges from it whether a schema change breaks code written against the
//! bindings. Everything is read off the generator's own analysis of the schemas (names,
//! `flags.N?true` as `bool`, optional fields as `Option`, boxing of recursive fields and
//! of large variants), so it cannot drift from what the generator writes.
//!
//! Paths are written from the root of the generated file (the module that `include!`s
//! it): `types::messages::ChatFull`, `enums::InputPeer`, `functions::help::GetConfig`.
//! Runtime types are written as `tl_runtime::Object`. Types are those of the default
//! configuration: `string` and `bytes` are `String` and `Vec<u8>` (not the shared-buffer
//! types of `Config::shared_buffers`).
//!
//! ```
//! use tl_codegen::rust_view::RustView;
//! use tl_parser::ast::Section;
//!
//! let schema = "user#1 flags:# id:long name:flags.0?string = User;\n\
//!               ---functions---\n\
//!               users.getUsers id:Vector<long> = Vector<User>;";
//! let checked = tl_parser::check(&[("my.tl", schema)], &Default::default());
//! let view = RustView::build(&checked.schemas, &Default::default()).unwrap();
//!
//! let user = view.structure(Section::Types, "user").unwrap();
//! assert_eq!(user.path, "types::User");
//! assert_eq!(user.variant.as_deref(), Some("enums::User::User(types::User)"));
//! let name = user.field("name").unwrap();
//! assert_eq!(name.rust_type.as_deref(), Some("Option<String>"));
//! // Stored: the bits that no field uses (bit 0 is `name`'s, derived from it).
//! assert_eq!(user.field("flags").unwrap().rust_type.as_deref(), Some("u32"));
//!
//! let get_users = view.structure(Section::Functions, "users.getUsers").unwrap();
//! assert_eq!(get_users.path, "functions::users::GetUsers");
//! assert_eq!(get_users.answer.as_deref(), Some("Vec<enums::User>"));
//! assert_eq!(view.enum_path("User"), Some("enums::User"));
//! ```

use std::collections::HashMap;

use tl_parser::ast::{Definition, Schema, Section};

use crate::model::{FieldKind, ItemPath, Model, ModelError, ModelOptions, Struct, Wire};

/// The generated items of a set of schemas read together (as one `Config` unit reads
/// them: `Config::schema`, or one `Config::schema_in_module` module).
#[derive(Clone, Debug, Default)]
pub struct RustView {
    /// By section and full TL name; definitions the runtime provides (`boolTrue`,
    /// `vector`) have none.
    structs: HashMap<(Section, String), StructShape>,
    /// `enums::InputPeer` by TL type name (`InputPeer`).
    enums: HashMap<String, String>,
}

/// The generated struct of one constructor or function.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct StructShape {
    /// The struct's path: `types::messages::ChatFull`.
    pub path: String,
    /// Every TL parameter, stored or not, in order.
    pub fields: Vec<FieldShape>,
    /// Generic parameter names (`X` of `invokeWithLayer`).
    pub generics: Vec<String>,
    /// For functions: `RemoteCall::Answer` (`Vec<enums::User>`).
    pub answer: Option<String>,
    /// For constructors of an abstract type: the enum variant that holds it, as it is
    /// declared (`enums::User::User(types::User)`, `enums::InputPeer::Empty` for a
    /// constructor without fields, `(Box<...>)` for a boxed one).
    pub variant: Option<String>,
}

/// One TL parameter of a [`StructShape`] and the field it becomes.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct FieldShape {
    /// The TL parameter's name (`type`, `self`).
    pub tl_name: String,
    /// The Rust field name (`r#type`, `self_`).
    pub rust_name: String,
    /// The field's declared type (`Option<Box<enums::Message>>`), or `None` when the
    /// struct does not store the parameter (a `flags:#` word, derived on encode).
    pub rust_type: Option<String>,
}

impl RustView {
    /// Analyses every definition of `schemas` together, as the generator does (already
    /// validated: [`tl_parser::check`]). Fails where the generator would fail: with the
    /// same errors as [`crate::Error::Model`].
    pub fn build(schemas: &[Schema], options: &ModelOptions) -> Result<RustView, Vec<ModelError>> {
        let definitions: Vec<&Definition> = schemas.iter().flat_map(|s| &s.definitions).collect();
        let model = Model::build(&definitions, None, options)?;
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

    /// The struct of the constructor or function `full_name` (`messages.chatFull`), or
    /// `None` when the schemas do not define it or the runtime provides it (`boolTrue`).
    pub fn structure(&self, section: Section, full_name: &str) -> Option<&StructShape> {
        self.structs.get(&(section, full_name.to_owned()))
    }

    /// The enum of the abstract type `full_name` (`messages.Messages`), or `None` when
    /// the schemas have no constructor of it or the runtime provides it (`Bool`).
    pub fn enum_path(&self, full_name: &str) -> Option<&str> {
        self.enums.get(full_name).map(String::as_str)
    }
}

impl StructShape {
    /// The field of the TL parameter `tl_name`.
    pub fn field(&self, tl_name: &str) -> Option<&FieldShape> {
        self.fields.iter().find(|f| f.tl_name == tl_name)
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
    let answer = s
        .answer
        .as_ref()
        .map(|w| type_text(model, w, Naming::Declared));
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

/// [`path_text`] with each module and name as an identifier of the generated code
/// (`r#type` for a keyword).
fn emitted_path_text(path: &ItemPath) -> String {
    let mut text = path.tree.module().to_owned();
    for m in &path.modules {
        text.push_str("::");
        text.push_str(&crate::ident::ident(m).to_string());
    }
    text.push_str("::");
    text.push_str(&crate::ident::ident(&path.name).to_string());
    text
}

/// The declared type of a stored field, as `emit/` writes it (with root-relative paths).
fn field_type(model: &Model, kind: &FieldKind) -> Option<String> {
    Some(match kind {
        FieldKind::ObjectLength => return None,
        FieldKind::Flags { .. } => "u32".to_owned(),
        FieldKind::FlagTrue { .. } => "bool".to_owned(),
        FieldKind::Required { wire, boxed } => {
            boxed_if(*boxed, type_text(model, wire, Naming::Declared))
        }
        FieldKind::Optional { wire, boxed, .. } => format!(
            "Option<{}>",
            boxed_if(*boxed, type_text(model, wire, Naming::Declared))
        ),
    })
}

fn boxed_if(boxed: bool, ty: String) -> String {
    if boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

/// How [`type_text`] names the generated items and runtime types a type refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Naming {
    /// As the generated code declares the type, from the root of the generated file:
    /// `types::messages::ChatFull`, `tl_runtime::Object`, a generic parameter as itself.
    Declared,
    /// As documentation names it in prose: an item or a runtime type by its own name
    /// (`ChatFull`, `Object`, `True`), a generic parameter as the answer of the wrapped
    /// call (`X::Answer`).
    Short,
    /// As the generated code writes it in an item `depth` modules below the root of the
    /// generated file (`emit/`): `super::super::types::messages::ChatFull`,
    /// `::tl_runtime::Object`, a generic parameter as itself.
    Emitted {
        /// How many modules below the root the item is.
        depth: usize,
    },
}

/// The Rust type of a value of wire type `wire`: the one mapping of TL types to Rust
/// types, as text, for the generated code itself (`emit/`, which parses it), this module
/// and the generated documentation (`docs.rs`). `string` and `bytes` follow the model's
/// `shared_buffers`.
pub(crate) fn type_text(model: &Model, wire: &Wire, naming: Naming) -> String {
    let short = naming == Naming::Short;
    let runtime = |declared: &str, name: &str| match naming {
        Naming::Declared => declared.to_owned(),
        Naming::Short => name.to_owned(),
        Naming::Emitted { .. } => format!("::{declared}"),
    };
    match wire {
        Wire::Int => "i32".into(),
        Wire::Long => "i64".into(),
        Wire::Double => "f64".into(),
        Wire::Nat => "u32".into(),
        Wire::Int128 => "[u8; 16]".into(),
        Wire::Int256 => "[u8; 32]".into(),
        Wire::Int512 => "[u8; 64]".into(),
        Wire::String if model.shared_buffers => {
            runtime("tl_runtime::shared::ByteString", "ByteString")
        }
        Wire::Bytes if model.shared_buffers => runtime("tl_runtime::shared::Bytes", "Bytes"),
        Wire::String => "String".into(),
        Wire::Bytes => "Vec<u8>".into(),
        Wire::Bool => "bool".into(),
        Wire::True | Wire::BareTrue => runtime("tl_runtime::primitives::True", "True"),
        Wire::Object | Wire::AnyValue => runtime("tl_runtime::Object", "Object"),
        Wire::Vector { element, .. } => format!("Vec<{}>", type_text(model, element, naming)),
        Wire::Generic(name) if short => format!("{name}::Answer"),
        Wire::Generic(name) => name.clone(),
        Wire::Enum(_) | Wire::Struct(_) => match (model.path_of(wire), naming) {
            (Some(path), Naming::Short) => path.name.clone(),
            (Some(path), Naming::Declared) => path_text(path),
            (Some(path), Naming::Emitted { depth }) => {
                format!("{}{}", "super::".repeat(depth), emitted_path_text(path))
            }
            (None, _) => String::new(),
        },
    }
}

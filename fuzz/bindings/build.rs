//! Generates bindings for `schema/api.tl` and `schema/mtproto.tl` (MTProto in its own
//! module, as `examples/build.rs` does) through the public build.rs API, with the
//! registry (`registry::by_id`, `functions::AnyFunction`), and a second lookup of our own:
//! `by_type_of(id)`, which names the *enum* of the abstract type a constructor ID belongs
//! to (functions: `AnyFunction`), so that the fuzz targets decode every value the way a
//! client does, through the enum's dispatch on the ID.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use tl_codegen::model::{ItemPath, Model, ModelOptions, Tree};

const UNITS: [(Option<&str>, &str); 2] = [
    (None, "../../schema/api.tl"),
    (Some("mtproto"), "../../schema/mtproto.tl"),
];

fn main() {
    tl_codegen::Config::new()
        .schema(UNITS[0].1)
        .schema_in_module("mtproto", UNITS[1].1)
        .registry(true)
        .doc_comments(false)
        .file_name("schema.rs")
        .compile()
        .unwrap();

    let mut arms = String::new();
    let mut seen = HashSet::new();
    for (module, path) in UNITS {
        let text = std::fs::read_to_string(path).unwrap();
        let checked = tl_parser::check(&[(path, &text)], &Default::default());
        assert!(!checked.has_errors(), "{path} has errors");
        let definitions: Vec<&tl_parser::Definition> = checked
            .schemas
            .iter()
            .flat_map(|s| &s.definitions)
            .collect();
        let model = Model::build(&definitions, None, &ModelOptions::default())
            .unwrap_or_else(|_| panic!("{path}: no model"));
        let any_function = ItemPath {
            tree: Tree::Functions,
            modules: Vec::new(),
            name: "AnyFunction".to_owned(),
        };
        for s in &model.structs {
            let target = if s.is_function() {
                &any_function
            } else if let Some(parent) = s.parent {
                &model.enums[parent].path
            } else if s.generics.is_empty() {
                &s.path
            } else {
                continue;
            };
            if !seen.insert(s.def.id()) {
                continue; // The first file's definition wins, as in the reflective registry.
            }
            let mut rust = String::from("crate::tl::");
            if let Some(module) = module {
                write!(rust, "{module}::").unwrap();
            }
            write!(rust, "{}::", target.tree.module()).unwrap();
            for m in &target.modules {
                write!(rust, "{m}::").unwrap();
            }
            rust.push_str(&target.name);
            writeln!(
                arms,
                "        {:#010x} => visitor.visit::<{rust}>(), // {}",
                s.def.id(),
                s.def.full_name()
            )
            .unwrap();
        }
    }
    let code = format!(
        "/// Calls `visitor` with the type a boxed value starting with `id` is decoded as: the\n\
         /// enum of the constructor's abstract type, `AnyFunction` for a function.\n\
         pub fn by_type_of<V: ::tl_runtime::json::TypeVisitor>(id: u32, visitor: V) -> Option<V::Output> {{\n\
         \x20   Some(match id {{\n{arms}        _ => return None,\n    }})\n}}\n"
    );
    let out = Path::new(&std::env::var_os("OUT_DIR").unwrap()).join("by_type_of.rs");
    if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(&out, code).unwrap();
    }
}

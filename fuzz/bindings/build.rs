//! Generates bindings for `schema/api.tl` and `schema/mtproto.tl` (MTProto in its own
//! module, as `examples/build.rs` does) through the public build.rs API, with the
//! registry (`registry::by_id`, `functions::AnyFunction`), and a second lookup of our own:
//! `by_type_of(id)`, which names the *enum* of the abstract type a constructor ID belongs
//! to (functions: `AnyFunction`), so that the fuzz targets decode every value the way a
//! client does, through the enum's dispatch on the ID.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use tl_codegen::rust_view::RustView;
use tl_parser::ast::Section;

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
        let view = RustView::build(&checked.schemas, &Default::default())
            .unwrap_or_else(|_| panic!("{path}: cannot be mapped to Rust"));
        for def in checked.schemas.iter().flat_map(|s| &s.definitions) {
            let Some(shape) = view.structure(def.section, &def.full_name()) else {
                continue; // Provided by the runtime (`boolTrue`, `vector`).
            };
            let target = if def.section == Section::Functions {
                "functions::AnyFunction"
            } else if let Some(path) = view.enum_path(&def.result.full_name()) {
                path
            } else if shape.generics.is_empty() {
                &shape.path
            } else {
                continue;
            };
            if !seen.insert(def.id()) {
                continue; // The first file's definition wins, as in the reflective registry.
            }
            let mut rust = String::from("crate::tl::");
            if let Some(module) = module {
                write!(rust, "{module}::").unwrap();
            }
            rust.push_str(target);
            writeln!(
                arms,
                "        {:#010x} => visitor.visit::<{rust}>(), // {}",
                def.id(),
                def.full_name()
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

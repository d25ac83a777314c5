//! Every schema the project meets goes through the one model (`tl-schema`): Telegram's
//! layers 98-228 and the vendored 230, TDLib's and TON's schemas, the golden schemas of the
//! peers, and the fixtures. On each, the generator and the reflective codec accept and
//! refuse the same definitions (both read one resolution, so a rule cannot differ), and the
//! generator's Rust view stores a field for exactly the parameters that carry a value.
//! That the two then write the same bytes is checked by compiling bindings of the
//! vendored API, the golden schemas and the fixtures (`whole_api/properties.rs`,
//! `whole_api/reflect_agrees.rs`, `tests/fixtures/tests/properties.rs`).
//!
//! Schemas under `../shared` are optional (a fresh clone may lack them): without the
//! folder, this says so and checks the repository's own schemas only.

use std::path::{Path, PathBuf};

use tl_codegen::rust_view::RustView;
use tl_parser::{Schema, Section};
use tl_reflect::Registry;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Every schema set: the files read together, named for messages.
fn schema_sets() -> Vec<Vec<PathBuf>> {
    let root = Path::new(ROOT);
    let mut sets = vec![
        vec![root.join("schema/api.tl")],
        vec![root.join("schema/mtproto.tl")],
        vec![
            root.join("tests/golden/schemas/telethon-api.tl"),
            root.join("tests/golden/schemas/telethon-mtproto.tl"),
        ],
        vec![
            root.join("tests/golden/schemas/gramjs-api.tl"),
            root.join("tests/golden/schemas/gramjs-mtproto.tl"),
        ],
    ];
    sets.extend(
        tl_files(&root.join("tests/fixtures/schemas"))
            .into_iter()
            .map(|f| vec![f]),
    );
    let shared = root.join("../shared");
    if !shared.is_dir() {
        eprintln!("SKIPPED: {} is absent; Telegram's layers, TDLib's, TON's and the golden schemas were not checked", shared.display());
        return sets;
    }
    for dir in [
        "schemas/layers",
        "schemas/tdlib",
        "schemas/ton",
        "golden/schemas",
    ] {
        sets.extend(tl_files(&shared.join(dir)).into_iter().map(|f| vec![f]));
    }
    sets
}

fn tl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "tl"))
        .collect();
    files.sort();
    files
}

fn parse(paths: &[PathBuf]) -> Vec<Schema> {
    let texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_str()))
        .collect();
    let checked = tl_parser::check(&files, &Default::default());
    assert!(
        !checked.has_errors(),
        "{paths:?}: {:?}",
        checked.diagnostics
    );
    checked.schemas
}

/// What is wrong with one schema set, if anything.
fn disagreements(paths: &[PathBuf]) -> Vec<String> {
    let schemas = parse(paths);
    let registry = Registry::new(&schemas.iter().collect::<Vec<_>>());
    let model = registry.schema();
    let refused: Vec<&str> = model
        .combinators
        .iter()
        .filter(|c| !c.provided && !c.problems.is_empty())
        .map(|c| c.name.as_str())
        .collect();
    let mut wrong = Vec::new();
    let view = match RustView::build(&schemas, &Default::default()) {
        Ok(view) => view,
        Err(errors) => {
            // Refused by the generator: for the definitions the model cannot resolve,
            // and for names Rust cannot hold (the only refusals of its own).
            for e in &errors {
                let named = e
                    .definition
                    .as_deref()
                    .is_some_and(|d| refused.contains(&d));
                let rust_only = e.message.contains("Rust") || e.message == "defined twice";
                if !named && !rust_only {
                    wrong.push(format!("only the generator refuses: {e}"));
                }
            }
            for name in &refused {
                if !errors.iter().any(|e| e.definition.as_deref() == Some(name)) {
                    wrong.push(format!("only the reflective codec refuses `{name}`"));
                }
            }
            return wrong;
        }
    };
    for name in &refused {
        wrong.push(format!("only the reflective codec refuses `{name}`"));
    }
    for c in model.combinators.iter().filter(|c| !c.provided) {
        let section = if c.is_function {
            Section::Functions
        } else {
            Section::Types
        };
        let Some(shape) = view.structure(section, &c.name) else {
            wrong.push(format!("`{}` has no Rust item", c.name));
            continue;
        };
        for param in &c.params {
            // Every parameter is stored but a derived length (a `#` word keeps the bits
            // that no field uses: TL-JSON revision 2).
            let stored = !matches!(param.kind, tl_schema::ParamKind::ObjectLength);
            match shape.field(&param.name) {
                Some(field) if field.rust_type.is_some() == stored => {}
                other => wrong.push(format!("`{}.{}`: {other:?}", c.name, param.name)),
            }
        }
    }
    wrong
}

#[test]
fn generator_and_reflective_codec_read_every_schema_alike() {
    let sets = schema_sets();
    let mut failures = Vec::new();
    for paths in &sets {
        for wrong in disagreements(paths) {
            failures.push(format!("{}: {wrong}", paths[0].display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "{} schema sets read alike by the generator and tl-reflect",
        sets.len()
    );
}

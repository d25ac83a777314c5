//! Generated code is deterministic, and a one-constructor change in the schema is a small,
//! local change in the output: items are emitted in a stable order (namespaces and
//! abstract types by name, constructors and functions in schema order), so committed
//! generated code reviews well after a layer upgrade.

use std::collections::BTreeMap;

use quote::ToTokens;
use similar::TextDiff;

/// Three abstract types, a namespace, nested structs and functions.
const SHAPES: &str = "\
// LAYER 7
point x:int y:int = Point;
circle flags:# center:Point radius:double label:flags.0?string = Shape;
square corner:Point side:int = Shape;
polygon points:Vector<Point> = Shape;
nothing = Shape;
user id:long name:string = User;
users.list users:Vector<User> count:int = users.List;
---functions---
users.get ids:Vector<long> = users.List;
shapes.largest shapes:Vector<Shape> = Shape;
";

fn generate(schema: &str) -> String {
    tl_codegen::Config::new()
        .generate_from_sources(&[("shapes.tl", schema)])
        .unwrap_or_else(|e| panic!("{e}"))
        .code
}

/// Every item of the generated file (modules flattened) by a key naming it, with its
/// tokens as text.
fn items(code: &str) -> BTreeMap<String, String> {
    fn walk(items: &[syn::Item], path: &str, out: &mut BTreeMap<String, String>) {
        for item in items {
            let key = match item {
                syn::Item::Mod(m) => {
                    let inner = format!("{path}::{}", m.ident);
                    walk(m.content.as_ref().map_or(&[][..], |(_, i)| i), &inner, out);
                    continue;
                }
                syn::Item::Struct(s) => format!("struct {path}::{}", s.ident),
                syn::Item::Enum(e) => format!("enum {path}::{}", e.ident),
                syn::Item::Impl(i) => {
                    let self_ty = i.self_ty.to_token_stream().to_string();
                    match &i.trait_ {
                        Some((_, t, _)) => {
                            format!("impl {} for {path}::{self_ty}", t.to_token_stream())
                        }
                        None => format!("impl {path}::{self_ty}"),
                    }
                }
                other => format!("{path}: {}", other.to_token_stream()),
            };
            let previous = out.insert(key.clone(), item.to_token_stream().to_string());
            assert!(previous.is_none(), "two items named {key}");
        }
    }
    let file = syn::parse_file(code).expect("generated code parses");
    let mut out = BTreeMap::new();
    walk(&file.items, "", &mut out);
    out
}

/// Keys of the items that differ or exist on one side only.
fn touched(old: &str, new: &str) -> Vec<String> {
    let (old, new) = (items(old), items(new));
    let mut keys: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Lines removed plus lines added, and the number of regions they fall in: runs of
/// changes (in the old file) less than `gap` lines apart. One definition's struct with
/// its impls, or an enum with its match arms, is one region.
fn line_diff(old: &str, new: &str, gap: usize) -> (usize, usize) {
    let diff = TextDiff::from_lines(old, new);
    let changed = diff
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .count();
    let mut regions = 0;
    let mut last_end: Option<usize> = None;
    for hunk in diff.grouped_ops(0) {
        let (start, end) = match (hunk.first(), hunk.last()) {
            (Some(first), Some(last)) => (first.old_range().start, last.old_range().end),
            _ => continue,
        };
        let far = match last_end {
            Some(end) => start > end + gap,
            None => true,
        };
        if far {
            regions += 1;
        }
        last_end = Some(end);
    }
    (changed, regions)
}

fn about(key: &str, names: &[&str]) -> bool {
    names.iter().any(|name| {
        key.split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *name)
    })
}

#[test]
fn the_same_schema_gives_the_same_bytes() {
    assert_eq!(generate(SHAPES), generate(SHAPES));
    // A real layer, twice, in one process (hash maps seeded differently each time).
    let api = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/golden/schemas/telethon-api.tl"
    ))
    .expect("telethon-api.tl");
    assert_eq!(generate(&api), generate(&api));
}

/// Items are formatted in chunks on several threads; the file is the same for any number
/// of them, and every line is indented to its module's depth.
#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    let api = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/golden/schemas/telethon-api.tl"
    ))
    .expect("telethon-api.tl");
    let with = |threads| {
        tl_codegen::Config::new()
            .threads(threads)
            .generate_from_sources(&[("api.tl", api.as_str())])
            .unwrap_or_else(|e| panic!("{e}"))
            .code
    };
    let one = with(1);
    for threads in [2, 3, 8] {
        assert!(one == with(threads), "{threads} threads give another file");
    }
    // The chunks join into one valid file, and nesting shows in the indentation: a
    // namespace's items sit 8 columns in (`pub mod types { pub mod messages { ... } }`).
    syn::parse_file(&one).expect("the joined file parses");
    assert!(one.contains("\n    pub mod messages {\n        #[allow(unused_imports)]\n"));
    assert!(one.contains("\n    pub struct ChatInviteExported {\n"));
    assert!(one.contains("\n        pub struct ChatFull {\n"));
}

#[test]
fn changing_one_constructor_changes_its_struct_and_its_enum_only() {
    let old = generate(SHAPES);
    let new = generate(&SHAPES.replace(
        "square corner:Point side:int = Shape;",
        "square flags:# corner:Point side:int rounded:flags.0?true = Shape;",
    ));
    let keys = touched(&old, &new);
    assert!(
        keys.iter().any(|k| k == "struct ::types::Square"),
        "{keys:#?}"
    );
    for key in &keys {
        assert!(
            about(key, &["Square", "Shape"]),
            "{key} changed too; all: {keys:#?}"
        );
    }
    // Here: the doc line, field, ID and codec of `Square` (about 70 lines from its doc
    // comment to its last impl), and the ID in `Shape`'s docs and match arms.
    let (changed, regions) = line_diff(&old, &new, 100);
    assert!(
        changed <= 40 && regions <= 2,
        "{changed} lines in {regions} regions of {} changed:\n{}",
        old.lines().count(),
        TextDiff::from_lines(&old, &new)
            .unified_diff()
            .context_radius(2)
    );
}

#[test]
fn adding_a_constructor_inserts_its_items_in_place() {
    let old = generate(SHAPES);
    let new = generate(&SHAPES.replace(
        "nothing = Shape;",
        "nothing = Shape;\ntriangle a:Point b:Point c:Point = Shape;",
    ));
    let keys = touched(&old, &new);
    for key in &keys {
        assert!(
            about(key, &["Triangle", "Shape"]),
            "{key} changed too; all: {keys:#?}"
        );
    }
    // Insertions only, apart from the enum's arms: no item moved.
    let diff = TextDiff::from_lines(&old, &new);
    let removed = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Delete)
        .count();
    assert!(
        removed <= 2,
        "{removed} lines removed:\n{}",
        diff.unified_diff().context_radius(2)
    );
    let (changed, regions) = line_diff(&old, &new, 100);
    assert!(regions <= 2, "{changed} lines in {regions} regions");
}

#[test]
fn changing_a_function_touches_that_function_only() {
    let old = generate(SHAPES);
    let new = generate(&SHAPES.replace(
        "users.get ids:Vector<long> = users.List;",
        "users.get flags:# ids:Vector<long> offset:flags.0?int = users.List;",
    ));
    let keys = touched(&old, &new);
    assert!(!keys.is_empty());
    for key in &keys {
        assert!(about(key, &["Get"]), "{key} changed too; all: {keys:#?}");
    }
    let (changed, regions) = line_diff(&old, &new, 100);
    assert!(regions == 1, "{changed} lines in {regions} regions");
}

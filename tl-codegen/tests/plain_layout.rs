//! `Config::format(false)`: the simple printer writes the same code as `prettyplease`
//! (the same syntax tree), for every fixture schema and for the whole Telegram API with
//! every option on; and it lays the code out one item, statement, field or arm per line.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `code` parsed and printed again by `prettyplease`: the same text for the same syntax
/// tree, whatever the layout (trailing commas where a list is wrapped, doc comments as
/// `///` or as attributes).
fn normalised(code: &str, what: &str) -> String {
    let file =
        syn::parse_file(code).unwrap_or_else(|error| panic!("{what}: not valid Rust: {error}"));
    prettyplease::unparse(&file)
}

/// The code `config` generates laid out by `prettyplease` and by the simple printer.
fn both_layouts(config: &mut tl_codegen::Config) -> (String, String) {
    let pretty = config.format(true).generate().expect("generates").code;
    let plain = config.format(false).generate().expect("generates").code;
    (pretty, plain)
}

fn assert_same_tokens(config: &mut tl_codegen::Config, what: &str) -> String {
    let (pretty, plain) = both_layouts(config);
    assert_ne!(pretty, plain, "{what}: the two layouts differ in text");
    let (expected, found) = (normalised(&pretty, what), normalised(&plain, what));
    if expected != found {
        let at = expected
            .bytes()
            .zip(found.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(found.len()));
        let from = at.saturating_sub(300);
        panic!(
            "{what}: the simple printer changed the code at byte {at}:\nprettyplease: {}\nsimple:       {}",
            &expected[from..(at + 100).min(expected.len())],
            &found[from..(at + 100).min(found.len())],
        );
    }
    plain
}

#[test]
fn every_fixture_schema_prints_the_same_code() {
    let fixtures = root().join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures.join("schemas")).expect("fixture schemas") {
        let path = entry.expect("a directory entry").path();
        let mut config = tl_codegen::Config::new();
        config
            .schema(&path)
            .serde(true)
            .registry(true)
            .arbitrary(true)
            .docs(fixtures.join("docs/api-schema.json"))
            .docs(fixtures.join("docs/raw-errors.json"));
        assert_same_tokens(&mut config, &path.display().to_string());
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} fixture schemas found");
}

#[test]
fn the_whole_api_prints_the_same_code() {
    let schema = root().join("schema");
    let mut config = tl_codegen::Config::new();
    config
        .schema(schema.join("api.tl"))
        .schema_in_module("mtproto", schema.join("mtproto.tl"))
        .docs(schema.join("api-schema.json"))
        .docs(schema.join("raw-errors.json"))
        .serde(true)
        .registry(true)
        .arbitrary(true);
    let plain = assert_same_tokens(&mut config, "api.tl + mtproto.tl");
    // The layout itself, on a function of the seed page.
    let start = plain
        .find("pub struct ExportChatInvite {")
        .expect("the seed function");
    let excerpt = &plain[start..start + 2000];
    assert!(
        excerpt.starts_with("pub struct ExportChatInvite {\n            /// Flags, see")
            && excerpt.contains("\n            pub legacy_revoke_permanent: bool,\n"),
        "one field per line, indented:\n{excerpt}"
    );
}

#[test]
fn plain_layout_of_a_small_schema() {
    let code = tl_codegen::Config::new()
        .format(false)
        .generate_from_sources(&[(
            "point.tl",
            "point x:int y:int = Point;\n---functions---\ngetPoint = Point;\n",
        )])
        .expect("generates")
        .code;
    for expected in [
        "pub mod types {\n",
        "    /// The constructor `point`.\n",
        "    pub struct Point {\n        /// TL parameter `x`.\n        pub x: i32,\n",
        "        fn encode_bare(&self, out: &mut Vec<u8>) -> Result<(), ::tl_runtime::EncodeError> {\n            out.extend_from_slice(&::tl_runtime::primitives::join::<4, 4, 8>(self.x.to_le_bytes(), self.y.to_le_bytes()));\n",
        "            let x = match <i32 as ::tl_runtime::BareDecode>::decode_bare(reader) {\n                Ok(value) => value,\n                Err(error) => return Err(error),\n            };\n",
        "    impl ::tl_runtime::RemoteCall for GetPoint {\n        type Answer = super::enums::Point;\n    }\n",
    ] {
        assert!(code.contains(expected), "missing {expected:?} in:\n{code}");
    }
    assert!(code.ends_with("}\n"), "ends with a line break");
}

#[test]
fn doc_lines_with_quotes_and_hashes_read_back_as_written() {
    // Doc lines are raw string literals (`r#"..."#`): quotes followed by `#`s need a
    // longer fence.
    let source = "\
//@description A point, \"#not a fence\" and \"##neither\"
//@x The \"x\"## coordinate
point x:int = Point;
";
    let dir = std::env::temp_dir().join(format!("tl-doc-literals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let schema = dir.join("point.tl");
    std::fs::write(&schema, source).expect("writes the schema");
    let mut config = tl_codegen::Config::new();
    config.schema(&schema);
    let (pretty, plain) = both_layouts(&mut config);
    assert_same_tokens(&mut config, "point.tl");
    for (layout, code) in [("prettyplease", &pretty), ("simple", &plain)] {
        for line in [
            "/// A point, \"#not a fence\" and \"##neither\"\n",
            "/// The \"x\"## coordinate\n",
        ] {
            assert!(
                code.contains(line),
                "{layout}: missing {line:?} in:\n{code}"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

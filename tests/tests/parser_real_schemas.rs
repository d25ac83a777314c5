//! The parser on every real schema: `tl check --strict-ids` semantics (no errors, only
//! allow-listed ID mismatches), the counts `tl check` prints, every explicit ID, and
//! printing every definition back.
//!
//! Schemas under `../shared` are optional (a fresh clone may lack them): those tests
//! print a message and pass when the folder is absent.

use std::path::{Path, PathBuf};

use tl_parser::{check, parse, ParseOptions, Schema, SchemaCounts, Section, Severity};

const SCHEMA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");
const SHARED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared");

fn shared() -> Option<PathBuf> {
    let p = Path::new(SHARED_DIR);
    if p.is_dir() {
        Some(p.to_path_buf())
    } else {
        eprintln!("SKIPPED: {SHARED_DIR} is absent; the shared-schema checks did not run");
        None
    }
}

fn strict() -> ParseOptions {
    ParseOptions {
        strict_ids: true,
        ..ParseOptions::default()
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks files together with `--strict-ids`; asserts no errors; returns the schemas and
/// the warnings' messages.
fn check_set(paths: &[PathBuf]) -> (Vec<Schema>, Vec<String>) {
    let texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| (p.display().to_string(), read(p)))
        .collect();
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_str()))
        .collect();
    let r = check(&files, &strict());
    let errors: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
    let warnings = r.diagnostics.iter().map(|d| d.message.clone()).collect();
    (r.schemas, warnings)
}

fn counts(types: usize, constructors: usize, functions: usize, builtins: usize) -> SchemaCounts {
    SchemaCounts {
        types,
        constructors,
        functions,
        builtins,
    }
}

#[test]
fn vendored_schema_dir() {
    let api = PathBuf::from(SCHEMA_DIR).join("api.tl");
    let mtproto = PathBuf::from(SCHEMA_DIR).join("mtproto.tl");
    let mut paths = vec![api];
    if mtproto.exists() {
        paths.push(mtproto);
    }
    let (schemas, warnings) = check_set(&paths);
    assert_eq!(schemas[0].layer, Some(230));
    assert_eq!(schemas[0].counts(), counts(648, 1702, 850, 2));
    if paths.len() == 2 {
        assert_eq!(schemas[1].counts(), counts(33, 54, 10, 8));
        // `message` (mtproto's bare container element) and api.tl's `message` share a name.
        assert_eq!(
            warnings,
            [
                "`message` is defined with ID 0x5bb8e511 here and with 0x7600b9d3 in ".to_string()
                    + &paths[0].display().to_string()
                    + ":126"
            ]
        );
        let m = &schemas[1];
        let find = |n: &str| m.definitions.iter().find(|d| d.full_name() == n).unwrap();
        assert_eq!(find("message").computed_id, 0x5bb8e511);
        assert_eq!(find("message").explicit_id, None);
        assert_eq!(find("msg_container").computed_id, 0x73f1f8dc);
        assert_eq!(find("gzip_packed").id(), 0x3072cfa1);
        assert_eq!(find("gzip_packed").computed_id, 0x3072cfa1);
        assert_eq!(find("object").builtin, Some(tl_parser::Builtin::Object));
    } else {
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

#[test]
fn tdlib_schemas() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("schemas/tdlib");
    let expect = [
        ("e2e_api.tl", counts(21, 35, 1, 13)),
        ("mtproto_api.tl", counts(24, 33, 8, 7)),
        ("secret_api.tl", counts(11, 87, 1, 7)),
        ("td_api.tl", counts(738, 2161, 1010, 7)),
        ("telegram_api.tl", counts(609, 1647, 813, 8)),
    ];
    for (file, c) in expect {
        let (schemas, warnings) = check_set(&[dir.join(file)]);
        assert_eq!(schemas[0].counts(), c, "{file}");
        assert!(warnings.is_empty(), "{file}: {warnings:?}");
    }
    // All together: still no errors (names reused across these unrelated schemas are
    // warnings).
    let all: Vec<PathBuf> = expect.iter().map(|(f, _)| dir.join(f)).collect();
    check_set(&all);
}

/// TDLib's schemas are hashed literally (`bytes` stays `bytes`). The IDs are those of
/// TDLib's Java binding (`TdApi.java`), as signed 32-bit numbers.
#[test]
fn td_api_ids_are_tdlibs() {
    let Some(shared) = shared() else { return };
    let src = read(&shared.join("schemas/tdlib/td_api.tl"));
    let r = parse("td_api.tl", &src, &ParseOptions::default());
    assert_eq!(r.id_rule, tl_parser::IdRule::Literal);
    let id = |name: &str| {
        r.schema
            .definitions
            .iter()
            .find(|d| d.full_name() == name)
            .unwrap_or_else(|| panic!("{name} not in td_api.tl"))
            .computed_id as i32
    };
    assert_eq!(id("setDatabaseEncryptionKey"), -1204599371);
    assert_eq!(id("setCustomLanguagePackString"), 1316365592);
    assert_eq!(id("minithumbnail"), -328540758);
}

#[test]
fn td_api_docs() {
    let Some(shared) = shared() else { return };
    let src = read(&shared.join("schemas/tdlib/td_api.tl"));
    let r = parse("td_api.tl", &src, &ParseOptions::default());
    assert!(
        r.diagnostics.is_empty(),
        "{:?}",
        &r.diagnostics[..r.diagnostics.len().min(3)]
    );
    let s = &r.schema;
    assert_eq!(s.classes.len(), 211);
    assert_eq!(s.classes[0].name, "AuthenticationCodeType");
    let documented = s
        .definitions
        .iter()
        .filter(|d| d.builtin.is_none() && d.docs.description.is_some())
        .count();
    // All but `boolFalse = Bool;` and `boolTrue = Bool;`.
    assert_eq!(documented, 2161 + 1010 - 2);
    let error = s.definitions.iter().find(|d| d.name == "error").unwrap();
    assert_eq!(
        error.docs.description.as_deref(),
        Some("An object of this type can be returned on every function call, in case of an error")
    );
    assert_eq!(
        error.params[1].doc.as_deref(),
        Some("Error message; subject to future changes")
    );
    let ft = s
        .definitions
        .iter()
        .find(|d| d.name == "formattedText")
        .unwrap();
    assert!(ft.params[1]
        .doc
        .as_deref()
        .unwrap()
        .ends_with("with each other. Pre, Code, PreCode, and DateTime entities can't contain other entities. BlockQuote entities can't contain other BlockQuote entities. Bold, Italic, Underline, Strikethrough, and Spoiler entities can contain and can be part of any other entities. All other entities can't contain each other"));
    // Every parameter of every documented definition has its doc.
    for d in &s.definitions {
        if d.builtin.is_some() {
            continue;
        }
        for p in &d.params {
            assert!(p.doc.is_some(), "{}.{:?} has no doc", d.full_name(), p.name);
        }
    }
    // `//@param_description` documents a parameter named `description`.
    let with_description = s
        .definitions
        .iter()
        .flat_map(|d| &d.params)
        .filter(|p| p.name.as_deref() == Some("description"))
        .count();
    assert!(with_description > 3);
}

#[test]
fn golden_schemas() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("golden/schemas");
    let expect = [
        ("gramjs-api.tl", counts(532, 1400, 689, 2), None),
        ("gramjs-mtproto.tl", counts(28, 49, 10, 0), None),
        ("telethon-api.tl", counts(614, 1660, 813, 0), Some(229)),
        ("telethon-mtproto.tl", counts(26, 40, 10, 0), None),
    ];
    for pair in [
        ["gramjs-api.tl", "gramjs-mtproto.tl"],
        ["telethon-api.tl", "telethon-mtproto.tl"],
    ] {
        let (schemas, warnings) = check_set(&[dir.join(pair[0]), dir.join(pair[1])]);
        assert!(warnings.is_empty(), "{pair:?}: {warnings:?}");
        for (k, s) in schemas.iter().enumerate() {
            let (_, c, layer) = expect.iter().find(|e| e.0 == pair[k]).unwrap();
            assert_eq!(s.counts(), *c, "{}", pair[k]);
            assert_eq!(s.layer, *layer, "{}", pair[k]);
        }
    }
    let all: Vec<PathBuf> = expect.iter().map(|(f, _, _)| dir.join(f)).collect();
    check_set(&all);
}

/// Every `.tl` file we have.
fn all_schema_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::from(SCHEMA_DIR)];
    if let Some(s) = shared() {
        dirs.push(s.join("schemas"));
        dirs.push(s.join("golden/schemas"));
    }
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "tl") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_explicit_id_is_verified() {
    let mut explicit = 0;
    let mut excepted = std::collections::BTreeSet::new();
    for path in all_schema_files() {
        let src = read(&path);
        let r = parse(&path.display().to_string(), &src, &strict());
        let errors: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        for d in &r.schema.definitions {
            if let Some(id) = d.explicit_id {
                explicit += 1;
                let other = match r.id_rule {
                    tl_parser::IdRule::Telegram => tl_parser::IdRule::Literal,
                    tl_parser::IdRule::Literal => tl_parser::IdRule::Telegram,
                };
                if id != d.computed_id && id != tl_parser::compute_id(d, other) {
                    let e = tl_parser::known_exception(&d.full_name(), id)
                        .unwrap_or_else(|| panic!("{}: {} not allow-listed", path.display(), d));
                    excepted.insert(e.name);
                }
            }
        }
    }
    // The vendored api.tl + mtproto.tl alone hold about 2,600; with ../shared's schemas
    // (golden and TDLib copies of the API) there are several thousand more.
    let least = if shared().is_some() { 4000 } else { 2500 };
    assert!(
        explicit > least,
        "{explicit} explicit IDs, expected over {least}"
    );
    // Every allow-list entry is needed by some real schema (when ../shared is present).
    if shared().is_some() {
        let listed: std::collections::BTreeSet<_> = tl_parser::KNOWN_ID_EXCEPTIONS
            .iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(listed, excepted);
    }
}

#[test]
fn renamed_constructors_hash_as_their_original_names() {
    // The reasons in the allow-list say so; check it.
    for e in tl_parser::KNOWN_ID_EXCEPTIONS {
        let base = e
            .name
            .trim_end_matches("Legacy")
            .trim_end_matches(|c: char| c.is_ascii_digit());
        if base != e.name {
            let Some(shared) = shared() else { return };
            let file = if e.name.starts_with("consensus.") {
                "golden/schemas/pytoniq-ton_api.tl"
            } else if e.name.ends_with("Legacy") {
                "schemas/tdlib/telegram_api.tl"
            } else {
                "schemas/tdlib/secret_api.tl"
            };
            let src = read(&shared.join(file));
            let r = parse(file, &src, &ParseOptions::default());
            let mut d = r
                .schema
                .definitions
                .into_iter()
                .find(|d| d.full_name() == e.name)
                .unwrap();
            d.name = d
                .name
                .trim_end_matches("Legacy")
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .into();
            assert_eq!(
                tl_parser::compute_id(&d, tl_parser::IdRule::Telegram),
                e.id,
                "{}",
                e.name
            );
        }
    }
}

#[test]
fn print_round_trip_on_every_definition() {
    let mut n = 0;
    for path in all_schema_files() {
        let src = read(&path);
        let opts = ParseOptions::default();
        let r = parse("x.tl", &src, &opts);
        for d in &r.schema.definitions {
            let text = format!("{d:#}");
            let again = parse(
                "y.tl",
                &text,
                &ParseOptions {
                    id_rule: r.id_rule,
                    detect_id_rule: false,
                    ..opts
                },
            );
            assert!(!again.has_errors(), "{text}: {:?}", again.diagnostics);
            assert_eq!(again.schema.definitions.len(), 1, "{text}");
            let mut back = again.schema.definitions.into_iter().next().unwrap();
            back.section = d.section;
            // Shared flags are a property of the definition alone: recomputed the same.
            assert_eq!(&back, d, "{}: {text}", path.display());
            n += 1;
        }
    }
    assert!(n > 2500, "{n}");
}

#[test]
fn sections() {
    let Some(shared) = shared() else { return };
    let src = read(&shared.join("schemas/tdlib/telegram_api.tl"));
    let r = parse("telegram_api.tl", &src, &ParseOptions::default());
    let find = |n: &str| {
        r.schema
            .definitions
            .iter()
            .find(|d| d.full_name() == n)
            .unwrap()
    };
    assert_eq!(find("test.useConfigSimple").section, Section::Functions);
    assert_eq!(find("inputPeerEmpty").section, Section::Types);
    assert_eq!(find("invokeAfterMsg").section, Section::Functions);
}

#[test]
fn parses_td_api_without_errors() {
    // Speed is measured by the criterion bench (`cargo bench -p tl-parser`), not here.
    let Some(shared) = shared() else { return };
    let src = read(&shared.join("schemas/tdlib/td_api.tl"));
    let r = parse("td_api.tl", &src, &ParseOptions::default());
    assert!(!r.has_errors());
}

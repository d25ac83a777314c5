//! The reflective codec (`tl-reflect`, walking the schema at run time) and the generated
//! bindings agree: on every golden vector they write the same bytes from the TL-JSON
//! value, and read the same TL-JSON from the bytes (looked up by name and by ID).
//!
//! The generated side is reached through the bindings' `registry` (as in `golden.rs`);
//! the reflective side reads the same schema pair, with `raw_objects` so that `Object`
//! fields are base64 as the generated code writes them.

use crate::common::{read_lines, same_json};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use tl_reflect::{DecodeOptions, Registry};
use tl_runtime::json::{Item, TypeVisitor};
use tl_runtime::{BoxedDecode, BoxedEncode};
use tl_tests::{gramjs, telethon, ton};

/// The generated side: the bytes of a JSON value, or the JSON of bytes.
enum Generated<'a> {
    Encode(&'a Value),
    Decode(&'a [u8]),
}

impl TypeVisitor for Generated<'_> {
    type Output = Result<Output, String>;

    fn visit<T: Item>(self) -> Result<Output, String> {
        match self {
            Generated::Encode(value) => {
                let typed: T = serde_json::from_value(value.clone())
                    .map_err(|e| format!("generated: TL-JSON not accepted: {e}"))?;
                let bytes = typed
                    .to_boxed_bytes()
                    .map_err(|e| format!("generated: encode failed: {e}"))?;
                Ok(Output::Bytes(bytes))
            }
            Generated::Decode(bytes) => {
                let typed = T::from_boxed_bytes(bytes)
                    .map_err(|e| format!("generated: decode failed: {e}"))?;
                let json = serde_json::to_value(&typed)
                    .map_err(|e| format!("generated: serialize failed: {e}"))?;
                Ok(Output::Json(json))
            }
        }
    }
}

enum Output {
    Bytes(Vec<u8>),
    Json(Value),
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/schemas")
}

/// The reflective registry of `{peer}-{part}.tl` for each part, read together.
fn reflective(peer: &str, parts: &[&str]) -> Registry {
    let files: Vec<(String, String)> = parts
        .iter()
        .map(|part| {
            let name = format!("{peer}-{part}.tl");
            let text = std::fs::read_to_string(schema_dir().join(&name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect();
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Registry::from_sources(&sources, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn telethon_registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| reflective("telethon", &["api", "mtproto"]))
}

fn gramjs_registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| reflective("gramjs", &["api", "mtproto"]))
}

/// TON's files stand alone: each is its own registry.
fn ton_registry(schema: &str) -> &'static Registry {
    static LITE: OnceLock<Registry> = OnceLock::new();
    static NODE: OnceLock<Registry> = OnceLock::new();
    if schema == "pytoniq-lite_api.tl" {
        LITE.get_or_init(|| reflective("pytoniq", &["lite_api"]))
    } else {
        NODE.get_or_init(|| reflective("pytoniq", &["ton_api"]))
    }
}

/// The generated bindings of the implementation named by a golden record's `schema`,
/// by name or by ID, and its reflective registry.
fn generated_by_name(
    schema: &str,
    name: &str,
    visitor: Generated<'_>,
) -> Option<Result<Output, String>> {
    match schema {
        s if s.starts_with("telethon") => telethon::registry::by_name(name, visitor),
        s if s.starts_with("gramjs") => gramjs::registry::by_name(name, visitor),
        "pytoniq-lite_api.tl" => ton::lite_api::registry::by_name(name, visitor),
        _ => ton::ton_api::registry::by_name(name, visitor),
    }
}

fn generated_by_id(
    schema: &str,
    id: u32,
    visitor: Generated<'_>,
) -> Option<Result<Output, String>> {
    match schema {
        s if s.starts_with("telethon") => telethon::registry::by_id(id, visitor),
        s if s.starts_with("gramjs") => gramjs::registry::by_id(id, visitor),
        "pytoniq-lite_api.tl" => ton::lite_api::registry::by_id(id, visitor),
        _ => ton::ton_api::registry::by_id(id, visitor),
    }
}

fn registry_for(schema: &str) -> &'static Registry {
    match schema {
        s if s.starts_with("telethon") => telethon_registry(),
        s if s.starts_with("gramjs") => gramjs_registry(),
        s => ton_registry(s),
    }
}

fn check_line(line: &str) -> Result<(), String> {
    let record: Value = serde_json::from_str(line).map_err(|e| format!("bad JSON line: {e}"))?;
    let schema = record["schema"].as_str().ok_or("no `schema`")?;
    let value = &record["value"];
    let name = value["_"].as_str().ok_or("value without `_`")?;
    let bytes =
        hex::decode(record["hex"].as_str().ok_or("no `hex`")?).map_err(|e| e.to_string())?;
    let registry = registry_for(schema);
    let options = DecodeOptions {
        raw_objects: true,
        ..DecodeOptions::default()
    };

    // TL-JSON → bytes, both ways.
    let generated = match generated_by_name(schema, name, Generated::Encode(value)) {
        Some(Ok(Output::Bytes(bytes))) => bytes,
        Some(Ok(Output::Json(_))) => unreachable!("encoding gives bytes"),
        Some(Err(why)) => return Err(why),
        None => return Err(format!("`{name}` is not in the generated {schema}")),
    };
    let reflected = registry
        .encode_boxed(value)
        .map_err(|e| format!("reflective: encode failed: {e}"))?;
    if generated != reflected {
        return Err(format!(
            "encodings differ:\n  generated  {}\n  reflective {}",
            hex::encode(&generated),
            hex::encode(&reflected)
        ));
    }
    if reflected != bytes {
        return Err(format!(
            "both encode to {}, not to the vector",
            hex::encode(&reflected)
        ));
    }

    // Bytes → TL-JSON, both ways, the generated side looked up by name and by ID.
    let reflected = registry
        .decode(None, &bytes, &options)
        .map_err(|e| format!("reflective: decode failed: {e}"))?;
    let id = u32::from_le_bytes(
        bytes
            .get(..4)
            .ok_or("shorter than an ID")?
            .try_into()
            .unwrap(),
    );
    for (how, found) in [
        (
            "by name",
            generated_by_name(schema, name, Generated::Decode(&bytes)),
        ),
        (
            "by ID",
            generated_by_id(schema, id, Generated::Decode(&bytes)),
        ),
    ] {
        let generated = match found {
            Some(Ok(Output::Json(json))) => json,
            Some(Ok(Output::Bytes(_))) => unreachable!("decoding gives JSON"),
            Some(Err(why)) => return Err(format!("{how}: {why}")),
            None => return Err(format!("{how}: not in the generated {schema}")),
        };
        if !same_json(&generated, &reflected) {
            return Err(format!(
                "decoded ({how}) differently:\n  generated  {generated}\n  reflective {reflected}"
            ));
        }
    }
    if !same_json(&reflected, value) {
        return Err(format!(
            "both decode to {reflected}, not to the vector's value"
        ));
    }
    Ok(())
}

#[test]
fn reflective_and_generated_codecs_agree_on_every_golden_vector() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut total = 0;
    let mut failures = Vec::new();
    for file in crate::golden::GOLDEN_FILES {
        let path = dir.join(format!("{file}.jsonl.gz"));
        let text = read_lines(&path);
        let mut checked = 0;
        let before = failures.len();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            checked += 1;
            if let Err(why) = check_line(line) {
                failures.push(format!("{}:{}: {why}", path.display(), number + 1));
            }
        }
        println!(
            "{file}: {checked} vectors, {} disagree",
            failures.len() - before
        );
        total += checked;
    }
    for failure in failures.iter().take(30) {
        println!("{failure}");
    }
    assert!(total > 17_000, "only {total} vectors read");
    assert!(
        failures.is_empty(),
        "{} of {total} golden vectors disagree (first ones above)",
        failures.len()
    );
}

/// The MTProto service layer, where `Object` fields appear: the generated bindings of the
/// vendored schemas (`schema` module, mtproto in its own module) and the reflective
/// registry of `schema/api.tl` + `schema/mtproto.tl` read as one set.
#[test]
fn reflective_and_generated_codecs_agree_on_a_container() {
    use tl_tests::schema::mtproto;

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files: Vec<(String, String)> = ["schema/api.tl", "schema/mtproto.tl"]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read_to_string(root.join(f)).unwrap(),
            )
        })
        .collect();
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let registry = Registry::from_sources(&sources, &Default::default()).unwrap();

    let le32 = |v: u32| v.to_le_bytes();
    let ping = [&le32(0x7abe77ec)[..], &7i64.to_le_bytes()].concat();
    let answer = [
        &le32(0xf35c6d01)[..],
        &99i64.to_le_bytes(),
        &le32(0x997275b5),
    ]
    .concat();
    let mut wire = [le32(0x73f1f8dc), le32(2)].concat();
    for (msg_id, seqno, body) in [(100i64, 1i32, &ping), (104, 2, &answer)] {
        wire.extend_from_slice(&msg_id.to_le_bytes());
        wire.extend_from_slice(&seqno.to_le_bytes());
        wire.extend_from_slice(&(body.len() as i32).to_le_bytes());
        wire.extend_from_slice(body);
    }
    let generated = mtproto::types::MsgContainer::from_boxed_bytes(&wire).unwrap();
    let generated_json = serde_json::to_value(&generated).unwrap();
    let options = DecodeOptions {
        raw_objects: true,
        ..DecodeOptions::default()
    };
    let reflected = registry.decode(None, &wire, &options).unwrap();
    assert!(
        same_json(&generated_json, &reflected),
        "generated  {generated_json}\nreflective {reflected}"
    );
    assert_eq!(registry.encode_boxed(&generated_json).unwrap(), wire);
    assert_eq!(generated.to_boxed_bytes().unwrap(), wire);
}

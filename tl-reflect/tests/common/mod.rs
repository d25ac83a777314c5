//! What the integration tests share: the golden files, one registry per schema pair
//! (built once), and semantic JSON equality.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use tl_reflect::Registry;

pub const GOLDEN_FILES: [&str; 4] = [
    "telethon.jsonl.gz",
    "gramjs.jsonl.gz",
    "telethon-single.jsonl.gz",
    "gramjs-single.jsonl.gz",
];

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

/// The registry of a schema set, from files under the repository root.
pub fn registry_of(files: &[&str]) -> Registry {
    let root = repo_root();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let path = root.join(f);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (f.to_string(), text)
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Registry::from_sources(&sources, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn telethon() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        registry_of(&[
            "tests/golden/schemas/telethon-api.tl",
            "tests/golden/schemas/telethon-mtproto.tl",
        ])
    })
}

pub fn gramjs() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        registry_of(&[
            "tests/golden/schemas/gramjs-api.tl",
            "tests/golden/schemas/gramjs-mtproto.tl",
        ])
    })
}

/// `schema/api.tl` + `schema/mtproto.tl` (layer 230), read as one set.
pub fn vendored() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| registry_of(&["schema/api.tl", "schema/mtproto.tl"]))
}

/// The registry of the implementation a golden record's `schema` names.
pub fn registry_for(record: &Value) -> &'static Registry {
    match record["schema"].as_str() {
        Some(s) if s.starts_with("telethon") => telethon(),
        Some(s) if s.starts_with("gramjs") => gramjs(),
        other => panic!("unknown schema {other:?}"),
    }
}

/// The records of a golden file, with their 1-based line numbers.
pub fn golden_lines(file: &str) -> Vec<(usize, Value)> {
    let path = repo_root().join("tests/golden").join(file);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(raw.as_slice())
        .read_to_string(&mut text)
        .expect("gzip");
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (i + 1, serde_json::from_str(line).expect("a JSON line")))
        .collect()
}

/// JSON equality where numbers compare by value (`1` equals `1.0`) and key order is free.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
                x == y
            } else if let (Some(x), Some(y)) = (x.as_u64(), y.as_u64()) {
                x == y
            } else {
                x.as_f64() == y.as_f64()
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

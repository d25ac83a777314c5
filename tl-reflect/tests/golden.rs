//! Golden vectors (`tests/golden/*.jsonl.gz`: TL-JSON values with the bytes Telethon,
//! GramJS and mtcute produced for them) through the reflective codec, against the schema
//! pair of the implementation that produced each file. For every line: the value encodes
//! to exactly `hex`, `hex` decodes back to the value, every proper prefix of `hex` is an
//! error, and constructors do the same bare (`hex` without its ID, with the type named).

mod common;

use common::{golden_lines, registry_for, same_json, GOLDEN_FILES};
use serde_json::Value;
use tl_reflect::Registry;

fn check_vector(registry: &Registry, value: &Value, bytes: &[u8]) -> Result<(), String> {
    let encoded = registry
        .encode_boxed(value)
        .map_err(|e| format!("encode failed: {e}"))?;
    if encoded != bytes {
        return Err(format!(
            "encoded to\n  {}\nexpected\n  {}",
            hex::encode(&encoded),
            hex::encode(bytes)
        ));
    }
    let decoded = registry
        .decode_boxed(bytes)
        .map_err(|e| format!("decode failed: {e}"))?;
    if !same_json(&decoded, value) {
        return Err(format!("decoded to\n  {decoded}\nexpected\n  {value}"));
    }
    for len in 0..bytes.len() {
        if let Ok(value) = registry.decode_boxed(&bytes[..len]) {
            return Err(format!("the {len}-byte prefix decoded to {value}"));
        }
    }
    let name = value["_"].as_str().unwrap_or_default();
    if let Ok(bare) = registry.bare_type(name) {
        let options = Default::default();
        let encoded = registry
            .encode(Some(&bare), value, &Default::default())
            .map_err(|e| format!("bare encode failed: {e}"))?;
        if encoded != bytes[4..] {
            return Err(format!("bare form encoded to {}", hex::encode(&encoded)));
        }
        let decoded = registry
            .decode(Some(&bare), &bytes[4..], &options)
            .map_err(|e| format!("bare decode failed: {e}"))?;
        if !same_json(&decoded, value) {
            return Err(format!("bare form decoded to\n  {decoded}"));
        }
    }
    Ok(())
}

fn run_file(file: &str) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (number, record) in golden_lines(file) {
        checked += 1;
        let registry = registry_for(&record);
        let bytes = hex::decode(record["hex"].as_str().expect("hex")).expect("hex digits");
        if let Err(why) = check_vector(registry, &record["value"], &bytes) {
            failures.push(format!("{file}:{number}: {why}"));
        }
    }
    println!("{file}: {checked} vectors, {} failed", failures.len());
    for failure in failures.iter().take(20) {
        println!("{failure}");
    }
    assert!(checked > 0, "{file}: no vectors");
    assert!(
        failures.is_empty(),
        "{file}: {} of {checked} golden vectors failed (first ones above)",
        failures.len()
    );
}

#[test]
fn golden_telethon() {
    run_file(GOLDEN_FILES[0]);
}

#[test]
fn golden_gramjs() {
    run_file(GOLDEN_FILES[1]);
}

#[test]
fn golden_telethon_single() {
    run_file(GOLDEN_FILES[2]);
}

#[test]
fn golden_gramjs_single() {
    run_file(GOLDEN_FILES[3]);
}

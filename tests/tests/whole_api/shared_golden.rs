//! The golden vectors through the zero-copy bindings (`Config::shared_buffers(true)`):
//! every Telethon vector decoded from a shared buffer must give the vector's TL-JSON and
//! write the same bytes back; every proper prefix must be an error. The owned bindings are checked the same way in
//! `golden`.

use crate::common::same_json;
use crate::golden::run_file;

use std::path::Path;

use serde_json::Value;
use tl_runtime::json::{Item, TypeVisitor};
use tl_runtime::shared::Bytes;
use tl_tests::telethon_shared;

struct CheckShared<'a> {
    value: &'a Value,
    bytes: &'a Bytes,
}

impl TypeVisitor for CheckShared<'_> {
    type Output = Result<(), String>;

    fn visit<T: Item>(self) -> Result<(), String> {
        let decoded =
            T::from_boxed_shared(self.bytes).map_err(|e| format!("shared decode failed: {e}"))?;
        let json = serde_json::to_value(&decoded).map_err(|e| format!("serialize failed: {e}"))?;
        if !same_json(&json, self.value) {
            return Err(format!("decoded to\n  {json}\nexpected\n  {}", self.value));
        }
        let encoded = decoded
            .to_boxed_bytes()
            .map_err(|e| format!("encode failed: {e}"))?;
        if encoded != self.bytes[..] {
            return Err(format!(
                "re-encoded to\n  {}\nexpected\n  {}",
                hex::encode(&encoded),
                hex::encode(self.bytes)
            ));
        }
        for len in 0..self.bytes.len() {
            if let Ok(value) = T::from_boxed_shared(&self.bytes.slice(..len)) {
                return Err(format!("the {len}-byte prefix decoded to {value:?}"));
            }
        }
        Ok(())
    }
}

fn check_line(line: &str) -> Result<(), String> {
    let record: Value = serde_json::from_str(line).map_err(|e| format!("bad JSON line: {e}"))?;
    let value = &record["value"];
    let name = value["_"].as_str().ok_or("value without `_`")?;
    let bytes = Bytes::from(
        hex::decode(record["hex"].as_str().ok_or("no `hex`")?).map_err(|e| e.to_string())?,
    );
    let check = CheckShared {
        value,
        bytes: &bytes,
    };
    telethon_shared::registry::by_name(name, check)
        .ok_or_else(|| format!("`{name}` is not in the Telethon schemas"))?
}

#[test]
fn telethon_vectors_decode_exactly_from_shared_buffers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut total = 0;
    let mut failures = Vec::new();
    for name in ["telethon", "telethon-single"] {
        let (checked, failed) = run_file(&dir.join(format!("{name}.jsonl.gz")), check_line);
        total += checked;
        failures.extend(failed);
    }
    println!(
        "shared decoding: {total} Telethon vectors, {} failed",
        failures.len()
    );
    for failure in failures.iter().take(30) {
        println!("{failure}");
    }
    assert!(total > 7_000, "only {total} Telethon vectors were read");
    assert!(
        failures.is_empty(),
        "{} of {total} vectors failed through the shared bindings (first ones above)",
        failures.len()
    );
}

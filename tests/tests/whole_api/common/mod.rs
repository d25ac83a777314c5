//! Helpers shared by the modules of the `whole_api` test binary.

#![allow(dead_code)]

use std::io::Read;
use std::path::Path;

use serde_json::Value;

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

/// `len` deterministic bytes (xorshift64*) seeded by a name and an index: the input a
/// property test draws one value from, the same on every run and machine.
pub fn seeded_bytes(name: &str, index: u32, len: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ u64::from(index).wrapping_mul(0xff51_afd7_ed55_8ccd);
    for b in name.bytes() {
        state = (state ^ u64::from(b)).wrapping_mul(0x1000_0000_01b3);
    }
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// The text of a golden-vector file, gunzipped when its name ends in `.gz`.
pub fn read_lines(path: &Path) -> String {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_string(&mut text)
            .expect("gzip");
        text
    } else {
        String::from_utf8(raw).expect("UTF-8")
    }
}

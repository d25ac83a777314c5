//! Any bytes as JSON text (read by `tl_reflect::parse_json`, checked against serde_json),
//! encoded by the reflective codec against `schema/api.tl` +
//! `schema/mtproto.tl`. Nothing may panic; and whatever encodes must decode (with `Object`
//! fields kept raw, as written) to a value that encodes to the very same bytes.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run tl_json_encode -- -max_total_time=600` (from
//! `fuzz/`; seeding it with the golden vectors: `tl-reflect/README.md`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_reflect::DecodeOptions;

#[path = "schema.rs"]
mod schema;

fuzz_target!(|data: &[u8]| {
    // `parse_json` reads what serde_json reads, to the same value, except an object with a
    // key given twice.
    let value = match (
        tl_reflect::parse_json(data),
        serde_json::from_slice::<serde_json::Value>(data),
    ) {
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(ours, theirs);
            ours
        }
        (Err(e), Ok(_)) => {
            assert!(e.to_string().contains("given twice"), "{e}");
            return;
        }
        (Ok(ours), Err(e)) => panic!("parse_json read {ours} where serde_json says {e}"),
        (Err(_), Err(_)) => return,
    };
    let registry = schema::registry();
    let Ok(bytes) = registry.encode_boxed(&value) else {
        return;
    };
    let raw = DecodeOptions {
        raw_objects: true,
        ..DecodeOptions::default()
    };
    let decoded = registry
        .decode(None, &bytes, &raw)
        .unwrap_or_else(|e| panic!("encoded {value} does not decode: {e}"));
    let again = registry
        .encode_boxed(&decoded)
        .unwrap_or_else(|e| panic!("decoded {decoded} does not encode: {e}"));
    assert_eq!(
        again, bytes,
        "encode(decode(encode(v))) != encode(v) for {value}"
    );
    // The default (nested `Object`) decoding must not fail where the raw one succeeded.
    registry
        .decode_boxed(&bytes)
        .unwrap_or_else(|e| panic!("nested decoding of {value} failed: {e}"));
});

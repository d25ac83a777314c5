//! Any bytes, decoded as a boxed value against `schema/api.tl` + `schema/mtproto.tl` by the
//! reflective codec. Nothing may panic, overflow the stack or allocate without bound; and
//! whatever decodes must encode again, to bytes that decode to the same TL-JSON (the
//! bytes themselves may differ: unused flag bits and NaN payloads are not kept).
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run reflect_decode -- -max_total_time=600` (from
//! `fuzz/`; seeding it with the golden vectors: `tl-reflect/README.md`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "schema.rs"]
mod schema;

fuzz_target!(|data: &[u8]| {
    let registry = schema::registry();
    let Ok(value) = registry.decode_boxed(data) else {
        return;
    };
    let bytes = registry
        .encode_boxed(&value)
        .unwrap_or_else(|e| panic!("decoded {value} does not encode: {e}"));
    let again = registry
        .decode_boxed(&bytes)
        .unwrap_or_else(|e| panic!("re-encoded {value} does not decode: {e}"));
    assert_eq!(again, value, "decode(encode(decode(x))) != decode(x)");
});

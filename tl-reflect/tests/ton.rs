//! TON-style `object` and `function` fields (`tests/fixtures/schemas/ton.tl`): read by their
//! constructor ID wherever they are, written from nested TL-JSON or raw base64, as the
//! generated code does (`tests/fixtures/tests/ton.rs`).

use serde_json::json;
use tl_parser::ParseOptions;
use tl_reflect::{DecodeOptions, Registry};

fn registry() -> Registry {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/schemas/ton.tl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    Registry::from_sources(&[("ton.tl", &text)], &ParseOptions::default()).unwrap()
}

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

const TEST_OBJECT: u32 = 0xa557498a;
const BLOCK_ID: u32 = 0xb7cdb167;
const GET_TEST_OBJECT: u32 = 0x0bbfa683;

/// `testObject value:1 o:(testObject value:2 o:tonNode.blockId f:getTestObject) f:getTestObject`.
fn nested_wire() -> Vec<u8> {
    let block = [
        &le32(BLOCK_ID)[..],
        &(-1i32).to_le_bytes(),
        &5i64.to_le_bytes(),
        &7i32.to_le_bytes(),
    ]
    .concat();
    let inner = [
        &le32(TEST_OBJECT)[..],
        &2i32.to_le_bytes(),
        &block,
        &le32(GET_TEST_OBJECT),
    ]
    .concat();
    [
        &le32(TEST_OBJECT)[..],
        &1i32.to_le_bytes(),
        &inner,
        &le32(GET_TEST_OBJECT),
    ]
    .concat()
}

#[test]
fn object_and_function_fields_are_read_by_their_ids() {
    let registry = registry();
    let expected = json!({"_": "testObject", "value": 1,
        "o": {"_": "testObject", "value": 2,
              "o": {"_": "tonNode.blockId", "workchain": -1, "shard": 5, "seqno": 7},
              "f": {"_": "getTestObject"}},
        "f": {"_": "getTestObject"}});
    let wire = nested_wire();
    assert_eq!(registry.decode_boxed(&wire).unwrap(), expected);
    assert_eq!(registry.encode_boxed(&expected).unwrap(), wire);
    for len in 0..wire.len() {
        assert!(registry.decode_boxed(&wire[..len]).is_err(), "prefix {len}");
    }
}

#[test]
fn raw_objects_keep_the_bytes_of_each_value() {
    let registry = registry();
    let options = DecodeOptions {
        raw_objects: true,
        ..Default::default()
    };
    let wire = nested_wire();
    let value = registry.decode(None, &wire, &options).unwrap();
    let inner = &wire[8..wire.len() - 4];
    use base64::Engine as _;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    assert_eq!(
        value,
        json!({"_": "testObject", "value": 1, "o": b64(inner), "f": b64(&le32(GET_TEST_OBJECT))})
    );
    assert_eq!(registry.encode_boxed(&value).unwrap(), wire);
}

#[test]
fn an_unknown_id_inside_is_an_error_at_its_offset() {
    let mut wire = [&le32(TEST_OBJECT)[..], &1i32.to_le_bytes()].concat();
    wire.extend_from_slice(&le32(0xdead_beef));
    let error = registry().decode_boxed(&wire).unwrap_err().to_string();
    assert!(error.contains("testObject.o"), "{error}");
    assert!(error.contains("0xdeadbeef"), "{error}");
}

//! TDLib's `e2e_api.tl` declares `int512 16*[ int ] = Int512;` for signatures: 64 raw bytes,
//! written in TL-JSON as hex like `int128` and `int256`.

use serde_json::json;
use tl_parser::ParseOptions;
use tl_reflect::Registry;

const SCHEMA: &str = "\
int ? = Int;
int512 16*[ int ] = Int512;
e2e.signed signature:int512 height:int = e2e.Signed;
";

#[test]
fn int512_is_64_raw_bytes_written_as_hex() {
    let registry = Registry::from_sources(&[("e2e.tl", SCHEMA)], &ParseOptions::default()).unwrap();
    let signature: Vec<u8> = (0..64).collect();
    let value = json!({"_": "e2e.signed", "signature": hex::encode(&signature), "height": 3});
    let bytes = registry.encode_boxed(&value).unwrap();
    assert_eq!(bytes.len(), 4 + 64 + 4);
    assert_eq!(&bytes[4..68], &signature[..]);
    assert_eq!(registry.decode_boxed(&bytes).unwrap(), value);
    assert!(registry.decode_boxed(&bytes[..67]).is_err());
    let short = json!({"_": "e2e.signed", "signature": hex::encode(&signature[..63]), "height": 3});
    let error = registry.encode_boxed(&short).unwrap_err().to_string();
    assert!(error.contains("signature"), "{error}");
}

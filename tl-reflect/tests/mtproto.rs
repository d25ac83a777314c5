//! MTProto's service layer (`msg_container`, `message`, `rpc_result`, `gzip_packed`) from
//! hand-built specification bytes, read with `schema/api.tl` and `schema/mtproto.tl` as
//! one set (both declare a `message ... = Message`).

mod common;

use common::vendored;
use serde_json::{json, Value};
use tl_reflect::{DecodeOptions, Registry};

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

fn round_trip(registry: &Registry, wire: &[u8], expected: &Value) {
    let decoded = registry
        .decode_boxed(wire)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&decoded, expected);
    let encoded = registry
        .encode_boxed(expected)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hex::encode(encoded), hex::encode(wire));
}

/// `msg_container#73f1f8dc messages:vector<%Message>`: each message bare (msg_id, seqno,
/// the body's length, the boxed body).
fn container_of_ping_and_ack() -> Vec<u8> {
    let ping = [&le32(0x7abe77ec)[..], &7i64.to_le_bytes()].concat();
    let ack = [
        &le32(0x62d6b459)[..],
        &le32(0x1cb5c415),
        &le32(1),
        &42i64.to_le_bytes(),
    ]
    .concat();
    let mut wire = [le32(0x73f1f8dc), le32(2)].concat();
    for (msg_id, seqno, body) in [(100i64, 1i32, &ping), (104, 2, &ack)] {
        wire.extend_from_slice(&msg_id.to_le_bytes());
        wire.extend_from_slice(&seqno.to_le_bytes());
        wire.extend_from_slice(&(body.len() as i32).to_le_bytes());
        wire.extend_from_slice(body);
    }
    wire
}

#[test]
fn msg_container_bodies_decode_into_their_values() {
    let expected = json!({"_": "msg_container", "messages": [
        {"_": "message", "msg_id": 100, "seqno": 1, "body": {"_": "ping", "ping_id": 7}},
        {"_": "message", "msg_id": 104, "seqno": 2, "body": {"_": "msgs_ack", "msg_ids": [42]}},
    ]});
    round_trip(vendored(), &container_of_ping_and_ack(), &expected);
}

#[test]
fn raw_objects_are_base64_as_in_the_generated_code() {
    let options = DecodeOptions {
        raw_objects: true,
        ..Default::default()
    };
    let decoded = vendored()
        .decode(None, &container_of_ping_and_ack(), &options)
        .unwrap();
    assert_eq!(decoded["messages"][0]["body"], json!("7He+egcAAAAAAAAA"));
    // Base64 bodies encode back to the same bytes (the length is derived either way).
    let encoded = vendored().encode_boxed(&decoded).unwrap();
    assert_eq!(encoded, container_of_ping_and_ack());
}

#[test]
fn rpc_result_holds_any_boxed_value_to_the_end() {
    let wire = [
        &le32(0xf35c6d01)[..],
        &99i64.to_le_bytes(),
        &le32(0x997275b5),
    ]
    .concat();
    let expected = json!({"_": "rpc_result", "req_msg_id": 99, "result": {"_": "boolTrue"}});
    round_trip(vendored(), &wire, &expected);
}

#[test]
fn an_object_that_is_a_vector_stays_base64() {
    // The answer to a call returning Vector<long>: its bytes do not say the element type.
    let answer = [&le32(0x1cb5c415)[..], &le32(1), &5i64.to_le_bytes()].concat();
    let wire = [&le32(0xf35c6d01)[..], &1i64.to_le_bytes(), &answer].concat();
    let decoded = vendored().decode_boxed(&wire).unwrap();
    assert_eq!(decoded["result"], json!("FcS1HAEAAAAFAAAAAAAAAA=="));
    assert_eq!(vendored().encode_boxed(&decoded).unwrap(), wire);
    // Read with its type, the answer itself decodes.
    let ty = vendored().boxed_type("Vector<long>").unwrap();
    let value = vendored()
        .decode(Some(&ty), &answer, &Default::default())
        .unwrap();
    assert_eq!(value, json!([5]));
}

#[test]
fn gzip_packed_keeps_its_packed_data() {
    let data = [0x1f, 0x8b, 8, 0];
    let wire = [&le32(0x3072cfa1)[..], &[4], &data, &[0, 0, 0]].concat();
    let expected = json!({"_": "gzip_packed", "packed_data": "H4sIAA=="});
    round_trip(vendored(), &wire, &expected);
}

#[test]
fn msg_copy_means_mtprotos_message() {
    let value = json!({"_": "msg_copy", "orig_message": {
        "_": "message", "msg_id": 5, "seqno": 1, "body": {"_": "ping", "ping_id": 1}}});
    let bytes = vendored().encode_boxed(&value).unwrap();
    // Boxed `Message` of mtproto.tl: its computed ID, then the bare body.
    assert_eq!(bytes[4..8], le32(0x5bb8e511));
    assert_eq!(vendored().decode_boxed(&bytes).unwrap(), value);
}

#[test]
fn top_level_message_is_picked_by_its_keys() {
    let transport =
        json!({"_": "message", "msg_id": 5, "seqno": 1, "body": {"_": "ping", "ping_id": 1}});
    let bytes = vendored().encode_boxed(&transport).unwrap();
    assert_eq!(bytes[..4], le32(0x5bb8e511));
    let chat = json!({"_": "message", "id": 1, "peer_id": {"_": "peerUser", "user_id": 2}, "date": 3, "message": "hi"});
    let bytes = vendored().encode_boxed(&chat).unwrap();
    assert_eq!(bytes[..4], le32(0x7600b9d3));
    assert_eq!(vendored().decode_boxed(&bytes).unwrap(), chat);
}

#[test]
fn future_salts_have_a_bare_vector_of_bare_salts() {
    let value = json!({"_": "future_salts", "req_msg_id": 1, "now": 2, "salts": [
        {"_": "future_salt", "valid_since": 3, "valid_until": 4, "salt": 5}]});
    let bytes = vendored().encode_boxed(&value).unwrap();
    let expected = [
        &le32(0xae500895)[..],
        &1i64.to_le_bytes(),
        &le32(2),
        &le32(1),
        &le32(3),
        &le32(4),
        &5i64.to_le_bytes(),
    ]
    .concat();
    assert_eq!(bytes, expected);
    assert_eq!(vendored().decode_boxed(&bytes).unwrap(), value);
}

#[test]
fn res_pq_with_int128_and_bytes() {
    let nonce: Vec<u8> = (0..16).collect();
    let server_nonce: Vec<u8> = (0..16).map(|i| 0xf0 | i).collect();
    let mut wire = le32(0x05162463).to_vec();
    wire.extend_from_slice(&nonce);
    wire.extend_from_slice(&server_nonce);
    wire.extend_from_slice(&[8, 0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81, 0, 0, 0]);
    wire.extend_from_slice(&le32(0x1cb5c415));
    wire.extend_from_slice(&le32(1));
    wire.extend_from_slice(&0xc3b42b026ce86b21u64.to_le_bytes());
    let expected = json!({
        "_": "resPQ",
        "nonce": hex::encode(&nonce),
        "server_nonce": hex::encode(&server_nonce),
        "pq": "F+1IlBoI+YE=",
        "server_public_key_fingerprints": [0xc3b42b026ce86b21u64 as i64],
    });
    round_trip(vendored(), &wire, &expected);
}

//! Error messages say where (the JSON path, and the byte offset when decoding) and what
//! was expected; hostile input is an error, never a panic, a stack overflow or an
//! allocation the input does not pay for.

mod common;

use common::{gramjs, vendored};
use serde_json::{json, Value};
use tl_reflect::{DecodeErrorKind, EncodeErrorKind, EncodeOptions, Registry};
use tl_runtime::DecodeErrorKind as WireKind;

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

fn encode_error(value: Value) -> String {
    vendored()
        .encode_boxed(&value)
        .expect_err("should not encode")
        .to_string()
}

fn decode_error(bytes: &[u8]) -> String {
    vendored()
        .decode_boxed(bytes)
        .expect_err("should not decode")
        .to_string()
}

const SEED_HEX: &str = "90de55a41f0000004ca5e8ddd202964900000000fbffffffffffffff2b0000002b000000144d792076657279206e6f726d616c207469746c65000000";

fn seed() -> Value {
    json!({"_": "messages.exportChatInvite", "legacy_revoke_permanent": true,
        "request_needed": true, "expire_date": 43, "usage_limit": 43,
        "title": "My very normal title",
        "peer": {"_": "inputPeerUser", "user_id": 1234567890, "access_hash": -5}})
}

#[test]
fn the_seed_request_encodes_like_three_implementations() {
    assert_eq!(
        hex::encode(vendored().encode_boxed(&seed()).unwrap()),
        SEED_HEX
    );
    assert_eq!(
        hex::encode(gramjs().encode_boxed(&seed()).unwrap()),
        SEED_HEX
    );
    let decoded = vendored()
        .decode_boxed(&hex::decode(SEED_HEX).unwrap())
        .unwrap();
    assert_eq!(decoded, seed());
    // Decoded objects list "_" first and the fields in schema order.
    let text = serde_json::to_string(&decoded).unwrap();
    assert!(text.starts_with(r#"{"_":"messages.exportChatInvite","legacy_revoke_permanent":true,"request_needed":true,"peer":"#), "{text}");
}

#[test]
fn unknown_constructor_deep_inside_names_the_path_and_offset() {
    let message = |id: i32| json!({"_": "message", "id": id, "peer_id": {"_": "peerUser", "user_id": 1}, "date": 0, "message": "hi"});
    let mut fourth = message(3);
    fourth["media"] = json!({"_": "messageMediaPhoto", "photo": {
        "_": "photo", "id": 1, "access_hash": 2, "file_reference": "", "date": 0, "dc_id": 2,
        "sizes": [{"_": "photoSize", "type": "s", "w": 1, "h": 1, "size": 1},
                  {"_": "photoSizeEmpty", "type": "x"}]}});
    let value = json!({"_": "messages.messages",
        "messages": [message(0), message(1), message(2), fourth],
        "topics": [], "chats": [], "users": []});
    let mut bytes = vendored().encode_boxed(&value).unwrap();
    assert_eq!(vendored().decode_boxed(&bytes).unwrap(), value);
    let empty_id = le32(0x0e17e23c);
    let at = bytes
        .windows(4)
        .rposition(|w| w == empty_id)
        .expect("photoSizeEmpty's ID");
    bytes[at..at + 4].copy_from_slice(&le32(0x12345678));
    assert_eq!(
        decode_error(&bytes),
        format!("messages.messages.messages[3].media.photo.sizes[1]: unknown constructor 0x12345678 for PhotoSize at byte {at}")
    );
}

#[test]
fn decoding_errors_carry_the_runtimes_kinds_and_offsets() {
    // The generated code's own test vector: an unknown InputPeer at byte 8.
    let bytes = hex::decode("90de55a41f000000deadbeef").unwrap();
    let error = vendored().decode_boxed(&bytes).unwrap_err();
    assert_eq!(error.offset, 8);
    assert_eq!(
        error.to_string(),
        "messages.exportChatInvite.peer: unknown constructor 0xefbeadde for InputPeer at byte 8"
    );
    // Truncated.
    let seed = hex::decode(SEED_HEX).unwrap();
    assert_eq!(
        decode_error(&seed[..20]),
        "messages.exportChatInvite.peer.access_hash: unexpected end of input: needed 8 bytes, 0 left at byte 20"
    );
    // Nothing of the schema has this ID.
    assert_eq!(
        decode_error(&le32(0xdeadbeef)),
        "unknown constructor 0xdeadbeef: no constructor or function of the schema has this ID at byte 0"
    );
    assert_eq!(
        decode_error(&[1, 2]),
        "unexpected end of input: needed 4 bytes, 2 left at byte 0"
    );
    // A boxed vector says no element type.
    assert!(decode_error(&[&le32(0x1cb5c415)[..], &le32(0)].concat()).contains("Vector<long>"));
    // Trailing bytes.
    let wire = [&le32(0x7f3b18ea)[..], &[0]].concat(); // inputPeerEmpty + 1 byte
    let error = vendored().decode_boxed(&wire).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::Wire(WireKind::TrailingBytes { count: 1 })
    );
    assert_eq!(error.offset, 4);
}

#[test]
fn invalid_utf8_is_an_error_at_the_string() {
    // error#c4b9f9bb code:int text:string with text = [0xff]
    let wire = [&le32(0xc4b9f9bb)[..], &le32(400), &[1, 0xff, 0, 0]].concat();
    let error = vendored().decode_boxed(&wire).unwrap_err();
    assert_eq!(error.kind, DecodeErrorKind::Wire(WireKind::InvalidUtf8));
    assert_eq!(error.offset, 8);
    assert_eq!(
        error.to_string(),
        "error.text: string is not valid UTF-8 at byte 8"
    );
}

#[test]
fn deep_nesting_is_an_error_even_on_a_small_stack() {
    let mut wire = Vec::new();
    for _ in 0..7000 {
        wire.extend_from_slice(&le32(0x6724abc4)); // textBold
    }
    wire.extend_from_slice(&le32(0xdc3d824f)); // textEmpty
    let check = move || {
        let error = vendored().decode_boxed(&wire).unwrap_err();
        assert_eq!(
            error.kind,
            DecodeErrorKind::Wire(WireKind::DepthLimitExceeded { limit: 64 })
        );
        // Where the generated code stops too: 64 levels entered, the 65th ID read.
        assert_eq!(error.offset, 4 * 65);
    };
    check();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(check)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_json_is_an_encode_error() {
    let mut value = json!({"_": "textEmpty"});
    for _ in 0..100 {
        value = json!({"_": "textBold", "text": value});
    }
    let error = vendored().encode_boxed(&value).unwrap_err();
    assert_eq!(
        error.kind,
        EncodeErrorKind::DepthLimitExceeded { limit: 64 }
    );
    let options = EncodeOptions { max_depth: 200 };
    assert!(vendored().encode(None, &value, &options).is_ok());
}

#[test]
fn hostile_lengths_are_rejected_before_allocating() {
    // msgs_ack with a Vector<long> claiming 2^31 elements in 0 bytes.
    let wire = [&le32(0x62d6b459)[..], &le32(0x1cb5c415), &le32(0x8000_0000)].concat();
    let error = vendored().decode_boxed(&wire).unwrap_err();
    assert_eq!(
        error.to_string(),
        "msgs_ack.msg_ids: 2147483648 elements of at least 8 bytes each are more than the 0 bytes left in the input at byte 12"
    );
    // bytes claiming 16 MiB.
    let wire = [&le32(0x5a592a6c)[..], &[0xfe, 0xff, 0xff, 0xff][..]].concat();
    assert!(vendored().decode_boxed(&wire).is_err());
    // A message body longer than the input.
    let wire = [&le32(0x73f1f8dc)[..], &le32(1), &[0; 12], &le32(1000)].concat();
    assert_eq!(
        decode_error(&wire),
        "msg_container.messages[0].body: length 1000 is more than the 0 bytes left in the input at byte 24"
    );
}

#[test]
fn missing_fields_wrong_types_and_ranges_name_the_path() {
    let mut value = seed();
    value["peer"].as_object_mut().unwrap().remove("access_hash");
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.peer: missing field `access_hash` (long)"
    );
    let mut value = seed();
    value["peer"]["user_id"] = json!("1234567890");
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.peer.user_id: expected long (a JSON integer), found string \"1234567890\""
    );
    let mut value = seed();
    value["expire_date"] = json!(4294967296u64);
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.expire_date: 4294967296 is out of range for int"
    );
    let mut value = seed();
    value["title"] = json!(5);
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.title: expected string (a JSON string), found number 5"
    );
    let mut value = seed();
    value["peer"] = json!([1]);
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.peer: expected InputPeer (a JSON object with \"_\"), found an array of 1 element(s)"
    );
}

#[test]
fn unknown_names_get_hints() {
    assert_eq!(
        encode_error(json!({"_": "messages.exportChatInvit"})),
        "unknown constructor `messages.exportChatInvit` for a constructor or function (did you mean `messages.exportChatInvite`?)"
    );
    let mut value = seed();
    value["peer"] = json!({"_": "inputUser", "user_id": 1, "access_hash": 2});
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.peer: unknown constructor `inputUser` for InputPeer (`inputUser` is a constructor of InputUser)"
    );
    assert_eq!(
        encode_error(json!({"_": "noSuchThingAtAllHere"})),
        "unknown constructor `noSuchThingAtAllHere` for a constructor or function"
    );
    let mut value = seed();
    value["peer"].as_object_mut().unwrap().remove("_");
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.peer: expected InputPeer: a JSON object needs \"_\" naming its constructor"
    );
    let value = json!({"_": "invokeWithLayer", "layer": 1, "query": {"_": "inputPeerEmpty"}});
    assert_eq!(
        encode_error(value),
        "invokeWithLayer.query: unknown constructor `inputPeerEmpty` for a function (`inputPeerEmpty` is a constructor; `!X` holds a function call)"
    );
}

#[test]
fn unknown_fields_are_errors_and_flags_words_must_agree() {
    let mut value = seed();
    value["peer"]["userid"] = json!(1);
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.peer: unknown field `userid`: `inputPeerUser` has no such parameter"
    );
    // TL-JSON revision 2: a given flags word must agree with the fields on the bits they
    // use (the seed's are 0x1f); its other bits are data, written as they are.
    let mut value = seed();
    value["flags"] = json!(0x1f);
    assert_eq!(
        hex::encode(vendored().encode_boxed(&value).unwrap()),
        SEED_HEX
    );
    let mut value = seed();
    value["flags"] = json!(12345);
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.flags: `flags` is 12345, whose bit 1 is clear, but `usage_limit` is present (the bits that fields use are derived: leave them out of `flags` or make them agree)"
    );
    let mut value = seed();
    value["flags"] = json!(0x1f | 1 << 30);
    let bytes = vendored().encode_boxed(&value).unwrap();
    assert_eq!(bytes[4..8], le32(0x1f | 1 << 30));
    let decoded = vendored()
        .decode(None, &bytes, &Default::default())
        .unwrap();
    assert_eq!(
        decoded["flags"],
        json!(0x1f | 1 << 30),
        "kept, and written whole"
    );
    // `false` and `null` are "not set".
    let mut value = seed();
    value["subscription_pricing"] = Value::Null;
    value["legacy_revoke_permanent"] = json!(false);
    let bytes = vendored().encode_boxed(&value).unwrap();
    assert_eq!(bytes[4..8], le32(0x1f & !(1 << 2)));
}

/// mtproto `message`'s `bytes` is the length of its `body`: derived when left out, checked
/// when given, never replaced silently.
#[test]
fn a_given_message_length_must_be_the_bodys() {
    let container = |bytes: Option<i64>| {
        let mut message = json!({"_": "message", "msg_id": 1, "seqno": 3,
            "body": {"_": "ping", "ping_id": 5}});
        if let Some(bytes) = bytes {
            message["bytes"] = json!(bytes);
        }
        json!({"_": "msg_container", "messages": [message]})
    };
    let derived = vendored().encode_boxed(&container(None)).unwrap();
    // ID, count, msg_id, seqno, then the length: the ping is 12 bytes (its ID and a long).
    assert_eq!(derived[20..24], le32(12));
    assert_eq!(
        vendored().encode_boxed(&container(Some(12))).unwrap(),
        derived
    );
    assert_eq!(
        encode_error(container(Some(99))),
        "msg_container.messages[0].bytes: 99 is not the length of `body`, which encodes to 12 bytes (the length is derived: leave it out)"
    );
    let mut value = container(None);
    value["messages"][0]["bytes"] = json!("12");
    assert!(vendored().encode_boxed(&value).is_err());
    // What the decoder writes reads back.
    let decoded = vendored().decode_boxed(&derived).unwrap();
    assert_eq!(vendored().encode_boxed(&decoded).unwrap(), derived);
}

#[test]
fn fields_sharing_a_bit_must_agree() {
    // inputMediaPoll: solution:flags.1?string and solution_entities:flags.1?Vector<MessageEntity>.
    let value = json!({"_": "inputMediaPoll",
        "poll": {"_": "poll", "id": 1, "question": {"_": "textWithEntities", "text": "q", "entities": []}, "answers": [], "hash": 0},
        "solution": "because"});
    let error = vendored().encode_boxed(&value).unwrap_err();
    assert_eq!(
        error.to_string(),
        "inputMediaPoll: the fields sharing bit 1 of `flags` must be all present or all absent (present: solution; absent: solution_entities)"
    );
    let mut value = value;
    value["solution_entities"] = json!([]);
    assert!(vendored().encode_boxed(&value).is_ok());
}

#[test]
fn scalars_are_checked() {
    let res_pq = |nonce: Value, pq: Value| {
        json!({"_": "resPQ", "nonce": nonce, "server_nonce": "00000000000000000000000000000000",
            "pq": pq, "server_public_key_fingerprints": []})
    };
    assert_eq!(
        encode_error(res_pq(json!("00"), json!(""))),
        "resPQ.nonce: int128 takes a string of exactly 32 hex digits"
    );
    assert_eq!(
        encode_error(res_pq(
            json!("00000000000000000000000000000000"),
            json!("%%")
        )),
        "resPQ.pq: invalid base64 (standard alphabet, with padding): '%' at offset 0 is not in the base64 alphabet"
    );
    // Each way a string can fail to be base64 is said in words, with the byte offset.
    let base64_error = |text: &str| {
        let nonce = json!("00000000000000000000000000000000");
        let error = encode_error(res_pq(nonce, json!(text)));
        error
            .strip_prefix("resPQ.pq: invalid base64 (standard alphabet, with padding): ")
            .unwrap_or_else(|| panic!("{error}"))
            .to_owned()
    };
    assert_eq!(
        base64_error("AQ-_"),
        "'-' at offset 2 is URL-safe base64; TL-JSON takes the standard alphabet ('+' and '/')"
    );
    assert_eq!(
        base64_error("AQI"),
        "the padding is missing or wrong: the text is padded with '=' to a multiple of 4 characters"
    );
    assert_eq!(
        base64_error("A=QI"),
        "'=' at offset 1 is not at the end: padding only ends the text"
    );
    assert_eq!(
        base64_error("AQJ="),
        "the last symbol, 'J' at offset 2, has bits set past the end of the data (cut short or altered?)"
    );
    assert_eq!(
        base64_error("AQIDB"),
        "5 symbols leave one over a group of 4: the text is cut short or has one too many"
    );
    assert_eq!(
        base64_error("AQ\u{e9}="),
        "byte 0xc3 at offset 2 is not in the base64 alphabet"
    );
    assert_eq!(
        base64_error("AQ I="),
        "' ' at offset 2 is not in the base64 alphabet"
    );
    let long_title = "x".repeat(1 << 24);
    let mut value = seed();
    value["title"] = json!(long_title);
    assert_eq!(
        encode_error(value),
        "messages.exportChatInvite.title: string or bytes of 16777216 bytes is longer than TL allows (16777215 bytes)"
    );
}

#[test]
fn type_names_for_bare_and_boxed_values() {
    let registry = vendored();
    let error = registry.bare_type("InputPeer").unwrap_err();
    assert!(
        error.to_string().starts_with("type `InputPeer`: it has "),
        "{error}"
    );
    assert!(registry.bare_type("NoSuchType").is_err());
    assert_eq!(
        registry
            .bare_type("messages.exportChatInvite")
            .unwrap_err()
            .to_string(),
        "type `messages.exportChatInvite`: `messages.exportChatInvite` is a function, not a constructor: only a constructor can be a bare type"
    );
    assert!(registry.bare_type("Vector<NoSuchType>").is_err());
    assert!(registry.bare_type("int = X; y").is_err());
    assert!(registry.bare_type("").is_err());
    assert!(registry.boxed_type("int").is_err());
    let ty = registry.bare_type("inputPeerUser").unwrap();
    let value = json!({"_": "inputPeerUser", "user_id": 1, "access_hash": 2});
    let bytes = registry
        .encode(Some(&ty), &value, &Default::default())
        .unwrap();
    assert_eq!(bytes.len(), 16);
    assert_eq!(
        registry
            .decode(Some(&ty), &bytes, &Default::default())
            .unwrap(),
        value
    );
    // A bare value must still say which constructor it is.
    let wrong = json!({"_": "inputPeerChat", "chat_id": 1});
    assert!(registry
        .encode(Some(&ty), &wrong, &Default::default())
        .is_err());
    for (text, value, hex) in [
        ("int", json!(-1), "ffffffff"),
        ("#", json!(1), "01000000"),
        ("vector<int>", json!([1]), "0100000001000000"),
        ("%Vector<int>", json!([1]), "0100000001000000"),
        ("string", json!("a"), "01610000"),
        ("double", json!("-Infinity"), "000000000000f0ff"),
    ] {
        let ty = registry.bare_type(text).unwrap_or_else(|e| panic!("{e}"));
        let bytes = registry
            .encode(Some(&ty), &value, &Default::default())
            .unwrap();
        assert_eq!(hex::encode(&bytes), hex, "{text}");
        assert_eq!(
            registry
                .decode(Some(&ty), &bytes, &Default::default())
                .unwrap(),
            value
        );
    }
    let ty = registry.boxed_type("Bool").unwrap();
    assert_eq!(
        registry
            .encode(Some(&ty), &json!(false), &Default::default())
            .unwrap(),
        le32(0xbc799737)
    );
}

#[test]
fn schema_errors_carry_the_parsers_diagnostics() {
    let error = Registry::from_sources(
        &[("bad.tl", "foo#1 x:NoSuchType = Foo;")],
        &Default::default(),
    )
    .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("bad.tl:1:"), "{text}");
    assert!(text.contains("unknown type `NoSuchType`"), "{text}");
}

/// A cheap deterministic mutation run over real vectors (the fuzz targets go further):
/// flipped, dropped and duplicated bytes never panic.
#[test]
fn mutated_vectors_never_panic() {
    let records = common::golden_lines("gramjs.jsonl.gz");
    let mut state = 0x2545f4914f6cdd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (_, record) in records.iter().step_by(7) {
        let bytes = hex::decode(record["hex"].as_str().unwrap()).unwrap();
        for _ in 0..8 {
            let mut mutated = bytes.clone();
            let at = (next() as usize) % mutated.len();
            match next() % 3 {
                0 => mutated[at] ^= 1 << (next() % 8),
                1 => {
                    mutated.remove(at);
                }
                _ => mutated.insert(at, mutated[at]),
            }
            let _ = gramjs().decode_boxed(&mutated);
        }
        let mut value = record["value"].clone();
        if let Some(object) = value.as_object_mut() {
            if let Some(key) = object
                .keys()
                .nth(1 + (next() as usize) % object.len().max(1))
                .cloned()
            {
                object.insert(key, json!(null));
            }
        }
        let _ = gramjs().encode_boxed(&value);
    }
}

/// `Vector<true>` and vectors of constructors without parameters: only the count is on the
/// wire. They round-trip up to `tl_runtime::MAX_EMPTY_ELEMENTS` elements per decode, as
/// with the generated code, and past it both sides refuse.
#[test]
fn vectors_of_elements_without_bytes() {
    let registry = Registry::from_sources(
        &[(
            "marks.tl",
            "true#3fedd339 = True;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\n\
             empty = Empty;\nmarks bits:Vector<true> empties:vector<%Empty> tail:int = Marks;",
        )],
        &Default::default(),
    )
    .unwrap();
    let value = json!({"_": "marks", "bits": [true, true, true],
        "empties": [{"_": "empty"}, {"_": "empty"}], "tail": 7});
    let bytes = registry.encode_boxed(&value).unwrap();
    assert_eq!(
        bytes[4..],
        [&le32(0x1cb5c415)[..], &le32(3), &le32(2), &le32(7)].concat()[..]
    );
    assert_eq!(registry.decode_boxed(&bytes).unwrap(), value);

    let limit = tl_runtime::MAX_EMPTY_ELEMENTS;
    let too_many = json!({"_": "marks", "bits": vec![true; limit + 1], "empties": [], "tail": 0});
    let error = registry.encode_boxed(&too_many).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "marks.bits: vector of {} elements that take no bytes: decoders accept at most {limit}",
            limit + 1
        )
    );
    let forged = [
        &bytes[..4],
        &le32(0x1cb5c415),
        &le32(u32::MAX),
        &le32(0),
        &le32(0),
    ]
    .concat();
    assert_eq!(
        registry.decode_boxed(&forged).unwrap_err().to_string(),
        format!("marks.bits: 4294967295 more elements that take no bytes are past the limit of {limit} per decode at byte 12")
    );
}

//! MTProto's service layer, built by hand from the specification
//! (https://core.telegram.org/mtproto/service_messages), and decoding limits on hostile
//! input.

use tl_runtime::{BoxedDecode, BoxedEncode, DecodeErrorKind, Reader};
use tl_tests::schema::{enums, mtproto, types};

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

/// `msg_container#73f1f8dc messages:vector<%Message>`: each message is bare (msg_id, seqno,
/// the body's length in bytes, the boxed body).
#[test]
fn msg_container_of_two_messages_from_the_spec() {
    let ping = [&le32(0x7abe77ec)[..], &7i64.to_le_bytes()].concat(); // ping#7abe77ec ping_id:long
    let ack = [
        &le32(0x62d6b459)[..],
        &le32(0x1cb5c415),
        &le32(1),
        &42i64.to_le_bytes(),
    ]
    .concat(); // msgs_ack
    let mut wire = Vec::new();
    wire.extend_from_slice(&le32(0x73f1f8dc));
    wire.extend_from_slice(&le32(2));
    for (msg_id, seqno, body) in [(100i64, 1i32, &ping), (104, 2, &ack)] {
        wire.extend_from_slice(&msg_id.to_le_bytes());
        wire.extend_from_slice(&seqno.to_le_bytes());
        wire.extend_from_slice(&(body.len() as i32).to_le_bytes());
        wire.extend_from_slice(body);
    }
    let container = mtproto::types::MsgContainer::from_boxed_bytes(&wire).unwrap();
    assert_eq!(container.messages.len(), 2);
    assert_eq!(container.messages[0].msg_id, 100);
    assert_eq!(container.messages[1].seqno, 2);
    let ping_decoded: mtproto::enums::Pong = match container.messages[0].body.constructor_id() {
        Some(0x7abe77ec) => {
            let call: mtproto::functions::Ping = container.messages[0].body.decode().unwrap();
            assert_eq!(call.ping_id, 7);
            mtproto::enums::Pong::Pong(mtproto::types::Pong {
                msg_id: 100,
                ping_id: call.ping_id,
            })
        }
        other => panic!("unexpected body {other:x?}"),
    };
    let ack: mtproto::enums::MsgsAck = container.messages[1].body.decode().unwrap();
    let mtproto::enums::MsgsAck::MsgsAck(ack) = ack;
    assert_eq!(ack.msg_ids, vec![42]);
    assert_eq!(container.to_boxed_bytes().unwrap(), wire);
    assert!(ping_decoded.to_boxed_bytes().is_ok());
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`: the result is the answer to the
/// request named, decoded with that request's answer type.
#[test]
fn rpc_result_decoded_with_the_requests_answer_type() {
    let answer = [&le32(0x997275b5)[..]].concat(); // boolTrue
    let wire = [&le32(0xf35c6d01)[..], &99i64.to_le_bytes(), &answer].concat();
    let result = mtproto::types::RpcResult::from_boxed_bytes(&wire).unwrap();
    assert_eq!(result.req_msg_id, 99);
    type Answer =
        <tl_tests::schema::functions::account::UpdateStatus as tl_runtime::RemoteCall>::Answer;
    let value: Answer = result.result.decode().unwrap();
    assert!(value);
    assert_eq!(result.to_boxed_bytes().unwrap(), wire);
}

/// `resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long>`.
#[test]
fn res_pq_with_int128() {
    let nonce: [u8; 16] = core::array::from_fn(|i| i as u8);
    let server_nonce: [u8; 16] = core::array::from_fn(|i| 0xf0 | i as u8);
    let mut wire = le32(0x05162463).to_vec();
    wire.extend_from_slice(&nonce);
    wire.extend_from_slice(&server_nonce);
    wire.extend_from_slice(&[8, 0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81, 0, 0, 0]); // pq: 8 bytes + 3 padding
    wire.extend_from_slice(&le32(0x1cb5c415));
    wire.extend_from_slice(&le32(1));
    wire.extend_from_slice(&0xc3b42b026ce86b21u64.to_le_bytes());
    let res = mtproto::enums::ResPq::from_boxed_bytes(&wire).unwrap();
    let mtproto::enums::ResPq::ResPq(res) = &res;
    assert_eq!(res.nonce, nonce);
    assert_eq!(res.server_nonce, server_nonce);
    assert_eq!(res.pq, vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81]);
    assert_eq!(
        res.server_public_key_fingerprints,
        vec![0xc3b42b026ce86b21u64 as i64]
    );
}

/// 28 KB of nested `textBold` is an error, not a stack overflow, on the main thread and
/// on a thread with a 2 MiB stack.
#[test]
fn deeply_nested_rich_text_is_an_error() {
    let mut wire = Vec::new();
    for _ in 0..7000 {
        wire.extend_from_slice(&le32(0x6724abc4)); // textBold
    }
    wire.extend_from_slice(&le32(0xdc3d824f)); // textEmpty
    let check = move || {
        let err = enums::RichText::from_boxed_bytes(&wire).unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::DepthLimitExceeded { limit: 64 }),
            "{err}"
        );
    };
    check.clone()();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(check)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn depth_limit_is_configurable() {
    let mut wire = Vec::new();
    for _ in 0..10 {
        wire.extend_from_slice(&le32(0x6724abc4));
    }
    wire.extend_from_slice(&le32(0xdc3d824f));
    let mut shallow = Reader::with_max_depth(&wire, 5);
    assert!(enums::RichText::decode_boxed(&mut shallow).is_err());
    let mut deep = Reader::with_max_depth(&wire, 20);
    assert!(enums::RichText::decode_boxed(&mut deep).is_ok());
}

#[test]
fn hostile_lengths_are_rejected_before_allocating() {
    // A Vector<long> claiming 2^31 elements in 8 bytes of input.
    let wire = [&le32(0x62d6b459)[..], &le32(0x1cb5c415), &le32(0x8000_0000)].concat();
    let err = mtproto::types::MsgsAck::from_boxed_bytes(&wire).unwrap_err();
    assert!(
        matches!(
            err.kind,
            DecodeErrorKind::CountTooLarge {
                count: 0x8000_0000,
                min_len: 8,
                remaining: 0
            }
        ),
        "{err}"
    );
    // bytes claiming 16 MiB.
    let wire = [&le32(0x5a592a6c)[..], &[0xfe, 0xff, 0xff, 0xff][..]].concat();
    assert!(mtproto::types::help::ConfigSimple::from_boxed_bytes(&wire).is_err());
}

#[test]
fn trailing_bytes_and_unknown_constructors_are_errors() {
    let wire = [&le32(0x7f3b18ea)[..], &[0]].concat(); // inputPeerEmpty + 1 byte
    let err = enums::InputPeer::from_boxed_bytes(&wire).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::TrailingBytes { count: 1 });
    assert_eq!(err.offset, 4);
    let err = enums::InputPeer::from_boxed_bytes(&le32(0x12345678)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown constructor 0x12345678 for InputPeer at byte 0"
    );
}

#[test]
fn inconsistent_shared_flag_bits_are_an_encode_error() {
    // inputMediaPoll: solution:flags.1?string and solution_entities:flags.1?Vector<MessageEntity>.
    let poll: types::InputMediaPoll = serde_json::from_value(serde_json::json!({
        "_": "inputMediaPoll",
        "poll": {"_": "poll", "id": 1, "question": {"_": "textWithEntities", "text": "q", "entities": []}, "answers": [], "hash": 0},
        "solution": "because"
    }))
    .unwrap();
    assert!(poll.solution_entities.is_none());
    let err = poll.to_boxed_bytes().unwrap_err();
    assert!(
        matches!(
            err,
            tl_runtime::EncodeError::InconsistentFlags(tl_runtime::SharedFlag { bit: 1, .. })
        ),
        "{err}"
    );
}

#[test]
fn invalid_utf8_string_is_an_error() {
    // error#c4b9f9bb code:int text:string with text = [0xff]
    let wire = [&le32(0xc4b9f9bb)[..], &le32(400), &[1, 0xff, 0, 0]].concat();
    let err = enums::Error::from_boxed_bytes(&wire).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::InvalidUtf8);
    assert_eq!(err.offset, 8);
}

/// `gzip_packed#3072cfa1 packed_data:bytes = Object;` inside an `rpc_result`, as servers
/// send large answers: compressed by flate2 (an independent gzip), unpacked by the
/// runtime, then decoded with the request's answer type. And the other way round.
#[test]
fn gzip_packed_answer_inside_rpc_result() {
    use std::io::{Read, Write};
    use tl_runtime::gzip;

    let answer = tl_tests::schema::enums::Updates::TooLong;
    let inner = answer.to_boxed_bytes().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&inner).unwrap();
    let packed_data = gz.finish().unwrap();

    let packed = mtproto::types::GzipPacked {
        packed_data: packed_data.clone(),
    };
    let wire = [
        &le32(0xf35c6d01)[..],
        &7i64.to_le_bytes(),
        &packed.to_boxed_bytes().unwrap(),
    ]
    .concat();
    let result = mtproto::types::RpcResult::from_boxed_bytes(&wire).unwrap();
    assert_eq!(result.result.constructor_id(), Some(gzip::GZIP_PACKED_ID));
    let packed: mtproto::types::GzipPacked = result.result.decode().unwrap();
    assert_eq!(packed.packed_data, packed_data);
    let unpacked = gzip::unpack(&packed.packed_data, gzip::DEFAULT_MAX_UNPACKED).unwrap();
    type Answer =
        <tl_tests::schema::functions::messages::SendMessage as tl_runtime::RemoteCall>::Answer;
    assert_eq!(Answer::from_boxed_bytes(&unpacked).unwrap(), answer);

    // Our packing, read by flate2.
    let ours = gzip::pack(&inner, 6);
    let mut back = Vec::new();
    flate2::read::GzDecoder::new(&ours[..])
        .read_to_end(&mut back)
        .unwrap();
    assert_eq!(back, inner);

    // A bomb: 64 MiB of zeros in well under 100 KB is refused past the limit.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0u8; 64 << 20]).unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 100_000);
    assert!(matches!(
        gzip::unpack(&bomb, gzip::DEFAULT_MAX_UNPACKED),
        Err(gzip::GzipError::TooLarge { .. })
    ));
}

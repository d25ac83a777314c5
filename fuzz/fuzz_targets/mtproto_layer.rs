//! MTProto's message layer from any bytes, as a client handles a decrypted message body:
//! `msg_container` (each message's body handled in turn), `msg_copy`, `rpc_result`
//! (its `Object` answer: `rpc_error`, a `gzip_packed`, or any value of the API),
//! `gzip_packed` unpacked with `tl_runtime::gzip::unpack` and a limit, then handled
//! again; anything else decoded as any value of the two schemas.
//!
//! The first byte picks what the rest is:
//! - `0`: the message body itself;
//! - `1`: the answer inside a `gzip_packed` inside an `rpc_result` (the target packs it,
//!   so the unpacking path sees every input, not only the rare valid gzip);
//! - `2`: the bodies of a `msg_container`, cut where the input's bytes say;
//! - `3`: `packed_data` for `gzip::unpack` with a small limit (bombs, corrupt streams).
//!
//! Nothing may panic or allocate without bound; what decodes must encode back: a
//! container or an `rpc_result` to exactly the bytes read (their `Object`s are kept
//! raw), anything else to canonical bytes (`tl_fuzz_bindings::RoundTrip`); what unpacks
//! is at most the limit and packs and unpacks to itself.
//!
//! Run (from `fuzz/`): `RUSTC_BOOTSTRAP=1 cargo fuzz run --features api mtproto_layer
//! corpus/mtproto_layer -- -max_len=65536`; seeding: `fuzz/README.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_fuzz_bindings::tl::mtproto::{enums, types};
use tl_fuzz_bindings::{check_round_trip, decode_any, leading_id};
use tl_runtime::{gzip, BoxedDecode, BoxedEncode, Identifiable, Object};

/// The largest unpacked answer accepted: small, so bombs are cheap to find.
const LIMIT: usize = 1 << 20;

/// How deep containers, copies, results and packs may wrap each other here (MTProto
/// allows one or two levels; the decoder itself has no such rule).
const MAX_WRAPPING: u32 = 6;

fn handle(bytes: &[u8], wrapping: u32) {
    if wrapping > MAX_WRAPPING {
        return;
    }
    match leading_id(bytes) {
        Some(types::MsgContainer::CONSTRUCTOR_ID) => {
            let Ok(container) = enums::MessageContainer::from_boxed_bytes(bytes) else {
                return;
            };
            assert_eq!(container.to_boxed_bytes().unwrap(), bytes, "msg_container");
            let enums::MessageContainer::MsgContainer(container) = container;
            for message in &container.messages {
                handle(&message.body.0, wrapping + 1);
            }
        }
        Some(types::MsgCopy::CONSTRUCTOR_ID) => {
            let Ok(copy) = types::MsgCopy::from_boxed_bytes(bytes) else {
                return;
            };
            assert_eq!(copy.to_boxed_bytes().unwrap(), bytes, "msg_copy");
            let enums::Message::Message(message) = &copy.orig_message;
            handle(&message.body.0, wrapping + 1);
        }
        Some(types::RpcResult::CONSTRUCTOR_ID) => {
            let Ok(result) = types::RpcResult::from_boxed_bytes(bytes) else {
                return;
            };
            assert_eq!(result.to_boxed_bytes().unwrap(), bytes, "rpc_result");
            answer(&result.result, wrapping + 1);
        }
        Some(gzip::GZIP_PACKED_ID) => unpack_and_handle(bytes, wrapping),
        _ => {
            let _ = decode_any(bytes);
        }
    }
}

/// An `rpc_result`'s answer: an error, a packed answer, or an answer of some call.
fn answer(result: &Object, wrapping: u32) {
    match result.constructor_id() {
        Some(types::RpcError::CONSTRUCTOR_ID) => {
            if let Ok(error) = result.decode::<enums::RpcError>() {
                check_round_trip(&error, &result.0);
            }
        }
        _ => handle(&result.0, wrapping),
    }
}

fn unpack_and_handle(bytes: &[u8], wrapping: u32) {
    let Ok(packed) = types::GzipPacked::from_boxed_bytes(bytes) else {
        return;
    };
    check_round_trip(&packed, bytes);
    if let Some(inner) = unpack(&packed.packed_data) {
        handle(&inner, wrapping + 1);
    }
}

/// Bounded unpacking; what comes out is within the limit and survives pack + unpack.
fn unpack(packed: &[u8]) -> Option<Vec<u8>> {
    let inner = gzip::unpack(packed, LIMIT).ok()?;
    assert!(inner.len() <= LIMIT, "{} bytes unpacked", inner.len());
    assert_eq!(
        gzip::unpack(&gzip::pack(&inner, 1), LIMIT).as_deref(),
        Ok(&inner[..])
    );
    Some(inner)
}

fn le(v: impl Into<i64>, n: usize) -> Vec<u8> {
    v.into().to_le_bytes()[..n].to_vec()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => handle(rest, 0),
        1 => {
            let packed = types::GzipPacked {
                packed_data: gzip::pack(rest, 1),
            };
            let wire = [
                &le(types::RpcResult::CONSTRUCTOR_ID, 4)[..],
                &le(7, 8),
                &packed.to_boxed_bytes().unwrap(),
            ]
            .concat();
            handle(&wire, 0);
        }
        2 => {
            // Each body: a length byte (times 4), then that many bytes.
            let mut messages = Vec::new();
            let mut at = rest;
            while let Some((&len, tail)) = at.split_first() {
                let len = (len as usize * 4).min(tail.len());
                messages.push(types::Message {
                    msg_id: messages.len() as i64 * 4,
                    seqno: messages.len() as i32,
                    body: Object(tail[..len].to_vec()),
                });
                at = &tail[len..];
            }
            let container = types::MsgContainer { messages };
            handle(&container.to_boxed_bytes().unwrap(), 0);
        }
        _ => {
            let _ = unpack(rest);
        }
    }
});

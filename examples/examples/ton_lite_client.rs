//! A TON lite-client exchange, each level typed: `liteServer.getMasterchainInfo` inside
//! `liteServer.query` inside `adnl.message.query` (bytes inside bytes), and the answer,
//! `adnl.message.answer` carrying a `liteServer.masterchainInfo`.
//!
//! The bytes are those of the walk-through of this exchange in TON's lite-server protocol
//! documentation (github.com/xssnick/ton-deep-doc, `ADNL-TCP-Liteserver.md`, "getMasterchainInfo"):
//! the ADNL payload of the request after the nonce, and of the answer. The ADNL-TCP frame
//! around them (size, nonce, SHA-256, AES-CTR) is transport, not TL.
//!
//! Run: `cargo run -p tl-examples --example ton_lite_client`

use tl_examples::ton::{enums, functions, types};
use tl_runtime::{BoxedDecode, BoxedEncode, RemoteCall};

/// The request's payload in the walk-through: `adnl.message.query` (0xb48bf97a), the
/// query ID, then `liteServer.query` (0x798c06df) with `liteServer.getMasterchainInfo`
/// (0x89b5e62e) in its `data`, each `bytes` padded to 4.
const REQUEST: &str = "7af98bb4\
    77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4\
    0c df068c79 04 2ee6b589 000000 000000";

/// The answer's payload in the walk-through: `adnl.message.answer` (0x0fac8416), the same
/// query ID, and a `liteServer.masterchainInfo` (0x85832881) in its `answer`.
const ANSWER: &str = "1684ac0f\
    77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4\
    b8 81288385\
    ffffffff 0000000000000080 27405801\
    e585a47bd5978f6a4fb2b56aa2082ec9deac33aaae19e78241b97522e1fb43d4\
    876851b60521311853f59c002d46b0bd80054af4bce340787a00bd04e0123517\
    8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976\
    ffffffff\
    17a3a92992aabea785a7a090985a265cd31f323d849da51239737e321fb05569\
    5e994fcf4d425c0a6ce6a792594b7173205f740a39cd56f537defd28b48a0f6e\
    000000";

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let query_id: [u8; 32] =
        from_hex("77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4")
            .try_into()
            .expect("32 bytes");

    // The request, from the inside out.
    let get_info = functions::lite_server::GetMasterchainInfo {};
    let lite_query = functions::lite_server::Query {
        data: get_info.to_boxed_bytes()?,
    };
    let request = types::adnl::message::Query {
        query_id,
        query: lite_query.to_boxed_bytes()?,
    };
    let bytes = request.to_boxed_bytes()?;
    println!(
        "adnl.message.query ({} bytes): {}",
        bytes.len(),
        to_hex(&bytes)
    );
    assert_eq!(
        bytes,
        from_hex(REQUEST),
        "must match ton-deep-doc's request"
    );
    println!("identical to the request in TON's lite-server walk-through");

    // The answer, from the outside in: the ADNL message, then the lite server's answer
    // in its `answer` bytes, read as what `getMasterchainInfo` answers.
    let answer = from_hex(ANSWER);
    let enums::adnl::Message::Answer(adnl_answer) =
        enums::adnl::Message::from_boxed_bytes(&answer)?
    else {
        return Err("not an adnl.message.answer".into());
    };
    assert_eq!(adnl_answer.query_id, query_id, "the answer names our query");
    type Answer = <functions::lite_server::GetMasterchainInfo as RemoteCall>::Answer;
    let enums::lite_server::MasterchainInfo::MasterchainInfo(info) =
        Answer::from_boxed_bytes(&adnl_answer.answer)?;
    let last = &info.last;
    println!(
        "liteServer.masterchainInfo: last block ({}, {:#018x}, {}), root hash {}",
        last.workchain,
        last.shard,
        last.seqno,
        to_hex(&last.root_hash)
    );
    assert_eq!(
        (last.workchain, last.shard as u64, last.seqno),
        (-1, 1 << 63, 22560807)
    );
    assert_eq!(info.init.workchain, -1);

    // And back: the same values write the same bytes.
    let again = types::adnl::message::Answer {
        query_id,
        answer: enums::lite_server::MasterchainInfo::MasterchainInfo(info).to_boxed_bytes()?,
    };
    assert_eq!(again.to_boxed_bytes()?, answer);
    println!("the answer re-encodes to the same bytes");
    Ok(())
}

/// Lowercase hex of `bytes`.
fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of hex text, whitespace ignored.
fn from_hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).expect("ASCII"), 16).expect("hex"))
        .collect()
}

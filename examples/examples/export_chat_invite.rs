//! The call from the `messages.exportChatInvite` documentation page, in Rust.
//!
//! Builds the request the page's JavaScript builds, prints its bytes (identical to what
//! GramJS, Telethon and mtcute produce for it), then decodes a `chatInviteExported`
//! answer as a server would send it. Then the rest of the page as data: whether bots may
//! call the method, the errors it may answer with, and an `rpc_error` matched by name.
//!
//! Run: `cargo run -p tl-examples --example export_chat_invite`

use tl_examples::tl::errors::ErrorName;
use tl_examples::tl::{enums, functions, types};
use tl_runtime::function_info::FunctionInfo;
use tl_runtime::rpc_error::RpcError;
use tl_runtime::{BoxedDecode, BoxedEncode, RemoteCall};

/// The bytes three other implementations produce for this call
/// (`shared/golden/gramjs.jsonl`, line 1, confirmed by Telethon and mtcute).
const EXPECTED: &str = "90de55a41f0000004ca5e8ddd202964900000000fbffffffffffffff2b0000002b000000144d792076657279206e6f726d616c207469746c65000000";

pub fn main() {
    let request = functions::messages::ExportChatInvite {
        flags: 0,
        legacy_revoke_permanent: true,
        request_needed: true,
        peer: types::InputPeerUser {
            user_id: 1234567890,
            access_hash: -5,
        }
        .into(),
        expire_date: Some(43),
        usage_limit: Some(43),
        title: Some("My very normal title".to_owned()),
        subscription_pricing: None,
    };
    let bytes = request
        .to_boxed_bytes()
        .expect("the request is representable");
    let hex = to_hex(&bytes);
    println!("messages.exportChatInvite ({} bytes):\n{hex}", bytes.len());
    assert_eq!(
        hex, EXPECTED,
        "must match the bytes of GramJS, Telethon and mtcute"
    );
    println!("identical to GramJS, Telethon and mtcute");

    // The answer, assembled by hand the way the wire format lays it out.
    let mut answer = Vec::new();
    answer.extend_from_slice(&0xa22cbd96u32.to_le_bytes()); // chatInviteExported
    let flags: u32 = 1 << 1 | 1 << 2 | 1 << 6 | 1 << 8; // expire_date, usage_limit, request_needed, title
    answer.extend_from_slice(&flags.to_le_bytes());
    push_string(&mut answer, "https://t.me/+AbCdEf0123456789"); // link
    answer.extend_from_slice(&1234567890i64.to_le_bytes()); // admin_id
    answer.extend_from_slice(&1700000000i32.to_le_bytes()); // date
    answer.extend_from_slice(&43i32.to_le_bytes()); // expire_date
    answer.extend_from_slice(&43i32.to_le_bytes()); // usage_limit
    push_string(&mut answer, "My very normal title"); // title

    // The request's type says what the answer decodes to.
    type Answer = <functions::messages::ExportChatInvite as RemoteCall>::Answer;
    let decoded = Answer::from_boxed_bytes(&answer).expect("a valid answer");
    match &decoded {
        enums::ExportedChatInvite::ChatInviteExported(invite) => {
            println!(
                "answer: link {} by admin {}, expires {:?}, usage limit {:?}, title {:?}, join requests needed: {}",
                invite.link, invite.admin_id, invite.expire_date, invite.usage_limit, invite.title, invite.request_needed
            );
        }
        other => println!("answer: {other:?}"),
    }
    assert_eq!(
        decoded.to_boxed_bytes().unwrap(),
        answer,
        "re-encoding gives the same bytes"
    );

    // The rest of the page, from the documentation files, as data.
    type Call = functions::messages::ExportChatInvite;
    let bots = Call::CALLERS.map(|callers| callers.bots_allowed());
    println!("bots can use this method: {bots:?}");
    println!("possible errors:");
    for possible in Call::POSSIBLE_ERRORS {
        let error = possible.error;
        println!("  {} {error}: {}", possible.code, error.description());
    }
    // An `rpc_error` as a server sends it, matched by name instead of by string.
    for (code, message) in [(400, "CHAT_ADMIN_REQUIRED"), (420, "FLOOD_WAIT_30")] {
        let error = RpcError::new(code, message);
        match ErrorName::of(&error) {
            Some(ErrorName::ChatAdminRequired) => {
                println!("{error}: ask an admin to export the link")
            }
            Some(ErrorName::FloodWait) => {
                println!("{error}: wait {} seconds", error.value().unwrap_or(0))
            }
            _ => println!("{error}"),
        }
    }
}

/// TL `string`: a length byte, the UTF-8 bytes, zero padding to a multiple of 4.
fn push_string(out: &mut Vec<u8>, text: &str) {
    assert!(text.len() <= 253);
    out.push(text.len() as u8);
    out.extend_from_slice(text.as_bytes());
    out.resize(out.len().next_multiple_of(4), 0);
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

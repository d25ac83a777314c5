//! The examples run as tests too: each asserts its bytes against outside truth (GramJS,
//! Telethon and mtcute for `export_chat_invite`; TON's lite-server walk-through for
//! `ton_lite_client`), so a change that breaks them fails `cargo test`.

#[path = "../examples/ton_lite_client.rs"]
mod ton_lite_client;

#[test]
fn ton_lite_client_matches_the_walk_through() {
    ton_lite_client::main().unwrap();
}

#[path = "../examples/export_chat_invite.rs"]
mod export_chat_invite;

#[test]
fn export_chat_invite_matches_the_peers() {
    export_chat_invite::main();
}

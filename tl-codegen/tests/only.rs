//! `Config::only`: the real API trimmed to what some roots reach.

use std::path::PathBuf;

fn api() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/api.tl")
}

#[test]
fn one_function_keeps_what_it_reaches_and_nothing_else() {
    let full = tl_codegen::Config::new()
        .schema(api())
        .generate()
        .unwrap()
        .code;
    let trimmed = tl_codegen::Config::new()
        .schema(api())
        .only(["messages.exportChatInvite"])
        .generate()
        .unwrap()
        .code;
    // The function, its parameters' types (every constructor of `InputPeer`), its answer
    // (`ExportedChatInvite` and what its constructors hold).
    for item in [
        "pub struct ExportChatInvite {",
        "pub enum InputPeer {",
        "pub struct InputPeerUser {",
        "pub struct InputPeerChannelFromMessage {",
        "pub enum ExportedChatInvite {",
        "pub struct ChatInviteExported {",
        "pub struct StarsSubscriptionPricing {",
    ] {
        assert!(trimmed.contains(item), "missing {item}");
    }
    // Unrelated functions and types are gone.
    for item in [
        "pub struct SendMessage {",
        "pub enum MessageMedia {",
        "pub struct User {",
    ] {
        assert!(full.contains(item));
        assert!(!trimmed.contains(item), "kept {item}");
    }
    assert!(
        trimmed.len() * 50 < full.len(),
        "{} vs {}",
        trimmed.len(),
        full.len()
    );
}

#[test]
fn roots_may_be_types_and_modules_are_trimmed_to_their_own_roots() {
    let mtproto = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/mtproto.tl");
    let code = tl_codegen::Config::new()
        .schema(api())
        .schema_in_module("mtproto", mtproto)
        .only(["InputPeer", "msg_container"])
        .generate()
        .unwrap()
        .code;
    assert!(code.contains("pub enum InputPeer {"));
    assert!(code.contains("pub struct MsgContainer {"));
    assert!(!code.contains("pub struct ExportChatInvite {"));
    assert!(!code.contains("pub struct Ping {"));
}

#[test]
fn an_unknown_root_is_an_error_naming_it() {
    let error = tl_codegen::Config::new()
        .schema(api())
        .only(["messages.exportChatInvite", "messages.noSuchThing"])
        .generate()
        .unwrap_err()
        .to_string();
    assert!(error.contains("`messages.noSuchThing`"), "{error}");
    assert!(!error.contains("exportChatInvite"), "{error}");
}

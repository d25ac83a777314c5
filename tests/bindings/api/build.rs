//! Telegram API layer 230 and MTProto (from the vendored `schema/`), with the registry and arbitrary values.
//!
//! `inline_codecs(false)`: the test binaries use every type of these bindings, so the
//! codecs are compiled once, here, rather than again in each binary.

fn main() {
    tl_codegen::Config::new()
        .schema("../../../schema/api.tl")
        .schema_in_module("mtproto", "../../../schema/mtproto.tl")
        .registry(true)
        .arbitrary(true)
        .inline_codecs(false)
        .file_name("bindings.rs")
        .compile()
        .unwrap();
}

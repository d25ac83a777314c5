//! Generates bindings through the public build.rs API for every schema set the tests use:
//! the vendored `schema/` (layer 230, with MTProto in its own module) and the schema pairs
//! the golden vectors were produced against (Telethon, layer 229; GramJS, layer 198),
//! copied into `tests/golden/schemas`, the Telethon pair also with shared buffers.
//!
//! `inline_codecs(false)`: a dozen test binaries use every type of these bindings, so the
//! codecs are compiled once, in this crate, rather than again in each binary.

fn main() {
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .registry(true)
        .arbitrary(true)
        .inline_codecs(false)
        .file_name("schema.rs")
        .compile()
        .unwrap();
    // The Telethon pair again with zero-copy `string` and `bytes` (`shared_buffers`), so
    // that the golden vectors check the shared decoding of the whole API as well.
    tl_codegen::Config::new()
        .schema("golden/schemas/telethon-api.tl")
        .schema("golden/schemas/telethon-mtproto.tl")
        .registry(true)
        .shared_buffers(true)
        .inline_codecs(false)
        .doc_comments(false)
        .file_name("telethon_shared.rs")
        .compile()
        .unwrap();
    for peer in ["telethon", "gramjs"] {
        tl_codegen::Config::new()
            .schema(format!("golden/schemas/{peer}-api.tl"))
            .schema(format!("golden/schemas/{peer}-mtproto.tl"))
            .registry(true)
            .inline_codecs(false)
            .file_name(format!("{peer}.rs"))
            .compile()
            .unwrap();
    }
}

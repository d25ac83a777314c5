//! Our bindings for the same layer-230 `api.tl` grammers-tl-types 0.11.0 is built from,
//! with the default options (no serde, no registry): what a client would ship; and a
//! second set with `Config::shared_buffers(true)`.

fn main() {
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .compile()
        .unwrap();
    // The same with `string` and `bytes` sharing the input (`Config::shared_buffers`),
    // trimmed to what the two decoded payloads need.
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .only(["messages.getHistory", "messages.sendMessage"])
        .shared_buffers(true)
        .file_name("tl_shared.rs")
        .compile()
        .unwrap();
}

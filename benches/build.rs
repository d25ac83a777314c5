//! Our bindings for the same layer-230 `api.tl` grammers-tl-types 0.11.0 is built from,
//! with the default options (no serde, no registry): what a client would ship.

fn main() {
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .compile()
        .unwrap();
}

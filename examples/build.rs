//! The integration a user copies: generate bindings for the vendored schemas at build
//! time. MTProto's service layer goes into its own module (`tl::mtproto`), because its
//! `message = Message` envelope shares a name with api.tl's chat `message`.

fn main() {
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .compile()
        .unwrap();
}

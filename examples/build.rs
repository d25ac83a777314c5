//! The integration a user copies: generate bindings for the vendored schemas at build
//! time. MTProto's service layer goes into its own module (`tl::mtproto`), because its
//! `message = Message` envelope shares a name with api.tl's chat `message`. The API gets
//! its documentation from the vendored files of mtcute's package (`schema/README.md`):
//! descriptions, parameter and error tables in rustdoc, and typed errors (`tl::errors`).

fn main() {
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .docs("../schema/api-schema.json")
        .docs("../schema/raw-errors.json")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .compile()
        .unwrap();
}

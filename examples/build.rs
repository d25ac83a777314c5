//! The integration a user copies: generate bindings for the vendored schemas at build
//! time. MTProto's service layer goes into its own module (`tl::mtproto`), because its
//! `message = Message` envelope shares a name with api.tl's chat `message`. The API gets
//! its documentation from the vendored files of mtcute's package (`schema/README.md`):
//! descriptions, parameter and error tables in rustdoc, and typed errors (`tl::errors`).
//!
//! TON's lite-server API goes into a file of its own (`ton`): the schema the TON golden
//! vectors were made with, `tests/golden/schemas/pytoniq-lite_api.tl` (TON's `lite_api.tl`
//! as pytoniq-core ships it, verbatim).

fn main() {
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .docs("../schema/api-schema.json")
        .docs("../schema/raw-errors.json")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .compile()
        .unwrap();
    tl_codegen::Config::new()
        .schema("../tests/golden/schemas/pytoniq-lite_api.tl")
        .file_name("ton.rs")
        .compile()
        .unwrap();
}

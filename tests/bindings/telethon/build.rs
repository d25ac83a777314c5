//! The schemas Telethon 1.45.0 (layer 229) produced the golden vectors with.
//!
//! `inline_codecs(false)`: the test binaries use every type of these bindings, so the
//! codecs are compiled once, here, rather than again in each binary. No `From`/`TryFrom`
//! conversions (`conversions(false)`) and no `Clone`/`PartialEq` (`default_derives(false)`,
//! `Debug` kept: the registry's `Item` needs it): the golden tests go through TL-JSON and
//! bytes only, and those impls of the whole API are thousands to compile for nothing.

fn main() {
    tl_codegen::Config::new()
        .schema("../../golden/schemas/telethon-api.tl")
        .schema("../../golden/schemas/telethon-mtproto.tl")
        .registry(true)
        .default_derives(false)
        .derive("Debug")
        .conversions(false)
        .inline_codecs(false)
        .file_name("bindings.rs")
        .compile()
        .unwrap();
}

//! The schemas GramJS 2.26.22 (layer 198) produced the golden vectors with.
//!
//! `inline_codecs(false)`: the test binaries use every type of these bindings, so the
//! codecs are compiled once, here, rather than again in each binary. No `From`/`TryFrom`
//! conversions (`conversions(false)`) and no `Clone`/`PartialEq` (`default_derives(false)`,
//! `Debug` kept: the registry's `Item` needs it): the golden tests go through TL-JSON and
//! bytes only, and those impls of the whole API are thousands to compile for nothing.

fn main() {
    tl_codegen::Config::new()
        .schema("../../golden/schemas/gramjs-api.tl")
        .schema("../../golden/schemas/gramjs-mtproto.tl")
        .registry(true)
        .default_derives(false)
        .derive("Debug")
        .conversions(false)
        .inline_codecs(false)
        .file_name("bindings.rs")
        .compile()
        .unwrap();
}

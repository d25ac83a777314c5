//! The two generators as the generator bench runs them (shared with
//! `examples/instructions.rs`): schema text in, Rust source in memory out.

pub const API: &str = include_str!("../../schema/api.tl");
pub const MTPROTO: &str = include_str!("../../schema/mtproto.tl");

/// tl-codegen on `api.tl` and `mtproto.tl` (each its own output, as a build script with
/// `schema_in_module` would have them): the length of the code.
pub fn ours(pretty: bool, threads: usize) -> usize {
    let mut config = tl_codegen::Config::new();
    config.format(pretty).threads(threads);
    // Each schema on its own, at the root (the codec bench's bindings put `mtproto.tl` in a
    // module; the work is the same).
    let api = config
        .generate_from_sources(&[("api.tl", API)])
        .expect("api.tl generates");
    let mtproto = config
        .generate_from_sources(&[("mtproto.tl", MTPROTO)])
        .expect("mtproto.tl generates");
    api.code.len() + mtproto.code.len()
}

/// grammers-tl-gen with grammers-tl-parser, configured as grammers-tl-types' build script
/// is with its default features: the length of the code.
pub fn theirs() -> usize {
    let definitions: Vec<_> = grammers_tl_parser::parse_tl_file(API)
        .chain(grammers_tl_parser::parse_tl_file(MTPROTO))
        .filter_map(Result::ok)
        .collect();
    let mut outputs = grammers_tl_gen::Outputs {
        common: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        enums: Vec::new(),
    };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: false,
        impl_debug: true,
        impl_from_enum: true,
        impl_from_type: true,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut outputs, &definitions, 230, &config)
        .expect("writing to memory cannot fail");
    outputs.common.len() + outputs.types.len() + outputs.functions.len() + outputs.enums.len()
}

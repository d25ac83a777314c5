//! TON's `lite_api.tl` and `ton_api.tl` as pytoniq-core 0.2.1 ships them, the schemas of the
//! TON golden vectors. Each file stands alone (both define `tonNode.blockIdExt`), so each
//! is generated on its own, into its own module.
//!
//! No `From`/`TryFrom` conversions and no doc comments: the golden tests go through TL-JSON
//! and bytes only.

fn main() {
    for (file, out) in [
        ("pytoniq-lite_api.tl", "lite_api.rs"),
        ("pytoniq-ton_api.tl", "ton_api.rs"),
    ] {
        tl_codegen::Config::new()
            .schema(format!("../../golden/schemas/{file}"))
            .registry(true)
            .conversions(false)
            .doc_comments(false)
            .file_name(out)
            .compile()
            .unwrap();
    }
}

//! The registry both reflective targets use: `schema/api.tl` and `schema/mtproto.tl` read
//! as one set (their two `message` constructors included), built once per process.

use std::sync::OnceLock;

use tl_reflect::Registry;

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let files = [
            ("api.tl", include_str!("../../schema/api.tl")),
            ("mtproto.tl", include_str!("../../schema/mtproto.tl")),
        ];
        Registry::from_sources(&files, &Default::default()).expect("the vendored schemas are valid")
    })
}

//! Generates bindings through the public build.rs API for every schema pair the tests use:
//! the vendored `schema/` (layer 230) and the schemas the golden vectors were produced
//! against (Telethon, layer 229; GramJS, layer 198), copied into `tests/golden/schemas`.

fn main() {
    let golden = "golden/schemas";
    tl_codegen::Config::new()
        .schema("../schema/api.tl")
        .schema_in_module("mtproto", "../schema/mtproto.tl")
        .file_name("schema.rs")
        .compile()
        .unwrap();
    let sets: [(&str, [&str; 2]); 2] = [
        
        ("telethon.rs", [&format!("{golden}/telethon-api.tl"), &format!("{golden}/telethon-mtproto.tl")].map(|s| leak(s))),
        ("gramjs.rs", [&format!("{golden}/gramjs-api.tl"), &format!("{golden}/gramjs-mtproto.tl")].map(|s| leak(s))),
    ];
    for (file, schemas) in sets {
        tl_codegen::Config::new().schemas(schemas).file_name(file).compile().unwrap();
    }
}

fn leak(s: &String) -> &'static str {
    Box::leak(s.clone().into_boxed_str())
}

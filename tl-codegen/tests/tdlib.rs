//! TDLib's `td_api.tl` (from `../shared/schemas`, which tests may read but not copy):
//! its `int32`/`int53`/`int64` builtins map to the wire's `int`/`long`, and its `//@`
//! comments become rustdoc.

use std::path::PathBuf;

fn td_api() -> Option<PathBuf> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/schemas/tdlib/td_api.tl");
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (the shared schemas are not beside the project)",
            path.display()
        );
        None
    }
}

#[test]
fn td_api_generates_with_its_documentation() {
    let Some(path) = td_api() else { return };
    let generated = tl_codegen::Config::new()
        .schema(&path)
        .generate()
        .expect("td_api.tl generates");
    let code = generated.code;
    // `localFile ... download_offset:int53 ... downloaded_size:int53 = LocalFile;`
    assert!(code.contains("pub struct LocalFile {"));
    assert!(
        code.contains("pub download_offset: i64,"),
        "int53 is a long"
    );
    assert!(code.contains("pub downloaded_size: i64,"));
    // `error code:int32 message:string = Error;`
    assert!(code.contains("pub code: i32,"));
    // `//@description` and `//@<param>` comments.
    assert!(code.contains("An object of this type can be returned on every function call"));
    assert!(code.contains("Local path to the locally available file part; may be empty"));
}

/// Every schema of TDLib's set generates, each on its own: `e2e_api.tl` needs `int512`
/// (`signature:int512`), the others their own builtins. (`tests/` compiles the Telegram
/// API; a scratch crate built from these files compiled too, see the issue notes.)
#[test]
fn every_tdlib_schema_generates() {
    let Some(td_api) = td_api() else { return };
    let dir = td_api.parent().expect("a directory");
    for name in [
        "td_api.tl",
        "telegram_api.tl",
        "mtproto_api.tl",
        "secret_api.tl",
        "e2e_api.tl",
    ] {
        let generated = tl_codegen::Config::new()
            .schema(dir.join(name))
            .format(false)
            .generate()
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(generated.code.contains("pub mod types"), "{name}");
        if name == "e2e_api.tl" {
            assert!(generated.code.contains("pub signature: [u8; 64],"));
        }
    }
}

//! The bindings the integration tests in `tests/` use, generated through the public
//! `tl-codegen` API, each in its own crate under `tests/bindings/` (so that the four whole-API
//! binding sets compile side by side, and no rustc holds all four).

/// Telegram API layer 230 and MTProto, from the vendored `schema/`.
pub use tl_bindings_api as schema;

/// The schemas Telethon 1.45.0 (layer 229) produced the golden vectors with.
pub use tl_bindings_telethon as telethon;

/// The schemas GramJS 2.26.22 (layer 198) produced the golden vectors with.
pub use tl_bindings_gramjs as gramjs;

/// The Telethon schemas again, generated with `Config::shared_buffers(true)`: `string` and
/// `bytes` fields share the buffer they were decoded from.
pub use tl_bindings_telethon_shared as telethon_shared;

/// TON's `lite_api.tl` and `ton_api.tl` as pytoniq-core 0.2.1 ships them (the TON golden
/// vectors), each in its own module: `ton::lite_api`, `ton::ton_api`.
pub use tl_bindings_ton as ton;

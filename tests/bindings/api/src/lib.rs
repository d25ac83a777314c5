//! Telegram API layer 230 and MTProto (from the vendored `schema/`), with the registry and arbitrary values.
include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

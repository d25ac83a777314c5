//! The Telethon schemas again with `Config::shared_buffers(true)`: `string` and `bytes` fields share the buffer they were decoded from.
include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

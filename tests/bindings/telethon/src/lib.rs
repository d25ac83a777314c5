//! The schemas Telethon 1.45.0 (layer 229) produced the golden vectors with.
include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

//! Rust code generation from TL schemas, for `build.rs`.
#![forbid(unsafe_code)]

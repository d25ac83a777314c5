//! The library part of the `tl` command line (the binary of this crate): [`diff`], the
//! comparison of two versions of a schema (two layers) that `tl diff` prints, judging each
//! change for the wire and for Rust code using the generated bindings.
//!
//! The command line lives in its own crate, apart from the generator (`tl-codegen`), so
//! that a build script that depends on the generator compiles nothing that only the
//! command line needs (clap, tl-reflect, hex).
#![forbid(unsafe_code)]

pub mod diff;

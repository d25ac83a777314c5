//! The tests over the whole generated API (layer 230 and MTProto), in one test binary.
//!
//! Each of these modules instantiates the bindings' generic code (serde, the TL-JSON
//! visitors, the decoders) for every type of the API. As separate test binaries, each
//! compiled those instantiations again: four copies, most of the test suite's build
//! time. Here they are compiled once.
//!
//! - `golden`: every golden vector of independent implementations, byte for byte.
//! - `shared_golden`: the Telethon vectors again, through zero-copy bindings.
//! - `reflect_agrees`: the reflective codec and the generated one agree on them.
//! - `properties`: round trips of generated values of every constructor and function.
//! - `mtproto_and_limits`: the MTProto service layer from its specification, and limits
//!   on hostile input.
//! - `ton_words`: TON's `#` values (plain counts, mode bits that gate no field), typed.

mod common;

mod golden;
mod mtproto_and_limits;
mod properties;
mod reflect_agrees;
mod shared_golden;
mod ton_words;

//! The limits of the wire format that encoding, decoding and their errors share. Public as
//! `primitives::MAX_BYTES_LEN` and `MAX_EMPTY_ELEMENTS` (at the crate's root).
//!
//! A leaf: `error` names these limits in its messages, and `primitives` and `reader`
//! enforce them, so they live here rather than in one of those that use each other.

/// The longest `string`/`bytes` the 3-byte length prefix can express: 2^24 - 1.
pub const MAX_BYTES_LEN: usize = 0xff_ffff;

/// How many vector elements that take no bytes on the wire (`Vector<true>`, a vector of a
/// constructor without parameters) one decode may produce in all. Their count is the only
/// thing the input says of them, so the input's length cannot bound it as it bounds every
/// other count; nested vectors of them would otherwise multiply. Encoders refuse a vector
/// of more such elements ([`EncodeError::TooManyEmptyElements`](crate::EncodeError)).
pub const MAX_EMPTY_ELEMENTS: usize = 1 << 16;

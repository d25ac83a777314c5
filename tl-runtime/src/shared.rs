//! Zero-copy `string` and `bytes`, for code generated with `Config::shared_buffers(true)`
//! (feature `shared`).
//!
//! Such code types `string` fields as [`ByteString`] and `bytes` fields as [`Bytes`]
//! instead of `String` and `Vec<u8>`. Decoded from a shared buffer
//! ([`BoxedDecode::from_boxed_shared`](crate::BoxedDecode::from_boxed_shared), or a
//! [`Reader::shared`](crate::Reader::shared)), each of them is a slice of that buffer:
//! a reference count, no allocation and no copy. Decoded from a plain `&[u8]`, they are
//! copies, as `String` and `Vec<u8>` are. The wire form, the TL-JSON form and the checks
//! are the same as the owned types' (a `string` must be UTF-8).
//!
//! The values keep their whole input buffer alive: a long-lived value cut from a large
//! response holds all of it. `Bytes::copy_from_slice` or `ByteString::from(&*s)` detach
//! one.
//!
//! ```
//! use tl_runtime::shared::{ByteString, Bytes};
//! use tl_runtime::{BareDecode, BareEncode};
//!
//! let input = Bytes::from_static(b"\x05hello\x00\x00");
//! let text = ByteString::from_bare_shared(&input).unwrap();
//! assert_eq!(text, "hello");
//! // The decoded text is the input's own memory.
//! assert_eq!(text.as_ptr(), input[1..].as_ptr());
//! assert_eq!(text.to_bare_bytes().unwrap(), &input[..]);
//! ```

pub use bytes::Bytes;
pub use bytestring::ByteString;

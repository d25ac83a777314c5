//! The built-in types: `int`, `long`, `double`, `#`, `int128`, `int256`, `string`,
//! `bytes` and `Bool`.
//!
//! | TL | Rust |
//! |---|---|
//! | `int` | `i32` |
//! | `long` | `i64` |
//! | `double` | `f64` |
//! | `#` | `u32` |
//! | `int128`, `int256` | `[u8; 16]`, `[u8; 32]` (raw, wire order) |
//! | `string` | `String` |
//! | `bytes` | `Vec<u8>` |
//! | `Bool` | `bool` (boxed: `boolTrue`/`boolFalse`) |
//!
//! # Strings that are not UTF-8
//! A TL `string` is decoded into a Rust `String`; bytes that are not valid UTF-8 are a
//! [`DecodeErrorKind::InvalidUtf8`] error at the string's offset, never replaced or
//! dropped silently. Schemas that carry binary data use `bytes` (`Vec<u8>`).

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::reader::Reader;
use crate::{BareDecode, BareEncode, BoxedDecode, BoxedEncode, Identifiable, VectorElement};

pub use crate::limits::MAX_BYTES_LEN;

/// `boolTrue#997275b5 = Bool;`
pub const BOOL_TRUE_ID: u32 = 0x997275b5;
/// `boolFalse#bc799737 = Bool;`
pub const BOOL_FALSE_ID: u32 = 0xbc799737;
/// `true#3fedd339 = True;`
pub const TRUE_ID: u32 = 0x3fedd339;

/// The bytes of `a`, then those of `b`, as one array. Generated encoders join runs of
/// fixed-size fields with it and append the result once (one length update of the output
/// instead of one per field); one generic call per field keeps that cheap to compile.
/// `N` must be `A + B`.
///
/// ```
/// let joined = tl_runtime::primitives::join::<4, 2, 6>(7i32.to_le_bytes(), [8, 9]);
/// assert_eq!(joined, [7, 0, 0, 0, 8, 9]);
/// ```
#[inline]
pub fn join<const A: usize, const B: usize, const N: usize>(a: [u8; A], b: [u8; B]) -> [u8; N] {
    assert!(A + B == N, "join: N must be A + B");
    let mut out = [0u8; N];
    out[..A].copy_from_slice(&a);
    out[A..].copy_from_slice(&b);
    out
}

/// The constructor ID a `Bool` is written as.
#[inline]
pub const fn bool_id(value: bool) -> u32 {
    if value {
        BOOL_TRUE_ID
    } else {
        BOOL_FALSE_ID
    }
}

/// Encoded length of a `string`/`bytes` of `len` bytes: prefix, data, zero padding to 4.
#[inline]
pub const fn bytes_len(len: usize) -> usize {
    let prefix = if len <= 253 { 1 } else { 4 };
    (prefix + len + 3) & !3
}

/// Writes `data` as TL `bytes`/`string`.
#[inline(always)]
pub fn encode_bytes(data: &[u8], out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let len = data.len();
    if len > 253 {
        return encode_long_bytes(data, out);
    }
    // One length byte, the data, zeros up to a multiple of 4. Nothing is written past
    // the value's end, even for a moment: a buffer sized with `bare_len` stays exact.
    let padding = (1 + len).next_multiple_of(4) - (1 + len);
    out.reserve(1 + len + padding);
    out.push(len as u8);
    out.extend_from_slice(data);
    push_padding(padding, out);
    Ok(())
}

/// Appends 0 to 3 zero bytes. A constant-length store per case: a variable-length one
/// (`resize`, `extend_from_slice(&ZEROS[..n])`) is a `memset` call per string.
#[inline(always)]
fn push_padding(padding: usize, out: &mut Vec<u8>) {
    match padding {
        0 => {}
        1 => out.push(0),
        2 => out.extend_from_slice(&[0; 2]),
        _ => out.extend_from_slice(&[0; 3]),
    }
}

/// `bytes` over 253 bytes: `0xfe`, a 3-byte length, the data, padding.
#[inline(never)]
fn encode_long_bytes(data: &[u8], out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let len = data.len();
    if len > MAX_BYTES_LEN {
        return Err(EncodeError::TooLong { len });
    }
    let padding = (4 + len).next_multiple_of(4) - (4 + len);
    out.reserve(4 + len + padding);
    out.extend_from_slice(&[0xfe, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
    out.extend_from_slice(data);
    push_padding(padding, out);
    Ok(())
}

/// Reads TL `bytes`/`string`, borrowing the data from the input.
///
/// The claimed length is checked against the remaining input before anything else.
#[inline]
pub fn decode_bytes<'a>(reader: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
    let start = reader.position();
    let first = reader.take_array::<1>()?[0];
    let (header_len, len) = match first {
        0..=253 => (1, first as usize),
        254 => {
            let b = reader.take_array::<3>()?;
            (
                4,
                b[0] as usize | (b[1] as usize) << 8 | (b[2] as usize) << 16,
            )
        }
        _ => {
            return Err(DecodeError {
                offset: start,
                kind: DecodeErrorKind::Invalid("string/bytes length prefix 0xff"),
            })
        }
    };
    let padding = (4 - (header_len + len) % 4) % 4;
    if len + padding > reader.remaining() {
        return Err(reader.error(if len > reader.remaining() {
            DecodeErrorKind::LengthTooLarge {
                claimed: len,
                remaining: reader.remaining(),
            }
        } else {
            DecodeErrorKind::MissingPadding {
                len,
                padding,
                remaining: reader.remaining(),
            }
        }));
    }
    let data = reader.take(len)?;
    reader.take(padding)?;
    Ok(data)
}

macro_rules! fixed_size {
    ($($ty:ty => $size:expr, $read:expr, $write:expr;)*) => {$(
        impl BareEncode for $ty {
            #[inline]
            fn bare_len(&self) -> usize {
                $size
            }
            #[inline]
            fn encode_bare(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
                #[allow(clippy::redundant_closure_call)]
                out.extend_from_slice(&($write)(self));
                Ok(())
            }
        }
        impl BareDecode for $ty {
            #[inline]
            fn decode_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                #[allow(clippy::redundant_closure_call)]
                reader.take_array::<$size>().map($read)
            }
        }
        impl VectorElement for $ty {
            const MIN_ELEMENT_LEN: usize = $size;
            #[inline]
            fn element_len(&self) -> usize {
                $size
            }
            #[inline]
            fn encode_element(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
                self.encode_bare(out)
            }
            #[inline]
            fn decode_element(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Self::decode_bare(reader)
            }
        }
    )*};
}

fixed_size! {
    i32 => 4, i32::from_le_bytes, |v: &i32| v.to_le_bytes();
    u32 => 4, u32::from_le_bytes, |v: &u32| v.to_le_bytes();
    i64 => 8, i64::from_le_bytes, |v: &i64| v.to_le_bytes();
    f64 => 8, f64::from_le_bytes, |v: &f64| v.to_le_bytes();
    [u8; 16] => 16, |v| v, |v: &[u8; 16]| *v;
    [u8; 32] => 32, |v| v, |v: &[u8; 32]| *v;
    [u8; 64] => 64, |v| v, |v: &[u8; 64]| *v;
}

macro_rules! length_prefixed {
    ($($ty:ty => $as_bytes:expr, $from_slice:expr;)*) => {$(
        impl BareEncode for $ty {
            #[inline]
            fn bare_len(&self) -> usize {
                bytes_len(self.len())
            }
            #[inline]
            fn encode_bare(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
                #[allow(clippy::redundant_closure_call)]
                encode_bytes(($as_bytes)(self), out)
            }
        }
        impl BareDecode for $ty {
            #[inline]
            fn decode_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                let offset = reader.position();
                let data = decode_bytes(reader)?;
                #[allow(clippy::redundant_closure_call)]
                ($from_slice)(data, offset, &*reader)
            }
        }
        impl VectorElement for $ty {
            const MIN_ELEMENT_LEN: usize = 4;
            #[inline]
            fn element_len(&self) -> usize {
                self.bare_len()
            }
            #[inline]
            fn encode_element(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
                self.encode_bare(out)
            }
            #[inline]
            fn decode_element(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Self::decode_bare(reader)
            }
        }
    )*};
}

length_prefixed! {
    String => String::as_bytes, |data: &[u8], offset, _reader: &Reader<'_>| {
        match simdutf8::basic::from_utf8(data) {
            Ok(s) => Ok(String::from(s)),
            Err(_) => Err(DecodeError { offset, kind: DecodeErrorKind::InvalidUtf8 }),
        }
    };
    Vec<u8> => Vec::<u8>::as_slice, |data: &[u8], _offset, _reader: &Reader<'_>| Ok(data.to_vec());
}

// `Config::shared_buffers`: the same wire forms, decoded as slices of a shared input.
#[cfg(feature = "shared")]
length_prefixed! {
    bytestring::ByteString => <bytestring::ByteString as AsRef<[u8]>>::as_ref,
    |data: &[u8], offset, reader: &Reader<'_>| {
        if simdutf8::basic::from_utf8(data).is_err() {
            return Err(DecodeError { offset, kind: DecodeErrorKind::InvalidUtf8 });
        }
        let shared = reader.share(data);
        // The one `unsafe` of this crate. `ByteString`'s only safe constructor from a
        // `Bytes` validates again with `core::str::from_utf8`, which took 38% of decoding
        // a `messages.messages` (its texts are not ASCII) and made the zero-copy decode
        // slower than the copying one.
        #[allow(unsafe_code)]
        // SAFETY: `shared` holds exactly the bytes of `data` (a slice of the same
        // immutable buffer, or a copy), which simdutf8 validated as UTF-8 just above.
        Ok(unsafe { bytestring::ByteString::from_bytes_unchecked(shared) })
    };
    bytes::Bytes => <bytes::Bytes as AsRef<[u8]>>::as_ref,
    |data: &[u8], _offset, reader: &Reader<'_>| Ok(reader.share(data));
}

impl BoxedEncode for bool {
    #[inline]
    fn boxed_len(&self) -> usize {
        4
    }
    #[inline]
    fn encode_boxed(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&bool_id(*self).to_le_bytes());
        Ok(())
    }
}

impl BoxedDecode for bool {
    #[inline]
    fn decode_boxed(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.read_u32()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(reader.unknown_constructor(id, "Bool")),
        }
    }
}

impl VectorElement for bool {
    const MIN_ELEMENT_LEN: usize = 4;
    #[inline]
    fn element_len(&self) -> usize {
        4
    }
    #[inline]
    fn encode_element(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.encode_boxed(out)
    }
    #[inline]
    fn decode_element(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Self::decode_boxed(reader)
    }
}

/// The TL type `True` (`true#3fedd339 = True;`) where it appears as a value rather than
/// as a `flags.N?true` bit. It carries no data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct True;

impl Identifiable for True {
    const CONSTRUCTOR_ID: u32 = TRUE_ID;
}

impl BareEncode for True {
    fn bare_len(&self) -> usize {
        0
    }
    fn encode_bare(&self, _out: &mut Vec<u8>) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl BoxedEncode for True {
    fn boxed_len(&self) -> usize {
        4
    }
    fn encode_boxed(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&TRUE_ID.to_le_bytes());
        Ok(())
    }
}

impl BareDecode for True {
    fn decode_bare(_reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(True)
    }
}

impl BoxedDecode for True {
    fn decode_boxed(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.expect_id(TRUE_ID, "True")?;
        Ok(True)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    /// The layout of every length around the two boundaries (253/254 and the 4-byte
    /// alignment), written after a few unrelated bytes so padding is relative to the value.
    #[test]
    fn bytes_layout_and_round_trip() {
        for len in (0..600).chain([MAX_BYTES_LEN - 1, MAX_BYTES_LEN]) {
            let data: Vec<u8> = (0..len).map(|i| (i % 255) as u8 + 1).collect();
            let mut out = vec![9, 9, 9];
            encode_bytes(&data, &mut out).unwrap();
            let written = &out[3..];
            let header = if len <= 253 { 1 } else { 4 };
            assert_eq!(
                written.len(),
                (header + len).next_multiple_of(4),
                "len {len}"
            );
            if len <= 253 {
                assert_eq!(written[0] as usize, len);
            } else {
                assert_eq!(
                    written[..4],
                    [0xfe, len as u8, (len >> 8) as u8, (len >> 16) as u8]
                );
            }
            assert_eq!(&written[header..header + len], &data[..]);
            assert!(written[header + len..].iter().all(|&b| b == 0));
            let mut reader = Reader::new(written);
            assert_eq!(decode_bytes(&mut reader).unwrap(), &data[..]);
            assert_eq!(reader.position(), written.len());
        }
        let too_long = vec![0u8; MAX_BYTES_LEN + 1];
        let mut out = Vec::new();
        assert_eq!(
            encode_bytes(&too_long, &mut out),
            Err(EncodeError::TooLong {
                len: MAX_BYTES_LEN + 1
            })
        );
    }

    /// Input cut inside the data says the length is too large; cut inside the padding, it
    /// says so, with the numbers that show it.
    #[test]
    fn a_cut_in_the_padding_is_named_as_such() {
        // "ab": 1 length byte, 2 data bytes, 1 padding byte.
        let cut = |wire: &[u8]| decode_bytes(&mut Reader::new(wire)).unwrap_err();
        let err = cut(&[2, b'a', b'b']);
        assert_eq!(
            err.kind,
            DecodeErrorKind::MissingPadding {
                len: 2,
                padding: 1,
                remaining: 2
            }
        );
        assert_eq!(
            err.to_string(),
            "2 bytes of data need 1 byte of padding after them, but the input has 2 bytes left: it ends inside the padding at byte 1"
        );
        assert_eq!(
            cut(&[2, b'a']).kind,
            DecodeErrorKind::LengthTooLarge {
                claimed: 2,
                remaining: 1
            }
        );
        assert_eq!(
            decode_bytes(&mut Reader::new(&[2, b'a', b'b', 0])),
            Ok(&b"ab"[..])
        );
    }

    /// `to_bare_bytes` allocates once with `bare_len`, and encoding never writes past the
    /// value's end (not even padding that is cut off again): the buffer is never grown.
    #[test]
    fn encoding_fills_an_exact_buffer_without_growing_it() {
        for len in (0..600).chain([MAX_BYTES_LEN]) {
            let text = "x".repeat(len);
            let bytes = text.to_bare_bytes().unwrap();
            assert_eq!(bytes.len(), text.bare_len(), "len {len}");
            assert_eq!(bytes.capacity(), bytes.len(), "len {len}: the buffer grew");
            let data = vec![7u8; len];
            let bytes = data.to_bare_bytes().unwrap();
            assert_eq!(bytes.capacity(), bytes.len(), "len {len}: the buffer grew");
        }
    }
}

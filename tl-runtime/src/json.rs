//! TL-JSON support for generated types (feature `serde`; the format is specified in the
//! repository's `docs/tl-json.md`).
//!
//! TL-JSON writes `bytes` as standard base64 with padding and `int128`/`int256` as
//! lowercase hex of the raw bytes ([`TlJson`]); everything else is plain serde. Generated
//! types read through [`FromJson`] (one concrete [`Value`], see [`deserialize`]) and write
//! through [`ObjectWriter`].

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use base64::Engine as _;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

pub use serde;

mod object;

pub use object::{
    check_length, deserialize, variant, Fields, FromJson, JsonError, Map, ObjectWriter, Tl, Value,
};

use crate::primitives::True;
use crate::{BoxedDecode, BoxedEncode};

/// A type whose TL-JSON form differs from its plain serde form.
pub trait TlJson: Sized {
    /// Writes the TL-JSON form.
    fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the TL-JSON form.
    fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl TlJson for Vec<u8> {
    fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(self))
    }

    fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Base64;
        impl Visitor<'_> for Base64 {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string (TL bytes)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
                decode_base64(v)
                    .map_err(|e| E::custom(format_args!("invalid base64 for TL bytes: {e}")))
            }
        }
        deserializer.deserialize_str(Base64)
    }
}

/// Reads TL-JSON `bytes`: standard base64 (`+` and `/`) with padding. The error says
/// in words what is wrong and at which byte offset of `text`.
pub fn decode_base64(text: impl AsRef<[u8]>) -> Result<Vec<u8>, Base64Error> {
    base64::engine::general_purpose::STANDARD
        .decode(text.as_ref())
        .map_err(Base64Error)
}

/// Why a string is not TL-JSON `bytes` (see [`decode_base64`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64Error(base64::DecodeError);

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// `'-'` for printable ASCII, else the byte in hex (one byte of a UTF-8 character).
        struct Shown(u8);
        impl fmt::Display for Shown {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 {
                    b' '..=b'~' => write!(f, "'{}'", char::from(self.0)),
                    byte => write!(f, "byte {byte:#04x}"),
                }
            }
        }
        match self.0 {
            base64::DecodeError::InvalidByte(at, b'=') => write!(
                f,
                "'=' at offset {at} is not at the end: padding only ends the text"
            ),
            base64::DecodeError::InvalidByte(at, byte @ (b'-' | b'_')) => write!(
                f,
                "{} at offset {at} is URL-safe base64; TL-JSON takes the standard alphabet ('+' and '/')",
                Shown(byte)
            ),
            base64::DecodeError::InvalidByte(at, byte) => write!(
                f,
                "{} at offset {at} is not in the base64 alphabet",
                Shown(byte)
            ),
            base64::DecodeError::InvalidLength(symbols) => write!(
                f,
                "{symbols} symbols leave one over a group of 4: the text is cut short or has one too many"
            ),
            base64::DecodeError::InvalidLastSymbol(at, byte) => write!(
                f,
                "the last symbol, {} at offset {at}, has bits set past the end of the data (cut short or altered?)",
                Shown(byte)
            ),
            base64::DecodeError::InvalidPadding => f.write_str(
                "the padding is missing or wrong: the text is padded with '=' to a multiple of 4 characters",
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Base64Error {}

fn write_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

fn read_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.as_bytes();
    if text.len() != 2 * N {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, pair) in text.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

macro_rules! hex_array {
    ($($n:literal => $tl:literal),*) => {$(
        impl TlJson for [u8; $n] {
            fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&write_hex(self))
            }

            fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Hex;
                impl Visitor<'_> for Hex {
                    type Value = [u8; $n];
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{} hex digits ({})", 2 * $n, $tl)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<[u8; $n], E> {
                        read_hex::<$n>(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
                    }
                }
                deserializer.deserialize_str(Hex)
            }
        }
    )*};
}

hex_array!(16 => "TL int128", 32 => "TL int256", 64 => "TL int512");

/// `bytes` decoded with `Config::shared_buffers`: base64, as `Vec<u8>`.
#[cfg(feature = "shared")]
impl TlJson for bytes::Bytes {
    fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(self))
    }

    fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<u8>::deserialize_tl(deserializer).map(bytes::Bytes::from)
    }
}

impl<T: TlJson> TlJson for Option<T> {
    fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_tl(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Some(T::deserialize_tl(deserializer)?))
    }
}

/// Adapts `T: TlJson` to `Deserialize`, for sequence elements.
struct FromTl<T>(T);

impl<'de, T: TlJson> Deserialize<'de> for FromTl<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_tl(deserializer).map(FromTl)
    }
}

impl<T: TlJson> TlJson for Vec<T> {
    fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for element in self {
            seq.serialize_element(&Tl(element))?;
        }
        seq.end()
    }

    fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Elements<T>(core::marker::PhantomData<T>);
        impl<'de, T: TlJson> Visitor<'de> for Elements<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                // Capacity from the input's own hint, bounded: hostile hints cannot
                // make this allocate without bound.
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(FromTl(element)) = seq.next_element::<FromTl<T>>()? {
                    out.push(element);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Elements(core::marker::PhantomData))
    }
}

impl Serialize for True {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for True {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match bool::deserialize(deserializer)? {
            true => Ok(True),
            false => Err(de::Error::custom("TL `true` must be `true`")),
        }
    }
}

/// `Object` (raw boxed bytes, type unknown to the bindings) is written as base64.
impl Serialize for crate::Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_tl(serializer)
    }
}

impl<'de> Deserialize<'de> for crate::Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<u8>::deserialize_tl(deserializer).map(crate::Object)
    }
}

/// A type of a schema's bindings, as the generated `registry` hands it to a [`Visitor`].
pub trait Item:
    BoxedEncode + BoxedDecode + Serialize + for<'de> Deserialize<'de> + fmt::Debug + 'static
{
}

impl<
        T: BoxedEncode + BoxedDecode + Serialize + for<'de> Deserialize<'de> + fmt::Debug + 'static,
    > Item for T
{
}

/// Receives the Rust type of a TL constructor or function looked up by name or ID in a
/// generated `registry` (for tools that handle values of any type: the golden-vector
/// tests, proxies, debuggers).
pub trait TypeVisitor {
    /// What the visit produces.
    type Output;
    /// Called with the type found.
    fn visit<T: Item>(self) -> Self::Output;
}

//! TL-JSON support for generated types (feature `serde`).
//!
//! TL-JSON writes `bytes` as standard base64 with padding and `int128`/`int256` as
//! lowercase hex of the raw bytes; everything else is plain serde. Generated code uses
//! [`tl`] as `#[serde(with = "...")]` on fields holding those types, at any depth of
//! `Option` and `Vec`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use base64::Engine as _;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

pub use serde;

use crate::primitives::True;
use crate::{BoxedDecode, BoxedEncode};

/// A type whose TL-JSON form differs from its plain serde form.
pub trait TlJson: Sized {
    /// Writes the TL-JSON form.
    fn serialize_tl<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the TL-JSON form.
    fn deserialize_tl<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// `#[serde(with = "tl_runtime::json::tl")]`: TL-JSON for any [`TlJson`] type.
pub mod tl {
    use super::*;

    /// Serializes `value` in TL-JSON form.
    pub fn serialize<T: TlJson, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize_tl(serializer)
    }

    /// Deserializes a value in TL-JSON form.
    pub fn deserialize<'de, T: TlJson, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::deserialize_tl(deserializer)
    }
}

/// For `skip_serializing_if`: a `flags.N?true` field is omitted when not set.
pub fn is_false(value: &bool) -> bool {
    !*value
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

/// Adapts a `&T: TlJson` to `Serialize`, for sequence elements.
struct AsTl<'a, T>(&'a T);

impl<T: TlJson> Serialize for AsTl<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_tl(serializer)
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
            seq.serialize_element(&AsTl(element))?;
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

/// Reads a field-less constructor as its struct `T` and keeps nothing: what a generated
/// enum's unit variant (`InputPeer::Empty`) deserializes with, so that a key `T` does not
/// have is an error there too.
pub fn unit_of<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<(), D::Error> {
    T::deserialize(deserializer).map(|_| ())
}

/// What a generated struct's `Deserialize` reads through: the TL-JSON object of the
/// constructor or function `name`, with `"_"` checked against `name` (and optional: an
/// enum has already read it), and the keys in `derived` (`#` fields), which TL-JSON lets
/// input carry, skipped. Every other key goes to the derived
/// visitor, which is `deny_unknown_fields`: a key that is no parameter is an error, not
/// dropped without a word.
///
/// A derived length (`message`'s `bytes`) is not dropped either: [`ObjectOf::length`]
/// keeps the value given, for [`check_length`] to compare with the body once it is read.
pub struct ObjectOf<'a, D> {
    inner: D,
    keys: KeyRules<'a>,
}

/// How [`ObjectOf`] treats the keys that are no field of the derived visitor.
#[derive(Clone, Copy)]
struct KeyRules<'a> {
    name: &'static str,
    derived: &'static [&'static str],
    /// A derived length key, and where its value goes.
    length: Option<(&'static str, &'a core::cell::Cell<Option<i64>>)>,
}

impl<D> ObjectOf<'static, D> {
    /// Reads the object of `name` from `inner`, skipping the keys in `derived`.
    pub fn new(inner: D, name: &'static str, derived: &'static [&'static str]) -> Self {
        ObjectOf {
            inner,
            keys: KeyRules {
                name,
                derived,
                length: None,
            },
        }
    }
}

impl<D> ObjectOf<'_, D> {
    /// Keeps the value of the key `key` (a length that encoding derives) in `given`
    /// instead of skipping it: `null` or absent leaves `None`, and any other value than
    /// an integer is an error.
    pub fn length<'a>(
        self,
        key: &'static str,
        given: &'a core::cell::Cell<Option<i64>>,
    ) -> ObjectOf<'a, D> {
        ObjectOf {
            inner: self.inner,
            keys: KeyRules {
                length: Some((key, given)),
                ..self.keys
            },
        }
    }
}

/// Checks a length that encoding derives (`message`'s `bytes`), as [`ObjectOf::length`]
/// kept it, against the length of the field `body` it measures: a value that disagrees
/// is an error, as it is in the reflective encoder, not replaced without a word.
///
/// `object`, `key` and `body` name the constructor, the length and the field measured, for
/// the message.
pub fn check_length<E: de::Error>(
    given: Option<i64>,
    [object, key, body]: [&'static str; 3],
    actual: usize,
) -> Result<(), E> {
    match given {
        Some(given) if usize::try_from(given) != Ok(actual) => Err(E::custom(format_args!(
            "`{key}` of `{object}` is {given}, not the length of `{body}`, which encodes to {actual} bytes (the length is derived: leave it out)"
        ))),
        _ => Ok(()),
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOf<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(ObjectVisitor {
            visitor,
            keys: self.keys,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct ObjectVisitor<'a, V> {
    visitor: V,
    keys: KeyRules<'a>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object of `{}`", self.keys.name)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(ObjectKeys {
            map,
            keys: self.keys,
        })
    }
}

struct ObjectKeys<'a, A> {
    map: A,
    keys: KeyRules<'a>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for ObjectKeys<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            let key = key.as_str();
            if key == "_" {
                let found = self.map.next_value::<Key<'de>>()?;
                if found.as_str() != self.keys.name {
                    return Err(de::Error::custom(format_args!(
                        "\"_\" is `{}` where `{}` is expected",
                        found.as_str(),
                        self.keys.name
                    )));
                }
            } else if let Some((length_key, given)) =
                self.keys.length.filter(|(name, _)| *name == key)
            {
                if given.get().is_some() {
                    return Err(de::Error::duplicate_field(length_key));
                }
                given.set(self.map.next_value::<Option<i64>>()?);
            } else if self.keys.derived.contains(&key) {
                self.map.next_value::<de::IgnoredAny>()?;
            } else {
                return seed
                    .deserialize(de::value::StrDeserializer::<A::Error>::new(key))
                    .map(Some);
            }
        }
    }

    fn next_value_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A key or a `"_"` value, borrowed from the input where the format allows.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(text) => text,
            Key::Owned(text) => text,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.into()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

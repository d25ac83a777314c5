//! How generated types read and write their TL-JSON objects, without serde's derives.
//!
//! Reading goes through one concrete value type, [`Value`] (serde_json's): a generated
//! type's `Deserialize` reads the input into a `Value` ([`deserialize`], the only part
//! compiled for each serde `Deserializer` a program uses, and once for all types), and
//! the type's [`FromJson`] takes the fields out of it. `FromJson` is not generic, so the
//! code that reads each type is compiled once, in the bindings crate. Derived visitors were
//! compiled again for every deserializer (and for serde's buffer behind tagged enums), in
//! every program: most of the cost of compiling code that uses the bindings with serde.
//!
//! Writing stays a plain generic `Serialize` ([`ObjectWriter`]): a few lines per type.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Deserialize;
pub use serde_json::{Map, Value};

use super::TlJson;
use crate::primitives::True;

/// Why a TL-JSON value is not a value of the type read, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Keys and indexes from the value read down to the part that is wrong
    /// (`messages[0].body`); empty for the value itself.
    path: String,
    message: String,
}

impl JsonError {
    /// An error with this message, at the value itself.
    pub fn new(message: impl fmt::Display) -> Self {
        JsonError {
            path: String::new(),
            message: message.to_string(),
        }
    }

    /// The same error, seen from the object that holds it under `key`.
    pub fn at_key(mut self, key: &str) -> Self {
        self.path = match self.path.as_bytes().first() {
            None => key.to_owned(),
            Some(b'[') => format!("{key}{}", self.path),
            Some(_) => format!("{key}.{}", self.path),
        };
        self
    }

    /// The same error, seen from the array that holds it at `index`.
    pub fn at_index(mut self, index: usize) -> Self {
        self.path = match self.path.as_bytes().first() {
            None => format!("[{index}]"),
            Some(b'[') => format!("[{index}]{}", self.path),
            Some(_) => format!("[{index}].{}", self.path),
        };
        self
    }

    /// The keys and indexes down to the wrong part (`messages[0].body`), empty for the
    /// value itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for JsonError {}

impl From<serde_json::Error> for JsonError {
    fn from(error: serde_json::Error) -> Self {
        JsonError::new(error)
    }
}

/// A type read from a TL-JSON [`Value`]: every generated struct and enum, and the types
/// their fields hold.
pub trait FromJson: Sized {
    /// Reads the value, or says what is wrong with it and where.
    fn from_json(value: Value) -> Result<Self, JsonError>;
}

/// What a generated type's `Deserialize` calls: the input object as a [`Value`] (a key
/// given twice is an error, not dropped), then the type's [`FromJson`]. An error is
/// raised while the deserializer is still at the object, so that serde_json adds its
/// position.
pub fn deserialize<'de, T: FromJson, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectOf(core::marker::PhantomData))
}

/// Reads an object as [`StrictValue`] does, then as `T`.
struct ObjectOf<T>(core::marker::PhantomData<T>);

impl<'de, T: FromJson> Visitor<'de> for ObjectOf<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TL-JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let value = StrictValue.visit_map(map)?;
        T::from_json(value).map_err(de::Error::custom)
    }
}

/// Builds a [`Value`] and refuses a key given twice (serde_json's own `Value` keeps the
/// last one without a word).
struct StrictValue;

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TL-JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format_args!("{v} is not a JSON number")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        // Capacity from the input's own hint, bounded: a hostile hint cannot make this
        // allocate without bound.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(element) = seq.next_element_seed(StrictSeed)? {
            out.push(element);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let value = map.next_value_seed(StrictSeed)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

struct StrictSeed;

impl<'de> de::DeserializeSeed<'de> for StrictSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictValue)
    }
}

/// What a JSON value is, for messages ("a string", "an array").
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(v) => format!("boolean `{v}`"),
        Value::Number(v) => format!("number `{v}`"),
        Value::String(v) => format!("string {v:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Reads the types that serde already reads as TL-JSON does (numbers, strings, booleans).
macro_rules! from_json_by_serde {
    ($($ty:ty),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: Value) -> Result<Self, JsonError> {
                <$ty>::deserialize(value).map_err(JsonError::from)
            }
        }
    )*};
}

from_json_by_serde!(i32, i64, u32, f64, bool, String, True, crate::Object);

/// Reads the types whose TL-JSON form is their own ([`TlJson`]): base64 `bytes`, hex
/// `int128`/`int256`/`int512`.
macro_rules! from_json_by_tl {
    ($($ty:ty),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: Value) -> Result<Self, JsonError> {
                <$ty as TlJson>::deserialize_tl(value).map_err(JsonError::from)
            }
        }
    )*};
}

from_json_by_tl!(Vec<u8>, [u8; 16], [u8; 32], [u8; 64]);

#[cfg(feature = "shared")]
from_json_by_tl!(bytes::Bytes);

#[cfg(feature = "shared")]
impl FromJson for bytestring::ByteString {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        String::from_json(value).map(Self::from)
    }
}

/// A TL vector: a JSON array; an error names the element's index.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let Value::Array(elements) = value else {
            return Err(JsonError::new(format_args!(
                "invalid type: {}, expected an array",
                kind(&value)
            )));
        };
        elements
            .into_iter()
            .enumerate()
            .map(|(index, element)| T::from_json(element).map_err(|e| e.at_index(index)))
            .collect()
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        T::from_json(value).map(Box::new)
    }
}

/// The fields of one constructor's or function's TL-JSON object, as its generated
/// [`FromJson`] takes them out: `"_"` checked, every key known.
pub struct Fields {
    map: Map<String, Value>,
}

impl Fields {
    /// The object of `name` (`"_"` may be left out: the type says the constructor),
    /// whose keys are all among `fields` (its parameters) and `derived` (the keys that
    /// encoding derives, such as `#` fields, which TL-JSON lets input carry).
    pub fn new(
        value: Value,
        name: &'static str,
        fields: &'static [&'static str],
        derived: &'static [&'static str],
    ) -> Result<Self, JsonError> {
        let Value::Object(mut map) = value else {
            return Err(JsonError::new(format_args!(
                "invalid type: {}, expected a JSON object of `{name}`",
                kind(&value)
            )));
        };
        match map.remove("_") {
            None => {}
            Some(Value::String(found)) if found == name => {}
            Some(Value::String(found)) => {
                return Err(JsonError::new(format_args!(
                    "\"_\" is `{found}` where `{name}` is expected"
                )))
            }
            Some(other) => {
                return Err(JsonError::new(format_args!(
                    "\"_\" is {} where the string `{name}` is expected",
                    kind(&other)
                )))
            }
        }
        let known = |key: &str| fields.contains(&key) || derived.contains(&key);
        if let Some(key) = map.keys().find(|key| !known(key)) {
            return Err(unknown_field(key, fields));
        }
        Ok(Fields { map })
    }

    /// A parameter that is always there.
    pub fn required<T: FromJson>(&mut self, key: &'static str) -> Result<T, JsonError> {
        match self.map.remove(key) {
            Some(value) => T::from_json(value).map_err(|e| e.at_key(key)),
            None => Err(JsonError::new(format_args!("missing field `{key}`"))),
        }
    }

    /// A `flags.N?T` parameter: absent or `null` when not set.
    pub fn optional<T: FromJson>(&mut self, key: &'static str) -> Result<Option<T>, JsonError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::from_json(value).map(Some).map_err(|e| e.at_key(key)),
        }
    }

    /// A `flags.N?true` parameter: `true` when set; absent, `null` or `false` when not.
    pub fn flag(&mut self, key: &'static str) -> Result<bool, JsonError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(false),
            Some(value) => bool::from_json(value).map_err(|e| e.at_key(key)),
        }
    }

    /// A `#` field (TL-JSON revision 2): `users` are the fields that use its bits, with
    /// their bit, and `derived` the bits their presence gives. Absent or `null` is 0;
    /// given, its bits that fields use must agree with `derived`. Returns the bits that
    /// no field uses: the whole number when none does (TON's `count:#`).
    pub fn word(
        &mut self,
        key: &'static str,
        users: &[(&'static str, u32)],
        derived: u32,
    ) -> Result<u32, JsonError> {
        let given = match self.map.remove(key) {
            None | Some(Value::Null) => return Ok(0),
            Some(value) => u32::from_json(value).map_err(|e| e.at_key(key))?,
        };
        let used = users.iter().fold(0, |mask, (_, bit)| mask | 1 << bit);
        let disagree = (given ^ derived) & used;
        if disagree == 0 {
            return Ok(given & !used);
        }
        let bit = disagree.trailing_zeros();
        let set = given & (1 << bit) != 0;
        let fields: Vec<String> = users
            .iter()
            .filter(|(_, b)| *b == bit)
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        let verb = match (set, fields.len()) {
            (true, 1) => "is absent",
            (true, _) => "are absent",
            (false, 1) => "is present",
            (false, _) => "are present",
        };
        Err(JsonError::new(format_args!(
            "`{key}` is {given}, whose bit {bit} is {}, but {} {verb} (the bits that fields use are derived: leave them out of `{key}` or make them agree)",
            if set { "set" } else { "clear" },
            fields.join(", "),
        ))
        .at_key(key))
    }

    /// A length that encoding derives (`message`'s `bytes`), as given: `None` when absent
    /// or `null`, for [`check_length`] to compare with the body once it is read.
    pub fn length(&mut self, key: &'static str) -> Result<Option<i64>, JsonError> {
        self.optional(key)
    }
}

/// serde's words for a key that is no field: "expected `a` or `b`".
fn unknown_field(key: &str, fields: &[&str]) -> JsonError {
    let expected = match fields {
        [] => "there are no fields".to_owned(),
        [one] => format!("expected `{one}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        many => {
            let listed: Vec<String> = many.iter().map(|f| format!("`{f}`")).collect();
            format!("expected one of {}", listed.join(", "))
        }
    };
    JsonError::new(format_args!("unknown field `{key}`, {expected}"))
}

/// Checks a length that encoding derives (`message`'s `bytes`), as [`Fields::length`]
/// kept it, against the length of the field `body` it measures: a value that disagrees
/// is an error, as it is in the reflective encoder, not replaced without a word.
///
/// `object`, `key` and `body` name the constructor, the length and the field measured, for
/// the message.
pub fn check_length(
    given: Option<i64>,
    [object, key, body]: [&'static str; 3],
    actual: usize,
) -> Result<(), JsonError> {
    match given {
        Some(given) if usize::try_from(given) != Ok(actual) => Err(JsonError::new(format_args!(
            "`{key}` of `{object}` is {given}, not the length of `{body}`, which encodes to {actual} bytes (the length is derived: leave it out)"
        ))),
        _ => Ok(()),
    }
}

/// Which of an enum's constructors (`names`, their TL names) a TL-JSON object is, by its
/// `"_"`; the value is handed back for that constructor's [`FromJson`].
pub fn variant(value: Value, names: &'static [&'static str]) -> Result<(usize, Value), JsonError> {
    let found = match &value {
        Value::Object(map) => match map.get("_") {
            Some(Value::String(name)) => names.iter().position(|n| n == name).ok_or_else(|| {
                let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                JsonError::new(format_args!(
                    "unknown variant `{name}`, expected one of {}",
                    listed.join(", ")
                ))
            }),
            Some(other) => Err(JsonError::new(format_args!(
                "\"_\" is {}, not the name of a constructor",
                kind(other)
            ))),
            None => Err(JsonError::new("missing field `_`")),
        },
        other => Err(JsonError::new(format_args!(
            "invalid type: {}, expected a JSON object with \"_\"",
            kind(other)
        ))),
    };
    found.map(|index| (index, value))
}

/// Writes a constructor's or function's TL-JSON object: `"_"` first, then the
/// parameters that are there.
pub struct ObjectWriter<M> {
    map: M,
}

impl<M: SerializeMap> ObjectWriter<M> {
    /// Starts the object of `name`.
    pub fn new<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
        name: &'static str,
    ) -> Result<Self, M::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("_", name)?;
        Ok(ObjectWriter { map })
    }

    /// A parameter.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map.serialize_entry(key, value)
    }

    /// A `flags.N?T` parameter: left out when not set.
    pub fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.map.serialize_entry(key, &value),
            None => Ok(()),
        }
    }

    /// A `#` field (TL-JSON revision 2): written only when it holds bits that no field
    /// uses (`stored`, outside `used`), and then whole, with the `derived` bits of the
    /// fields that use the others.
    pub fn word(
        &mut self,
        key: &'static str,
        stored: u32,
        used: u32,
        derived: u32,
    ) -> Result<(), M::Error> {
        let other = stored & !used;
        if other != 0 {
            self.map.serialize_entry(key, &(other | derived))?;
        }
        Ok(())
    }

    /// A `flags.N?true` parameter: `true` when set, left out when not.
    pub fn flag(&mut self, key: &'static str, set: bool) -> Result<(), M::Error> {
        if set {
            self.map.serialize_entry(key, &true)?;
        }
        Ok(())
    }

    /// Ends the object.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// A value written in its TL-JSON form ([`TlJson`]: base64 `bytes`, hex `int128`), at any
/// depth of `Option` and `Vec`.
pub struct Tl<'a, T>(pub &'a T);

impl<T: TlJson> Serialize for Tl<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_tl(serializer)
    }
}

//! Reading TL-JSON text: `serde_json`'s reader, except that a key given twice in one
//! object is an error. `serde_json::Value` keeps the last of them, and the first would be
//! lost without a word.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses one JSON document (TL-JSON input for [`Registry::encode`](crate::Registry::encode)),
/// rejecting an object that names a key twice. Otherwise as `serde_json::from_slice`:
/// the same nesting limit (128), numbers and errors (which give the line and column).
///
/// ```
/// let error = tl_reflect::parse_json(br#"{"_":"inputPeerUser","user_id":1,"user_id":2}"#);
/// assert_eq!(
///     error.unwrap_err().to_string(),
///     "key `user_id` given twice in one object at line 1 column 42"
/// );
/// ```
pub fn parse_json(text: &[u8]) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = UniqueKeys.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Builds a `Value` as serde_json's own visitor does, checking each object's keys.
struct UniqueKeys;

impl<'de> DeserializeSeed<'de> for UniqueKeys {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // JSON text cannot spell a non-finite number, so this is always `Some`.
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(UniqueKeys)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "key `{key}` given twice in one object"
                )));
            }
            let value = map.next_value_seed(UniqueKeys)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_json;
    use serde_json::json;

    #[test]
    fn reads_what_serde_json_reads() {
        let text = br#"{"_":"a","b":[1,-2,3.5,18446744073709551615,"x",null,true,{"c":{}}],"d":-9223372036854775808}"#;
        let ours = parse_json(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_slice(text).unwrap();
        assert_eq!(ours, theirs);
        // Key order is kept (`preserve_order`), as serde_json keeps it.
        assert_eq!(
            ours.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["_", "b", "d"]
        );
        assert_eq!(parse_json(b" 1 ").unwrap(), json!(1));
    }

    #[test]
    fn rejects_repeated_keys_at_any_depth() {
        for text in [
            r#"{"a":1,"a":1}"#,
            r#"{"a":{"b":1,"c":2,"b":3}}"#,
            r#"[{"x":[{"_":"y","_":"y"}]}]"#,
        ] {
            let error = parse_json(text.as_bytes()).unwrap_err().to_string();
            assert!(
                error.contains("given twice in one object"),
                "{text}: {error}"
            );
        }
        // The same key in two objects is fine.
        assert!(parse_json(br#"[{"a":1},{"a":2}]"#).is_ok());
    }

    #[test]
    fn malformed_text_is_serde_jsons_error() {
        assert!(parse_json(b"{\"a\":1} 2").is_err());
        assert!(parse_json(b"{\"a\":").is_err());
        assert!(parse_json(b"").is_err());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse_json(deep.as_bytes())
            .unwrap_err()
            .to_string()
            .contains("recursion limit"));
    }
}

//! TL-JSON forms of the scalar types, both ways: integers with range checks, doubles
//! (non-finite ones as strings), `int128`/`int256` as hex, `bytes` as base64.

use base64::Engine as _;
use serde_json::{Number, Value};

use crate::error::{EncodeError, EncodeErrorKind};

/// JSON has no NaN or infinities: these strings stand for them (as in protobuf's JSON).
const NAN: &str = "NaN";
const INFINITY: &str = "Infinity";
const NEG_INFINITY: &str = "-Infinity";

/// An integer in `min..=max`, for TL type `ty`.
pub(crate) fn integer(
    value: &Value,
    ty: &'static str,
    min: i64,
    max: i64,
) -> Result<i64, EncodeError> {
    let Value::Number(number) = value else {
        return Err(wrong_type(&format!("{ty} (a JSON integer)"), value));
    };
    let n = match (number.as_i64(), number.as_u64()) {
        (Some(n), _) => n,
        (None, Some(_)) => return Err(out_of_range(number, ty)),
        // A float: out of range if no 64-bit integer could hold it (1e30, or an integer
        // literal past i64 or u64, which the JSON parser reads as a float), else not an
        // integer (1.5, but also 1.0 and 1e3: integers are written as integers).
        (None, None) => {
            if number
                .as_f64()
                .is_some_and(|x| x.fract() == 0.0 && x.abs() >= 9.2e18)
            {
                return Err(out_of_range(number, ty));
            }
            return Err(wrong_type(&format!("{ty} (a JSON integer)"), value));
        }
    };
    if n < min || n > max {
        return Err(out_of_range(number, ty));
    }
    Ok(n)
}

fn out_of_range(number: &Number, ty: &'static str) -> EncodeError {
    EncodeError::new(EncodeErrorKind::OutOfRange {
        value: number.to_string(),
        ty,
    })
}

/// A `double`: any JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub(crate) fn double(value: &Value) -> Result<f64, EncodeError> {
    match value {
        Value::Number(number) => number
            .as_f64()
            .ok_or_else(|| wrong_type("double (a JSON number)", value)),
        Value::String(text) if text == NAN => Ok(f64::NAN),
        Value::String(text) if text == INFINITY => Ok(f64::INFINITY),
        Value::String(text) if text == NEG_INFINITY => Ok(f64::NEG_INFINITY),
        other => Err(wrong_type(
            "double (a JSON number, or \"NaN\", \"Infinity\", \"-Infinity\")",
            other,
        )),
    }
}

/// The TL-JSON of a decoded `double`.
pub(crate) fn double_to_json(x: f64) -> Value {
    match Number::from_f64(x) {
        Some(number) => Value::Number(number),
        None if x.is_nan() => Value::String(NAN.to_owned()),
        None if x > 0.0 => Value::String(INFINITY.to_owned()),
        None => Value::String(NEG_INFINITY.to_owned()),
    }
}

/// `int128`/`int256`: a string of exactly `2 * N` hex digits (either case on input).
pub(crate) fn hex<const N: usize>(value: &Value, ty: &'static str) -> Result<[u8; N], EncodeError> {
    let Value::String(text) = value else {
        return Err(wrong_type(
            &format!("{ty} (a string of {} hex digits)", 2 * N),
            value,
        ));
    };
    let invalid = || EncodeError::new(EncodeErrorKind::InvalidHex { ty, digits: 2 * N });
    let digits = text.as_bytes();
    if digits.len() != 2 * N {
        return Err(invalid());
    }
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let high = (pair[0] as char).to_digit(16).ok_or_else(invalid)?;
        let low = (pair[1] as char).to_digit(16).ok_or_else(invalid)?;
        *byte = (high << 4 | low) as u8;
    }
    Ok(out)
}

/// The TL-JSON of decoded `int128`/`int256` bytes: lowercase hex.
pub(crate) fn hex_to_json(bytes: &[u8]) -> Value {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    Value::String(out)
}

/// `bytes`: standard base64 with padding.
pub(crate) fn base64(value: &Value, expected: &str) -> Result<Vec<u8>, EncodeError> {
    let Value::String(text) = value else {
        return Err(wrong_type(expected, value));
    };
    tl_runtime::json::decode_base64(text).map_err(|e| {
        EncodeError::new(EncodeErrorKind::InvalidBase64 {
            reason: e.to_string(),
        })
    })
}

/// The TL-JSON of decoded `bytes`.
pub(crate) fn base64_to_json(bytes: &[u8]) -> Value {
    Value::String(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// The error for a JSON value of the wrong kind.
pub(crate) fn wrong_type(expected: &str, found: &Value) -> EncodeError {
    EncodeError::new(EncodeErrorKind::WrongType {
        expected: expected.to_owned(),
        found: describe_json(found),
    })
}

/// `string "abc"`, `number 1.5`, `an array of 3`, `an object` (long text is cut).
fn describe_json(value: &Value) -> String {
    const LIMIT: usize = 40;
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(LIMIT).collect();
            let more = if shown.len() < s.len() { "..." } else { "" };
            format!("string {:?}{more}", shown)
        }
        Value::Array(items) => format!("an array of {} element(s)", items.len()),
        Value::Object(object) => match object.get("_").and_then(Value::as_str) {
            Some(name) => format!("an object of `{name}`"),
            None => "an object without \"_\"".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_are_range_checked() {
        assert_eq!(integer(&json!(-5), "int", -10, 10).unwrap(), -5);
        let e = integer(
            &json!(2147483648u64),
            "int",
            i32::MIN.into(),
            i32::MAX.into(),
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "2147483648 is out of range for int"
        );
        let e = integer(&json!(18446744073709551615u64), "long", i64::MIN, i64::MAX);
        assert_eq!(
            e.unwrap_err().to_string(),
            "18446744073709551615 is out of range for long"
        );
        let e = integer(&json!(1.5), "long", i64::MIN, i64::MAX);
        assert_eq!(
            e.unwrap_err().to_string(),
            "expected long (a JSON integer), found number 1.5"
        );
        // Whole numbers written as floats are not integers; past 64 bits they are out of
        // range (the JSON parser reads such an integer literal as a float).
        for (float, message) in [
            ("1.0", "expected long (a JSON integer), found number 1.0"),
            ("1e3", "expected long (a JSON integer), found number 1000.0"),
            ("-0", "expected long (a JSON integer), found number -0.0"),
            (
                "-9223372036854775809",
                "-9.223372036854776e+18 is out of range for long",
            ),
        ] {
            let value: Value = serde_json::from_str(float).unwrap();
            let e = integer(&value, "long", i64::MIN, i64::MAX);
            assert_eq!(e.unwrap_err().to_string(), message, "{float}");
        }
        let e = integer(&json!("12"), "long", i64::MIN, i64::MAX);
        assert_eq!(
            e.unwrap_err().to_string(),
            "expected long (a JSON integer), found string \"12\""
        );
    }

    #[test]
    fn non_finite_doubles_round_trip_as_strings() {
        for x in [f64::INFINITY, f64::NEG_INFINITY, 1.5, -0.0] {
            assert_eq!(double(&double_to_json(x)).unwrap().to_bits(), x.to_bits());
        }
        assert!(double(&double_to_json(f64::NAN)).unwrap().is_nan());
    }

    #[test]
    fn hex_takes_exact_lengths() {
        let bytes: [u8; 16] = hex(&json!("000102030405060708090a0b0c0d0E0F"), "int128").unwrap();
        assert_eq!(bytes[15], 15);
        assert_eq!(
            hex_to_json(&bytes),
            json!("000102030405060708090a0b0c0d0e0f")
        );
        assert!(hex::<16>(&json!("00"), "int128").is_err());
        assert!(hex::<16>(&json!("zz0102030405060708090a0b0c0d0e0f"), "int128").is_err());
    }

    #[test]
    fn base64_is_standard_with_padding() {
        assert_eq!(base64(&json!("AQI="), "bytes").unwrap(), vec![1, 2]);
        assert!(base64(&json!("AQI"), "bytes").is_err());
        assert_eq!(base64_to_json(&[1, 2]), json!("AQI="));
    }
}

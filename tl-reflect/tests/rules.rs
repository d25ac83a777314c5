//! The rules decided once in tl-schema, seen from the reflective codec, with the bytes the
//! generated code writes for them (`tests/fixtures/schemas/rules.tl` checks every
//! constructor of them against generated bindings).

use serde_json::json;
use tl_reflect::Registry;

const PRELUDE: &str = "int ? = Int;\ntrue = True;\nboolTrue = Bool;\nboolFalse = Bool;\n\
vector {t:Type} # [ t ] = Vector t;\nobject ? = Object;\n";

fn registry(definitions: &str) -> Registry {
    let text = format!("{PRELUDE}{definitions}");
    Registry::from_sources(&[("t.tl", &text)], &Default::default()).unwrap()
}

/// The example: `%True` is bare, no bytes; the generated `Foo` writes the same 8.
#[test]
fn percent_true_takes_no_bytes() {
    let r = registry("foo a:int b:%True = Foo;\n");
    let value = json!({"_": "foo", "a": 1, "b": true});
    let bytes = r.encode_boxed(&value).unwrap();
    assert_eq!(hex::encode(&bytes), "a417926d01000000");
    assert_eq!(r.decode_boxed(&bytes).unwrap(), value);
}

#[test]
fn a_vector_of_object_is_refused() {
    let r = registry("bar v:Vector<Object> = Bar;\n");
    let error = r
        .encode_boxed(&json!({"_": "bar", "v": []}))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`Vector` of `Object` is not supported: an element of unknown type has no type to decode into"),
        "{error}"
    );
}

/// An `Object` followed by other fields has no length: it is one boxed value, read by ID.
#[test]
fn an_object_in_the_middle_is_read_by_its_id() {
    let r = registry("point x:int = Point;\nmiddle a:Object b:int = Middle;\n");
    let value = json!({"_": "middle", "a": {"_": "point", "x": 7}, "b": 9});
    let bytes = r.encode_boxed(&value).unwrap();
    assert_eq!(r.decode_boxed(&bytes).unwrap(), value);
}

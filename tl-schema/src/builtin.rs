//! The one table of builtin types: TL names the schema model resolves to a primitive
//! instead of to a definition of the schema.
//!
//! Every consumer (the generator, the reflective codec, the docs, the diff) reads the
//! meaning of `int`, `long`, `Bool`, ... from here; a new builtin is one row.

use crate::ty::Ty;

/// One builtin: the TL type names that mean it, and what it is on the wire.
struct Row {
    names: &'static [&'static str],
    ty: fn() -> Ty,
    /// Whether the names are result types of constructors the runtime provides
    /// (`boolTrue = Bool;`, `true = True;`), as opposed to types a schema may define.
    provides_constructors: bool,
}

const TABLE: &[Row] = &[
    Row {
        names: &["int", "Int", "int32", "Int32"],
        ty: || Ty::Int,
        provides_constructors: true,
    },
    // TDLib's `int53` is a `long` on the wire (the 53 bits are a promise to JSON users).
    Row {
        names: &["long", "Long", "int64", "Int64", "int53", "Int53"],
        ty: || Ty::Long,
        provides_constructors: true,
    },
    Row {
        names: &["double", "Double"],
        ty: || Ty::Double,
        provides_constructors: true,
    },
    Row {
        names: &["#", "nat"],
        ty: || Ty::Nat,
        provides_constructors: false,
    },
    Row {
        names: &["int128", "Int128"],
        ty: || Ty::Int128,
        provides_constructors: true,
    },
    Row {
        names: &["int256", "Int256"],
        ty: || Ty::Int256,
        provides_constructors: true,
    },
    // TDLib's `e2e_api.tl`: `int512 16*[ int ] = Int512;`.
    Row {
        names: &["int512", "Int512"],
        ty: || Ty::Int512,
        provides_constructors: true,
    },
    // TDLib's and tonlib's `secureString = SecureString;` and `secureBytes = SecureBytes;`
    // are `string` and `bytes` on the wire (TDLib keeps them in wiped memory).
    Row {
        names: &["string", "String", "secureString", "SecureString"],
        ty: || Ty::String,
        provides_constructors: true,
    },
    Row {
        names: &["bytes", "Bytes", "secureBytes", "SecureBytes"],
        ty: || Ty::Bytes,
        provides_constructors: true,
    },
    Row {
        names: &["Bool"],
        ty: || Ty::Bool,
        provides_constructors: true,
    },
    Row {
        names: &["True"],
        ty: || Ty::True { boxed: true },
        provides_constructors: true,
    },
    Row {
        names: &["true"],
        ty: || Ty::True { boxed: false },
        provides_constructors: false,
    },
    Row {
        names: &["Object"],
        ty: || Ty::Object,
        provides_constructors: false,
    },
];

fn row(name: &str) -> Option<&'static Row> {
    TABLE.iter().find(|row| row.names.contains(&name))
}

/// The builtin a TL type name means, if it is one (`Vector` is not: it takes an argument).
pub fn builtin_type(name: &str) -> Option<Ty> {
    row(name).map(|row| (row.ty)())
}

/// Whether constructors of this result type are provided by the runtime rather than by
/// the schema: `boolTrue = Bool;`, `true = True;`, `vector ... = Vector t;`. The model
/// keeps them (their IDs and names can be looked up) and marks them
/// [`provided`](crate::Combinator::provided); a generator does not emit them.
pub fn provides_constructors(result: &str) -> bool {
    result == "Vector" || row(result).is_some_and(|row| row.provides_constructors)
}

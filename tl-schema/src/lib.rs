//! The resolved meaning of a set of TL schema files, written once for every consumer.
//!
//! `tl-parser` turns text into definitions; this crate says what they mean: every
//! constructor and function with its ID, its file and namespace, and each parameter
//! resolved once (a builtin, a boxed type, a bare constructor, a type variable, a vector,
//! a flag with its holder word and bit, `Object`), with the fewest bytes each bare body
//! takes. The generator (`tl-codegen`), the reflective codec (`tl-reflect`), the
//! documentation and `tl diff` all read it, so two codecs of one schema cannot disagree.
//! It knows nothing of Rust: names, boxing and derives are the generator's decisions.
//!
//! ```
//! let parsed = tl_parser::parse("t.tl", "foo#1 flags:# a:flags.0?int b:%True = Foo;", &Default::default()).schema;
//! let schema = tl_schema::Schema::new(&[&parsed]);
//! let foo = &schema.combinators[schema.with_name("foo")[0]];
//! assert_eq!(foo.params.len(), 3);
//! assert_eq!(foo.min_len, 4); // the flags word; `a` is optional and `%True` takes no bytes
//! ```
//!
//! # The rules, decided here
//! Each has a test of its own name in this crate's `tests` module.
//! - **Builtins** come from one table ([`builtin`]): `int`/`int32`, `long`/`int53`/`int64`,
//!   `double`, `#`, `int128`, `int256`, `int512`, `string`/`secureString`,
//!   `bytes`/`secureBytes`, `Bool`, `True`, `true`, `Object`. Constructors of their types
//!   (`boolTrue = Bool;`) are kept for lookups but [`provided`](Combinator::provided).
//! - **`%True` and a plain `true` are bare**: no bytes (`rule_percent_true_is_bare`). Only
//!   `True` writes the ID of `true`. `flags.N?true` is the bit itself.
//! - **`%T`** is the single constructor of `T`; `%t` names constructor `t` itself; `%Bool`
//!   and `%Object` are errors (`rule_percent`).
//! - **`Vector<Object>`** (and of `object`/`function`) is not supported by any codec: an
//!   element of unknown type has nothing to decode into (`rule_vector_of_object`).
//! - **`object`, `function`, `Function`** (TON, TDLib: `object ? = Object;`) are a boxed
//!   value of any constructor or function, unless the schema defines those names.
//! - **`Object` is the rest of the input** only as the last parameter (`rpc_result`) or
//!   right after its length; optional or followed by other fields it is read by its ID,
//!   like `object` (`rule_object_position`).
//! - **MTProto's `bytes:int` before an unconditional `Object`** is that object's length,
//!   derived (`rule_object_length`).
//! - **A type name means the union of its constructors over every file**, except where
//!   two files define constructors of the type with the same name (`api.tl`'s and
//!   `mtproto.tl`'s `message`): then a file sees its own constructors of the type when it
//!   has any (`rule_type_scope`). A constructor name means the file's own first.
//! - **A flag's holder** must be an earlier `#` parameter, and its bit below 32.
//! - **Minimum lengths** are lower bounds: optional fields and `Object` count 0, a bare
//!   cycle counts 0 (`rule_min_len`).
//!
//! Whatever cannot be resolved is a [`Combinator::problems`] line, not a panic: a
//! generator reports it as an error, a reflective codec when a value of it is met.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod builtin;
mod lengths;
mod lookup;
mod resolve;
mod schema;
#[cfg(test)]
mod tests;
mod ty;

pub use schema::{AbstractType, Combinator, Flag, Param, ParamKind, Schema};
pub use ty::{CombinatorId, Ty, TypeId};

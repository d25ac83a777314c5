//! The TL wire format: the traits generated code implements, the primitives it is built
//! from, and a hostile-input-safe reader.
//!
//! This crate knows nothing about schemas. Generated code (from `tl-codegen`) implements
//! these traits for every constructor, abstract type and function of a schema.
//!
//! # Bare and boxed
//! A *boxed* value starts with its 4-byte constructor ID; a *bare* value does not.
//! The two forms are separate traits so a call site always says which one it means:
//! abstract types (generated enums) only implement the boxed traits, and constructors
//! (generated structs) implement both, as `encode_bare`/`encode_boxed`.
#![cfg_attr(not(feature = "std"), no_std)]
// No `unsafe`, except one audited call in the `shared` feature (zero-copy strings,
// `primitives.rs`), which is why this is `deny` and not `forbid`.
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

#[cfg(feature = "arbitrary")]
pub mod arbitrary;
mod error;
pub mod function_info;
#[cfg(feature = "gzip")]
pub mod gzip;
#[cfg(feature = "serde")]
pub mod json;
mod limits;
mod object;
pub mod primitives;
mod reader;
pub mod rpc_error;
#[cfg(feature = "shared")]
pub mod shared;
pub mod vector;

pub use error::{DecodeError, DecodeErrorKind, EncodeError, SharedFlag};
pub use limits::MAX_EMPTY_ELEMENTS;
pub use object::Object;
pub use reader::{Reader, DEFAULT_MAX_DEPTH, DEFAULT_MAX_STACK};

use alloc::vec::Vec;

/// The constructor ID of a constructor or function (what its boxed form starts with).
pub trait Identifiable {
    /// The 32-bit ID, written little-endian before a boxed value.
    const CONSTRUCTOR_ID: u32;
}

/// Encoding without a constructor ID: primitives and constructors (generated structs).
pub trait BareEncode {
    /// The exact number of bytes [`encode_bare`](Self::encode_bare) writes.
    fn bare_len(&self) -> usize;

    /// Appends the bare form to `out`.
    ///
    /// Fails, leaving `out` with a partial value appended, when the value cannot be
    /// represented on the wire (a `string` over 2^24-1 bytes, fields sharing a flag bit
    /// set inconsistently).
    fn encode_bare(&self, out: &mut Vec<u8>) -> Result<(), EncodeError>;

    /// Appends `prefix`, then the bare form: how a [`Constructor`]'s boxed form is written
    /// (`prefix` is its ID). Generated constructors made only of fixed-size values
    /// override it to write both with one append, which is measurably faster for small
    /// values (peers, message entities) than two.
    #[inline]
    fn encode_bare_after(&self, prefix: [u8; 4], out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&prefix);
        self.encode_bare(out)
    }

    /// The bare form in a fresh `Vec`, allocated once with the exact length.
    fn to_bare_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(self.bare_len());
        self.encode_bare(&mut out)?;
        Ok(out)
    }
}

/// Encoding with the constructor ID first: abstract types (generated enums), constructors,
/// functions, `Bool` and `Vector<T>`.
pub trait BoxedEncode {
    /// The exact number of bytes [`encode_boxed`](Self::encode_boxed) writes.
    fn boxed_len(&self) -> usize;

    /// Appends the boxed form (ID, then body) to `out`. Fails like [`BareEncode::encode_bare`].
    fn encode_boxed(&self, out: &mut Vec<u8>) -> Result<(), EncodeError>;

    /// The boxed form in a fresh `Vec`, allocated once with the exact length.
    fn to_boxed_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(self.boxed_len());
        self.encode_boxed(&mut out)?;
        Ok(out)
    }
}

/// `decode` of everything `reader` holds: trailing bytes are an error.
fn whole<'a, T>(
    mut reader: Reader<'a>,
    decode: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let value = decode(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Decoding of the bare form.
pub trait BareDecode: Sized {
    /// Reads one bare value at the reader's position.
    fn decode_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Decodes `bytes` as exactly one bare value (trailing bytes are an error), with the
    /// default depth limit.
    fn from_bare_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        whole(Reader::new(bytes), Self::decode_bare)
    }

    /// [`from_bare_bytes`](Self::from_bare_bytes) of a shared buffer: the
    /// [`shared`](mod@crate::shared) values inside share `bytes` instead of copying it.
    #[cfg(feature = "shared")]
    fn from_bare_shared(bytes: &shared::Bytes) -> Result<Self, DecodeError> {
        whole(Reader::shared(bytes), Self::decode_bare)
    }
}

/// Decoding of the boxed form: reads the constructor ID and dispatches on it.
pub trait BoxedDecode: Sized {
    /// Reads one boxed value at the reader's position.
    fn decode_boxed(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Decodes `bytes` as exactly one boxed value (trailing bytes are an error), with the
    /// default depth limit.
    fn from_boxed_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        whole(Reader::new(bytes), Self::decode_boxed)
    }

    /// [`from_boxed_bytes`](Self::from_boxed_bytes) of a shared buffer: the
    /// [`shared`](mod@crate::shared) values inside share `bytes` instead of copying it.
    #[cfg(feature = "shared")]
    fn from_boxed_shared(bytes: &shared::Bytes) -> Result<Self, DecodeError> {
        whole(Reader::shared(bytes), Self::decode_boxed)
    }
}

/// A constructor or function of a schema, as a generated struct: its boxed form is its ID
/// followed by its bare form, and inside a vector it is written bare.
///
/// Implementing it (with [`BareEncode`] and [`BareDecode`]) gives [`BoxedEncode`],
/// [`BoxedDecode`] and [`VectorElement`] through the blanket impls below, written once
/// here instead of once per constructor in the generated code: for the whole Telegram API
/// that is about 7,000 impls fewer for the compiler to check.
pub trait Constructor: Identifiable {
    /// The full TL name (`messages.exportChatInvite`), for errors.
    const TL_NAME: &'static str;
    /// The fewest bytes the bare form can take: vector counts that the remaining input
    /// cannot hold are rejected with it before anything is allocated.
    const MIN_BARE_LEN: usize;
}

impl<T: Constructor + BareEncode> BoxedEncode for T {
    #[inline]
    fn boxed_len(&self) -> usize {
        4 + self.bare_len()
    }

    #[inline]
    fn encode_boxed(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.encode_bare_after(T::CONSTRUCTOR_ID.to_le_bytes(), out)
    }
}

impl<T: Constructor + BareDecode> BoxedDecode for T {
    fn decode_boxed(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.expect_id(T::CONSTRUCTOR_ID, T::TL_NAME)?;
        reader.enter()?;
        let value = T::decode_bare(reader)?;
        reader.leave();
        Ok(value)
    }
}

impl<T: Constructor + BareEncode + BareDecode> VectorElement for T {
    const MIN_ELEMENT_LEN: usize = T::MIN_BARE_LEN;

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
        T::decode_bare(reader)
    }
}

/// A function of the schema: encodes as a boxed call, answered by a boxed `Answer`.
pub trait RemoteCall: BoxedEncode {
    /// The type the server answers this call with.
    type Answer: BoxedDecode;
}

/// How a type is written as an element of a `Vector<T>` / `vector<T>`.
///
/// TL writes primitives and constructors (bare types) bare inside vectors and abstract
/// types boxed: constructors (generated structs) get it from [`Constructor`], generated
/// enums implement it themselves.
pub trait VectorElement: Sized {
    /// The exact encoded length of this element.
    fn element_len(&self) -> usize;
    /// Appends this element.
    fn encode_element(&self, out: &mut Vec<u8>) -> Result<(), EncodeError>;
    /// Reads one element.
    fn decode_element(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;
    /// The fewest bytes one element can take on the wire; used to reject vector counts
    /// that the remaining input cannot hold before anything is allocated.
    const MIN_ELEMENT_LEN: usize;
}

/// The error of converting an abstract type's enum into one of its constructors' structs
/// when it holds another constructor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongConstructor {
    /// The TL name of the constructor that was wanted.
    pub expected: &'static str,
    /// The constructor ID the value holds.
    pub found: u32,
}

impl core::fmt::Display for WrongConstructor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "expected {}, found constructor {:#010x}",
            self.expected, self.found
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for WrongConstructor {}

/// What generated modules import: the allocation types (so bindings build in `no_std`
/// crates too) and the traits whose methods they call.
pub mod prelude {
    pub use crate::{
        BareDecode, BareEncode, BoxedDecode, BoxedEncode, Constructor, Identifiable, RemoteCall,
        VectorElement,
    };
    pub use alloc::{boxed::Box, string::String, vec::Vec};
}

//! Arbitrary valid values of generated types, for property tests and structure-aware
//! fuzzing (feature `arbitrary`; the generator emits the impls with `Config::arbitrary`).
//!
//! Values are drawn from an [`Unstructured`] (the `arbitrary` crate's view of raw bytes:
//! a fuzzer's input, or the output of a seeded random generator), so a run is reproduced
//! exactly from its bytes. What comes out is always encodable and decodes back to itself:
//!
//! - conditional fields that share a flag bit are all present or all absent;
//! - `double`s are finite (NaN would not compare equal to itself);
//! - `Object`s are a 4-byte constructor ID and whole 4-byte words;
//! - a [`Budget`] bounds the nesting depth and the total number of vector elements.
//!   Past the depth budget, conditional fields are absent, vectors are empty and every
//!   abstract type takes its shallowest constructor (computed by the generator), so the
//!   recursion of types like `RichText` or `PageBlock` ends.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

pub use ::arbitrary::{Error, Result, Unstructured};

use crate::primitives::True;
use crate::Object;

/// Bounds on the size of one generated value.
#[derive(Clone, Debug)]
pub struct Budget {
    depth: u32,
    max_depth: u32,
    elements_left: u32,
    max_vector_len: u32,
    max_data_len: usize,
}

impl Budget {
    /// Default nesting depth: deep enough for `messages.messages` → `message` → media →
    /// photo → sizes, far inside the decoder's limits.
    pub const DEFAULT_MAX_DEPTH: u32 = 6;
    /// Default number of vector elements in one value, all vectors together.
    pub const DEFAULT_ELEMENTS: u32 = 48;

    /// A budget of `max_depth` nested constructors and `elements` vector elements.
    pub fn new(max_depth: u32, elements: u32) -> Self {
        Budget {
            depth: 0,
            max_depth,
            elements_left: elements,
            max_vector_len: 4,
            max_data_len: 600,
        }
    }

    /// The longest vector generated (4 by default).
    pub fn with_max_vector_len(mut self, len: u32) -> Self {
        self.max_vector_len = len;
        self
    }

    /// The longest `string` or `bytes` generated, in bytes (600 by default: past the
    /// 254-byte switch to the long length prefix).
    pub fn with_max_data_len(mut self, len: usize) -> Self {
        self.max_data_len = len;
        self
    }

    /// Enters a constructor; returns whether the depth budget is spent (the caller then
    /// generates the smallest value it can). Pair with [`leave`](Self::leave).
    #[inline]
    pub fn enter(&mut self) -> bool {
        self.depth += 1;
        self.depth > self.max_depth
    }

    /// Leaves a constructor entered with [`enter`](Self::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether the depth budget is spent at the current depth.
    #[inline]
    pub fn exhausted(&self) -> bool {
        self.depth > self.max_depth
    }

    /// Whether a conditional field is present: drawn from the input, and always absent
    /// past the depth budget.
    #[inline]
    pub fn present(&mut self, u: &mut Unstructured<'_>) -> Result<bool> {
        if self.exhausted() {
            return Ok(false);
        }
        u.arbitrary()
    }

    /// The length of the next vector, taken from the element budget.
    pub fn vector_len(&mut self, u: &mut Unstructured<'_>) -> Result<usize> {
        if self.exhausted() {
            return Ok(0);
        }
        let max = self.max_vector_len.min(self.elements_left);
        let len = u.int_in_range(0..=max)?;
        self.elements_left -= len;
        Ok(len as usize)
    }

    fn data_len(&self, u: &mut Unstructured<'_>) -> Result<usize> {
        // Mostly short, sometimes long: lengths around the 254-byte prefix switch matter.
        Ok(match u.int_in_range(0u8..=7)? {
            0..=4 => u.int_in_range(0..=16)?,
            5 => u.int_in_range(250..=258)?,
            _ => u.int_in_range(0..=self.max_data_len)?,
        }
        .min(self.max_data_len))
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(Self::DEFAULT_MAX_DEPTH, Self::DEFAULT_ELEMENTS)
    }
}

/// A type whose arbitrary valid values can be generated (emitted for every generated
/// struct and enum by `Config::arbitrary`).
pub trait Generate: Sized {
    /// A value drawn from `u` within `budget`.
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self>;
}

/// A value of `T` from `u` with the default [`Budget`].
pub fn generate<T: Generate>(u: &mut Unstructured<'_>) -> Result<T> {
    T::generate(u, &mut Budget::default())
}

macro_rules! from_arbitrary {
    ($($ty:ty),*) => {$(
        impl Generate for $ty {
            #[inline]
            fn generate(u: &mut Unstructured<'_>, _: &mut Budget) -> Result<Self> {
                u.arbitrary()
            }
        }
    )*};
}

from_arbitrary!(i32, i64, u32, bool, [u8; 16], [u8; 32], [u8; 64]);

impl Generate for f64 {
    fn generate(u: &mut Unstructured<'_>, _: &mut Budget) -> Result<Self> {
        let value: f64 = u.arbitrary()?;
        Ok(if value.is_finite() { value } else { 0.0 })
    }
}

impl Generate for True {
    fn generate(_: &mut Unstructured<'_>, _: &mut Budget) -> Result<Self> {
        Ok(True)
    }
}

impl Generate for String {
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self> {
        let len = budget.data_len(u)?;
        let mut text = String::with_capacity(len);
        while text.len() < len {
            // Mostly ASCII, with some multi-byte characters.
            let c = if u.ratio(1u8, 8)? {
                u.arbitrary::<char>()?
            } else {
                char::from(u.int_in_range(0x20u8..=0x7e)?)
            };
            if text.len() + c.len_utf8() > len && !text.is_empty() {
                break;
            }
            text.push(c);
            if u.is_empty() {
                break;
            }
        }
        Ok(text)
    }
}

impl Generate for Vec<u8> {
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self> {
        let len = budget.data_len(u)?;
        let mut data = alloc::vec![0; len];
        // Short input leaves the rest zero: a long value is still generated.
        let available = len.min(u.len());
        u.fill_buffer(&mut data[..available])?;
        Ok(data)
    }
}

#[cfg(feature = "shared")]
impl Generate for bytes::Bytes {
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self> {
        Vec::<u8>::generate(u, budget).map(bytes::Bytes::from)
    }
}

#[cfg(feature = "shared")]
impl Generate for bytestring::ByteString {
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self> {
        String::generate(u, budget).map(bytestring::ByteString::from)
    }
}

impl Generate for Object {
    fn generate(u: &mut Unstructured<'_>, _: &mut Budget) -> Result<Self> {
        let words = u.int_in_range(1..=4usize)?;
        let mut data = alloc::vec![0; words * 4];
        u.fill_buffer(&mut data)?;
        Ok(Object(data))
    }
}

/// `Vec<u8>` is `bytes`; other vectors are `Vector<T>`.
impl<T: Generate + crate::VectorElement> Generate for Vec<T> {
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self> {
        let len = budget.vector_len(u)?;
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(T::generate(u, budget)?);
        }
        Ok(items)
    }
}

impl<T: Generate> Generate for Box<T> {
    #[inline]
    fn generate(u: &mut Unstructured<'_>, budget: &mut Budget) -> Result<Self> {
        T::generate(u, budget).map(Box::new)
    }
}

/// A constructor or function of generated bindings with everything a property test
/// checks: both encodings, both decodings, TL-JSON and generation.
#[cfg(feature = "serde")]
pub trait ArbitraryConstructor:
    crate::json::Item
    + crate::BareEncode
    + crate::BareDecode
    + crate::Identifiable
    + Generate
    + PartialEq
    + Clone
{
}

#[cfg(feature = "serde")]
impl<T> ArbitraryConstructor for T where
    T: crate::json::Item
        + crate::BareEncode
        + crate::BareDecode
        + crate::Identifiable
        + Generate
        + PartialEq
        + Clone
{
}

/// Receives every constructor and function of generated bindings in turn (the generated
/// `registry::each_constructor`, emitted with both `registry` and `arbitrary`).
#[cfg(feature = "serde")]
pub trait ConstructorVisitor {
    /// Called once per constructor or function, with its full TL name.
    fn visit<T: ArbitraryConstructor>(&mut self, tl_name: &'static str);
}

/// Checks the wire properties of one value of a constructor or function, returning its
/// boxed bytes or what went wrong:
///
/// - the boxed form is the constructor ID followed by the bare form;
/// - `bare_len`/`boxed_len` are the exact lengths written;
/// - both forms decode back to an equal value, and reading consumes every byte;
/// - every proper prefix of the boxed form is a decoding error, not a value.
pub fn check_round_trip<T>(value: &T) -> core::result::Result<Vec<u8>, String>
where
    T: crate::BareEncode
        + crate::BareDecode
        + crate::BoxedEncode
        + crate::BoxedDecode
        + crate::Identifiable
        + PartialEq
        + core::fmt::Debug,
{
    use alloc::format;
    let boxed = value
        .to_boxed_bytes()
        .map_err(|e| format!("boxed encoding failed: {e}"))?;
    let bare = value
        .to_bare_bytes()
        .map_err(|e| format!("bare encoding failed: {e}"))?;
    if boxed.len() != value.boxed_len() {
        return Err(format!(
            "boxed_len() is {} but {} bytes were written",
            value.boxed_len(),
            boxed.len()
        ));
    }
    if bare.len() != value.bare_len() {
        return Err(format!(
            "bare_len() is {} but {} bytes were written",
            value.bare_len(),
            bare.len()
        ));
    }
    if boxed[..4] != T::CONSTRUCTOR_ID.to_le_bytes() || boxed[4..] != bare[..] {
        return Err(format!(
            "the boxed form is not the ID {:#010x} then the bare form",
            T::CONSTRUCTOR_ID
        ));
    }
    let from_boxed =
        T::from_boxed_bytes(&boxed).map_err(|e| format!("boxed form does not decode: {e}"))?;
    if from_boxed != *value {
        return Err(format!(
            "boxed form decodes to another value: {from_boxed:?}"
        ));
    }
    let from_bare =
        T::from_bare_bytes(&bare).map_err(|e| format!("bare form does not decode: {e}"))?;
    if from_bare != *value {
        return Err(format!("bare form decodes to another value: {from_bare:?}"));
    }
    // A value ending in `Object` (`rpc_result`) takes the rest of its input: any prefix
    // that keeps the fields before it may still decode, to a shorter object.
    for cut in (0..boxed.len()).step_by(4.max(boxed.len() / 64)) {
        if let Ok(shorter) = T::from_boxed_bytes(&boxed[..cut]) {
            if shorter.to_boxed_bytes().ok().as_deref() != Some(&boxed[..cut]) {
                return Err(format!("the {cut}-byte prefix decodes to {shorter:?}"));
            }
        }
    }
    Ok(boxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BareDecode, BareEncode};

    #[test]
    fn primitives_round_trip() {
        let seed: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let mut u = Unstructured::new(&seed);
        let mut budget = Budget::default();
        for _ in 0..64 {
            let text = String::generate(&mut u, &mut budget).unwrap();
            assert!(text.len() <= 600);
            let bytes = text.to_bare_bytes().unwrap();
            assert_eq!(String::from_bare_bytes(&bytes).unwrap(), text);
            let data = Vec::<u8>::generate(&mut u, &mut budget).unwrap();
            let bytes = data.to_bare_bytes().unwrap();
            assert_eq!(Vec::<u8>::from_bare_bytes(&bytes).unwrap(), data);
            assert!(f64::generate(&mut u, &mut budget).unwrap().is_finite());
            let object = Object::generate(&mut u, &mut budget).unwrap();
            assert!(object.0.len() % 4 == 0 && !object.0.is_empty());
        }
    }

    #[test]
    fn budget_bounds_vectors_and_depth() {
        let seed = [0xffu8; 512];
        let mut u = Unstructured::new(&seed);
        let mut budget = Budget::new(2, 5);
        let a = Vec::<i32>::generate(&mut u, &mut budget).unwrap();
        let b = Vec::<i32>::generate(&mut u, &mut budget).unwrap();
        assert!(a.len() + b.len() <= 5);
        assert!(!budget.enter() && !budget.enter());
        assert!(budget.enter(), "third level is past a depth of 2");
        assert!(!budget.present(&mut u).unwrap());
        assert_eq!(budget.vector_len(&mut u).unwrap(), 0);
        budget.leave();
        assert!(!budget.exhausted());
    }

    #[test]
    fn empty_input_still_generates() {
        let mut u = Unstructured::new(&[]);
        let mut budget = Budget::default();
        assert_eq!(String::generate(&mut u, &mut budget).unwrap(), "");
        assert_eq!(
            Vec::<i64>::generate(&mut u, &mut budget).unwrap(),
            Vec::<i64>::new()
        );
    }
}

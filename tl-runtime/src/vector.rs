//! `Vector<T>` (boxed: `0x1cb5c415`, count, elements) and `vector<T>` (bare: count,
//! elements). Elements are written as [`VectorElement`] says: bare for primitives and
//! constructors, boxed for abstract types.

use alloc::vec::Vec;

use crate::error::{DecodeError, EncodeError};
use crate::limits::MAX_EMPTY_ELEMENTS;
use crate::reader::Reader;
use crate::{BareDecode, BareEncode, BoxedDecode, BoxedEncode, VectorElement};

/// `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`
pub const VECTOR_ID: u32 = 0x1cb5c415;

impl<T: VectorElement> BareEncode for Vec<T> {
    #[inline]
    fn bare_len(&self) -> usize {
        4 + self.iter().map(VectorElement::element_len).sum::<usize>()
    }

    #[inline]
    fn encode_bare(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let count = u32::try_from(self.len())
            .map_err(|_| EncodeError::TooManyElements { len: self.len() })?;
        // A constant condition: compiled out for elements that take bytes.
        if T::MIN_ELEMENT_LEN == 0 && self.len() > MAX_EMPTY_ELEMENTS {
            return Err(EncodeError::TooManyEmptyElements { len: self.len() });
        }
        out.extend_from_slice(&count.to_le_bytes());
        for element in self {
            element.encode_element(out)?;
        }
        Ok(())
    }
}

impl<T: VectorElement> BoxedEncode for Vec<T> {
    #[inline]
    fn boxed_len(&self) -> usize {
        4 + self.bare_len()
    }

    #[inline]
    fn encode_boxed(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&VECTOR_ID.to_le_bytes());
        self.encode_bare(out)
    }
}

impl<T: VectorElement> BareDecode for Vec<T> {
    fn decode_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let count = reader.read_u32()? as usize;
        // The count is checked against what the input can hold before allocating.
        reader.check_count(count, T::MIN_ELEMENT_LEN)?;
        reader.enter()?;
        // Reserve no more memory than the input that remains: a count the input can hold
        // at the elements' smallest wire size may still be many times that in memory (an
        // enum whose smallest constructor is a bare ID, whose largest is inline and
        // 100 bytes). A longer vector grows as its elements are really read.
        let reserve = count.min(reader.remaining() / core::mem::size_of::<T>().max(1));
        let mut out = Vec::with_capacity(reserve);
        for _ in 0..count {
            out.push(T::decode_element(reader)?);
        }
        reader.leave();
        Ok(out)
    }
}

impl<T: VectorElement> BoxedDecode for Vec<T> {
    fn decode_boxed(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.expect_id(VECTOR_ID, "Vector t")?;
        Self::decode_bare(reader)
    }
}

/// Nested vectors (`Vector<Vector<T>>`) are boxed inside their parent.
impl<T: VectorElement> VectorElement for Vec<T> {
    const MIN_ELEMENT_LEN: usize = 8;

    #[inline]
    fn element_len(&self) -> usize {
        self.boxed_len()
    }

    #[inline]
    fn encode_element(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.encode_boxed(out)
    }

    #[inline]
    fn decode_element(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Self::decode_boxed(reader)
    }
}

//! `Object`: any boxed value, kept as its raw bytes.
//!
//! MTProto's service layer carries values whose type is known only from context:
//! `rpc_result`'s `result` is the answer to the request it names, `message`'s `body` is
//! whatever was sent. Generated code holds such fields as an [`Object`] and the caller
//! decodes it with the type it expects ([`Object::decode`]).

use alloc::vec::Vec;

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::reader::Reader;
use crate::{BareEncode, BoxedDecode};

/// An answer of type `Object` (TON's `liteServer.query data:bytes = Object`, whose answer
/// is that of the query inside): the whole rest of the input, since nothing in the bytes
/// says where a value of unknown type ends. At least a constructor ID must be there.
impl BoxedDecode for Object {
    fn decode_boxed(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if reader.remaining() < 4 {
            return Err(reader.error(DecodeErrorKind::UnexpectedEof {
                needed: 4,
                remaining: reader.remaining(),
            }));
        }
        Self::decode_rest(reader)
    }
}

/// The bytes of one boxed value (constructor ID first).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Object(pub Vec<u8>);

impl Object {
    /// The constructor ID the value starts with, if it has 4 bytes.
    pub fn constructor_id(&self) -> Option<u32> {
        self.0
            .get(..4)
            .map(|id| u32::from_le_bytes([id[0], id[1], id[2], id[3]]))
    }

    /// Decodes the value as a `T` (the whole object must be consumed).
    pub fn decode<T: BoxedDecode>(&self) -> Result<T, DecodeError> {
        T::from_boxed_bytes(&self.0)
    }

    /// Wraps an encoded boxed value.
    pub fn from_boxed<T: crate::BoxedEncode>(value: &T) -> Result<Self, EncodeError> {
        value.to_boxed_bytes().map(Object)
    }

    /// Reads the rest of the input as one object (`rpc_result`'s `result` fills the
    /// message body to its end).
    pub fn decode_rest(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let len = reader.remaining();
        Ok(Object(reader.take(len)?.to_vec()))
    }

    /// Reads one boxed value of a type known only from its constructor ID (TON's `Object`
    /// and `Function` fields, whose length nothing on the wire gives): reads the ID, lets
    /// `body` read the rest of that constructor's value (an error for an ID it does not
    /// know), and keeps every byte read. Generated code passes a `match` over the
    /// schema's constructors. The value counts as one level of nesting.
    pub fn decode_by_id(
        reader: &mut Reader<'_>,
        body: impl FnOnce(u32, &mut Reader<'_>) -> Result<(), DecodeError>,
    ) -> Result<Self, DecodeError> {
        let start = reader.rest();
        let id = reader.read_u32()?;
        reader.enter()?;
        body(id, reader)?;
        reader.leave();
        let len = start.len() - reader.remaining();
        Ok(Object(start[..len].to_vec()))
    }

    /// Reads an object of `len` bytes whose length was written before it as an `int`
    /// (`message`'s `bytes` field).
    pub fn decode_with_len(reader: &mut Reader<'_>, len: i32) -> Result<Self, DecodeError> {
        let Ok(len) = usize::try_from(len) else {
            return Err(reader.error(DecodeErrorKind::Invalid("negative object length")));
        };
        if len > reader.remaining() {
            return Err(reader.error(DecodeErrorKind::LengthTooLarge {
                claimed: len,
                remaining: reader.remaining(),
            }));
        }
        Ok(Object(reader.take(len)?.to_vec()))
    }

    /// The length as written before the object (`message`'s `bytes` field).
    pub fn len_field(&self) -> Result<i32, EncodeError> {
        i32::try_from(self.0.len()).map_err(|_| EncodeError::TooLong { len: self.0.len() })
    }
}

impl BareEncode for Object {
    fn bare_len(&self) -> usize {
        self.0.len()
    }

    fn encode_bare(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&self.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_answer_is_the_rest_of_the_input() {
        let bytes = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(Object::from_boxed_bytes(&bytes).unwrap().0, bytes);
        let error = Object::from_boxed_bytes(&[1, 2, 3]).unwrap_err();
        assert_eq!(
            error.kind,
            DecodeErrorKind::UnexpectedEof {
                needed: 4,
                remaining: 3
            }
        );
    }

    #[test]
    fn decode_by_id_keeps_exactly_the_bytes_its_body_reads() {
        // ID 7 has a 4-byte body; anything else is unknown. Two values, then a trailer.
        let bytes = [7, 0, 0, 0, 1, 1, 1, 1, 7, 0, 0, 0, 2, 2, 2, 2, 9];
        let body = |id: u32, reader: &mut Reader<'_>| match id {
            7 => reader.take(4).map(drop),
            _ => Err(reader.unknown_constructor(id, "Object")),
        };
        let mut reader = Reader::new(&bytes);
        let first = Object::decode_by_id(&mut reader, body).unwrap();
        let second = Object::decode_by_id(&mut reader, body).unwrap();
        assert_eq!(first.0, bytes[..8]);
        assert_eq!(second.0, bytes[8..16]);
        assert_eq!(reader.remaining(), 1);
        let error = Object::decode_by_id(&mut Reader::new(&[9, 0, 0, 0]), body).unwrap_err();
        assert_eq!(
            error.kind,
            DecodeErrorKind::UnknownConstructor {
                id: 9,
                expected: "Object"
            }
        );
        // A body cut short is an error, not a shorter object.
        assert!(Object::decode_by_id(&mut Reader::new(&bytes[..6]), body).is_err());
    }
}

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

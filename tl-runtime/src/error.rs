//! Errors of encoding and decoding.

use core::fmt;

use crate::limits::{MAX_BYTES_LEN, MAX_EMPTY_ELEMENTS};

/// Why a value could not be encoded. Encoding never truncates or desynchronises the
/// wire silently: anything the format cannot represent is one of these.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A `string` or `bytes` value longer than the format's 3-byte length allows.
    TooLong {
        /// The value's length in bytes.
        len: usize,
    },
    /// Fields that share one flag bit are present together or not at all; these were
    /// set inconsistently (some present, some absent).
    InconsistentFlags(&'static SharedFlag),
    /// A vector with more elements than its 32-bit count can say.
    TooManyElements {
        /// The number of elements.
        len: usize,
    },
    /// A vector of more elements that take no bytes (`Vector<true>`) than a decoder
    /// accepts ([`MAX_EMPTY_ELEMENTS`](crate::MAX_EMPTY_ELEMENTS)).
    TooManyEmptyElements {
        /// The number of elements.
        len: usize,
    },
}

/// A flag bit that several fields of one constructor share (see
/// [`EncodeError::InconsistentFlags`]). Generated code refers to a `static` one, so the
/// error stays two words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SharedFlag {
    /// The TL name of the constructor or function.
    pub constructor: &'static str,
    /// The `#` field holding the bit.
    pub holder: &'static str,
    /// The bit.
    pub bit: u32,
}

// Every generated encoder returns `Result<(), EncodeError>` and propagates it with `?` once
// per field. At two words it comes back in registers; larger, it goes through memory, a
// store and a load per field (measured: about a tenth of the time of encoding
// `messages.messages`). Keep the variants small.
const _: () = assert!(core::mem::size_of::<Result<(), EncodeError>>() <= 16);

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::TooLong { len } => write!(
                f,
                "string or bytes of {len} bytes is longer than TL allows ({} bytes)",
                MAX_BYTES_LEN
            ),
            EncodeError::InconsistentFlags(SharedFlag {
                constructor,
                holder,
                bit,
            }) => write!(
                f,
                "{constructor}: the fields sharing bit {bit} of `{holder}` must be all present or all absent"
            ),
            EncodeError::TooManyElements { len } => {
                write!(f, "vector of {len} elements does not fit a 32-bit count")
            }
            EncodeError::TooManyEmptyElements { len } => write!(
                f,
                "vector of {len} elements that take no bytes: decoders accept at most {}",
                MAX_EMPTY_ELEMENTS
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for EncodeError {}

/// Why bytes could not be decoded, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset in the input where the problem was found.
    pub offset: usize,
    /// What went wrong.
    pub kind: DecodeErrorKind,
}

/// What went wrong while decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ended early: `needed` more bytes were required.
    UnexpectedEof {
        /// How many bytes the next read wanted.
        needed: usize,
        /// How many bytes were left.
        remaining: usize,
    },
    /// A constructor ID that is not one of the expected type's constructors.
    UnknownConstructor {
        /// The ID read.
        id: u32,
        /// The TL type that was expected (`InputPeer`, `Bool`, `Vector t`...).
        expected: &'static str,
    },
    /// A length prefix (of `bytes`, `string` or a vector count) that claims more than
    /// the remaining input can hold. Nothing is allocated for it.
    LengthTooLarge {
        /// The claimed length (bytes, or elements for vectors).
        claimed: usize,
        /// Bytes left in the input.
        remaining: usize,
    },
    /// A `bytes` or `string` whose data fits in the remaining input but whose zero
    /// padding (to a multiple of 4 bytes) does not: the input was cut inside the padding.
    MissingPadding {
        /// The length of the data.
        len: usize,
        /// The padding bytes that should follow it.
        padding: usize,
        /// Bytes left in the input, data included.
        remaining: usize,
    },
    /// A vector count whose elements, at their smallest size on the wire, would need more
    /// bytes than the input has left. Nothing is allocated for them.
    CountTooLarge {
        /// The count read.
        count: usize,
        /// The fewest bytes one element takes.
        min_len: usize,
        /// Bytes left in the input.
        remaining: usize,
    },
    /// Vectors of elements that take no bytes (`Vector<true>`) holding more of them, in
    /// all, than one decode accepts ([`MAX_EMPTY_ELEMENTS`](crate::MAX_EMPTY_ELEMENTS)).
    TooManyEmptyElements {
        /// The count read.
        count: usize,
        /// The limit in force.
        limit: usize,
    },
    /// Nesting deeper than the reader's limit.
    DepthLimitExceeded {
        /// The limit in force.
        limit: u32,
    },
    /// Nested values that use more stack than the reader's budget (see
    /// [`DEFAULT_MAX_STACK`](crate::DEFAULT_MAX_STACK)), whatever their depth.
    StackLimitExceeded {
        /// The budget in force, in bytes.
        limit: usize,
    },
    /// A `string` whose bytes are not valid UTF-8.
    InvalidUtf8,
    /// A whole-buffer decode finished with bytes left over.
    TrailingBytes {
        /// How many bytes were not consumed.
        count: usize,
    },
    /// A value that is structurally wrong for its type.
    Invalid(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DecodeErrorKind::UnexpectedEof { needed, remaining } => write!(
                f,
                "unexpected end of input: needed {needed} bytes, {remaining} left"
            )?,
            DecodeErrorKind::UnknownConstructor { id, expected } => {
                write!(f, "unknown constructor {id:#010x} for {expected}")?
            }
            DecodeErrorKind::LengthTooLarge { claimed, remaining } => write!(
                f,
                "length {claimed} is more than the {remaining} bytes left in the input"
            )?,
            DecodeErrorKind::MissingPadding {
                len,
                padding,
                remaining,
            } => write!(
                f,
                "{len} bytes of data need {padding} {} of padding after them, but the input has {remaining} bytes left: it ends inside the padding",
                if *padding == 1 { "byte" } else { "bytes" }
            )?,
            DecodeErrorKind::CountTooLarge {
                count,
                min_len,
                remaining,
            } => write!(
                f,
                "{count} elements of at least {min_len} bytes each are more than the {remaining} bytes left in the input"
            )?,
            DecodeErrorKind::TooManyEmptyElements { count, limit } => write!(
                f,
                "{count} more elements that take no bytes are past the limit of {limit} per decode"
            )?,
            DecodeErrorKind::DepthLimitExceeded { limit } => {
                write!(f, "nesting deeper than the limit of {limit}")?
            }
            DecodeErrorKind::StackLimitExceeded { limit } => write!(
                f,
                "nesting uses more than the stack budget of {limit} bytes"
            )?,
            DecodeErrorKind::InvalidUtf8 => f.write_str("string is not valid UTF-8")?,
            DecodeErrorKind::TrailingBytes { count } => {
                write!(f, "{count} trailing bytes after the value")?
            }
            DecodeErrorKind::Invalid(why) => f.write_str(why)?,
        }
        write!(f, " at byte {}", self.offset)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DecodeError {}

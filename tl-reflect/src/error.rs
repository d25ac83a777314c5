//! Errors of reflective encoding and decoding, each with the JSON path of the value that
//! failed: `messages.messages.messages[3].media.photo.sizes[1]: unknown constructor
//! 0x12345678 for PhotoSize at byte 1234`.
//!
//! Paths are collected while the error travels up the call stack (each level adds its own
//! segment), so a successful encode or decode never pays for them.

use std::fmt;

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The `"_"` of the outermost constructor or function: where a path starts.
    Root(String),
    /// A field of a constructor.
    Field(String),
    /// An element of a vector.
    Index(usize),
}

/// Where in a TL-JSON value something went wrong: `messages.exportChatInvite.peer`,
/// `msg_container.messages[1].body`. Empty for the value itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path {
    /// Innermost segment first: errors are built from the inside out.
    reversed: Vec<Segment>,
}

impl Path {
    /// The segments, outermost first.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.reversed.iter().rev()
    }

    /// Whether the path names the value itself (no segment).
    pub fn is_empty(&self) -> bool {
        self.reversed.is_empty()
    }

    pub(crate) fn push_outer(&mut self, segment: Segment) {
        self.reversed.push(segment);
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments().enumerate() {
            match segment {
                Segment::Root(name) => f.write_str(name)?,
                Segment::Field(name) if i == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Why bytes could not be decoded, where in the input, and in which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The field being decoded.
    pub path: Path,
    /// Byte offset in the input where the problem was found.
    pub offset: usize,
    /// What went wrong.
    pub kind: DecodeErrorKind,
}

/// What went wrong while decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// An error of the wire format itself, exactly as the generated code reports it
    /// (end of input, lengths, depth, UTF-8, trailing bytes).
    Wire(tl_runtime::DecodeErrorKind),
    /// A constructor ID that is not one of the expected type's constructors.
    UnknownConstructor {
        /// The ID read.
        id: u32,
        /// The TL type that was expected (`PhotoSize`, `Bool`, `Vector t`, `function`).
        expected: String,
    },
    /// A boxed value whose ID no constructor or function of the schemas has.
    UnknownId {
        /// The ID read.
        id: u32,
    },
    /// A boxed `Vector` where any value was allowed: its bytes do not say the element
    /// type, so it can only be decoded with a type (`Vector<long>`).
    VectorWithoutType,
    /// The schema uses something this codec cannot read (a repetition outside builtins,
    /// a type no file defines).
    Unsupported(String),
}

impl DecodeError {
    pub(crate) fn new(offset: usize, kind: DecodeErrorKind) -> Self {
        DecodeError {
            path: Path::default(),
            offset,
            kind,
        }
    }

    /// Adds the field the error happened in (called on the way out).
    pub(crate) fn in_field(mut self, name: &str) -> Self {
        self.path.push_outer(Segment::Field(name.to_owned()));
        self
    }

    pub(crate) fn at_index(mut self, index: usize) -> Self {
        self.path.push_outer(Segment::Index(index));
        self
    }

    pub(crate) fn in_root(mut self, name: &str) -> Self {
        self.path.push_outer(Segment::Root(name.to_owned()));
        self
    }
}

impl From<tl_runtime::DecodeError> for DecodeError {
    fn from(error: tl_runtime::DecodeError) -> Self {
        DecodeError::new(error.offset, DecodeErrorKind::Wire(error.kind))
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        match &self.kind {
            // The runtime's own wording, so both codecs read the same.
            DecodeErrorKind::Wire(kind) => {
                return tl_runtime::DecodeError {
                    offset: self.offset,
                    kind: kind.clone(),
                }
                .fmt(f)
            }
            DecodeErrorKind::UnknownConstructor { id, expected } => {
                write!(f, "unknown constructor {id:#010x} for {expected}")?
            }
            DecodeErrorKind::UnknownId { id } => write!(
                f,
                "unknown constructor {id:#010x}: no constructor or function of the schema has this ID"
            )?,
            DecodeErrorKind::VectorWithoutType => f.write_str(
                "a boxed Vector (0x1cb5c415) does not say its element type: decode it with a type such as `Vector<long>`",
            )?,
            DecodeErrorKind::Unsupported(why) => f.write_str(why)?,
        }
        write!(f, " at byte {}", self.offset)
    }
}

impl std::error::Error for DecodeError {}

/// Why a TL-JSON value could not be encoded, and which part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// The value that could not be encoded.
    pub path: Path,
    /// What went wrong.
    pub kind: EncodeErrorKind,
}

/// What went wrong while encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// A JSON value of the wrong kind for the TL type (`"12"` for a `long`).
    WrongType {
        /// The TL type and the JSON it takes: `long (a JSON integer)`.
        expected: String,
        /// A short rendering of the JSON found.
        found: String,
    },
    /// A field that is not optional is absent.
    MissingField {
        /// The field's name.
        field: String,
        /// Its TL type.
        expected: String,
    },
    /// A JSON object without the `"_"` naming its constructor.
    MissingConstructorName {
        /// The TL type that was expected.
        expected: String,
    },
    /// A `"_"` that names no constructor of the expected type.
    UnknownConstructor {
        /// The name found.
        name: String,
        /// What was expected (`InputPeer`, `a constructor or function`, `function`).
        expected: String,
        /// Why, when the name exists but elsewhere, or a close name does.
        hint: Option<String>,
    },
    /// A key that is not a parameter of the constructor (a typo, or the wrong layer).
    UnknownField {
        /// The key.
        field: String,
        /// The constructor or function.
        constructor: String,
    },
    /// An integer outside the TL type's range.
    OutOfRange {
        /// The number as written.
        value: String,
        /// `int`, `long` or `#`.
        ty: &'static str,
    },
    /// A `bytes` (or raw `Object`) string that is not standard base64 with padding.
    InvalidBase64 {
        /// The decoder's reason.
        reason: String,
    },
    /// An `int128`/`int256` string that is not the right number of hex digits.
    InvalidHex {
        /// `int128` or `int256`.
        ty: &'static str,
        /// How many hex digits the type takes.
        digits: usize,
    },
    /// Fields sharing one flag bit are present together or not at all.
    InconsistentFlags(Box<FlagConflict>),
    /// A flags word given in the input whose bit says otherwise than the fields that use
    /// it (TL-JSON revision 2: those bits are derived; the word may carry them only if
    /// they agree).
    FlagBitDisagrees {
        /// The `#` field.
        holder: String,
        /// The word given.
        given: u32,
        /// The first bit that disagrees.
        bit: u32,
        /// The fields that use the bit.
        fields: Vec<String>,
        /// Whether the given word has the bit set (so the fields are absent).
        bit_set: bool,
    },
    /// What the wire format cannot represent (a string over 2^24-1 bytes), as the
    /// runtime reports it.
    Wire(tl_runtime::EncodeError),
    /// A length field that the encoder derives (mtproto `message`'s `bytes`, the length
    /// of its `body`) given with another value. Leave it out, or give the right one.
    LengthMismatch {
        /// The field whose length it is (`body`).
        body: String,
        /// The value given, as JSON.
        given: String,
        /// The length of the encoded field, in bytes.
        actual: i32,
    },
    /// Nesting deeper than the limit.
    DepthLimitExceeded {
        /// The limit in force.
        limit: u32,
    },
    /// The schema uses something this codec cannot write.
    Unsupported(String),
}

/// Fields that share a flag bit, some present and some absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagConflict {
    /// The constructor or function.
    pub constructor: String,
    /// The `#` field holding the bit.
    pub holder: String,
    /// The bit.
    pub bit: u32,
    /// The fields of the bit that are present.
    pub present: Vec<String>,
    /// The fields of the bit that are absent.
    pub absent: Vec<String>,
}

impl EncodeError {
    pub(crate) fn new(kind: EncodeErrorKind) -> Self {
        EncodeError {
            path: Path::default(),
            kind,
        }
    }

    pub(crate) fn in_field(mut self, name: &str) -> Self {
        self.path.push_outer(Segment::Field(name.to_owned()));
        self
    }

    pub(crate) fn at_index(mut self, index: usize) -> Self {
        self.path.push_outer(Segment::Index(index));
        self
    }

    pub(crate) fn in_root(mut self, name: &str) -> Self {
        self.path.push_outer(Segment::Root(name.to_owned()));
        self
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        match &self.kind {
            EncodeErrorKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            EncodeErrorKind::MissingField { field, expected } => {
                write!(f, "missing field `{field}` ({expected})")
            }
            EncodeErrorKind::MissingConstructorName { expected } => write!(
                f,
                "expected {expected}: a JSON object needs \"_\" naming its constructor"
            ),
            EncodeErrorKind::UnknownConstructor {
                name,
                expected,
                hint,
            } => {
                write!(f, "unknown constructor `{name}` for {expected}")?;
                match hint {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
            EncodeErrorKind::UnknownField { field, constructor } => {
                write!(f, "unknown field `{field}`: `{constructor}` has no such parameter")
            }
            EncodeErrorKind::OutOfRange { value, ty } => {
                write!(f, "{value} is out of range for {ty}")
            }
            EncodeErrorKind::InvalidBase64 { reason } => {
                write!(f, "invalid base64 (standard alphabet, with padding): {reason}")
            }
            EncodeErrorKind::InvalidHex { ty, digits } => {
                write!(f, "{ty} takes a string of exactly {digits} hex digits")
            }
            // The path names the constructor.
            EncodeErrorKind::InconsistentFlags(conflict) => write!(
                f,
                "the fields sharing bit {} of `{}` must be all present or all absent (present: {}; absent: {})",
                conflict.bit,
                conflict.holder,
                conflict.present.join(", "),
                conflict.absent.join(", ")
            ),
            EncodeErrorKind::FlagBitDisagrees {
                holder,
                given,
                bit,
                fields,
                bit_set,
            } => write!(
                f,
                "`{holder}` is {given}, whose bit {bit} is {}, but {} {} (the bits that fields use are derived: leave them out of `{holder}` or make them agree)",
                if *bit_set { "set" } else { "clear" },
                fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
                if *bit_set { if fields.len() == 1 { "is absent" } else { "are absent" } } else if fields.len() == 1 { "is present" } else { "are present" },
            ),
            EncodeErrorKind::Wire(error) => error.fmt(f),
            EncodeErrorKind::LengthMismatch {
                body,
                given,
                actual,
            } => write!(
                f,
                "{given} is not the length of `{body}`, which encodes to {actual} bytes (the length is derived: leave it out)"
            ),
            EncodeErrorKind::DepthLimitExceeded { limit } => {
                write!(f, "nesting deeper than the limit of {limit}")
            }
            EncodeErrorKind::Unsupported(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for EncodeError {}

/// A type name given to [`Registry::bare_type`](crate::Registry::bare_type) or
/// [`Registry::boxed_type`](crate::Registry::boxed_type) that the schemas cannot read
/// or write in that form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    /// The type as given.
    pub text: String,
    /// Why it was refused.
    pub reason: String,
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "type `{}`: {}", self.text, self.reason)
    }
}

impl std::error::Error for TypeError {}

/// Schemas with errors: the parser's diagnostics, rendered as the parser renders them.
#[derive(Clone, Debug)]
pub struct SchemaError {
    /// Every diagnostic (errors and warnings).
    pub diagnostics: Vec<tl_parser::Diagnostic>,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        writeln!(f, "the TL schemas have {errors} error(s):")?;
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SchemaError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_outermost_first() {
        let error = DecodeError::new(
            1234,
            DecodeErrorKind::UnknownConstructor {
                id: 0x12345678,
                expected: "PhotoSize".into(),
            },
        )
        .at_index(1)
        .in_field("sizes")
        .in_field("photo")
        .in_field("media")
        .at_index(3)
        .in_field("messages")
        .in_root("messages.messages");
        assert_eq!(
            error.to_string(),
            "messages.messages.messages[3].media.photo.sizes[1]: unknown constructor 0x12345678 for PhotoSize at byte 1234"
        );
    }

    #[test]
    fn a_path_may_start_with_a_field_or_an_index() {
        let error = EncodeError::new(EncodeErrorKind::OutOfRange {
            value: "2147483648".into(),
            ty: "int",
        })
        .in_field("id")
        .at_index(0);
        assert_eq!(
            error.to_string(),
            "[0].id: 2147483648 is out of range for int"
        );
        let error = EncodeError::new(EncodeErrorKind::DepthLimitExceeded { limit: 64 });
        assert_eq!(error.to_string(), "nesting deeper than the limit of 64");
    }

    #[test]
    fn wire_errors_read_like_the_runtime() {
        let error: DecodeError = tl_runtime::DecodeError {
            offset: 8,
            kind: tl_runtime::DecodeErrorKind::UnexpectedEof {
                needed: 4,
                remaining: 0,
            },
        }
        .into();
        assert_eq!(
            error
                .in_field("user_id")
                .in_root("inputPeerUser")
                .to_string(),
            "inputPeerUser.user_id: unexpected end of input: needed 4 bytes, 0 left at byte 8"
        );
    }
}

//! Bytes → TL-JSON, walking the schema, with the runtime's limits: every read is checked
//! by [`Reader`], vector counts are checked against the remaining input before anything
//! is allocated, nesting counts against a depth limit the way the generated code counts
//! it (one level per boxed value and per vector), and trailing bytes are an error.

use serde_json::{Map, Value};
use tl_runtime::primitives::{self, BOOL_FALSE_ID, BOOL_TRUE_ID, TRUE_ID};
use tl_runtime::vector::VECTOR_ID;
use tl_runtime::{DecodeErrorKind as WireKind, Reader};

use crate::error::{DecodeError, DecodeErrorKind};
use crate::registry::{CombinatorId, ParamKind, Registry, Ty};
use crate::scalars;

/// Knobs of decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    /// How deep boxed values and vectors may nest (default
    /// [`tl_runtime::DEFAULT_MAX_DEPTH`]).
    pub max_depth: u32,
    /// Write every `Object` field (`rpc_result.result`, `message.body`) as base64 of its
    /// raw bytes, as the generated code does. By default an `Object` whose bytes are
    /// exactly one value of the schemas is decoded into it, and only other bytes (a
    /// `Vector`, whose element type its bytes do not say, or garbage) stay base64.
    pub raw_objects: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            max_depth: tl_runtime::DEFAULT_MAX_DEPTH,
            raw_objects: false,
        }
    }
}

/// The largest vector capacity reserved up front; longer vectors grow as they are read,
/// so a count that fits the input but not memory costs only what is really decoded.
const MAX_RESERVED_ELEMENTS: usize = 1 << 12;

pub(crate) struct Decoder<'r, 'a> {
    registry: &'r Registry,
    /// The whole input: `Object` fields decode their bytes with a reader over a prefix
    /// of it, so that offsets in errors stay offsets in the input.
    input: &'a [u8],
    depth: u32,
    options: DecodeOptions,
    /// Set until the outermost constructor is reached: its name starts error paths.
    at_root: bool,
}

type Result<T> = std::result::Result<T, DecodeError>;

impl<'r, 'a> Decoder<'r, 'a> {
    pub(crate) fn new(registry: &'r Registry, input: &'a [u8], options: &DecodeOptions) -> Self {
        Decoder {
            registry,
            input,
            depth: 0,
            options: *options,
            at_root: true,
        }
    }

    /// Any boxed constructor or function: its ID says which.
    pub(crate) fn any_boxed(&mut self, reader: &mut Reader<'a>) -> Result<Value> {
        let id = reader.read_u32()?;
        let candidates = self.registry.schema.with_id(id);
        let Some((&first, others)) = candidates.split_first() else {
            let offset = reader.position() - 4;
            let kind = if id == VECTOR_ID {
                DecodeErrorKind::VectorWithoutType
            } else {
                DecodeErrorKind::UnknownId { id }
            };
            return Err(DecodeError::new(offset, kind));
        };
        self.enter(reader)?;
        if others.is_empty() {
            let value = self.body(first, reader)?;
            self.leave();
            return Ok(value);
        }
        // Several definitions share the ID (two files disagree on a constructor): the
        // first that reads the bytes wins; the error reported is the first one's.
        let (start, depth, at_root) = (reader.clone(), self.depth, self.at_root);
        let mut first_error = None;
        for &c in candidates {
            *reader = start.clone();
            (self.depth, self.at_root) = (depth, at_root);
            match self.body(c, reader) {
                Ok(value) => {
                    self.leave();
                    return Ok(value);
                }
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        Err(first_error.expect("at least one candidate"))
    }

    /// A value of type `ty`.
    pub(crate) fn value(&mut self, ty: &Ty, reader: &mut Reader<'a>) -> Result<Value> {
        Ok(match ty {
            Ty::Int => Value::from(i32::from_le_bytes(reader.take_array()?)),
            Ty::Nat => Value::from(u32::from_le_bytes(reader.take_array()?)),
            Ty::Long => Value::from(i64::from_le_bytes(reader.take_array()?)),
            Ty::Double => scalars::double_to_json(f64::from_le_bytes(reader.take_array()?)),
            Ty::Int128 => scalars::hex_to_json(&reader.take_array::<16>()?),
            Ty::Int256 => scalars::hex_to_json(&reader.take_array::<32>()?),
            Ty::Int512 => scalars::hex_to_json(&reader.take_array::<64>()?),
            Ty::String => {
                let offset = reader.position();
                let data = primitives::decode_bytes(reader)?;
                match std::str::from_utf8(data) {
                    Ok(text) => Value::String(text.to_owned()),
                    Err(_) => {
                        return Err(DecodeError::new(
                            offset,
                            DecodeErrorKind::Wire(WireKind::InvalidUtf8),
                        ))
                    }
                }
            }
            Ty::Bytes => scalars::base64_to_json(primitives::decode_bytes(reader)?),
            Ty::Bool => match reader.read_u32()? {
                BOOL_TRUE_ID => Value::Bool(true),
                BOOL_FALSE_ID => Value::Bool(false),
                id => return Err(unknown_constructor(reader, id, "Bool")),
            },
            Ty::True { boxed } => {
                if *boxed {
                    expect_id(reader, TRUE_ID, "True")?;
                }
                Value::Bool(true)
            }
            Ty::Vector { boxed, element } => {
                if *boxed {
                    expect_id(reader, VECTOR_ID, "Vector t")?;
                }
                self.vector(element, reader)?
            }
            Ty::Boxed(t) => {
                let id = reader.read_u32()?;
                let Some(c) = self.registry.schema.constructor_of(*t, id) else {
                    return Err(unknown_constructor(
                        reader,
                        id,
                        &self.registry.schema.types[*t].name,
                    ));
                };
                self.boxed_body(c, reader)?
            }
            Ty::BoxedConstructor(c) => {
                let id = reader.read_u32()?;
                let combinator = &self.registry.schema.combinators[*c];
                if id != combinator.id {
                    return Err(unknown_constructor(reader, id, &combinator.name));
                }
                self.boxed_body(*c, reader)?
            }
            Ty::Bare(c) => {
                let guard = self.registry.schema.combinators[*c].bare_cycle;
                if guard {
                    self.enter(reader)?;
                }
                let value = self.body(*c, reader)?;
                if guard {
                    self.leave();
                }
                value
            }
            Ty::Generic(_) => {
                let id = reader.read_u32()?;
                let registry = self.registry;
                let function = registry
                    .schema
                    .with_id(id)
                    .iter()
                    .copied()
                    .find(|&c| registry.schema.combinators[c].is_function);
                // The generated code's `AnyFunction` says "function" too.
                let Some(c) = function else {
                    return Err(unknown_constructor(reader, id, "function"));
                };
                self.boxed_body(c, reader)?
            }
            Ty::Object => self.object(reader, None)?,
            Ty::AnyValue => {
                let start = reader.position();
                let value = self.any_boxed(reader)?;
                if self.options.raw_objects {
                    scalars::base64_to_json(&self.input[start..reader.position()])
                } else {
                    value
                }
            }
            Ty::Unresolved(why) => {
                return Err(DecodeError::new(
                    reader.position(),
                    DecodeErrorKind::Unsupported(why.clone()),
                ))
            }
        })
    }

    fn vector(&mut self, element: &Ty, reader: &mut Reader<'a>) -> Result<Value> {
        self.at_root = false;
        let count = reader.read_u32()? as usize;
        // Checked against what the input can hold before anything is allocated.
        reader.check_count(count, self.registry.schema.min_len(element))?;
        self.enter(reader)?;
        let mut items = Vec::with_capacity(count.min(MAX_RESERVED_ELEMENTS));
        for index in 0..count {
            items.push(self.value(element, reader).map_err(|e| e.at_index(index))?);
        }
        self.leave();
        Ok(Value::Array(items))
    }

    /// The body of constructor `c` after its ID, one level deeper.
    fn boxed_body(&mut self, c: CombinatorId, reader: &mut Reader<'a>) -> Result<Value> {
        self.enter(reader)?;
        let value = self.body(c, reader)?;
        self.leave();
        Ok(value)
    }

    /// The bare body of constructor `c` as a TL-JSON object.
    fn body(&mut self, c: CombinatorId, reader: &mut Reader<'a>) -> Result<Value> {
        let is_root = std::mem::replace(&mut self.at_root, false);
        let result = self.fields(c, reader);
        if is_root {
            result.map_err(|e| e.in_root(&self.registry.schema.combinators[c].name))
        } else {
            result
        }
    }

    fn fields(&mut self, c: CombinatorId, reader: &mut Reader<'a>) -> Result<Value> {
        let registry = self.registry;
        let combinator = &registry.schema.combinators[c];
        if let Some(why) = combinator.unsupported() {
            return Err(DecodeError::new(
                reader.position(),
                DecodeErrorKind::Unsupported(format!("`{}`: {why}", combinator.name)),
            ));
        }
        let mut object = Map::with_capacity(combinator.params.len() + 1);
        object.insert("_".to_owned(), Value::String(combinator.name.clone()));
        let mut words = vec![0u32; combinator.flag_words];
        let mut object_len = None;
        for param in &combinator.params {
            match &param.kind {
                // Written only when it holds bits that no field uses, and then whole
                // (TL-JSON revision 2): a plain `#` when it is not 0.
                ParamKind::FlagsWord { word, used } => {
                    let value = reader
                        .read_u32()
                        .map_err(|e| DecodeError::from(e).in_field(&param.name))?;
                    words[*word] = value;
                    if value & !used != 0 {
                        object.insert(param.name.clone(), Value::from(value));
                    }
                }
                ParamKind::ObjectLength => {
                    let len = i32::from_le_bytes(
                        reader
                            .take_array()
                            .map_err(|e| DecodeError::from(e).in_field(&param.name))?,
                    );
                    let Ok(len) = usize::try_from(len) else {
                        return Err(DecodeError::new(
                            reader.position(),
                            DecodeErrorKind::Wire(WireKind::Invalid("negative object length")),
                        )
                        .in_field(&param.name));
                    };
                    object_len = Some(len);
                }
                ParamKind::FlagTrue { flag: condition } => {
                    if words[condition.word] & condition.mask() != 0 {
                        object.insert(param.name.clone(), Value::Bool(true));
                    }
                }
                ParamKind::Value {
                    ty,
                    flag: condition,
                } => {
                    if let Some(condition) = condition {
                        if words[condition.word] & condition.mask() == 0 {
                            continue;
                        }
                    }
                    let value = match ty {
                        Ty::Object => self.object(reader, object_len.take()),
                        ty => self.value(ty, reader),
                    }
                    .map_err(|e| e.in_field(&param.name))?;
                    object.insert(param.name.clone(), value);
                }
            }
        }
        Ok(Value::Object(object))
    }

    /// An `Object`: `len` bytes when a length field came before it (`message.body`),
    /// else the rest of the input (`rpc_result.result`).
    fn object(&mut self, reader: &mut Reader<'a>, len: Option<usize>) -> Result<Value> {
        let start = reader.position();
        let len = match len {
            None => reader.remaining(),
            Some(len) if len <= reader.remaining() => len,
            Some(len) => {
                return Err(reader
                    .error(WireKind::LengthTooLarge {
                        claimed: len,
                        remaining: reader.remaining(),
                    })
                    .into())
            }
        };
        let raw = reader.take(len)?;
        if !self.options.raw_objects && !raw.is_empty() {
            if let Some(value) = self.nested(start, start + len) {
                return Ok(value);
            }
        }
        Ok(scalars::base64_to_json(raw))
    }

    /// The bytes `start..end` of the input as exactly one boxed value, if they are one.
    fn nested(&mut self, start: usize, end: usize) -> Option<Value> {
        let mut inner = Reader::new(self.input.get(..end)?);
        inner.take(start).ok()?;
        let (depth, at_root) = (self.depth, self.at_root);
        let value = self
            .any_boxed(&mut inner)
            .ok()
            .filter(|_| inner.remaining() == 0);
        // A failed attempt leaves through `?` without leaving its levels.
        (self.depth, self.at_root) = (depth, at_root);
        value
    }

    fn enter(&mut self, reader: &Reader<'a>) -> Result<()> {
        if self.depth >= self.options.max_depth {
            return Err(reader
                .error(WireKind::DepthLimitExceeded {
                    limit: self.options.max_depth,
                })
                .into());
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// Reads a constructor ID and fails unless it is `wanted`.
fn expect_id(reader: &mut Reader<'_>, wanted: u32, expected: &str) -> Result<()> {
    match reader.read_u32()? {
        id if id == wanted => Ok(()),
        id => Err(unknown_constructor(reader, id, expected)),
    }
}

/// Constructor `id`, read just before the reader's position, is not one of `expected`'s.
fn unknown_constructor(reader: &Reader<'_>, id: u32, expected: &str) -> DecodeError {
    DecodeError::new(
        reader.position().saturating_sub(4),
        DecodeErrorKind::UnknownConstructor {
            id,
            expected: expected.to_owned(),
        },
    )
}

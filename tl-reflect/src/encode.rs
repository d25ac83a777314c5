//! TL-JSON → bytes, walking the schema.

use serde_json::{Map, Value};
use tl_runtime::primitives::{self, BOOL_FALSE_ID, BOOL_TRUE_ID, TRUE_ID};
use tl_runtime::vector::VECTOR_ID;

use crate::error::{EncodeError, EncodeErrorKind, FlagConflict};
use crate::registry::{CombinatorId, ParamKind, Registry, Ty};
use crate::scalars;

/// Knobs of encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodeOptions {
    /// How deep boxed values and vectors may nest (default
    /// [`tl_runtime::DEFAULT_MAX_DEPTH`], the decoder's limit: what encodes, decodes).
    pub max_depth: u32,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions {
            max_depth: tl_runtime::DEFAULT_MAX_DEPTH,
        }
    }
}

pub(crate) struct Encoder<'r> {
    registry: &'r Registry,
    out: Vec<u8>,
    depth: u32,
    max_depth: u32,
    /// Set until the outermost constructor is reached: its name starts error paths.
    at_root: bool,
}

/// A flags word being filled in while the fields it governs are written.
#[derive(Clone, Copy, Default)]
struct FlagsWord {
    /// Where its 4 bytes are in the output.
    position: usize,
    /// Bits of fields that are present.
    present: u32,
    /// Bits of fields that are absent (a bit in both is an inconsistent shared bit).
    absent: u32,
    /// The bits that fields use: derived from `present`.
    used: u32,
    /// The word as given in the input (TL-JSON revision 2): its bits that no field uses
    /// are data; its other bits must agree with the fields.
    given: Option<u32>,
}

type Result<T> = std::result::Result<T, EncodeError>;

impl<'r> Encoder<'r> {
    pub(crate) fn new(registry: &'r Registry, options: &EncodeOptions) -> Self {
        Encoder {
            registry,
            out: Vec::new(),
            depth: 0,
            max_depth: options.max_depth,
            at_root: true,
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.out
    }

    /// Any constructor or function, boxed: what `"_"` names decides.
    pub(crate) fn any_boxed(&mut self, value: &Value) -> Result<()> {
        let object = expect_object(value, "a constructor or function")?;
        let name = constructor_name(object, "a constructor or function")?;
        let Some(c) = self.pick_by_name(self.registry.schema.with_name(name), object) else {
            return Err(self.unknown_name(name, "a constructor or function".into(), None));
        };
        self.boxed_constructor(c, object)
    }

    /// A value of type `ty`.
    pub(crate) fn value(&mut self, ty: &Ty, value: &Value) -> Result<()> {
        match ty {
            Ty::Int => {
                let n = scalars::integer(value, "int", i64::from(i32::MIN), i64::from(i32::MAX))?;
                self.out.extend_from_slice(&(n as i32).to_le_bytes());
            }
            Ty::Nat => {
                let n = scalars::integer(value, "#", 0, i64::from(u32::MAX))?;
                self.out.extend_from_slice(&(n as u32).to_le_bytes());
            }
            Ty::Long => {
                let n = scalars::integer(value, "long", i64::MIN, i64::MAX)?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            Ty::Double => {
                let x = scalars::double(value)?;
                self.out.extend_from_slice(&x.to_le_bytes());
            }
            Ty::Int128 => self
                .out
                .extend_from_slice(&scalars::hex::<16>(value, "int128")?),
            Ty::Int256 => self
                .out
                .extend_from_slice(&scalars::hex::<32>(value, "int256")?),
            Ty::Int512 => self
                .out
                .extend_from_slice(&scalars::hex::<64>(value, "int512")?),
            Ty::String => match value {
                Value::String(text) => self.bytes(text.as_bytes())?,
                other => return Err(scalars::wrong_type("string (a JSON string)", other)),
            },
            Ty::Bytes => {
                let data = scalars::base64(value, "bytes (a base64 string)")?;
                self.bytes(&data)?;
            }
            Ty::Bool => match value {
                Value::Bool(b) => {
                    let id = if *b { BOOL_TRUE_ID } else { BOOL_FALSE_ID };
                    self.out.extend_from_slice(&id.to_le_bytes());
                }
                other => return Err(scalars::wrong_type("Bool (true or false)", other)),
            },
            Ty::True { boxed } => match value {
                Value::Bool(true) => {
                    if *boxed {
                        self.out.extend_from_slice(&TRUE_ID.to_le_bytes());
                    }
                }
                other => return Err(scalars::wrong_type("True (the JSON value true)", other)),
            },
            Ty::Vector { boxed, element } => {
                let Value::Array(items) = value else {
                    let expected = format!("{} (a JSON array)", self.registry.schema.describe(ty));
                    return Err(scalars::wrong_type(&expected, value));
                };
                self.at_root = false;
                if *boxed {
                    self.out.extend_from_slice(&VECTOR_ID.to_le_bytes());
                }
                let count = u32::try_from(items.len()).map_err(|_| {
                    EncodeError::new(EncodeErrorKind::Wire(
                        tl_runtime::EncodeError::TooManyElements { len: items.len() },
                    ))
                })?;
                // As the generated encoders: no more elements of no bytes than a decoder takes.
                if items.len() > tl_runtime::MAX_EMPTY_ELEMENTS
                    && self.registry.schema.min_len(element) == 0
                {
                    return Err(EncodeError::new(EncodeErrorKind::Wire(
                        tl_runtime::EncodeError::TooManyEmptyElements { len: items.len() },
                    )));
                }
                self.out.extend_from_slice(&count.to_le_bytes());
                self.enter()?;
                for (index, item) in items.iter().enumerate() {
                    self.value(element, item).map_err(|e| e.at_index(index))?;
                }
                self.leave();
            }
            Ty::Boxed(t) => {
                let expected = &self.registry.schema.types[*t].name;
                let object = expect_object(value, expected)?;
                let name = constructor_name(object, expected)?;
                let Some(c) = self.registry.schema.constructor_of_named(*t, name) else {
                    let hint = self.elsewhere(name);
                    return Err(self.unknown_name(name, expected.clone(), hint));
                };
                self.boxed_constructor(c, object)?;
            }
            Ty::BoxedConstructor(c) => {
                let object = self.exactly(*c, value)?;
                self.boxed_constructor(*c, object)?;
            }
            Ty::Bare(c) => {
                let object = self.exactly(*c, value)?;
                let guard = self.registry.schema.combinators[*c].bare_cycle;
                if guard {
                    self.enter()?;
                }
                self.body(*c, object)?;
                if guard {
                    self.leave();
                }
            }
            Ty::Generic(_) => {
                let object = expect_object(value, "a function")?;
                let name = constructor_name(object, "a function")?;
                let functions = self.registry.schema.with_name(name);
                let found = functions
                    .iter()
                    .copied()
                    .find(|&c| self.registry.schema.combinators[c].is_function);
                let Some(c) = found else {
                    let hint = if functions.is_empty() {
                        self.elsewhere(name)
                    } else {
                        Some(format!(
                            "`{name}` is a constructor; `!X` holds a function call"
                        ))
                    };
                    return Err(self.unknown_name(name, "a function".into(), hint));
                };
                self.boxed_constructor(c, object)?;
            }
            Ty::Object | Ty::AnyValue => match value {
                // Raw boxed bytes, as the generated code writes an `Object`.
                Value::String(_) => {
                    let raw = scalars::base64(value, "Object")?;
                    self.out.extend_from_slice(&raw);
                }
                Value::Object(_) => self.any_boxed(value)?,
                other => {
                    return Err(scalars::wrong_type(
                        "Object (a JSON object with \"_\", or the raw boxed bytes in base64)",
                        other,
                    ))
                }
            },
            Ty::Unresolved(why) => {
                return Err(EncodeError::new(EncodeErrorKind::Unsupported(why.clone())))
            }
        }
        Ok(())
    }

    fn bytes(&mut self, data: &[u8]) -> Result<()> {
        primitives::encode_bytes(data, &mut self.out)
            .map_err(|e| EncodeError::new(EncodeErrorKind::Wire(e)))
    }

    /// The object of constructor `c`, whose `"_"` must name exactly it.
    fn exactly<'v>(&self, c: CombinatorId, value: &'v Value) -> Result<&'v Map<String, Value>> {
        let wanted = &self.registry.schema.combinators[c].name;
        let object = expect_object(value, wanted)?;
        let name = constructor_name(object, wanted)?;
        if name != wanted {
            return Err(self.unknown_name(
                name,
                format!("bare `{wanted}`"),
                Some(format!(
                    "this field's type is the constructor `{wanted}` itself"
                )),
            ));
        }
        Ok(object)
    }

    fn boxed_constructor(&mut self, c: CombinatorId, object: &Map<String, Value>) -> Result<()> {
        self.enter()?;
        let id = self.registry.schema.combinators[c].id;
        self.out.extend_from_slice(&id.to_le_bytes());
        self.body(c, object)?;
        self.leave();
        Ok(())
    }

    /// The bare body of constructor `c` from its JSON object.
    fn body(&mut self, c: CombinatorId, object: &Map<String, Value>) -> Result<()> {
        let registry = self.registry;
        let combinator = &registry.schema.combinators[c];
        let is_root = std::mem::replace(&mut self.at_root, false);
        let result = self.fields(c, object);
        if is_root {
            result.map_err(|e| e.in_root(&combinator.name))
        } else {
            result
        }
    }

    fn fields(&mut self, c: CombinatorId, object: &Map<String, Value>) -> Result<()> {
        let registry = self.registry;
        let combinator = &registry.schema.combinators[c];
        if let Some(why) = combinator.unsupported() {
            return Err(EncodeError::new(EncodeErrorKind::Unsupported(format!(
                "`{}`: {why}",
                combinator.name
            ))));
        }
        let mut words = vec![FlagsWord::default(); combinator.flag_words];
        let mut object_len_at = None;
        // `"_"` plus every key that is a parameter: anything else is an unknown field.
        let mut known_keys = 1;
        for param in &combinator.params {
            let field = object.get(&param.name);
            known_keys += usize::from(field.is_some());
            match &param.kind {
                // The bits that fields use are derived; the others are data, 0 when the
                // key is absent or null (TL-JSON revision 2).
                ParamKind::FlagsWord { word, used } => {
                    let given = match field {
                        None | Some(Value::Null) => None,
                        Some(value) => Some(
                            scalars::integer(value, "#", 0, i64::from(u32::MAX))
                                .map_err(|e| e.in_field(&param.name))?
                                as u32,
                        ),
                    };
                    words[*word] = FlagsWord {
                        position: self.out.len(),
                        used: *used,
                        given,
                        ..FlagsWord::default()
                    };
                    self.out.extend_from_slice(&[0; 4]);
                }
                // Derived too, but a value given must be the one derived: a wrong length
                // written by hand is a mistake to report, not to correct silently.
                ParamKind::ObjectLength => {
                    object_len_at = Some((self.out.len(), &param.name, field));
                    self.out.extend_from_slice(&[0; 4]);
                }
                ParamKind::FlagTrue { flag: condition } => {
                    let set = match field {
                        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
                        Some(Value::Bool(true)) => true,
                        Some(other) => {
                            return Err(scalars::wrong_type(
                                "a flag (true, or false/absent for unset)",
                                other,
                            )
                            .in_field(&param.name))
                        }
                    };
                    let word = &mut words[condition.word];
                    if set {
                        word.present |= condition.mask();
                    } else {
                        word.absent |= condition.mask();
                    }
                }
                ParamKind::Value {
                    ty,
                    flag: condition,
                } => {
                    let field = match condition {
                        None => match field {
                            Some(field) => field,
                            None => {
                                return Err(EncodeError::new(EncodeErrorKind::MissingField {
                                    field: param.name.clone(),
                                    expected: registry.schema.describe(ty),
                                }))
                            }
                        },
                        Some(condition) => {
                            let word = &mut words[condition.word];
                            match field {
                                // `null` is an absent optional field, as in serde.
                                None | Some(Value::Null) => {
                                    word.absent |= condition.mask();
                                    continue;
                                }
                                Some(field) => {
                                    word.present |= condition.mask();
                                    field
                                }
                            }
                        }
                    };
                    let start = self.out.len();
                    self.value(ty, field).map_err(|e| e.in_field(&param.name))?;
                    if let (Ty::Object, Some((at, len_name, given))) = (ty, object_len_at.take()) {
                        let len = self.out.len() - start;
                        let len = i32::try_from(len).map_err(|_| {
                            EncodeError::new(EncodeErrorKind::Wire(
                                tl_runtime::EncodeError::TooLong { len },
                            ))
                            .in_field(&param.name)
                        })?;
                        match given {
                            None | Some(Value::Null) => {}
                            Some(given) if given.as_i64() == Some(i64::from(len)) => {}
                            Some(given) => {
                                return Err(EncodeError::new(EncodeErrorKind::LengthMismatch {
                                    body: param.name.clone(),
                                    given: given.to_string(),
                                    actual: len,
                                })
                                .in_field(len_name))
                            }
                        }
                        self.out[at..at + 4].copy_from_slice(&len.to_le_bytes());
                    }
                }
            }
        }
        if known_keys != object.len() {
            return Err(unknown_field(c, registry, object));
        }
        for (index, word) in words.iter().enumerate() {
            let conflict = word.present & word.absent;
            if conflict != 0 {
                return Err(inconsistent_flags(registry, c, index, conflict, object));
            }
            let given = word.given.unwrap_or(0);
            let disagree = (given ^ word.present) & word.used;
            if word.given.is_some() && disagree != 0 {
                return Err(flag_bit_disagrees(registry, c, index, given, disagree));
            }
            let value = word.present | (given & !word.used);
            self.out[word.position..word.position + 4].copy_from_slice(&value.to_le_bytes());
        }
        Ok(())
    }

    /// Of the constructors or functions sharing a name, the first whose parameters
    /// take every key of `object` (api.tl's `message` or mtproto.tl's).
    fn pick_by_name(
        &self,
        candidates: &[CombinatorId],
        object: &Map<String, Value>,
    ) -> Option<CombinatorId> {
        let fits = |&c: &CombinatorId| {
            let params = &self.registry.schema.combinators[c].params;
            object
                .keys()
                .all(|key| key == "_" || params.iter().any(|p| &p.name == key))
        };
        match candidates {
            [] => None,
            [only] => Some(*only),
            several => several
                .iter()
                .copied()
                .find(fits)
                .or(several.first().copied()),
        }
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.max_depth {
            return Err(EncodeError::new(EncodeErrorKind::DepthLimitExceeded {
                limit: self.max_depth,
            }));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Where a name that is not a constructor of the expected type is defined, or a
    /// close name that is.
    fn elsewhere(&self, name: &str) -> Option<String> {
        let registry = self.registry;
        if let Some(&c) = registry.schema.with_name(name).first() {
            let combinator = &registry.schema.combinators[c];
            return Some(if combinator.is_function {
                format!("`{name}` is a function")
            } else {
                let of = combinator
                    .type_id
                    .map_or("another type", |t| registry.schema.types[t].name.as_str());
                format!("`{name}` is a constructor of {of}")
            });
        }
        None
    }

    fn unknown_name(&self, name: &str, expected: String, hint: Option<String>) -> EncodeError {
        let hint = hint.or_else(|| {
            self.registry
                .similar_name(name)
                .map(|close| format!("did you mean `{close}`?"))
        });
        EncodeError::new(EncodeErrorKind::UnknownConstructor {
            name: name.to_owned(),
            expected,
            hint,
        })
    }
}

fn expect_object<'v>(value: &'v Value, expected: &str) -> Result<&'v Map<String, Value>> {
    match value {
        Value::Object(object) => Ok(object),
        other => Err(scalars::wrong_type(
            &format!("{expected} (a JSON object with \"_\")"),
            other,
        )),
    }
}

fn constructor_name<'v>(object: &'v Map<String, Value>, expected: &str) -> Result<&'v str> {
    match object.get("_") {
        Some(Value::String(name)) => Ok(name),
        Some(other) => Err(scalars::wrong_type(
            "a constructor name as \"_\" (a JSON string)",
            other,
        )),
        None => Err(EncodeError::new(EncodeErrorKind::MissingConstructorName {
            expected: expected.to_owned(),
        })),
    }
}

fn unknown_field(c: CombinatorId, registry: &Registry, object: &Map<String, Value>) -> EncodeError {
    let combinator = &registry.schema.combinators[c];
    let field = object
        .keys()
        .find(|key| *key != "_" && !combinator.params.iter().any(|p| &p.name == *key))
        .cloned()
        .unwrap_or_default();
    EncodeError::new(EncodeErrorKind::UnknownField {
        field,
        constructor: combinator.name.clone(),
    })
}

/// A given flags word whose bit `disagree` (the lowest set) says otherwise than the fields
/// that use it.
fn flag_bit_disagrees(
    registry: &Registry,
    c: CombinatorId,
    word: usize,
    given: u32,
    disagree: u32,
) -> EncodeError {
    let combinator = &registry.schema.combinators[c];
    let bit = disagree.trailing_zeros();
    let mut holder = String::new();
    let mut fields = Vec::new();
    for param in &combinator.params {
        match &param.kind {
            ParamKind::FlagsWord { word: w, .. } if *w == word => holder = param.name.clone(),
            ParamKind::FlagTrue { flag }
            | ParamKind::Value {
                flag: Some(flag), ..
            } if flag.word == word && flag.bit == bit => fields.push(param.name.clone()),
            _ => {}
        }
    }
    EncodeError::new(EncodeErrorKind::FlagBitDisagrees {
        holder: holder.clone(),
        given,
        bit,
        fields,
        bit_set: given & (1 << bit) != 0,
    })
    .in_field(&holder)
}

fn inconsistent_flags(
    registry: &Registry,
    c: CombinatorId,
    word: usize,
    conflict: u32,
    object: &Map<String, Value>,
) -> EncodeError {
    let combinator = &registry.schema.combinators[c];
    let bit = conflict.trailing_zeros();
    let mask = 1u32 << bit;
    let holder = combinator
        .params
        .iter()
        .find(|p| matches!(p.kind, ParamKind::FlagsWord { word: w, .. } if w == word))
        .map_or_else(String::new, |p| p.name.clone());
    let (mut present, mut absent) = (Vec::new(), Vec::new());
    for param in &combinator.params {
        let condition = match &param.kind {
            ParamKind::FlagTrue { flag: condition } => condition,
            ParamKind::Value {
                flag: Some(condition),
                ..
            } => condition,
            _ => continue,
        };
        if condition.word != word || condition.mask() != mask {
            continue;
        }
        // As `fields` decided: absent or null is unset, and `false` too for a
        // `flags.N?true` (an optional `Bool` that is `false` is present).
        let set = !matches!(
            (&param.kind, object.get(&param.name)),
            (_, None | Some(Value::Null)) | (ParamKind::FlagTrue { .. }, Some(Value::Bool(false)))
        );
        if set {
            present.push(param.name.clone());
        } else {
            absent.push(param.name.clone());
        }
    }
    EncodeError::new(EncodeErrorKind::InconsistentFlags(Box::new(FlagConflict {
        constructor: combinator.name.clone(),
        holder,
        bit,
        present,
        absent,
    })))
}

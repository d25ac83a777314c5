//! Types named by the caller (`Vector<long>`, `inputPeerUser`, `%Message`, `int`), for
//! values whose type the bytes do not say: bare values, and boxed vectors.

use tl_parser::{IdRule, ParamKind as AstParamKind};

use crate::error::TypeError;
use crate::registry::{Registry, Ty};

/// A type resolved against a [`Registry`], in the form (bare or boxed) it was asked for.
/// Get one from [`Registry::bare_type`] or [`Registry::boxed_type`]; it is only
/// meaningful with the registry that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlType {
    text: String,
    pub(crate) ty: Ty,
}

impl TlType {
    /// The type as it was given.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl Registry {
    /// The bare form of a type: a constructor (`inputPeerUser`, `%InputPeer` when it has
    /// one constructor), a primitive (`int`, `string`), or a vector (`vector<long>`;
    /// `Vector<long>` means the same here: its count and elements, without the ID).
    pub fn bare_type(&self, text: &str) -> Result<TlType, TypeError> {
        let ty = self.named_type(text)?;
        let error = |reason: String| TypeError {
            text: text.to_owned(),
            reason,
        };
        let bare = match ty {
            Ty::Boxed(t) => match self.schema.types[t].by_id.as_slice() {
                [only] => Ty::Bare(*only),
                several => {
                    let example = &self.schema.combinators[several[0]].name;
                    return Err(error(format!(
                        "it has {} constructors, and a bare value is the body of one: name the constructor (such as `{example}`)",
                        several.len()
                    )));
                }
            },
            Ty::Vector { element, .. } => Ty::Vector {
                boxed: false,
                element,
            },
            Ty::True { .. } => Ty::True { boxed: false },
            Ty::Bool => {
                return Err(error(
                    "Bool has two constructors (boolTrue, boolFalse) and no bare form".into(),
                ))
            }
            Ty::Object | Ty::AnyValue => {
                return Err(error(
                    "Object is any boxed value and has no bare form".into(),
                ))
            }
            other => other,
        };
        Ok(TlType {
            text: text.to_owned(),
            ty: bare,
        })
    }

    /// The boxed form of a type: an abstract type (`InputPeer`), one constructor with its
    /// ID (`inputPeerUser`), `Vector<T>`, `Bool`, or `Object` (any boxed value).
    pub fn boxed_type(&self, text: &str) -> Result<TlType, TypeError> {
        let ty = self.named_type(text)?;
        let boxed = match ty {
            Ty::Bare(c) => Ty::BoxedConstructor(c),
            Ty::Vector { element, .. } => Ty::Vector {
                boxed: true,
                element,
            },
            Ty::True { .. } => Ty::True { boxed: true },
            Ty::Int
            | Ty::Long
            | Ty::Double
            | Ty::Nat
            | Ty::Int128
            | Ty::Int256
            | Ty::Int512
            | Ty::String
            | Ty::Bytes => {
                return Err(TypeError {
                    text: text.to_owned(),
                    reason: "a primitive has no boxed form here: use it bare".into(),
                })
            }
            other => other,
        };
        Ok(TlType {
            text: text.to_owned(),
            ty: boxed,
        })
    }

    /// Parses `text` as the type of a parameter (with the parser itself, so every
    /// spelling a schema may use works) and resolves it against every file.
    fn named_type(&self, text: &str) -> Result<Ty, TypeError> {
        let error = |reason: String| TypeError {
            text: text.to_owned(),
            reason,
        };
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.contains([';', '=', '\n', '{', '}', ':', '?', '!']) {
            return Err(error("not a type expression".into()));
        }
        let declaration = format!("tl_reflect_type value:{trimmed} = TlReflectType");
        let definition = tl_parser::parse_definition(&declaration, IdRule::Telegram)
            .map_err(|_| error("not a type expression".into()))?;
        let [param] = definition.params.as_slice() else {
            return Err(error("not a single type".into()));
        };
        let ty = match &param.kind {
            AstParamKind::FlagsWord => Ty::Nat,
            AstParamKind::Value {
                ty,
                flag: None,
                bang: false,
            } => self.schema.resolve(ty, false, None, &[]),
            _ => return Err(error("not a type expression".into())),
        };
        if let Some(why) = unresolved(&ty) {
            return Err(error(why.to_owned()));
        }
        Ok(ty)
    }
}

fn unresolved(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Unresolved(why) => Some(why),
        Ty::Vector { element, .. } => unresolved(element),
        _ => None,
    }
}

//! What a parameter and a type reference mean: every rule of type resolution, decided
//! once for every consumer.

use tl_parser::{Parameter, TypeRef};

use crate::builtin;
use crate::schema::{Flag, Param, ParamKind, Schema};
use crate::ty::{CombinatorId, Ty, TypeId};

impl Schema {
    /// The parameters of combinator `c`, its number of flags words, and its problems.
    pub(crate) fn params_of(&self, c: CombinatorId) -> (Vec<Param>, usize, Vec<String>) {
        let combinator = &self.combinators[c];
        let def = &combinator.def;
        let generics: Vec<&str> = combinator.generics().collect();
        let mut params = Vec::with_capacity(def.params.len());
        let mut words: Vec<&str> = Vec::new();
        let mut problems = Vec::new();
        for (position, param) in def.params.iter().enumerate() {
            let Some(name) = param.name.as_deref() else {
                problems.push("anonymous parameter outside a builtin".to_owned());
                continue;
            };
            let kind = match &param.kind {
                tl_parser::ParamKind::FlagsWord => {
                    words.push(name);
                    ParamKind::FlagsWord {
                        word: words.len() - 1,
                        used: 0,
                    }
                }
                tl_parser::ParamKind::Repeat { .. } => {
                    problems.push(format!(
                        "parameter `{name}`: repetition `[ ... ]` is only supported in builtins"
                    ));
                    continue;
                }
                tl_parser::ParamKind::Value { ty, flag, bang } => {
                    let flag = match flag {
                        None => None,
                        Some(flag) => match resolve_flag(flag, &words) {
                            Ok(flag) => Some(flag),
                            Err(why) => {
                                problems.push(format!("parameter `{name}`: {why}"));
                                continue;
                            }
                        },
                    };
                    let next = def.params.get(position + 1);
                    match self.value_kind(name, ty, *bang, flag, next, combinator.file, &generics) {
                        Ok(kind) => kind,
                        Err(why) => {
                            problems.push(why);
                            continue;
                        }
                    }
                }
            };
            params.push(Param {
                name: name.to_owned(),
                kind,
                doc: param.doc.clone(),
            });
        }
        read_objects_by_id(&mut params);
        mark_used_bits(&mut params);
        (params, words.len(), problems)
    }

    /// A `name:T` or `name:flags.N?T` parameter.
    #[allow(clippy::too_many_arguments)]
    fn value_kind(
        &self,
        name: &str,
        ty: &TypeRef,
        bang: bool,
        flag: Option<Flag>,
        next: Option<&Parameter>,
        file: usize,
        generics: &[&str],
    ) -> Result<ParamKind, String> {
        let plain_true = ty.name.as_str() == "true" && ty.namespace.is_empty() && !ty.percent;
        if plain_true && !bang {
            if let Some(flag) = flag {
                return Ok(ParamKind::FlagTrue { flag });
            }
        }
        if name == "bytes" && flag.is_none() && ty.full_name() == "int" && next_is_object(next) {
            return Ok(ParamKind::ObjectLength);
        }
        let ty = self.resolve(ty, bang, Some(file), generics);
        match ty.unresolved() {
            Some(why) => Err(why.to_owned()),
            None => Ok(ParamKind::Value { ty, flag }),
        }
    }

    /// What a type reference means, seen from file `file` (`None`: from outside, where
    /// every file's constructors count). `generics` are the type variables in scope.
    pub fn resolve(&self, ty: &TypeRef, bang: bool, file: Option<usize>, generics: &[&str]) -> Ty {
        let full = ty.full_name();
        if ty.generic || (ty.namespace.is_empty() && generics.contains(&ty.name.as_str())) {
            return Ty::Generic(ty.name.to_string());
        }
        if bang {
            return Ty::Unresolved(format!("`!{full}` must name a type variable"));
        }
        if full == "Vector" || full == "vector" {
            return self.resolve_vector(ty, &full, file, generics);
        }
        if !ty.args.is_empty() {
            return Ty::Unresolved(format!("type `{full}` takes no arguments"));
        }
        if let Some(primitive) = builtin::builtin_type(&full) {
            return match (primitive, ty.percent) {
                (Ty::Bool, true) => Ty::Unresolved("`%Bool` has no single constructor".into()),
                (Ty::Object, true) => Ty::Unresolved("`%Object` has no single constructor".into()),
                // `%True` is the bare form of `True`: `true`, no bytes.
                (Ty::True { .. }, true) => Ty::True { boxed: false },
                (primitive, _) => primitive,
            };
        }
        if self.is_any_value(ty, &full, file) {
            return Ty::AnyValue;
        }
        if ty.percent {
            return self.resolve_percent(&full, file);
        }
        if ty.is_bare() {
            return self.resolve_bare_name(&full, file);
        }
        match self.type_named(&full, file) {
            Some(t) => Ty::Boxed(t),
            None => Ty::Unresolved(format!("unknown type `{full}`")),
        }
    }

    /// `Vector<T>` (boxed) and `vector<T>` (bare).
    fn resolve_vector(
        &self,
        ty: &TypeRef,
        full: &str,
        file: Option<usize>,
        generics: &[&str],
    ) -> Ty {
        let [element] = ty.args.as_slice() else {
            return Ty::Unresolved(format!("`{full}` takes exactly one type argument"));
        };
        let element = self.resolve(element, false, file, generics);
        if matches!(element, Ty::Object | Ty::AnyValue) {
            // Decided once for both codecs (see the crate's rules): no codec reads a
            // vector of values of any type.
            return Ty::Unresolved(format!(
                "`{full}` of `Object` is not supported: an element of unknown type has no type to decode into"
            ));
        }
        Ty::Vector {
            boxed: full == "Vector",
            element: Box::new(element),
        }
    }

    /// TON's and TDLib's `object ? = Object;`, `function ? = Function;`: a value of any
    /// constructor, or any function, unless the schema defines these names itself.
    fn is_any_value(&self, ty: &TypeRef, full: &str, file: Option<usize>) -> bool {
        matches!(full, "object" | "Function" | "function")
            && !ty.percent
            && self.type_named(full, file).is_none()
            && self.constructor_named(full, file).is_none()
    }

    /// `%T`: the single constructor of `T` (seen from the file, when the files' `T`s
    /// differ), or `%t` naming the constructor itself.
    fn resolve_percent(&self, full: &str, file: Option<usize>) -> Ty {
        if let Some(scopes) = self.types_by_name.get(full) {
            let own = file.and_then(|file| scopes.per_file.iter().find(|(f, _)| *f == file));
            let candidates = [Some(scopes.all_files), own.map(|&(_, t)| t)];
            for t in candidates.into_iter().flatten() {
                if let [only] = self.types[t].constructors.as_slice() {
                    return Ty::Bare(*only);
                }
            }
            let t = own.map_or(scopes.all_files, |&(_, t)| t);
            return Ty::Unresolved(format!(
                "`%{full}` needs exactly one constructor, `{full}` has {}",
                self.types[t].constructors.len()
            ));
        }
        // Some copies write `%message` for `%Message`: the constructor itself.
        match self.constructor_named(full, file) {
            Some(c) => Ty::Bare(c),
            None => Ty::Unresolved(format!("unknown type `{full}`")),
        }
    }

    /// A lowercase name used as a type: that constructor, bare.
    fn resolve_bare_name(&self, full: &str, file: Option<usize>) -> Ty {
        if let Some(c) = self.constructor_named(full, file) {
            return Ty::Bare(c);
        }
        if self
            .with_name(full)
            .iter()
            .any(|&c| self.combinators[c].is_function)
        {
            return Ty::Unresolved(format!(
                "`{full}` is a function, not a constructor: only a constructor can be a bare type"
            ));
        }
        Ty::Unresolved(format!("unknown constructor `{full}` used as a bare type"))
    }

    /// The abstract type a name means, seen from `file`: the union over every file,
    /// except where constructors of the type in different files share a name, and the
    /// file has constructors of its own.
    pub fn type_named(&self, name: &str, file: Option<usize>) -> Option<TypeId> {
        let scopes = self.types_by_name.get(name)?;
        let own = file.and_then(|file| scopes.per_file.iter().find(|(f, _)| *f == file));
        let t = own.map_or(scopes.all_files, |&(_, t)| t);
        (!self.types[t].provided).then_some(t)
    }

    /// The constructor a name means, seen from `file`: the file's own first, then the
    /// first in file order. Provided constructors (`boolTrue`) count.
    pub fn constructor_named(&self, name: &str, file: Option<usize>) -> Option<CombinatorId> {
        let found = self.constructors_by_name.get(name)?;
        let own = file.and_then(|file| found.iter().find(|&&c| self.combinators[c].file == file));
        own.or(found.first()).copied()
    }
}

/// Whether the parameter after `bytes:int` is an unconditional `Object` (MTProto's
/// `message msg_id:long seqno:int bytes:int body:Object`).
fn next_is_object(next: Option<&Parameter>) -> bool {
    next.is_some_and(|next| {
        matches!(&next.kind, tl_parser::ParamKind::Value { ty, flag: None, .. } if ty.full_name() == "Object")
    })
}

/// An `Object` parameter is the rest of the input only where nothing follows it on the
/// wire (`rpc_result.result`), or its length comes right before it (`message.body`).
/// Anywhere else (optional, or followed by other fields) nothing says where it ends, so
/// it is read like TON's `object`: one boxed value of the schema, by its ID.
fn read_objects_by_id(params: &mut [Param]) {
    for index in 0..params.len() {
        let after_length = index > 0 && params[index - 1].kind == ParamKind::ObjectLength;
        let last = params[index + 1..]
            .iter()
            .all(|p| matches!(p.kind, ParamKind::FlagTrue { .. }));
        if let ParamKind::Value {
            ty: ty @ Ty::Object,
            flag,
        } = &mut params[index].kind
        {
            if flag.is_some() || !(after_length || last) {
                *ty = Ty::AnyValue;
            }
        }
    }
}

/// `holder.N?`: the holder must be an earlier `#` parameter and the bit below 32.
fn resolve_flag(flag: &tl_parser::Flag, words: &[&str]) -> Result<Flag, String> {
    let holder = flag.holder.as_str();
    let word = words.iter().position(|w| *w == holder);
    match word {
        Some(word) if flag.bit < 32 => Ok(Flag {
            holder: holder.to_owned(),
            word,
            bit: flag.bit,
            shared: flag.shared,
        }),
        _ => Err(format!(
            "`{holder}.{}` is not a bit of an earlier `#` parameter",
            flag.bit
        )),
    }
}

/// Fills in each flags word's `used`: the bits that its conditional parameters refer to.
/// The other bits are data (TL-JSON revision 2); a word that no parameter refers to is a
/// plain number (TON's `count:#`).
fn mark_used_bits(params: &mut [Param]) {
    let mut used = Vec::new();
    for param in params.iter() {
        let flag = match &param.kind {
            ParamKind::Value {
                flag: Some(flag), ..
            }
            | ParamKind::FlagTrue { flag } => flag,
            _ => continue,
        };
        if used.len() <= flag.word {
            used.resize(flag.word + 1, 0u32);
        }
        used[flag.word] |= flag.mask();
    }
    for param in params.iter_mut() {
        if let ParamKind::FlagsWord { word, used: bits } = &mut param.kind {
            *bits = used.get(*word).copied().unwrap_or(0);
        }
    }
}

//! The index the codec walks: every constructor and function of a set of schema files,
//! with each parameter's type resolved once, looked up by ID and by name.
//!
//! Types resolve the way the generator resolves them (`Vector<T>` boxed, `vector<T>` and
//! lowercase names bare, `%T` the single constructor of `T`, `int`/`long`/... primitives,
//! `!X` any function). One thing differs because the generator can put files in separate
//! modules and this index cannot: a type name is looked up first among the constructors
//! of the file that uses it. `schema/api.tl` and `schema/mtproto.tl` both declare a
//! `message ... = Message`, and mtproto's `vector<%Message>` must mean its own.

use std::collections::HashMap;

use tl_parser::{Definition, ParamKind as AstParamKind, Schema, Section, TypeRef};

/// Index of a [`Combinator`] in [`Registry::combinators`].
pub(crate) type CombinatorId = usize;
/// Index of an [`AbstractType`] in [`Registry::types`].
pub(crate) type TypeId = usize;

/// A constructor or function.
#[derive(Clone, Debug)]
pub(crate) struct Combinator {
    /// Full TL name, namespace included: what `"_"` holds.
    pub name: String,
    /// The ID that goes on the wire.
    pub id: u32,
    pub is_function: bool,
    pub params: Vec<Param>,
    /// How many `#` parameters (flags words) there are.
    pub flag_words: usize,
    /// Decoding this constructor bare can reach itself bare again (through `%T` or a
    /// constructor name) without a boxed value or a vector in between, so it has to count
    /// against the depth limit itself. No real schema does this.
    pub bare_cycle: bool,
    /// The fewest bytes the bare form takes: bounds vector counts before allocating.
    pub min_len: usize,
    /// Why the codec cannot handle it at all, if it cannot.
    pub unsupported: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Param {
    pub name: String,
    pub kind: ParamKind,
}

#[derive(Clone, Debug)]
pub(crate) enum ParamKind {
    /// `flags:#`: derived on encode, never in TL-JSON.
    FlagsWord { word: usize },
    /// `name:T` or `name:flags.N?T`.
    Value {
        ty: Ty,
        condition: Option<Condition>,
    },
    /// `name:flags.N?true`: the bit itself, no bytes.
    FlagTrue { condition: Condition },
    /// MTProto's `message`: `bytes:int` is the byte length of the `Object` that follows.
    /// Derived on encode and not in TL-JSON, as in the generated code.
    ObjectLength,
}

/// `flags.N?`: which flags word of the constructor, and the bit as a mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Condition {
    pub word: usize,
    pub mask: u32,
}

/// A resolved type: what is on the wire and what it is in TL-JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Long,
    Double,
    /// `#` as a value.
    Nat,
    Int128,
    Int256,
    Int512,
    String,
    Bytes,
    /// `boolTrue`/`boolFalse`, boxed.
    Bool,
    /// `True` as a value (boxed: its ID) or `true`/`%True` (nothing).
    True {
        boxed: bool,
    },
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector {
        boxed: bool,
        element: Box<Ty>,
    },
    /// An abstract type: one of its constructors, boxed.
    Boxed(TypeId),
    /// A constructor used as a bare type (`%Message`, `future_salt`).
    Bare(CombinatorId),
    /// One given constructor, boxed (only from a type name given by the caller).
    BoxedConstructor(CombinatorId),
    /// A type variable (`!X`): a whole function call, boxed.
    Function,
    /// `Object`: any boxed value.
    Object,
    /// TON's and TDLib's `object`, `function` and `Function` (`object ? = Object;` in the
    /// schema): one boxed value of any constructor or function of the schemas, found by
    /// its ID (the generated code's `decode_any_object`).
    AnyValue,
    /// A type the schemas do not define, or cannot be used here: the reason.
    Unresolved(String),
}

/// An abstract type (a result type of constructors), as seen from one file or from all.
#[derive(Clone, Debug)]
pub(crate) struct AbstractType {
    pub name: String,
    /// Its constructors, sorted by ID.
    pub by_id: Vec<CombinatorId>,
    /// Its constructors, sorted by name.
    pub by_name: Vec<CombinatorId>,
}

/// Every constructor and function of a set of schema files, ready to encode and decode
/// TL-JSON. Build it once ([`Registry::new`] or [`Registry::from_sources`]) and reuse it:
/// lookups by ID and name are hash or binary searches, and no type is resolved twice.
#[derive(Clone, Debug)]
pub struct Registry {
    pub(crate) combinators: Vec<Combinator>,
    pub(crate) types: Vec<AbstractType>,
    /// Constructors and functions by ID, in file order (a few schemas reuse an ID).
    by_id: HashMap<u32, Vec<CombinatorId>>,
    /// Constructors and functions by full name, in file order (api.tl and mtproto.tl
    /// both have a `message`).
    by_name: HashMap<String, Vec<CombinatorId>>,
    /// Abstract types by name: the union over all files, and each file's own view.
    types_by_name: HashMap<String, TypeScopes>,
    /// Constructors (types sections only) by name, with their file.
    constructors_by_name: HashMap<String, Vec<(usize, CombinatorId)>>,
    /// Every name, sorted: for "did you mean" hints.
    sorted_names: Vec<String>,
}

#[derive(Clone, Debug, Default)]
struct TypeScopes {
    all_files: TypeId,
    per_file: Vec<(usize, TypeId)>,
}

/// TL type names the runtime provides rather than the schema (as in the generator).
fn primitive(full_name: &str) -> Option<Ty> {
    Some(match full_name {
        "int" | "Int" | "int32" | "Int32" => Ty::Int,
        "long" | "Long" | "int64" | "Int64" | "int53" | "Int53" => Ty::Long,
        "double" | "Double" => Ty::Double,
        "#" | "nat" => Ty::Nat,
        "int128" | "Int128" => Ty::Int128,
        "int256" | "Int256" => Ty::Int256,
        "int512" | "Int512" => Ty::Int512,
        // TDLib's and tonlib's `secureString = SecureString;`, `secureBytes = SecureBytes;`.
        "string" | "String" | "secureString" | "SecureString" => Ty::String,
        "bytes" | "Bytes" | "secureBytes" | "SecureBytes" => Ty::Bytes,
        "Bool" => Ty::Bool,
        "True" => Ty::True { boxed: true },
        "true" => Ty::True { boxed: false },
        "Object" => Ty::Object,
        _ => return None,
    })
}

impl Registry {
    /// Indexes the definitions of `files`, read together (api.tl and mtproto.tl refer to
    /// each other's types). The files are expected to be valid (see
    /// [`from_sources`](Self::from_sources)); a type that none of them defines only fails
    /// when a value of it is encoded or decoded.
    pub fn new(files: &[&Schema]) -> Registry {
        let mut registry = Registry {
            combinators: Vec::new(),
            types: Vec::new(),
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            types_by_name: HashMap::new(),
            constructors_by_name: HashMap::new(),
            sorted_names: Vec::new(),
        };
        // Pass 1: names, IDs and abstract types, so that pass 2 can resolve references
        // in any direction.
        let mut definitions: Vec<(usize, &Definition)> = Vec::new();
        let mut members: HashMap<String, Vec<(usize, CombinatorId)>> = HashMap::new();
        for (file, schema) in files.iter().enumerate() {
            for def in &schema.definitions {
                if def.builtin.is_some() || def.question_mark {
                    continue;
                }
                let index = registry.combinators.len();
                let name = def.full_name();
                let is_function = def.section == Section::Functions;
                registry.combinators.push(Combinator {
                    name: name.clone(),
                    id: def.id(),
                    is_function,
                    params: Vec::new(),
                    flag_words: 0,
                    bare_cycle: false,
                    min_len: 0,
                    unsupported: None,
                });
                registry.by_id.entry(def.id()).or_default().push(index);
                if !is_function {
                    members
                        .entry(def.result.full_name())
                        .or_default()
                        .push((file, index));
                    registry
                        .constructors_by_name
                        .entry(name.clone())
                        .or_default()
                        .push((file, index));
                }
                registry.by_name.entry(name).or_default().push(index);
                definitions.push((file, def));
            }
        }
        registry.add_types(members);
        // Pass 2: parameters.
        for (index, (file, def)) in definitions.iter().enumerate() {
            let (params, flag_words, unsupported) = registry.params(*file, def);
            let combinator = &mut registry.combinators[index];
            combinator.params = params;
            combinator.flag_words = flag_words;
            combinator.unsupported = unsupported;
        }
        registry.mark_bare_cycles();
        registry.compute_min_lens();
        let mut names: Vec<String> = registry.by_name.keys().cloned().collect();
        names.sort();
        registry.sorted_names = names;
        registry
    }

    fn add_types(&mut self, members: HashMap<String, Vec<(usize, CombinatorId)>>) {
        let mut names: Vec<&String> = members.keys().collect();
        names.sort();
        for name in names {
            let constructors = &members[name];
            let all_files = self.add_type(name, constructors.iter().map(|&(_, c)| c));
            let mut files: Vec<usize> = constructors.iter().map(|&(f, _)| f).collect();
            files.dedup();
            let per_file = if files.len() > 1 {
                files
                    .iter()
                    .map(|&file| {
                        let own = constructors
                            .iter()
                            .filter(|&&(f, _)| f == file)
                            .map(|&(_, c)| c);
                        (file, self.add_type(name, own))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            self.types_by_name.insert(
                name.clone(),
                TypeScopes {
                    all_files,
                    per_file,
                },
            );
        }
    }

    fn add_type(&mut self, name: &str, constructors: impl Iterator<Item = CombinatorId>) -> TypeId {
        let mut by_id: Vec<CombinatorId> = constructors.collect();
        let mut by_name = by_id.clone();
        by_id.sort_by_key(|&c| self.combinators[c].id);
        by_name.sort_by(|&a, &b| self.combinators[a].name.cmp(&self.combinators[b].name));
        self.types.push(AbstractType {
            name: name.to_owned(),
            by_id,
            by_name,
        });
        self.types.len() - 1
    }

    /// The parameters of `def` (declared in file `file`), the number of flags words, and
    /// why the definition cannot be used, if it cannot.
    fn params(&self, file: usize, def: &Definition) -> (Vec<Param>, usize, Option<String>) {
        let generics: Vec<&str> = def.generics.iter().map(|g| g.name.as_str()).collect();
        let mut params = Vec::with_capacity(def.params.len());
        let mut words: Vec<&str> = Vec::new();
        let mut unsupported = None;
        for (position, param) in def.params.iter().enumerate() {
            let Some(name) = param.name.as_deref() else {
                unsupported = Some("an anonymous parameter outside a builtin".to_owned());
                continue;
            };
            let kind = match &param.kind {
                AstParamKind::FlagsWord => {
                    words.push(name);
                    ParamKind::FlagsWord {
                        word: words.len() - 1,
                    }
                }
                AstParamKind::Repeat { .. } => {
                    unsupported = Some(format!(
                        "parameter `{name}` is a repetition `[ ... ]`, which is only supported in builtins"
                    ));
                    continue;
                }
                AstParamKind::Value { ty, flag, bang } => {
                    let condition = match flag {
                        None => None,
                        Some(flag) => {
                            let word = words.iter().position(|w| *w == flag.holder.as_str());
                            match (word, 1u32.checked_shl(flag.bit)) {
                                (Some(word), Some(mask)) => Some(Condition { word, mask }),
                                _ => {
                                    unsupported = Some(format!(
                                        "parameter `{name}`: `{}.{}` is not a bit of an earlier `#` parameter",
                                        flag.holder.as_str(),
                                        flag.bit
                                    ));
                                    continue;
                                }
                            }
                        }
                    };
                    let is_true_flag = ty.name.as_str() == "true"
                        && ty.namespace.is_empty()
                        && !ty.percent
                        && condition.is_some();
                    let next_is_object = def.params.get(position + 1).is_some_and(|next| {
                        matches!(&next.kind, AstParamKind::Value { ty, flag: None, .. } if ty.full_name() == "Object")
                    });
                    match condition {
                        Some(condition) if is_true_flag => ParamKind::FlagTrue { condition },
                        None if name == "bytes" && ty.full_name() == "int" && next_is_object => {
                            ParamKind::ObjectLength
                        }
                        _ => ParamKind::Value {
                            ty: self.resolve(ty, *bang, Some(file), &generics),
                            condition,
                        },
                    }
                }
            };
            params.push(Param {
                name: name.to_owned(),
                kind,
            });
        }
        (params, words.len(), unsupported)
    }

    /// What a type reference means, seen from file `file` (`None`: from outside, where
    /// every file's constructors count).
    pub(crate) fn resolve(
        &self,
        ty: &TypeRef,
        bang: bool,
        file: Option<usize>,
        generics: &[&str],
    ) -> Ty {
        let full = ty.full_name();
        if ty.generic || (ty.namespace.is_empty() && generics.contains(&ty.name.as_str())) {
            return Ty::Function;
        }
        if bang {
            return Ty::Unresolved(format!("`!{full}` must name a type variable"));
        }
        if full == "Vector" || full == "vector" {
            let [element] = ty.args.as_slice() else {
                return Ty::Unresolved(format!("`{full}` takes exactly one type argument"));
            };
            return Ty::Vector {
                boxed: full == "Vector",
                element: Box::new(self.resolve(element, false, file, generics)),
            };
        }
        if !ty.args.is_empty() {
            return Ty::Unresolved(format!("type `{full}` takes no arguments"));
        }
        if let Some(primitive) = primitive(&full) {
            return match (primitive, ty.percent) {
                (Ty::Bool, true) => Ty::Unresolved("`%Bool` has no single constructor".into()),
                (Ty::Object, true) => Ty::Unresolved("`%Object` has no single constructor".into()),
                (Ty::True { .. }, true) => Ty::True { boxed: false },
                (primitive, _) => primitive,
            };
        }
        if matches!(full.as_str(), "object" | "Function" | "function")
            && !ty.percent
            && self.type_named(&full, file).is_none()
            && self.constructor_named(&full, file).is_none()
        {
            return Ty::AnyValue;
        }
        if ty.percent {
            if let Some(t) = self.type_named(&full, file) {
                return match self.types[t].by_id.as_slice() {
                    [only] => Ty::Bare(*only),
                    constructors => Ty::Unresolved(format!(
                        "`%{full}` needs exactly one constructor, `{full}` has {}",
                        constructors.len()
                    )),
                };
            }
            // Some copies write `%message` for `%Message`: the constructor itself.
            return match self.constructor_named(&full, file) {
                Some(c) => Ty::Bare(c),
                None => Ty::Unresolved(format!("unknown type `{full}`")),
            };
        }
        if ty.is_bare() {
            return match self.constructor_named(&full, file) {
                Some(c) => Ty::Bare(c),
                None if self
                    .with_name(&full)
                    .iter()
                    .any(|&c| self.combinators[c].is_function) =>
                {
                    Ty::Unresolved(format!(
                        "`{full}` is a function, not a constructor: only a constructor can be a bare type"
                    ))
                }
                None => Ty::Unresolved(format!("unknown constructor `{full}` used as a bare type")),
            };
        }
        match self.type_named(&full, file) {
            Some(t) => Ty::Boxed(t),
            None => Ty::Unresolved(format!("unknown type `{full}`")),
        }
    }

    fn type_named(&self, name: &str, file: Option<usize>) -> Option<TypeId> {
        let scopes = self.types_by_name.get(name)?;
        let own = file.and_then(|file| scopes.per_file.iter().find(|(f, _)| *f == file));
        Some(own.map_or(scopes.all_files, |&(_, t)| t))
    }

    fn constructor_named(&self, name: &str, file: Option<usize>) -> Option<CombinatorId> {
        let found = self.constructors_by_name.get(name)?;
        let own = file.and_then(|file| found.iter().find(|(f, _)| *f == file));
        own.or(found.first()).map(|&(_, c)| c)
    }

    /// Marks constructors whose bare decoding can reach themselves bare again.
    fn mark_bare_cycles(&mut self) {
        // Repeatedly drop constructors that reach no remaining constructor bare; what
        // is left is on a cycle or leads into one (both get the depth check: harmless).
        let edges: Vec<Vec<CombinatorId>> = self
            .combinators
            .iter()
            .map(|c| {
                let mut out = Vec::new();
                for p in &c.params {
                    if let ParamKind::Value { ty, .. } = &p.kind {
                        bare_targets(ty, &mut out);
                    }
                }
                out
            })
            .collect();
        let mut remaining: Vec<bool> = edges.iter().map(|e| !e.is_empty()).collect();
        loop {
            let mut changed = false;
            for (c, targets) in edges.iter().enumerate() {
                if remaining[c] && !targets.iter().any(|&t| remaining[t]) {
                    remaining[c] = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for (combinator, on_cycle) in self.combinators.iter_mut().zip(remaining) {
            combinator.bare_cycle = on_cycle;
        }
    }

    fn compute_min_lens(&mut self) {
        let mut memo: Vec<Option<usize>> = vec![None; self.combinators.len()];
        for c in 0..self.combinators.len() {
            let len = self.min_len_of(c, &mut memo, 0);
            self.combinators[c].min_len = len;
        }
    }

    /// The fewest bytes the bare body of `c` takes. A bare cycle counts as 0 (a lower
    /// bound stays correct), and so does nesting past a small depth.
    fn min_len_of(&self, c: CombinatorId, memo: &mut Vec<Option<usize>>, depth: u32) -> usize {
        if let Some(len) = memo[c] {
            return len;
        }
        if depth > 16 || self.combinators[c].bare_cycle {
            return 0;
        }
        let mut len = 0usize;
        for p in &self.combinators[c].params {
            len = len.saturating_add(match &p.kind {
                ParamKind::FlagsWord { .. } | ParamKind::ObjectLength => 4,
                ParamKind::FlagTrue { .. }
                | ParamKind::Value {
                    condition: Some(_), ..
                } => 0,
                ParamKind::Value {
                    ty,
                    condition: None,
                } => match ty {
                    Ty::Bare(inner) => self.min_len_of(*inner, memo, depth + 1),
                    other => other.min_len_unless_bare(),
                },
            });
        }
        memo[c] = Some(len);
        len
    }

    /// The element's minimum wire length, for vector counts.
    pub(crate) fn min_len(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Bare(c) => self.combinators[*c].min_len,
            other => other.min_len_unless_bare(),
        }
    }

    /// The constructors and functions with this ID, in file order.
    pub(crate) fn with_id(&self, id: u32) -> &[CombinatorId] {
        self.by_id.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The constructors and functions with this full name, in file order.
    pub(crate) fn with_name(&self, name: &str) -> &[CombinatorId] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The constructor of abstract type `t` with ID `id`.
    pub(crate) fn constructor_of(&self, t: TypeId, id: u32) -> Option<CombinatorId> {
        let by_id = &self.types[t].by_id;
        by_id
            .binary_search_by_key(&id, |&c| self.combinators[c].id)
            .ok()
            .map(|i| by_id[i])
    }

    /// The constructor of abstract type `t` named `name`.
    pub(crate) fn constructor_of_named(&self, t: TypeId, name: &str) -> Option<CombinatorId> {
        let by_name = &self.types[t].by_name;
        by_name
            .binary_search_by(|&c| self.combinators[c].name.as_str().cmp(name))
            .ok()
            .map(|i| by_name[i])
    }

    /// A name of the schemas close to `name` (same letters ignoring case, or at most a
    /// few edits away), for error messages.
    pub(crate) fn similar_name(&self, name: &str) -> Option<&str> {
        if let Some(same) = self
            .sorted_names
            .iter()
            .find(|candidate| candidate.eq_ignore_ascii_case(name))
        {
            return Some(same);
        }
        let limit = (name.len() / 4).clamp(1, 3);
        self.sorted_names
            .iter()
            .filter(|candidate| candidate.len().abs_diff(name.len()) <= limit)
            .map(|candidate| (edit_distance(candidate, name), candidate))
            .filter(|(distance, _)| *distance <= limit)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, candidate)| candidate.as_str())
    }

    /// How many constructors and functions the registry holds.
    pub fn len(&self) -> usize {
        self.combinators.len()
    }

    /// Whether the schemas define no constructor or function at all.
    pub fn is_empty(&self) -> bool {
        self.combinators.is_empty()
    }

    /// Whether a constructor or function of this full name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// A human-readable TL spelling of a resolved type, for error messages.
    pub(crate) fn describe(&self, ty: &Ty) -> String {
        match ty {
            Ty::Int => "int".into(),
            Ty::Long => "long".into(),
            Ty::Double => "double".into(),
            Ty::Nat => "#".into(),
            Ty::Int128 => "int128".into(),
            Ty::Int256 => "int256".into(),
            Ty::Int512 => "int512".into(),
            Ty::String => "string".into(),
            Ty::Bytes => "bytes".into(),
            Ty::Bool => "Bool".into(),
            Ty::True { boxed: true } => "True".into(),
            Ty::True { boxed: false } => "true".into(),
            Ty::Vector { boxed, element } => format!(
                "{}<{}>",
                if *boxed { "Vector" } else { "vector" },
                self.describe(element)
            ),
            Ty::Boxed(t) => self.types[*t].name.clone(),
            Ty::Bare(c) => format!("%{}", self.combinators[*c].name),
            Ty::BoxedConstructor(c) => self.combinators[*c].name.clone(),
            Ty::Function => "a function (`!X`)".into(),
            Ty::Object | Ty::AnyValue => "Object".into(),
            Ty::Unresolved(why) => format!("an unusable type ({why})"),
        }
    }
}

impl Ty {
    /// Minimum wire length of every type but a bare constructor (which needs the registry).
    fn min_len_unless_bare(&self) -> usize {
        match self {
            Ty::Int | Ty::Nat | Ty::String | Ty::Bytes | Ty::Bool => 4,
            Ty::Long | Ty::Double => 8,
            Ty::Int128 => 16,
            Ty::Int256 => 32,
            Ty::Int512 => 64,
            Ty::True { boxed } => 4 * usize::from(*boxed),
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Vector { boxed: false, .. } => 4,
            Ty::Boxed(_) | Ty::BoxedConstructor(_) | Ty::Function | Ty::AnyValue => 4,
            Ty::Bare(_) | Ty::Object | Ty::Unresolved(_) => 0,
        }
    }
}

/// Constructors a type reaches bare, without a vector or a boxed value in between.
fn bare_targets(ty: &Ty, out: &mut Vec<CombinatorId>) {
    if let Ty::Bare(c) = ty {
        out.push(*c);
    }
}

/// Levenshtein distance over bytes (names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(!x.eq_ignore_ascii_case(&y));
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(files: &[&str]) -> Registry {
        let parsed: Vec<Schema> = files
            .iter()
            .map(|text| tl_parser::parse("t.tl", text, &Default::default()).schema)
            .collect();
        Registry::new(&parsed.iter().collect::<Vec<_>>())
    }

    fn param_ty<'r>(registry: &'r Registry, name: &str, param: &str) -> &'r Ty {
        let c = registry.with_name(name)[0];
        let p = registry.combinators[c]
            .params
            .iter()
            .find(|p| p.name == param)
            .unwrap();
        match &p.kind {
            ParamKind::Value { ty, .. } => ty,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_file_sees_its_own_constructors_of_a_shared_type_name() {
        let api = "message#94345242 id:int = Message;\nmessageEmpty#90a6ca84 id:int = Message;";
        let mtproto = "message msg_id:long seqno:int bytes:int body:Object = Message;\nmsg_container#73f1f8dc messages:vector<%Message> = MessageContainer;";
        let r = registry(&[api, mtproto]);
        assert_eq!(r.with_name("message").len(), 2);
        let Ty::Vector { element, .. } = param_ty(&r, "msg_container", "messages") else {
            panic!()
        };
        let Ty::Bare(c) = **element else { panic!() };
        assert_eq!(r.combinators[c].params.len(), 4);
        assert!(matches!(
            r.combinators[c].params[2].kind,
            ParamKind::ObjectLength
        ));
    }

    #[test]
    fn flags_true_flags_and_percent_resolve_like_the_generator() {
        let r = registry(&[
            "future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;\n\
             future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;\n\
             x#1 flags:# a:flags.0?true b:flags.1?Vector<long> flags2:# c:flags2.3?%FutureSalt = X;\n\
             ---functions---\n\
             invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;",
        ]);
        let c = &r.combinators[r.with_name("x")[0]];
        assert_eq!(c.flag_words, 2);
        assert!(matches!(
            c.params[1].kind,
            ParamKind::FlagTrue {
                condition: Condition { word: 0, mask: 1 }
            }
        ));
        assert!(matches!(
            c.params[4].kind,
            ParamKind::Value {
                ty: Ty::Bare(_),
                condition: Some(Condition { word: 1, mask: 8 })
            }
        ));
        assert_eq!(param_ty(&r, "invokeWithLayer", "query"), &Ty::Function);
        assert_eq!(r.combinators[r.with_name("future_salts")[0]].min_len, 16);
        assert_eq!(r.combinators[r.with_name("future_salt")[0]].min_len, 16);
    }

    #[test]
    fn bare_self_reference_is_marked_for_the_depth_limit() {
        let r = registry(&["node#1 flags:# next:flags.0?node = Node;\nleaf#2 = Leaf;"]);
        assert!(r.combinators[r.with_name("node")[0]].bare_cycle);
        assert!(!r.combinators[r.with_name("leaf")[0]].bare_cycle);
    }

    #[test]
    fn similar_names_for_hints() {
        let r = registry(&["inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;"]);
        assert_eq!(r.similar_name("inputpeeruser"), Some("inputPeerUser"));
        assert_eq!(r.similar_name("inputPeerUsr"), Some("inputPeerUser"));
        assert_eq!(r.similar_name("somethingElse"), None);
    }
}

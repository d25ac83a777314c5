//! The resolved schema: every constructor and function of a set of files, each parameter
//! resolved once, with indexes by ID and by name.

use std::collections::HashMap;

use tl_parser::{Definition, Section};

use crate::builtin;
use crate::ty::{CombinatorId, Ty, TypeId};

/// A constructor or function of the schema.
#[derive(Clone, Debug)]
pub struct Combinator {
    /// The definition as parsed (namespace, generics, docs, span).
    pub def: Definition,
    /// Full TL name, namespace included (`messages.exportChatInvite`).
    pub name: String,
    /// The ID that goes on the wire (the explicit one, verified by the parser, else the
    /// computed one).
    pub id: u32,
    /// The index of the file (in the order given) that defines it.
    pub file: usize,
    /// Whether it is a function (from a `---functions---` section).
    pub is_function: bool,
    /// A constructor of a type the builtin table provides (`boolTrue = Bool;`,
    /// `true = True;`): it can be looked up by ID and name, but a generator does not emit
    /// it and no parameter resolves to it.
    pub provided: bool,
    /// The parameters, in wire order.
    pub params: Vec<Param>,
    /// How many `#` parameters (flags words) there are.
    pub flag_words: usize,
    /// For a function, the type of its answer; for a constructor, its own type.
    pub result: Ty,
    /// For a constructor that is not provided, its abstract type (the union over files).
    pub type_id: Option<TypeId>,
    /// Reading it bare can reach itself bare again (through `%T` or a constructor name)
    /// without a boxed value or a vector in between: no value of it is finite unless an
    /// optional field ends the chain, and a decoder must count it against a depth limit.
    pub bare_cycle: bool,
    /// The fewest bytes its bare form takes (a lower bound): bounds vector counts before
    /// anything is allocated.
    pub min_len: usize,
    /// Why it cannot be encoded or decoded, one line per problem (empty when it can).
    pub problems: Vec<String>,
}

impl Combinator {
    /// The first problem, if any.
    pub fn unsupported(&self) -> Option<&str> {
        self.problems.first().map(String::as_str)
    }

    /// The type variables (`X` of `{X:Type}`), in order.
    pub fn generics(&self) -> impl Iterator<Item = &str> {
        self.def.generics.iter().map(|g| g.name.as_str())
    }
}

/// One parameter of a [`Combinator`].
#[derive(Clone, Debug)]
pub struct Param {
    /// The TL name.
    pub name: String,
    /// What it is on the wire.
    pub kind: ParamKind,
    /// Documentation from a TDLib `//@name description` line.
    pub doc: Option<String>,
}

/// What a parameter is on the wire.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamKind {
    /// `flags:#`: a word whose bits say which conditional parameters are present. Its
    /// other bits are data, kept as they are (TL-JSON revision 2); a word that no
    /// parameter refers to (`used` 0) is a plain number, as TON's `count:#`.
    FlagsWord {
        /// Which `#` parameter of the definition it is (0 for the first).
        word: usize,
        /// The bits that conditional parameters refer to: derived from which of them are
        /// present.
        used: u32,
    },
    /// `name:T` or `name:flags.N?T`.
    Value {
        /// The type.
        ty: Ty,
        /// `Some` for a conditional parameter.
        flag: Option<Flag>,
    },
    /// `name:flags.N?true`: the bit itself, no bytes.
    FlagTrue {
        /// The bit.
        flag: Flag,
    },
    /// MTProto's `message`: `bytes:int` is the byte length of the `Object` that follows
    /// it, derived on encode.
    ObjectLength,
}

/// `holder.N?`: the condition of a conditional parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The TL name of the `#` parameter holding the bit.
    pub holder: String,
    /// Which `#` parameter of the definition that is (0 for the first).
    pub word: usize,
    /// The bit number, below 32.
    pub bit: u32,
    /// Another parameter uses the same holder and bit: they are present together or
    /// not at all.
    pub shared: bool,
}

impl Flag {
    /// The bit as a mask of its word.
    pub fn mask(&self) -> u32 {
        1 << self.bit
    }
}

/// An abstract type: the result type of some constructors.
#[derive(Clone, Debug)]
pub struct AbstractType {
    /// The TL name (`InputPeer`, `messages.Messages`).
    pub name: String,
    /// `Some(file)` for one file's own view of a type whose constructors' names collide
    /// across files (`message`, in `api.tl` and `mtproto.tl`), `None` for the type itself.
    pub file: Option<usize>,
    /// A type of the builtin table (`Bool`, `True`): its constructors are provided.
    pub provided: bool,
    /// Its constructors, in file order.
    pub constructors: Vec<CombinatorId>,
    /// Its constructors, sorted by ID.
    pub by_id: Vec<CombinatorId>,
    /// Its constructors, sorted by name.
    pub by_name: Vec<CombinatorId>,
}

/// The resolved meaning of a set of schema files read together.
///
/// Built once ([`Schema::new`], [`Schema::from_definitions`]); every consumer reads the
/// same resolution: the generator, the reflective codec, documentation and diff.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    /// Every constructor and function, in file order (builtin pseudo-declarations such as
    /// `int ? = Int;` and `vector {t:Type} # [ t ] = Vector t;` are not definitions).
    pub combinators: Vec<Combinator>,
    /// Every abstract type: the types themselves sorted by name, then the per-file views.
    pub types: Vec<AbstractType>,
    /// The `// LAYER N` of the first file that has one.
    pub layer: Option<u32>,
    pub(crate) by_id: HashMap<u32, Vec<CombinatorId>>,
    pub(crate) by_name: HashMap<String, Vec<CombinatorId>>,
    pub(crate) types_by_name: HashMap<String, TypeScopes>,
    /// Constructors (not functions) by full name, in file order.
    pub(crate) constructors_by_name: HashMap<String, Vec<CombinatorId>>,
}

/// A type name's meaning: the type, and the files that see only their own constructors.
#[derive(Clone, Debug, Default)]
pub(crate) struct TypeScopes {
    pub all_files: TypeId,
    pub per_file: Vec<(usize, TypeId)>,
}

impl Schema {
    /// Resolves every definition of `files`, read together (`api.tl` and `mtproto.tl`
    /// refer to each other's types). The files are expected to have passed the parser's
    /// checks; whatever still cannot be resolved is recorded in
    /// [`Combinator::problems`], never a panic.
    pub fn new(files: &[&tl_parser::Schema]) -> Schema {
        let definitions = files
            .iter()
            .enumerate()
            .flat_map(|(file, schema)| schema.definitions.iter().map(move |def| (file, def)));
        let mut schema = Schema::from_definitions(definitions);
        schema.layer = files.iter().find_map(|s| s.layer);
        schema
    }

    /// Resolves definitions given with the index of their file (a subset of a schema,
    /// such as what `tl-codegen`'s `Config::only` keeps, works too).
    pub fn from_definitions<'d>(
        definitions: impl IntoIterator<Item = (usize, &'d Definition)>,
    ) -> Schema {
        let mut schema = Schema::default();
        let mut members: HashMap<String, Vec<CombinatorId>> = HashMap::new();
        for (file, def) in definitions {
            if def.builtin.is_some() || def.question_mark {
                continue;
            }
            let index = schema.combinators.len();
            let combinator = Combinator::unresolved(file, def);
            if !combinator.is_function {
                members
                    .entry(def.result.full_name())
                    .or_default()
                    .push(index);
                let by_name = schema.constructors_by_name.entry(combinator.name.clone());
                by_name.or_default().push(index);
            }
            schema.by_id.entry(combinator.id).or_default().push(index);
            schema
                .by_name
                .entry(combinator.name.clone())
                .or_default()
                .push(index);
            schema.combinators.push(combinator);
        }
        schema.add_types(members);
        schema.resolve_params();
        crate::lengths::mark_bare_cycles(&mut schema);
        crate::lengths::compute_min_lens(&mut schema);
        schema
    }

    fn add_types(&mut self, members: HashMap<String, Vec<CombinatorId>>) {
        let mut names: Vec<String> = members.keys().cloned().collect();
        names.sort();
        let mut per_file_views = Vec::new();
        for name in names {
            let constructors = &members[&name];
            let all_files = self.add_type(&name, None, constructors.clone());
            for &c in constructors {
                if !self.combinators[c].provided {
                    self.combinators[c].type_id = Some(all_files);
                }
            }
            self.types_by_name.insert(
                name.clone(),
                TypeScopes {
                    all_files,
                    per_file: Vec::new(),
                },
            );
            if self.names_collide(constructors) {
                per_file_views.push((name, constructors.clone()));
            }
        }
        // Per-file views come after every type, so that type IDs of the types themselves
        // follow their names.
        for (name, constructors) in per_file_views {
            let mut files: Vec<usize> = constructors
                .iter()
                .map(|&c| self.combinators[c].file)
                .collect();
            files.dedup();
            for file in files {
                let own = constructors
                    .iter()
                    .copied()
                    .filter(|&c| self.combinators[c].file == file)
                    .collect();
                let view = self.add_type(&name, Some(file), own);
                let scopes = self.types_by_name.get_mut(&name).expect("added above");
                scopes.per_file.push((file, view));
            }
        }
    }

    /// Whether two of these constructors, from different files, have the same name.
    fn names_collide(&self, constructors: &[CombinatorId]) -> bool {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        constructors.iter().any(|&c| {
            let combinator = &self.combinators[c];
            let file = *seen.entry(&combinator.name).or_insert(combinator.file);
            file != combinator.file
        })
    }

    fn add_type(
        &mut self,
        name: &str,
        file: Option<usize>,
        constructors: Vec<CombinatorId>,
    ) -> TypeId {
        let mut by_id = constructors.clone();
        let mut by_name = constructors.clone();
        by_id.sort_by_key(|&c| self.combinators[c].id);
        by_name.sort_by(|&a, &b| self.combinators[a].name.cmp(&self.combinators[b].name));
        self.types.push(AbstractType {
            name: name.to_owned(),
            file,
            provided: builtin::provides_constructors(name),
            constructors,
            by_id,
            by_name,
        });
        self.types.len() - 1
    }

    fn resolve_params(&mut self) {
        for c in 0..self.combinators.len() {
            let (params, flag_words, mut problems) = self.params_of(c);
            let combinator = &self.combinators[c];
            let generics: Vec<&str> = combinator.generics().collect();
            let result = if combinator.is_function {
                let def = &combinator.def;
                self.resolve(&def.result, false, Some(combinator.file), &generics)
            } else {
                match combinator.type_id {
                    Some(t) => Ty::Boxed(t),
                    None => builtin::builtin_type(&combinator.def.result.full_name())
                        .unwrap_or(Ty::Object),
                }
            };
            if let Some(why) = result.unresolved() {
                problems.push(format!("result: {why}"));
            }
            let combinator = &mut self.combinators[c];
            combinator.params = params;
            combinator.flag_words = flag_words;
            combinator.result = result;
            combinator.problems = problems;
        }
    }
}

impl Combinator {
    /// A combinator with nothing resolved yet.
    fn unresolved(file: usize, def: &Definition) -> Combinator {
        let is_function = def.section == Section::Functions;
        Combinator {
            def: def.clone(),
            name: def.full_name(),
            id: def.id(),
            file,
            is_function,
            provided: !is_function && builtin::provides_constructors(&def.result.full_name()),
            params: Vec::new(),
            flag_words: 0,
            result: Ty::Object,
            type_id: None,
            bare_cycle: false,
            min_len: 0,
            problems: Vec::new(),
        }
    }
}

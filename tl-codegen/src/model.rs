//! Analysis: from TL definitions to the Rust shape of the bindings.
//!
//! Decides names, which TL type maps to which Rust type, which fields need a `Box`
//! (recursion) and which enum variants are boxed (size). Emission (`emit/`) only
//! prints what this module decided.

use std::collections::HashMap;
use std::fmt;

use tl_parser::ast::{Definition, Section};
use tl_schema::{Param, ParamKind, Schema, Ty, TypeId};

use crate::ident;

/// A problem that makes a schema impossible to generate bindings for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    /// The schema file of the definition, when known (`Config::generate` fills it in).
    pub file: Option<String>,
    /// The 1-based line of the definition.
    pub line: Option<u32>,
    /// The TL definition the problem is in, when there is one.
    pub definition: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: ")?,
            (None, Some(line)) => write!(f, "line {line}: ")?,
            _ => {}
        }
        match &self.definition {
            Some(def) => write!(f, "{def}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ModelError {}

impl ModelError {
    /// A problem with no definition to point at.
    pub(crate) fn general(message: String) -> ModelError {
        ModelError {
            file: None,
            line: None,
            definition: None,
            message,
        }
    }
}

fn error(def: &Definition, message: impl Into<String>) -> ModelError {
    ModelError {
        file: None,
        line: Some(def.span.line),
        definition: Some(def.full_name()),
        message: message.into(),
    }
}

/// Which generated module tree an item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tree {
    /// `types::`: constructors as structs.
    Types,
    /// `enums::`: abstract types as enums.
    Enums,
    /// `functions::`: functions as structs.
    Functions,
}

impl Tree {
    pub fn module(self) -> &'static str {
        match self {
            Tree::Types => "types",
            Tree::Enums => "enums",
            Tree::Functions => "functions",
        }
    }
}

/// Where a generated item lives: `types::messages::ChatInviteExported`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPath {
    pub tree: Tree,
    /// Rust module names of the TL namespace.
    pub modules: Vec<String>,
    /// The Rust type name.
    pub name: String,
}

impl ItemPath {
    /// Depth below the file root: `types::messages::X` is at depth 2.
    pub fn depth(&self) -> usize {
        1 + self.modules.len()
    }
}

/// How a value is written on the wire and held in Rust.
#[derive(Clone, Debug, PartialEq)]
pub enum Wire {
    /// `int`: `i32`.
    Int,
    /// `long`: `i64`.
    Long,
    /// `double`: `f64`.
    Double,
    /// `#` used as a value: `u32`.
    Nat,
    /// `int128`: `[u8; 16]`.
    Int128,
    /// `int256`: `[u8; 32]`.
    Int256,
    /// `int512` (TDLib's `e2e_api.tl`: `int512 16*[ int ] = Int512;`): `[u8; 64]`.
    Int512,
    /// `string`: `String`.
    String,
    /// `bytes`: `Vec<u8>`.
    Bytes,
    /// `Bool`: `bool`, boxed.
    Bool,
    /// `True` as a value (not a flag): the ID of `true`.
    True,
    /// `%True`, or `true` not as a flag: no bytes.
    BareTrue,
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector { boxed: bool, element: Box<Wire> },
    /// An abstract type: a generated enum, boxed on the wire.
    Enum(usize),
    /// A constructor used as a bare type (`%T`, `future_salt`): a generated struct.
    Struct(usize),
    /// A type variable (`!X`): a generic parameter, boxed on the wire.
    Generic(String),
    /// `Object`: any boxed value, kept as raw bytes. Last on the wire (MTProto's
    /// `rpc_result`) it is the rest of the input, after a `bytes:int` (`message`) that many
    /// bytes; elsewhere it is read like [`Wire::AnyValue`].
    Object,
    /// TON's and TDLib's `object`, `function` and `Function` (`object ? = Object;` in the
    /// schema): a boxed value of any constructor or function of the schema, read by its ID
    /// (the unit's `decode_any_object`), kept as raw bytes like `Object`.
    AnyValue,
}

/// A flag condition: `holder.bit?`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagRef {
    /// TL name of the `#` field.
    pub holder: String,
    pub bit: u32,
    /// Another field uses the same holder and bit.
    pub shared: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    /// `name:#`: a `u32` holding the bits that no conditional field uses (the whole
    /// number when none refers to it: TON's `count:#`); the bits in `used` are derived
    /// from the conditional fields.
    Flags { used: u32 },
    /// Always present.
    Required { wire: Wire, boxed: bool },
    /// `holder.N?T`: `Option<T>`.
    Optional {
        wire: Wire,
        boxed: bool,
        flag: FlagRef,
    },
    /// `holder.N?true`: a `bool` that is the bit itself.
    FlagTrue { flag: FlagRef },
    /// MTProto's `message`: `bytes:int` is the byte length of the `Object` that follows;
    /// derived on encode, not stored.
    ObjectLength,
}

#[derive(Clone, Debug)]
pub struct Field {
    /// The TL parameter name.
    pub tl_name: String,
    /// The Rust field name (`r#type`, `self_`).
    pub name: String,
    pub kind: FieldKind,
}

impl Field {
    /// Whether the struct stores this field.
    pub fn is_stored(&self) -> bool {
        !matches!(self.kind, FieldKind::ObjectLength)
    }
}

/// A constructor or function: a generated struct.
#[derive(Clone, Debug)]
pub struct Struct {
    pub def: Definition,
    pub path: ItemPath,
    pub fields: Vec<Field>,
    /// Type variables (`X` of `{X:Type}`) as Rust generic names.
    pub generics: Vec<String>,
    /// For functions: the answer type.
    pub answer: Option<Wire>,
    /// For constructors: the enum of its abstract type, if generated.
    pub parent: Option<usize>,
    /// The fewest bytes the bare form can take.
    pub min_len: usize,
}

impl Struct {
    pub fn is_function(&self) -> bool {
        self.def.section == Section::Functions
    }
}

#[derive(Clone, Debug)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// The constructor's struct.
    pub structure: usize,
    /// The payload is `Box`ed (large or recursive).
    pub boxed: bool,
}

/// An abstract type: a generated enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// The TL type name (`InputPeer`, `messages.Messages`).
    pub tl_name: String,
    pub path: ItemPath,
    pub variants: Vec<Variant>,
    /// Documentation from a TDLib `//@class`.
    pub doc: Option<String>,
}

/// Knobs of the analysis.
#[derive(Clone, Debug)]
pub struct ModelOptions {
    /// Enum variants whose payload is estimated above this many bytes are boxed.
    pub large_variant_bytes: usize,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            large_variant_bytes: 96,
        }
    }
}

/// Everything the emitter needs.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub layer: Option<u32>,
    /// `string` and `bytes` are the runtime's shared-buffer types
    /// (`Config::shared_buffers`); only their names in documentation depend on it.
    pub shared_buffers: bool,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
}

impl Model {
    /// Analyses every definition of the given schemas (already validated by the parser).
    pub fn build(
        definitions: &[&Definition],
        layer: Option<u32>,
        options: &ModelOptions,
    ) -> Result<Model, Vec<ModelError>> {
        let schema = tl_schema::Schema::from_definitions(definitions.iter().map(|&def| (0, def)));
        let mut builder = Builder::default();
        builder.collect(&schema);
        builder.resolve_fields(&schema);
        if !builder.errors.is_empty() {
            return Err(builder.errors);
        }
        builder.check_names();
        if !builder.errors.is_empty() {
            return Err(builder.errors);
        }
        let mut model = Model {
            layer,
            shared_buffers: false,
            structs: builder.structs,
            enums: builder.enums,
        };
        model.box_recursive_fields();
        model.box_large_variants(options.large_variant_bytes);
        Ok(model)
    }

    /// Adds `functions::AnyFunction`: an enum over every function, so that generic wrappers
    /// (`invokeWithLayer`) can hold and decode a call of any type. The wrappers themselves
    /// are variants too, instantiated with `AnyFunction` (wrappers nest on the wire:
    /// `invokeWithGooglePlayIntegrity` around `invokeWithApnsSecret` around a call).
    pub fn add_any_function(&mut self) {
        let variants: Vec<Variant> = self
            .structs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_function())
            .map(|(i, s)| {
                let mut name: String = s
                    .path
                    .modules
                    .iter()
                    .map(|m| ident::type_name(ident::plain(m)))
                    .collect();
                name.push_str(&s.path.name);
                Variant {
                    name,
                    structure: i,
                    boxed: true,
                }
            })
            .collect();
        if variants.is_empty() {
            return; // A schema without functions: nothing to wrap, and no empty enum.
        }
        self.enums.push(Enum {
            tl_name: "function".to_owned(),
            path: ItemPath { tree: Tree::Functions, modules: Vec::new(), name: "AnyFunction".to_owned() },
            variants,
            doc: Some("Any function of the schema: what `invokeWithLayer` and the other wrappers hold when the wrapped call's type is known only at run time. The wrappers appear instantiated with `AnyFunction` itself, so they nest.".to_owned()),
        });
    }

    pub fn path_of(&self, wire: &Wire) -> Option<&ItemPath> {
        match wire {
            Wire::Enum(i) => Some(&self.enums[*i].path),
            Wire::Struct(i) => Some(&self.structs[*i].path),
            _ => None,
        }
    }

    /// Edges of the "contains without indirection" graph: struct → types of its non-vector
    /// fields; enum → its unboxed variants. Nodes: structs are `0..n`, enums `n..n+m`.
    fn containment_edges(&self, boxed_fields_break: bool) -> Vec<Vec<usize>> {
        let n = self.structs.len();
        let mut edges = vec![Vec::new(); n + self.enums.len()];
        for (i, s) in self.structs.iter().enumerate() {
            for field in &s.fields {
                let (wire, boxed) = match &field.kind {
                    FieldKind::Required { wire, boxed }
                    | FieldKind::Optional { wire, boxed, .. } => (wire, *boxed),
                    _ => continue,
                };
                if boxed && boxed_fields_break {
                    continue;
                }
                match wire {
                    Wire::Enum(e) => edges[i].push(n + e),
                    Wire::Struct(t) => edges[i].push(*t),
                    _ => {}
                }
            }
        }
        for (e, en) in self.enums.iter().enumerate() {
            for v in &en.variants {
                if !v.boxed {
                    edges[n + e].push(v.structure);
                }
            }
        }
        edges
    }

    /// A field whose type can contain the struct itself again would make the type infinitely
    /// large: such fields are boxed. Exactly the edges inside a strongly connected component.
    fn box_recursive_fields(&mut self) {
        let n = self.structs.len();
        let edges = self.containment_edges(false);
        let component = strongly_connected_components(&edges);
        for (i, s) in self.structs.iter_mut().enumerate() {
            for field in &mut s.fields {
                if let FieldKind::Required { wire, boxed }
                | FieldKind::Optional { wire, boxed, .. } = &mut field.kind
                {
                    let target = match wire {
                        Wire::Enum(e) => n + *e,
                        Wire::Struct(t) => *t,
                        _ => continue,
                    };
                    if component[target] == component[i] {
                        *boxed = true;
                    }
                }
            }
        }
    }

    /// Boxes enum variants whose payload is large, so one large constructor does not make
    /// every value of its type large.
    fn box_large_variants(&mut self, threshold: usize) {
        let mut sizes = SizeEstimator {
            model: self,
            struct_sizes: HashMap::new(),
            enum_sizes: HashMap::new(),
        };
        let mut decisions = Vec::new();
        for (e, en) in self.enums.iter().enumerate() {
            for (v, variant) in en.variants.iter().enumerate() {
                let size = sizes.struct_size(variant.structure);
                if size > threshold {
                    decisions.push((e, v));
                }
            }
        }
        for (e, v) in decisions {
            self.enums[e].variants[v].boxed = true;
        }
    }
}

/// Rough sizes of generated Rust types on a 64-bit target, for the variant boxing policy.
struct SizeEstimator<'m> {
    model: &'m Model,
    struct_sizes: HashMap<usize, usize>,
    enum_sizes: HashMap<usize, usize>,
}

impl SizeEstimator<'_> {
    fn struct_size(&mut self, i: usize) -> usize {
        if let Some(&size) = self.struct_sizes.get(&i) {
            return size;
        }
        // Guard against cycles (broken by boxing already; this is belt and braces).
        self.struct_sizes.insert(i, 8);
        let model = self.model;
        let mut size = 0;
        for field in &model.structs[i].fields {
            size += match &field.kind {
                FieldKind::Flags { .. } => 4,
                FieldKind::ObjectLength => 0,
                FieldKind::FlagTrue { .. } => 1,
                FieldKind::Required { boxed: true, .. }
                | FieldKind::Optional { boxed: true, .. } => 8,
                FieldKind::Required { wire, .. } => self.wire_size(wire),
                FieldKind::Optional { wire, .. } => {
                    let inner = self.wire_size(wire);
                    match wire {
                        Wire::Bool
                        | Wire::String
                        | Wire::Bytes
                        | Wire::Vector { .. }
                        | Wire::Enum(_) => inner,
                        _ => inner + 8,
                    }
                }
            };
        }
        self.struct_sizes.insert(i, size);
        size
    }

    fn enum_size(&mut self, e: usize) -> usize {
        if let Some(&size) = self.enum_sizes.get(&e) {
            return size;
        }
        self.enum_sizes.insert(e, 16);
        let model = self.model;
        let mut largest = 0;
        for v in &model.enums[e].variants {
            let payload = if v.boxed {
                8
            } else {
                self.struct_size(v.structure)
            };
            largest = largest.max(payload);
        }
        let size = largest + 8;
        self.enum_sizes.insert(e, size);
        size
    }

    fn wire_size(&mut self, wire: &Wire) -> usize {
        match wire {
            Wire::Int | Wire::Nat => 4,
            Wire::Long | Wire::Double => 8,
            Wire::Int128 => 16,
            Wire::Int256 => 32,
            Wire::Int512 => 64,
            Wire::String | Wire::Bytes | Wire::Vector { .. } | Wire::Object | Wire::AnyValue => 24,
            Wire::Bool => 1,
            Wire::True | Wire::BareTrue => 0,
            Wire::Generic(_) => 16,
            Wire::Enum(e) => self.enum_size(*e),
            Wire::Struct(s) => self.struct_size(*s),
        }
    }
}

/// Tarjan's algorithm, iterative so deep schemas cannot overflow the stack.
/// Returns the component number of every node.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut call_stack = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = call_stack.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == usize::MAX {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    call_stack.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
            } else {
                call_stack.pop();
                if let Some(&(parent, _)) = call_stack.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
    }
    component
}

/// Turns the resolved schema into the Rust shape: which definitions become structs and
/// enums, their names, and each parameter's field. What a type means is `tl-schema`'s.
#[derive(Default)]
struct Builder {
    structs: Vec<Struct>,
    enums: Vec<Enum>,
    /// Combinator of the schema → struct index (`None` for provided ones: `boolTrue`).
    struct_of: Vec<Option<usize>>,
    /// Abstract type of the schema → enum index.
    enum_of: HashMap<TypeId, usize>,
    errors: Vec<ModelError>,
}

impl Builder {
    fn collect(&mut self, schema: &Schema) {
        for combinator in &schema.combinators {
            if combinator.provided {
                self.struct_of.push(None);
                continue;
            }
            let def = &combinator.def;
            let tree = if combinator.is_function {
                Tree::Functions
            } else {
                Tree::Types
            };
            self.struct_of.push(Some(self.structs.len()));
            self.structs.push(Struct {
                def: def.clone(),
                path: ItemPath {
                    tree,
                    modules: def.namespace.components().map(ident::module_name).collect(),
                    name: ident::type_name(&def.name),
                },
                fields: Vec::new(),
                generics: combinator.generics().map(ident::type_name).collect(),
                answer: None,
                parent: None,
                min_len: combinator.min_len,
            });
        }
        self.check_duplicates(schema);
        // Abstract types in name order, constructors in source order within each, so a
        // one-line schema change is a local change in the output.
        for (t, ty) in schema.generated_types() {
            if tl_schema::builtin::builtin_type(&ty.name).is_some() {
                continue; // `foo = Object;`: the type is the builtin, not an enum.
            }
            let members: Vec<usize> = ty
                .constructors
                .iter()
                .filter_map(|&c| self.struct_of[c])
                .collect();
            let e = self.add_enum(&ty.name, &members);
            self.enum_of.insert(t, e);
        }
    }

    /// Two constructors of one name cannot both be generated (api.tl's and mtproto.tl's
    /// `message` go into separate units, `Config::schema_in_module`).
    fn check_duplicates(&mut self, schema: &Schema) {
        let mut seen = std::collections::HashSet::new();
        for combinator in schema
            .combinators
            .iter()
            .filter(|c| !c.provided && !c.is_function)
        {
            if !seen.insert(combinator.name.as_str()) {
                self.errors.push(error(&combinator.def, "defined twice"));
            }
        }
    }

    /// The enum of abstract type `tl_name`, with a variant for each of `members` (structs).
    fn add_enum(&mut self, tl_name: &str, members: &[usize]) -> usize {
        let (namespace, name) = match tl_name.rsplit_once('.') {
            Some((ns, name)) => (ns.split('.').map(ident::module_name).collect(), name),
            None => (Vec::new(), tl_name),
        };
        let enum_name = ident::type_name(name);
        let mut variants: Vec<Variant> = members
            .iter()
            .map(|&s| Variant {
                name: variant_name(&enum_name, &self.structs[s].path.name),
                structure: s,
                boxed: false,
            })
            .collect();
        self.name_variants(&mut variants, namespace.len(), tl_name);
        let e = self.enums.len();
        for &s in members {
            self.structs[s].parent = Some(e);
        }
        self.enums.push(Enum {
            tl_name: tl_name.to_owned(),
            path: ItemPath {
                tree: Tree::Enums,
                modules: namespace,
                name: enum_name,
            },
            variants,
            doc: None,
        });
        e
    }

    /// Names that collide fall back to the constructors' own names, then to those names
    /// with the namespaces below the type's in front (TON's `db.lt.el.key` and
    /// `db.lt.desc.key`, both `db.lt.Key`: `ElKey`, `DescKey`), then to the whole path.
    fn name_variants(&mut self, variants: &mut [Variant], depth: usize, tl_name: &str) {
        let fallbacks: [&dyn Fn(&ItemPath) -> String; 3] = [
            &|path| path.name.clone(),
            &|path| qualified_variant_name(path, depth),
            &|path| qualified_variant_name(path, 0),
        ];
        for fallback in fallbacks {
            if all_unique(variants.iter().map(|v| &v.name)) {
                break;
            }
            for v in variants.iter_mut() {
                v.name = fallback(&self.structs[v.structure].path);
            }
        }
        // Even the whole paths collide (`fooBar` and `foo_bar`): name the first pair.
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for v in variants.iter() {
            if let Some(other) = by_name.insert(&v.name, v.structure) {
                let def = &self.structs[v.structure].def;
                let first = &self.structs[other].def;
                self.errors.push(error(
                    def,
                    format!(
                        "`{}` (line {}) and this constructor of `{tl_name}` both become the Rust name `{}`: rename one",
                        first.full_name(),
                        first.span.line,
                        v.name
                    ),
                ));
                break;
            }
        }
    }

    fn resolve_fields(&mut self, schema: &Schema) {
        for (c, combinator) in schema.combinators.iter().enumerate() {
            let Some(s) = self.struct_of[c] else { continue };
            let def = &combinator.def;
            for problem in &combinator.problems {
                self.errors.push(error(def, problem.clone()));
            }
            let fields = combinator
                .params
                .iter()
                .map(|param| self.field(param))
                .collect();
            let answer = combinator.is_function.then(|| {
                if let Some(why) = combinator.result.unresolved() {
                    self.errors.push(error(def, why.to_owned()));
                }
                self.wire(&combinator.result)
            });
            self.structs[s].fields = fields;
            self.structs[s].answer = answer;
        }
    }

    /// The Rust field of a resolved parameter.
    fn field(&self, param: &Param) -> Field {
        let kind = match &param.kind {
            ParamKind::FlagsWord { used, .. } => FieldKind::Flags { used: *used },
            ParamKind::ObjectLength => FieldKind::ObjectLength,
            ParamKind::FlagTrue { flag } => FieldKind::FlagTrue {
                flag: flag_ref(flag),
            },
            ParamKind::Value { ty, flag: None } => FieldKind::Required {
                wire: self.wire(ty),
                boxed: false,
            },
            ParamKind::Value {
                ty,
                flag: Some(flag),
            } => FieldKind::Optional {
                wire: self.wire(ty),
                boxed: false,
                flag: flag_ref(flag),
            },
        };
        Field {
            tl_name: param.name.clone(),
            name: ident::field_name(&param.name),
            kind,
        }
    }

    /// The generated item a resolved type is: schema indexes become struct and enum
    /// indexes; the rest is the same type under the generator's name.
    fn wire(&self, ty: &Ty) -> Wire {
        match ty {
            Ty::Int => Wire::Int,
            Ty::Long => Wire::Long,
            Ty::Double => Wire::Double,
            Ty::Nat => Wire::Nat,
            Ty::Int128 => Wire::Int128,
            Ty::Int256 => Wire::Int256,
            Ty::Int512 => Wire::Int512,
            Ty::String => Wire::String,
            Ty::Bytes => Wire::Bytes,
            Ty::Bool => Wire::Bool,
            Ty::True { boxed: true } => Wire::True,
            Ty::True { boxed: false } => Wire::BareTrue,
            Ty::Vector { boxed, element } => Wire::Vector {
                boxed: *boxed,
                element: Box::new(self.wire(element)),
            },
            Ty::Boxed(t) => self.enum_of.get(t).map_or(Wire::Object, |&e| Wire::Enum(e)),
            Ty::Bare(c) | Ty::BoxedConstructor(c) => {
                self.struct_of[*c].map_or(Wire::Object, Wire::Struct)
            }
            Ty::Generic(name) => Wire::Generic(ident::type_name(name)),
            Ty::Object => Wire::Object,
            // Unresolved types were reported as errors: the model is not used.
            Ty::AnyValue | Ty::Unresolved(_) => Wire::AnyValue,
        }
    }

    fn check_names(&mut self) {
        let mut seen: HashMap<&ItemPath, usize> = HashMap::new();
        for (i, s) in self.structs.iter().enumerate() {
            if let Some(&other) = seen.get(&s.path) {
                self.errors.push(error(
                    &s.def,
                    format!(
                        "its Rust name `{}` is also the name of `{}`",
                        s.path.name,
                        self.structs[other].def.full_name()
                    ),
                ));
            }
            seen.insert(&s.path, i);
            let mut fields = HashMap::new();
            for f in &s.fields {
                if let Some(other) = fields.insert(f.name.clone(), f.tl_name.clone()) {
                    self.errors.push(error(
                        &s.def,
                        format!(
                            "parameters `{other}` and `{}` both become the Rust field `{}`",
                            f.tl_name, f.name
                        ),
                    ));
                }
            }
        }
        let mut seen: HashMap<&ItemPath, &str> = HashMap::new();
        for e in &self.enums {
            if let Some(other) = seen.insert(&e.path, &e.tl_name) {
                self.errors.push(ModelError::general(format!(
                    "types `{other}` and `{}` both become the Rust enum `{}`",
                    e.tl_name, e.path.name
                )));
            }
        }
    }
}

fn flag_ref(flag: &tl_schema::Flag) -> FlagRef {
    FlagRef {
        holder: flag.holder.clone(),
        bit: flag.bit,
        shared: flag.shared,
    }
}

/// A struct's name with the namespaces of its path after the first `skip` in front, as one
/// UpperCamelCase name (`db::lt::el::Key`, skipping 2: `ElKey`).
fn qualified_variant_name(path: &ItemPath, skip: usize) -> String {
    let mut name: String = path
        .modules
        .iter()
        .skip(skip)
        .map(|module| ident::type_name(module.trim_start_matches("r#").trim_end_matches('_')))
        .collect();
    name.push_str(&path.name);
    name
}

fn all_unique<'a>(names: impl Iterator<Item = &'a String>) -> bool {
    let mut seen = std::collections::HashSet::new();
    names.into_iter().all(|name| seen.insert(name))
}

/// `InputPeer` + `InputPeerUser` → `User`; otherwise the constructor's own name.
fn variant_name(enum_name: &str, struct_name: &str) -> String {
    match struct_name.strip_prefix(enum_name) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => match rest {
            "Self" => "Self_".to_owned(),
            _ => rest.to_owned(),
        },
        _ => struct_name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("InputPeer", "InputPeerUser"), "User");
        assert_eq!(variant_name("InputPeer", "InputPeerSelf"), "Self_");
        assert_eq!(variant_name("InputPeer", "InputPeer"), "InputPeer");
        assert_eq!(
            variant_name("Messages", "ChannelMessages"),
            "ChannelMessages"
        );
        assert_eq!(variant_name("Update", "Updates"), "Updates");
        assert_eq!(variant_name("Pq", "Pq2"), "Pq2");
    }

    #[test]
    fn scc_marks_cycles_only() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected_components(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[4], c[0]);
        assert_eq!(c[3], c[3]);
        assert_ne!(c[3], c[4]);
    }
}

//! The syntax tree of a TL schema.
//!
//! Every node keeps enough of its spelling to be printed back as TL text that parses to
//! the same tree (see the `Display` impls in `print.rs`), and every definition and
//! parameter carries the [`Span`] it came from so diagnostics can point at it.
//!
//! Nothing here knows about Rust: naming, boxing and layout decisions belong to the
//! generator.

/// An identifier from the schema: a name, namespace component, flag holder or type
/// variable. Names up to 24 bytes (nearly all of them) are stored inline, so parsing a
/// schema does not pay one heap allocation per identifier. It dereferences to `str`.
pub type Name = compact_str::CompactString;

/// The namespace of a name: its components before the last, joined by `.`. `messages`
/// for `messages.exportChatInvite`, `liteServer.signatureSet` for
/// `liteServer.signatureSet.ordinary`, empty for a name without one.
///
/// One string, stored inline up to 24 bytes like [`Name`]: namespaced names are a third
/// of the names of the Telegram API, and a vector of components cost a heap allocation
/// (and its free) for each. Equality, hashing and ordering are those of the component
/// lists (`.` sorts before every identifier character).
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Namespace {
    dotted: Name,
}

impl Namespace {
    /// No namespace.
    pub const fn new() -> Self {
        Namespace {
            dotted: Name::const_new(""),
        }
    }

    /// The namespace whose components, joined by `.`, are `dotted` (`""` for none).
    ///
    /// # Panics
    /// When a component is empty (`"a..b"`, `".a"`, `"a."`): the parser never makes one.
    pub fn from_dotted(dotted: &str) -> Self {
        assert!(
            dotted.is_empty() || dotted.split('.').all(|c| !c.is_empty()),
            "a namespace component cannot be empty: {dotted:?}"
        );
        Namespace {
            dotted: Name::new(dotted),
        }
    }

    /// [`Namespace::from_dotted`] for text the grammar has already read as `ident(.ident)*`.
    pub(crate) fn from_parsed(dotted: &str) -> Self {
        Namespace {
            dotted: Name::new(dotted),
        }
    }

    /// Whether there is no namespace.
    pub fn is_empty(&self) -> bool {
        self.dotted.is_empty()
    }

    /// The components joined by `.`: `liteServer.signatureSet`; `""` for none.
    pub fn as_str(&self) -> &str {
        &self.dotted
    }

    /// The number of components.
    pub fn len(&self) -> usize {
        if self.is_empty() {
            0
        } else {
            self.dotted.bytes().filter(|&b| b == b'.').count() + 1
        }
    }

    /// The components, outermost first.
    pub fn components(&self) -> impl DoubleEndedIterator<Item = &str> + Clone + '_ {
        let mut parts = self.dotted.split('.');
        if self.is_empty() {
            // `"".split('.')` yields one empty component: consume it.
            parts.next();
        }
        parts
    }

    /// Appends a component (`a` then `b` make `a.b`).
    ///
    /// # Panics
    /// When `component` is empty or contains a `.`.
    pub fn push(&mut self, component: &str) {
        assert!(
            !component.is_empty() && !component.contains('.'),
            "not a namespace component: {component:?}"
        );
        if !self.is_empty() {
            self.dotted.push('.');
        }
        self.dotted.push_str(component);
    }
}

impl<S: AsRef<str>> FromIterator<S> for Namespace {
    fn from_iter<I: IntoIterator<Item = S>>(components: I) -> Self {
        let mut namespace = Namespace::new();
        for component in components {
            namespace.push(component.as_ref());
        }
        namespace
    }
}

/// Lists the components, as the vector of them it replaces did: `["liteServer", "signatureSet"]`.
impl std::fmt::Debug for Namespace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.components()).finish()
    }
}

/// The dotted form: `liteServer.signatureSet`.
impl std::fmt::Display for Namespace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.dotted)
    }
}

/// A byte range in the source text, with the 1-based line and column of its start.
///
/// Spans never take part in equality: two trees parsed from differently formatted text
/// compare equal when they say the same thing.
#[derive(Clone, Copy, Debug, Default, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column (in characters) of `start`.
    pub column: u32,
}

impl PartialEq for Span {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

/// Consistent with `PartialEq`: all spans are equal, so all hash the same.
impl std::hash::Hash for Span {
    fn hash<H: std::hash::Hasher>(&self, _state: &mut H) {}
}

/// Which section of the schema a definition appeared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Before any `---functions---`, or after `---types---`: constructors of types.
    Types,
    /// After `---functions---`: remote procedures.
    Functions,
}

/// How constructor IDs are computed from definition text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum IdRule {
    /// Telegram's rule: `bytes` parameters hash as `string` (not inside `Vector<bytes>`).
    #[default]
    Telegram,
    /// TDLib's and TON's rule: the text is hashed as written: `bytes` stays `bytes`, and
    /// `x:mode.N?true` parameters stay in.
    Literal,
}

/// A whole parsed schema file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// The `N` of a `// LAYER N` comment, when the file has one.
    pub layer: Option<u32>,
    /// Every definition, builtins included, in source order.
    pub definitions: Vec<Definition>,
    /// TDLib `//@class Name @description ...` blocks: documentation of abstract types.
    pub classes: Vec<ClassDoc>,
}

/// A single `name#id {X:Type} params... = Result;` declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// The namespace before the name: `messages` for `messages.exportChatInvite`.
    pub namespace: Namespace,
    /// The last component of the name: `exportChatInvite`.
    pub name: Name,
    /// The `#id` written in the source, if any. This is what goes on the wire.
    pub explicit_id: Option<u32>,
    /// The ID computed from the normalised definition text under the schema's [`IdRule`].
    pub computed_id: u32,
    /// `{X:Type}` type variables, in order.
    pub generics: Vec<GenericParam>,
    /// The parameters after the generics, in order.
    pub params: Vec<Parameter>,
    /// The type after `=`.
    pub result: TypeRef,
    /// Types or functions section.
    pub section: Section,
    /// `Some` for builtin pseudo-declarations (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`,
    /// `int128 4*[ int ] = Int128;`, `true = True;`): the runtime provides these, the
    /// generator must not emit them, and they are never reported as errors.
    pub builtin: Option<Builtin>,
    /// Whether the declaration was written with `?` in place of parameters (`int ? = Int;`).
    pub question_mark: bool,
    /// Documentation attached from TDLib-style `//@` comments right before the definition.
    pub docs: Docs,
    /// Where the declaration is in its file (from the name to the `;`).
    pub span: Span,
}

impl Definition {
    /// The ID that goes on the wire: the explicit one if written, else the computed one.
    pub fn id(&self) -> u32 {
        self.explicit_id.unwrap_or(self.computed_id)
    }

    /// The full name with namespaces: `messages.exportChatInvite`.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, &self.name)
    }
}

/// The primitives and pseudo-types the language builds in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Int,
    Long,
    Double,
    String,
    Bytes,
    Int128,
    Int256,
    /// `vector {t:Type} # [ t ] = Vector t;`
    Vector,
    /// `true = True;`
    True,
    /// `object ? = Object;`
    Object,
    /// `# ? = #;` or any other `?` declaration the parser does not know by name.
    Other,
}

/// `{X:Type}`: a type variable of a generic definition.
#[derive(Clone, Debug, PartialEq)]
pub struct GenericParam {
    /// The variable's name: `X`.
    pub name: Name,
    /// Its kind as written: `Type` (or `#` for a natural-number variable).
    pub kind: Name,
    pub span: Span,
}

/// One parameter of a definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The name; `None` for anonymous parameters such as the `#` and `[ t ]` of `vector`.
    pub name: Option<Name>,
    pub kind: ParamKind,
    /// Documentation from a TDLib `//@name description` line.
    pub doc: Option<String>,
    pub span: Span,
}

/// What a parameter is.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamKind {
    /// `flags:#`: a 32-bit word whose bits say which conditional parameters are present.
    /// It is derived on encode, never stored by generated code.
    FlagsWord,
    /// `name:Type`, `name:flags.N?Type` or `name:!X`.
    Value {
        ty: TypeRef,
        /// `Some` for a conditional parameter.
        flag: Option<Flag>,
        /// `!X`: a whole function call whose answer is the definition's result.
        bang: bool,
    },
    /// `[ t ]` or `4*[ int ]`: repetition of the inner parameters.
    Repeat {
        /// `4` in `4*[ int ]`, a variable name in `n*[ ... ]`, `None` for a bare `[ ... ]`.
        multiplicity: Option<Name>,
        params: Vec<Parameter>,
    },
}

/// `flags.N?`: the condition of a conditional parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Flag {
    /// The `#` parameter holding the bit: `flags`, `flags2`, `mode`, ...
    pub holder: Name,
    /// The bit number (0..=31 in a valid schema).
    pub bit: u32,
    /// Set by validation when another parameter of the same definition uses the same
    /// holder and bit. Such parameters are present together or not at all.
    pub shared: bool,
}

/// A type expression: `int`, `InputPeer`, `Vector<long>`, `%Message`, `(vector bytes)`, `X`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// The namespace before the name: `storage` for `storage.FileType`.
    pub namespace: Namespace,
    /// The last component of the name: `Vector`, `InputPeer`, `int`, `#`.
    pub name: Name,
    /// Written with a leading `%` (explicitly bare).
    pub percent: bool,
    /// Type arguments: `[long]` for `Vector<long>` or `Vector long`.
    pub args: Vec<TypeRef>,
    /// Whether the arguments were written in angle brackets (`Vector<T>`) rather than
    /// by juxtaposition (`Vector T`, `(vector bytes)`). Only affects printing.
    pub angle_args: bool,
    /// Set by the parser when the name is a type variable of the enclosing definition.
    pub generic: bool,
}

impl TypeRef {
    /// The full name with namespaces: `storage.FileType`.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, &self.name)
    }

    /// Bare types carry no constructor ID on the wire: `%T`, or a name starting with a
    /// lowercase letter (a constructor or primitive such as `int`, `vector`, `future_salt`).
    /// `#` is bare too. Type variables are not bare (`!X` is a boxed call).
    pub fn is_bare(&self) -> bool {
        if self.generic {
            return false;
        }
        self.percent || !self.name.starts_with(|c: char| c.is_ascii_uppercase())
    }
}

/// TDLib documentation attached to a definition.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Docs {
    /// `//@description ...` with `//-` continuations joined by a space.
    pub description: Option<String>,
}

/// `//@class Name @description ...`: documentation of an abstract type.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDoc {
    pub name: String,
    pub description: String,
    pub span: Span,
}

fn join_name(namespace: &Namespace, name: &str) -> String {
    if namespace.is_empty() {
        return name.to_owned();
    }
    let mut out = String::with_capacity(namespace.as_str().len() + 1 + name.len());
    out.push_str(namespace.as_str());
    out.push('.');
    out.push_str(name);
    out
}

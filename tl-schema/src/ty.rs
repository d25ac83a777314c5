//! Resolved types: what a parameter's type means on the wire.

/// Index of a [`Combinator`](crate::Combinator) in [`Schema::combinators`](crate::Schema::combinators).
pub type CombinatorId = usize;
/// Index of an [`AbstractType`](crate::AbstractType) in [`Schema::types`](crate::Schema::types).
pub type TypeId = usize;

/// A resolved type: what is on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `int` (`int32`): 4 bytes.
    Int,
    /// `long` (`int53`, `int64`): 8 bytes.
    Long,
    /// `double`: 8 bytes.
    Double,
    /// `#` as a value (a count or a mode word that no field refers to): 4 bytes.
    Nat,
    /// `int128`: 16 bytes.
    Int128,
    /// `int256`: 32 bytes.
    Int256,
    /// `int512` (TDLib's `e2e_api.tl`): 64 bytes.
    Int512,
    /// `string` (`secureString`): a TL byte string holding UTF-8.
    String,
    /// `bytes` (`secureBytes`): a TL byte string.
    Bytes,
    /// `Bool`: `boolTrue` or `boolFalse`, boxed.
    Bool,
    /// `True` as a value (boxed: its ID), or `true`/`%True` (bare: no bytes).
    True {
        /// Whether the ID of `true` is written.
        boxed: bool,
    },
    /// `Vector<T>` (boxed: the vector ID first) or `vector<T>` (bare).
    Vector {
        /// Whether the vector ID `0x1cb5c415` is written.
        boxed: bool,
        /// The element type.
        element: Box<Ty>,
    },
    /// An abstract type: one of its constructors, boxed.
    Boxed(TypeId),
    /// A constructor used as a bare type (`%Message`, `future_salt`): its body only.
    Bare(CombinatorId),
    /// One given constructor, boxed (only from a type name given by a caller, never in a
    /// schema: `tl-reflect` makes it for a type name such as `inputPeerUser`).
    BoxedConstructor(CombinatorId),
    /// A type variable (`!X`, or `X` of `{X:Type}`): a whole boxed value whose type the
    /// caller chooses, by its name in the definition.
    Generic(String),
    /// `Object`: any boxed value. Last in a definition (MTProto's `rpc_result`, and
    /// `message` after its `bytes:int` length) it is the rest of the input; elsewhere it
    /// is read like [`Ty::AnyValue`].
    Object,
    /// TON's and TDLib's `object`, `function` and `Function` (`object ? = Object;` in the
    /// schema): one boxed value of any constructor or function of the schema, found by
    /// its ID.
    AnyValue,
    /// A type the schemas do not define, or that cannot be used here: the reason.
    Unresolved(String),
}

impl Ty {
    /// The fewest bytes a value of this type takes on the wire, for every type but a bare
    /// constructor, whose length the schema knows ([`Schema::min_len`](crate::Schema::min_len)).
    ///
    /// `Object` counts as 0: as the rest of the input it may be empty, and a lower bound
    /// stays correct. An unresolved type counts as 0 too.
    pub fn min_len_unless_bare(&self) -> usize {
        match self {
            Ty::Int | Ty::Nat | Ty::String | Ty::Bytes | Ty::Bool => 4,
            Ty::Long | Ty::Double => 8,
            Ty::Int128 => 16,
            Ty::Int256 => 32,
            Ty::Int512 => 64,
            Ty::True { boxed } => 4 * usize::from(*boxed),
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Vector { boxed: false, .. } => 4,
            Ty::Boxed(_) | Ty::BoxedConstructor(_) | Ty::Generic(_) | Ty::AnyValue => 4,
            Ty::Bare(_) | Ty::Object | Ty::Unresolved(_) => 0,
        }
    }

    /// The size on the wire when every value of the type has the same one.
    pub fn fixed_len(&self) -> Option<usize> {
        match self {
            Ty::Int | Ty::Nat | Ty::Bool => Some(4),
            Ty::Long | Ty::Double => Some(8),
            Ty::Int128 => Some(16),
            Ty::Int256 => Some(32),
            Ty::Int512 => Some(64),
            Ty::True { boxed } => Some(4 * usize::from(*boxed)),
            _ => None,
        }
    }

    /// Why the type cannot be used, if it (or its element) cannot.
    pub fn unresolved(&self) -> Option<&str> {
        match self {
            Ty::Unresolved(why) => Some(why),
            Ty::Vector { element, .. } => element.unresolved(),
            _ => None,
        }
    }
}

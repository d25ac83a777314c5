//! Lookups by ID and by name, and the TL spelling of resolved types.

use crate::schema::Schema;
use crate::ty::{CombinatorId, Ty, TypeId};

impl Schema {
    /// The constructors and functions with this ID, in file order (a few schemas reuse
    /// an ID).
    pub fn with_id(&self, id: u32) -> &[CombinatorId] {
        self.by_id.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The constructors and functions with this full name, in file order (`api.tl` and
    /// `mtproto.tl` both have a `message`).
    pub fn with_name(&self, name: &str) -> &[CombinatorId] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every full name of a constructor or function, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    /// The constructor of abstract type `t` with ID `id`.
    pub fn constructor_of(&self, t: TypeId, id: u32) -> Option<CombinatorId> {
        let by_id = &self.types[t].by_id;
        by_id
            .binary_search_by_key(&id, |&c| self.combinators[c].id)
            .ok()
            .map(|i| by_id[i])
    }

    /// The constructor of abstract type `t` named `name`.
    pub fn constructor_of_named(&self, t: TypeId, name: &str) -> Option<CombinatorId> {
        let by_name = &self.types[t].by_name;
        by_name
            .binary_search_by(|&c| self.combinators[c].name.as_str().cmp(name))
            .ok()
            .map(|i| by_name[i])
    }

    /// The abstract types themselves (not the per-file views), sorted by name, with the
    /// provided ones (`Bool`) left out: the types a generator makes enums of.
    pub fn generated_types(&self) -> impl Iterator<Item = (TypeId, &crate::AbstractType)> {
        self.types
            .iter()
            .enumerate()
            .filter(|(_, t)| t.file.is_none() && !t.provided)
    }

    /// The TL spelling of a resolved type, for messages and documentation.
    pub fn describe(&self, ty: &Ty) -> String {
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
            Ty::Generic(name) => format!("a function (`!{name}`)"),
            Ty::Object | Ty::AnyValue => "Object".into(),
            Ty::Unresolved(why) => format!("an unusable type ({why})"),
        }
    }
}

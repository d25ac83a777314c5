//! What a comparison finds: entries (one per constructor, function or abstract type that
//! differs), each with its changes, and each change judged twice: for the wire and for
//! Rust source using the generated bindings.

use std::fmt;

/// How much a change matters on one axis. Ordered: the worst change decides an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// No effect: names are not on the wire; IDs and docs are not in Rust types.
    None,
    /// Something new that existing peers and code can ignore: a new constructor,
    /// function or type, or a `flags.N?true` bit added under an existing ID.
    Compatible,
    /// Not known: the Rust API of a side could not be derived (the generator would
    /// fail on that schema; see [`Report::notes`]). Counts as breaking for a gate.
    Unknown,
    /// Breaks: an old peer and a new one misread each other (wire), or code written
    /// against the old bindings no longer compiles (source).
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Compatible => "compatible",
            Level::Unknown => "unknown",
            Level::Breaking => "breaking",
        }
    }

    /// Whether a `--fail-on` gate on this axis fails.
    pub fn fails_gate(self) -> bool {
        self >= Level::Unknown
    }
}

/// The two axes a change is judged on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Axis {
    /// Can an old peer still talk to a new one?
    Wire,
    /// Does code written against the old generated bindings still compile?
    Source,
}

/// What kind of definition an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An abstract type (`InputPeer`): a generated enum.
    Type,
    /// A constructor (`inputPeerUser`): a generated struct and an enum variant.
    Constructor,
    /// A function (`messages.sendMessage`): a generated struct.
    Function,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Type => "type",
            Kind::Constructor => "constructor",
            Kind::Function => "function",
        }
    }
}

/// An entry's overall status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Added,
    Removed,
    /// Same name, something else differs (possibly the ID: a re-ID).
    Changed,
    /// Another name for the same definition: same ID (constructors, functions) or the
    /// same constructors (types). It may have other changes too.
    Renamed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Renamed => "renamed",
        }
    }
}

/// One thing that differs. Parameter types are TL text with the flag condition
/// (`flags.0?string`); Rust types are root-relative paths (`enums::InputPeer`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// The whole definition is new.
    Added,
    /// The whole definition is gone.
    Removed,
    Renamed {
        from: String,
        to: String,
    },
    IdChanged {
        from: u32,
        to: u32,
    },
    /// The type after `=`: a function's answer, or the abstract type of a constructor.
    ResultChanged {
        from: String,
        to: String,
    },
    /// `{X:Type}` type variables.
    GenericsChanged {
        from: String,
        to: String,
    },
    ParamAdded {
        param: String,
        ty: String,
    },
    ParamRemoved {
        param: String,
        ty: String,
    },
    /// Same position and type, another name.
    ParamRenamed {
        from: String,
        to: String,
        ty: String,
    },
    /// The type changed (the flag condition is reported apart).
    ParamRetyped {
        param: String,
        from: String,
        to: String,
    },
    /// `x:T` became `x:flags.N?T`.
    ParamMadeOptional {
        param: String,
        flag: String,
    },
    /// `x:flags.N?T` became `x:T`.
    ParamMadeRequired {
        param: String,
        flag: String,
    },
    /// `flags.3?` became `flags2.0?`.
    ParamFlagMoved {
        param: String,
        from: String,
        to: String,
    },
    /// The parameters both sides have are in another order.
    ParamsReordered {
        from: Vec<String>,
        to: Vec<String>,
    },
    /// Documentation (TDLib `//@`) of the definition (`param: None`) or of a parameter;
    /// only reported when both sides have some.
    DocsChanged {
        param: Option<String>,
        from: String,
        to: String,
    },
    /// An abstract type gained a constructor.
    ConstructorAdded {
        constructor: String,
    },
    /// An abstract type lost a constructor.
    ConstructorRemoved {
        constructor: String,
    },
    /// A Rust field's type changed while its TL parameter did not (boxing of a field
    /// that became recursive, a referenced type that was renamed).
    RustFieldChanged {
        field: String,
        from: String,
        to: String,
    },
    /// The enum variant holding a constructor changed (its name, boxing, or a unit
    /// variant gaining a payload).
    RustVariantChanged {
        from: String,
        to: String,
    },
}

impl ChangeKind {
    /// The tag used in JSON output: `id_changed`, `param_added`, ...
    pub fn tag(&self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renamed { .. } => "renamed",
            ChangeKind::IdChanged { .. } => "id_changed",
            ChangeKind::ResultChanged { .. } => "result_changed",
            ChangeKind::GenericsChanged { .. } => "generics_changed",
            ChangeKind::ParamAdded { .. } => "param_added",
            ChangeKind::ParamRemoved { .. } => "param_removed",
            ChangeKind::ParamRenamed { .. } => "param_renamed",
            ChangeKind::ParamRetyped { .. } => "param_retyped",
            ChangeKind::ParamMadeOptional { .. } => "param_made_optional",
            ChangeKind::ParamMadeRequired { .. } => "param_made_required",
            ChangeKind::ParamFlagMoved { .. } => "param_flag_moved",
            ChangeKind::ParamsReordered { .. } => "params_reordered",
            ChangeKind::DocsChanged { .. } => "docs_changed",
            ChangeKind::ConstructorAdded { .. } => "constructor_added",
            ChangeKind::ConstructorRemoved { .. } => "constructor_removed",
            ChangeKind::RustFieldChanged { .. } => "rust_field_changed",
            ChangeKind::RustVariantChanged { .. } => "rust_variant_changed",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::Added => f.write_str("added"),
            ChangeKind::Removed => f.write_str("removed"),
            ChangeKind::Renamed { from, to } => write!(f, "renamed: {from} -> {to}"),
            ChangeKind::IdChanged { from, to } => write!(f, "id changed: #{from:08x} -> #{to:08x}"),
            ChangeKind::ResultChanged { from, to } => write!(f, "result: {from} -> {to}"),
            ChangeKind::GenericsChanged { from, to } => {
                write!(f, "type variables: {} -> {}", or_none(from), or_none(to))
            }
            ChangeKind::ParamAdded { param, ty } => write!(f, "param added: {param}:{ty}"),
            ChangeKind::ParamRemoved { param, ty } => write!(f, "param removed: {param}:{ty}"),
            ChangeKind::ParamRenamed { from, to, ty } => {
                write!(f, "param renamed: {from} -> {to} ({ty})")
            }
            ChangeKind::ParamRetyped { param, from, to } => {
                write!(f, "param {param} retyped: {from} -> {to}")
            }
            ChangeKind::ParamMadeOptional { param, flag } => {
                write!(f, "param {param} made optional ({flag}?)")
            }
            ChangeKind::ParamMadeRequired { param, flag } => {
                write!(f, "param {param} made required (was {flag}?)")
            }
            ChangeKind::ParamFlagMoved { param, from, to } => {
                write!(f, "param {param} moved to another flag: {from}? -> {to}?")
            }
            ChangeKind::ParamsReordered { from, to } => {
                write!(
                    f,
                    "params reordered: {} -> {}",
                    from.join(" "),
                    to.join(" ")
                )
            }
            ChangeKind::DocsChanged { param: None, .. } => f.write_str("docs changed"),
            ChangeKind::DocsChanged {
                param: Some(param), ..
            } => write!(f, "docs of param {param} changed"),
            ChangeKind::ConstructorAdded { constructor } => {
                write!(f, "constructor added: {constructor}")
            }
            ChangeKind::ConstructorRemoved { constructor } => {
                write!(f, "constructor removed: {constructor}")
            }
            ChangeKind::RustFieldChanged { field, from, to } => {
                write!(f, "Rust field {field}: {from} -> {to}")
            }
            ChangeKind::RustVariantChanged { from, to } => {
                write!(f, "Rust variant: {from} -> {to}")
            }
        }
    }
}

fn or_none(text: &str) -> &str {
    if text.is_empty() {
        "(none)"
    } else {
        text
    }
}

/// A change and its two verdicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub wire: Level,
    pub source: Level,
    /// What the change does to the generated Rust, when it does something:
    /// ``new field `rank: Option<String>` ``.
    pub rust: Option<String>,
}

impl Change {
    pub fn level(&self, axis: Axis) -> Level {
        match axis {
            Axis::Wire => self.wire,
            Axis::Source => self.source,
        }
    }
}

/// Everything that differs about one constructor, function or abstract type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub status: Status,
    /// The full TL name: the new one, or the old one when removed.
    pub name: String,
    /// The old full name, when renamed.
    pub old_name: Option<String>,
    /// The TL namespace of `name` (`messages`), empty for the root: what the readable
    /// report groups by.
    pub namespace: String,
    /// Constructor IDs (not for types).
    pub old_id: Option<u32>,
    pub new_id: Option<u32>,
    /// The TL text of each side (not for types).
    pub old_definition: Option<String>,
    pub new_definition: Option<String>,
    /// At least one.
    pub changes: Vec<Change>,
}

impl Entry {
    /// The worst level among the changes on `axis`.
    pub fn level(&self, axis: Axis) -> Level {
        self.changes
            .iter()
            .map(|c| c.level(axis))
            .max()
            .unwrap_or(Level::None)
    }
}

/// How many entries of one kind have each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub renamed: usize,
}

/// A side as the report names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideInfo {
    pub files: Vec<String>,
    pub layer: Option<u32>,
}

/// The result of [`compare`](super::compare).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub old: SideInfo,
    pub new: SideInfo,
    /// Entries ordered by namespace, then kind (types, constructors, functions), then name.
    pub entries: Vec<Entry>,
    /// Things the reader should know about the comparison itself (a side the generator
    /// cannot map to Rust, layers that look swapped).
    pub notes: Vec<String>,
}

impl Report {
    pub fn counts(&self, kind: Kind) -> Counts {
        let mut counts = Counts::default();
        for e in self.entries.iter().filter(|e| e.kind == kind) {
            match e.status {
                Status::Added => counts.added += 1,
                Status::Removed => counts.removed += 1,
                Status::Changed => counts.changed += 1,
                Status::Renamed => counts.renamed += 1,
            }
        }
        counts
    }

    /// Entries with at least one change that breaks `axis` (or cannot be judged on it).
    pub fn breaking(&self, axis: Axis) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| e.level(axis).fails_gate())
    }

    /// Whether a CI gate on `axis` fails.
    pub fn fails(&self, axis: Axis) -> bool {
        self.breaking(axis).next().is_some()
    }

    /// The entry for a definition or type by full TL name (new name, or old when removed).
    pub fn entry(&self, kind: Kind, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.kind == kind && e.name == name)
    }
}

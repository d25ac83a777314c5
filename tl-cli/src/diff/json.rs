//! The report as JSON, for tools (`tl diff --format json`). The shape (version 1):
//!
//! ```text
//! {
//!   "version": 1,
//!   "old": {"files": ["old/api.tl"], "layer": 229},        // layer: null without `// LAYER`
//!   "new": {"files": ["api.tl"], "layer": 230},
//!   "notes": ["..."],
//!   "summary": {
//!     "types":        {"added": 1, "removed": 0, "changed": 3, "renamed": 0},
//!     "constructors": {...}, "functions": {...},
//!     "wire_breaking": 12,          // entries with a change that breaks the wire
//!     "source_breaking": 20         // ... that breaks Rust source (or cannot be judged)
//!   },
//!   "entries": [{
//!     "kind": "constructor",        // "type" | "constructor" | "function"
//!     "status": "changed",          // "added" | "removed" | "changed" | "renamed"
//!     "name": "chatParticipantCreator",   // full TL name; the old one when removed
//!     "namespace": "",              // "" for the root
//!     "old_name": null,             // set when renamed
//!     "old_id": "0xe46bcee4", "new_id": "0xe1f867b8",          // null for types
//!     "old_definition": "chatParticipantCreator#e46bcee4 user_id:long = ChatParticipant;",
//!     "new_definition": "...",      // null when absent, and for types
//!     "wire": "breaking",           // the worst change: "none" | "compatible" | "unknown" | "breaking"
//!     "source": "breaking",
//!     "changes": [{
//!       "change": "param_added",    // see below
//!       "param": "rank", "from": null, "to": "flags.0?string",
//!       "wire": "breaking", "source": "breaking",
//!       "rust": "new field `rank: Option<String>`",   // or null
//!       "message": "param added: rank:flags.0?string" // what the readable report prints
//!     }]
//!   }]
//! }
//! ```
//!
//! `change` is one of: `added`, `removed`, `renamed` (from/to: names), `id_changed`
//! (from/to: `0x` + 8 hex digits), `result_changed` (from/to: TL types),
//! `generics_changed`, `param_added` (to: type), `param_removed` (from: type),
//! `param_renamed` (param: new name, from/to: names), `param_retyped` (from/to: types
//! without the condition), `param_made_optional` (to: `flags.N`),
//! `param_made_required` (from: `flags.N`), `param_flag_moved` (from/to: `flags.N`),
//! `params_reordered` (from/to: names, space-separated), `docs_changed` (param: null for
//! the definition's own docs; from/to: texts), `constructor_added` /
//! `constructor_removed` (param: null; to/from: the constructor), `rust_field_changed`
//! (param: the TL name; from/to: Rust types), `rust_variant_changed` (from/to: variants).
//! Every change object has all of `param`, `from`, `to`, `rust` (null when unused).

use serde_json::{json, Value};

use super::report::{Axis, ChangeKind, Counts, Entry, Kind, Report, SideInfo};

impl Report {
    /// The report as a JSON value of the documented shape.
    pub fn to_json(&self) -> Value {
        json!({
            "version": 1,
            "old": side(&self.old),
            "new": side(&self.new),
            "notes": self.notes,
            "summary": {
                "types": counts(self.counts(Kind::Type)),
                "constructors": counts(self.counts(Kind::Constructor)),
                "functions": counts(self.counts(Kind::Function)),
                "wire_breaking": self.breaking(Axis::Wire).count(),
                "source_breaking": self.breaking(Axis::Source).count(),
            },
            "entries": self.entries.iter().map(entry).collect::<Vec<_>>(),
        })
    }
}

fn side(side: &SideInfo) -> Value {
    json!({ "files": side.files, "layer": side.layer })
}

fn counts(c: Counts) -> Value {
    json!({ "added": c.added, "removed": c.removed, "changed": c.changed, "renamed": c.renamed })
}

fn hex_id(id: Option<u32>) -> Value {
    match id {
        Some(id) => Value::String(format!("{id:#010x}")),
        None => Value::Null,
    }
}

fn entry(e: &Entry) -> Value {
    let changes: Vec<Value> = e
        .changes
        .iter()
        .map(|c| {
            let (param, from, to) = fields(&c.kind);
            json!({
                "change": c.kind.tag(),
                "param": param,
                "from": from,
                "to": to,
                "wire": c.wire.as_str(),
                "source": c.source.as_str(),
                "rust": c.rust,
                "message": c.kind.to_string(),
            })
        })
        .collect();
    json!({
        "kind": e.kind.as_str(),
        "status": e.status.as_str(),
        "name": e.name,
        "namespace": e.namespace,
        "old_name": e.old_name,
        "old_id": hex_id(e.old_id),
        "new_id": hex_id(e.new_id),
        "old_definition": e.old_definition,
        "new_definition": e.new_definition,
        "wire": e.level(Axis::Wire).as_str(),
        "source": e.level(Axis::Source).as_str(),
        "changes": changes,
    })
}

/// `(param, from, to)` of a change.
fn fields(kind: &ChangeKind) -> (Option<String>, Option<String>, Option<String>) {
    let s = |text: &str| Some(text.to_owned());
    match kind {
        ChangeKind::Added | ChangeKind::Removed => (None, None, None),
        ChangeKind::Renamed { from, to }
        | ChangeKind::ResultChanged { from, to }
        | ChangeKind::GenericsChanged { from, to }
        | ChangeKind::RustVariantChanged { from, to } => (None, s(from), s(to)),
        ChangeKind::IdChanged { from, to } => (
            None,
            Some(format!("{from:#010x}")),
            Some(format!("{to:#010x}")),
        ),
        ChangeKind::ParamAdded { param, ty } => (s(param), None, s(ty)),
        ChangeKind::ParamRemoved { param, ty } => (s(param), s(ty), None),
        ChangeKind::ParamRenamed { from, to, .. } => (s(to), s(from), s(to)),
        ChangeKind::ParamRetyped { param, from, to }
        | ChangeKind::ParamFlagMoved { param, from, to } => (s(param), s(from), s(to)),
        ChangeKind::ParamMadeOptional { param, flag } => (s(param), None, s(flag)),
        ChangeKind::ParamMadeRequired { param, flag } => (s(param), s(flag), None),
        ChangeKind::ParamsReordered { from, to } => {
            (None, Some(from.join(" ")), Some(to.join(" ")))
        }
        ChangeKind::DocsChanged { param, from, to } => (param.clone(), s(from), s(to)),
        ChangeKind::ConstructorAdded { constructor } => (None, None, s(constructor)),
        ChangeKind::ConstructorRemoved { constructor } => (None, s(constructor), None),
        ChangeKind::RustFieldChanged { field, from, to } => (s(field), s(from), s(to)),
    }
}

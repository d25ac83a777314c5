//! Schema evolution: what changed between two versions of a schema (two layers), and
//! what each change means for the wire and for Rust code using the generated bindings.
//! `tl diff` is a thin command line over this module.
//!
//! ```
//! use tl_cli::diff::{compare, Axis, Kind, Level, Side};
//!
//! let options = Default::default();
//! let old = Side::from_sources(&[("old.tl", "user#1 id:long = User;")], &options).unwrap();
//! let new = Side::from_sources(
//!     &[("new.tl", "user#2 flags:# id:long name:flags.0?string = User;")],
//!     &options,
//! )
//! .unwrap();
//! let report = compare(&old, &new);
//! let user = report.entry(Kind::Constructor, "user").unwrap();
//! assert_eq!(user.level(Axis::Wire), Level::Breaking); // the ID changed
//! assert_eq!(user.level(Axis::Source), Level::Breaking); // a new field `name`
//! assert!(report.to_text().contains("param added: name:flags.0?string"));
//! ```
//!
//! # Matching
//!
//! Definitions pair by section and full name; a pair whose IDs differ is a re-ID. The rest
//! pair by ID: a new name for the same ID is a rename. Abstract types pair by name, then
//! by having the same constructors. What is left was added or removed.
//!
//! # Verdicts
//!
//! Every [`Change`] has a [`Level`] on two [`Axis`]es.
//!
//! Wire (can an old peer still talk to a new one?): a changed ID, a removed definition,
//! a changed result, and any parameter change that moves bytes (added, removed,
//! retyped, made optional or required, moved to another flag bit, reordered) break it.
//! Names are not on the wire (renames: none), nor are `string` vs `bytes` (the same
//! bytes). New definitions are compatible (old peers never send them; Telegram sends
//! them only to clients that invoke with the new layer), and so is a `flags.N?true` bit
//! added or removed under the same ID, which takes no bytes.
//!
//! Source (does code written against the old bindings still compile?): judged on the
//! generator's own view of each side's Rust API ([`tl_codegen::rust_view`]), so it sees
//! exactly what the generator writes. A new or removed stored field breaks struct literals and patterns; a field whose Rust type
//! changed (`T` to `Option<T>`, `Box<T>`) breaks; a renamed item, a changed
//! `RemoteCall::Answer` and a changed enum variant (boxing, a unit variant gaining a
//! payload) break; a new constructor of an existing type is a new enum variant and
//! breaks exhaustive `match`es. IDs, docs, flag bits and parameter order are not part of
//! the Rust API. When a side cannot be mapped to Rust (the generator would fail on it),
//! source verdicts are [`Level::Unknown`] and [`Report::notes`] says why.

mod definition;
mod json;
mod matching;
mod params;
mod readable;
mod report;
mod side;
mod source;
mod tl_text;
mod types;

pub use report::{Axis, Change, ChangeKind, Counts, Entry, Kind, Level, Report, SideInfo, Status};
pub use side::{LoadError, Side};

/// Compares two versions of a schema.
pub fn compare(old: &Side, new: &Side) -> Report {
    let views = match (&old.rust, &new.rust) {
        (Ok(o), Ok(n)) => Some((o, n)),
        _ => None,
    };
    let pairs = matching::pair_definitions(old, new);
    let mut entries: Vec<Entry> = pairs
        .iter()
        .filter_map(|&pair| definition::entry(old, new, pair, views))
        .collect();
    entries.extend(types::entries(old, new, &pairs, views));
    entries.sort_by(|a, b| (&a.namespace, a.kind, &a.name).cmp(&(&b.namespace, b.kind, &b.name)));

    let mut notes = Vec::new();
    for (label, side) in [("old", old), ("new", new)] {
        if let Some(errors) = side.rust_errors() {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            notes.push(format!(
                "source compatibility not assessed: the {label} schemas cannot be mapped to Rust ({} problem(s); first: {first})",
                errors.len()
            ));
        }
    }
    if let (Some(o), Some(n)) = (old.layer(), new.layer()) {
        if o > n {
            notes.push(format!(
                "the old side is layer {o} and the new side layer {n}: are they swapped?"
            ));
        }
    }
    Report {
        old: side_info(old),
        new: side_info(new),
        entries,
        notes,
    }
}

fn side_info(side: &Side) -> SideInfo {
    SideInfo {
        files: side.files().to_vec(),
        layer: side.layer(),
    }
}

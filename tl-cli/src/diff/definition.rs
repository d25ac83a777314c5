//! The entry of one constructor or function: added, removed, or what changed between its
//! two versions (name, ID, result, type variables, docs, parameters, Rust variant).

use tl_parser::ast::{Definition, Section};

use super::matching::DefPair;
use super::params;
use super::report::{Change, ChangeKind, Entry, Kind, Level, Status};
use super::side::Side;
use super::source::{Shapes, Verdict, Views};
use super::tl_text::{generics_text, type_text};

fn change(kind: ChangeKind, wire: Level, source: Verdict) -> Change {
    Change {
        kind,
        wire,
        source: source.level,
        rust: source.rust,
    }
}

/// The entry for a pair, or `None` when both versions are the same.
pub(crate) fn entry(old: &Side, new: &Side, pair: DefPair, views: Views<'_>) -> Option<Entry> {
    let old_def = pair.old.map(|i| &old.definitions[i]);
    let new_def = pair.new.map(|j| &new.definitions[j]);
    let key = |def: &Definition| (def.section, def.full_name());
    let (old_key, new_key) = (old_def.map(key), new_def.map(key));
    let shapes = Shapes::of(views, old_key.as_ref(), new_key.as_ref());

    let mut changes = Vec::new();
    let status = match (old_def, new_def) {
        (None, Some(_)) => {
            // Old peers never send it, and no existing code names it.
            changes.push(change(ChangeKind::Added, Level::Compatible, shapes.added()));
            Status::Added
        }
        (Some(_), None) => {
            changes.push(change(
                ChangeKind::Removed,
                Level::Breaking,
                shapes.removed(),
            ));
            Status::Removed
        }
        (Some(o), Some(n)) => {
            compare_versions(o, n, shapes, &mut changes);
            if o.full_name() == n.full_name() {
                Status::Changed
            } else {
                Status::Renamed
            }
        }
        (None, None) => return None,
    };
    if changes.is_empty() {
        return None;
    }
    let main = new_def.or(old_def)?;
    Some(Entry {
        kind: match main.section {
            Section::Types => Kind::Constructor,
            Section::Functions => Kind::Function,
        },
        status,
        name: main.full_name(),
        old_name: old_def
            .filter(|_| status == Status::Renamed)
            .map(Definition::full_name),
        namespace: main.namespace.to_string(),
        old_id: old_def.map(Definition::id),
        new_id: new_def.map(Definition::id),
        old_definition: old_def.map(ToString::to_string),
        new_definition: new_def.map(ToString::to_string),
        changes,
    })
}

fn compare_versions(old: &Definition, new: &Definition, shapes: Shapes<'_>, out: &mut Vec<Change>) {
    let renamed = old.full_name() != new.full_name();
    if renamed {
        let kind = ChangeKind::Renamed {
            from: old.full_name(),
            to: new.full_name(),
        };
        // Names are not on the wire (the ID is compared on its own).
        out.push(change(kind, Level::None, shapes.path()));
    }
    if old.id() != new.id() {
        let kind = ChangeKind::IdChanged {
            from: old.id(),
            to: new.id(),
        };
        // Each side rejects the other's ID as an unknown constructor.
        out.push(change(kind, Level::Breaking, Verdict::NONE));
    }
    let (old_result, new_result) = (type_text(&old.result), type_text(&new.result));
    let result_changed = old_result != new_result;
    if result_changed {
        let verdict = match old.section {
            Section::Functions => shapes.answer(),
            Section::Types => shapes.variant(),
        };
        let kind = ChangeKind::ResultChanged {
            from: old_result,
            to: new_result,
        };
        out.push(change(kind, Level::Breaking, verdict));
    }
    let (old_generics, new_generics) = (generics_text(old), generics_text(new));
    if old_generics != new_generics {
        let kind = ChangeKind::GenericsChanged {
            from: old_generics,
            to: new_generics,
        };
        out.push(change(kind, Level::Breaking, shapes.generics()));
    }
    if let (Some(from), Some(to)) = (&old.docs.description, &new.docs.description) {
        if from != to {
            let kind = ChangeKind::DocsChanged {
                param: None,
                from: from.clone(),
                to: to.clone(),
            };
            out.push(change(kind, Level::None, Verdict::NONE));
        }
    }
    params::compare(old, new, shapes, out);
    if !renamed && !result_changed {
        // The variant holding the constructor can change with nothing else to explain
        // it: boxed once the constructor grew past the size limit, a unit variant that
        // gained a payload, names that now collide within the enum.
        let verdict = shapes.variant();
        if verdict.level == Level::Breaking {
            if let Shapes::Known {
                old: Some(o),
                new: Some(n),
            } = shapes
            {
                let none = || "(none)".to_owned();
                let kind = ChangeKind::RustVariantChanged {
                    from: o.variant.clone().unwrap_or_else(none),
                    to: n.variant.clone().unwrap_or_else(none),
                };
                // The change itself says what the Rust difference is.
                out.push(Change {
                    kind,
                    wire: Level::None,
                    source: verdict.level,
                    rust: None,
                });
            }
        }
    }
}

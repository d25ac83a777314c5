//! Entries of abstract types (`InputPeer`): which constructors they gained and lost.
//!
//! A gained constructor is harmless on the wire (old peers never send it) but is a new
//! variant of the generated enum, which breaks every exhaustive `match` on it.

use std::collections::HashMap;

use tl_parser::ast::Section;

use super::matching::{constructors_by_type, pair_types, DefPair};
use super::report::{Change, ChangeKind, Entry, Kind, Level, Status};
use super::side::Side;
use super::source::{enums, Views};

/// One entry per abstract type that was added, removed, renamed or changed.
pub(crate) fn entries(old: &Side, new: &Side, pairs: &[DefPair], views: Views<'_>) -> Vec<Entry> {
    let old_types = constructors_by_type(old);
    let new_types = constructors_by_type(new);
    let new_of_old: HashMap<usize, usize> = pairs
        .iter()
        .filter_map(|p| Some((p.old?, p.new?)))
        .collect();
    let old_of_new: HashMap<usize, usize> = new_of_old.iter().map(|(&o, &n)| (n, o)).collect();

    let mut entries = Vec::new();
    for (old_name, new_name) in pair_types(&old_types, &new_types, pairs) {
        let rust = enums(views, old_name.as_deref(), new_name.as_deref());
        let mut changes = Vec::new();
        let status = match (&old_name, &new_name) {
            (None, Some(_)) => {
                let (source, note) = match rust {
                    None => (Level::Unknown, None),
                    Some((_, Some(path))) => (Level::Compatible, Some(format!("new `{path}`"))),
                    Some((_, None)) => (Level::None, None),
                };
                changes.push(Change {
                    kind: ChangeKind::Added,
                    wire: Level::Compatible,
                    source,
                    rust: note,
                });
                Status::Added
            }
            (Some(_), None) => {
                let (source, note) = match rust {
                    None => (Level::Unknown, None),
                    Some((Some(path), _)) => (Level::Breaking, Some(format!("`{path}` removed"))),
                    Some((None, _)) => (Level::None, None),
                };
                changes.push(Change {
                    kind: ChangeKind::Removed,
                    wire: Level::Breaking,
                    source,
                    rust: note,
                });
                Status::Removed
            }
            (Some(o), Some(n)) => {
                if o != n {
                    let (source, note) = match rust {
                        None => (Level::Unknown, None),
                        Some((a, b)) if a == b => (Level::None, None),
                        Some((a, b)) => (
                            Level::Breaking,
                            Some(format!(
                                "`{}` is now `{}`",
                                a.unwrap_or("(none)"),
                                b.unwrap_or("(none)")
                            )),
                        ),
                    };
                    changes.push(Change {
                        kind: ChangeKind::Renamed {
                            from: o.clone(),
                            to: n.clone(),
                        },
                        wire: Level::None,
                        source,
                        rust: note,
                    });
                }
                // Constructors that joined the type: new ones, or ones that were another
                // type's before (a changed result).
                for &c in &new_types[n] {
                    let was_here = old_of_new
                        .get(&c)
                        .is_some_and(|&oc| old.definitions[oc].result.full_name() == *o);
                    if !was_here {
                        let constructor = new.definitions[c].full_name();
                        let (source, note) = new_variant(views, rust, &constructor);
                        changes.push(Change {
                            kind: ChangeKind::ConstructorAdded { constructor },
                            wire: Level::Compatible,
                            source,
                            rust: note,
                        });
                    }
                }
                for &c in &old_types[o] {
                    let stays = new_of_old
                        .get(&c)
                        .is_some_and(|&nc| new.definitions[nc].result.full_name() == *n);
                    if !stays {
                        let constructor = old.definitions[c].full_name();
                        let (source, note) = match rust {
                            None => (Level::Unknown, None),
                            Some((Some(path), _)) => (
                                Level::Breaking,
                                Some(format!("a variant of `{path}` removed")),
                            ),
                            Some((None, _)) => (Level::None, None),
                        };
                        changes.push(Change {
                            kind: ChangeKind::ConstructorRemoved { constructor },
                            wire: Level::Breaking,
                            source,
                            rust: note,
                        });
                    }
                }
                if let (Some(from), Some(to)) = (old.class_docs.get(o), new.class_docs.get(n)) {
                    if from != to {
                        changes.push(Change {
                            kind: ChangeKind::DocsChanged {
                                param: None,
                                from: from.clone(),
                                to: to.clone(),
                            },
                            wire: Level::None,
                            source: Level::None,
                            rust: None,
                        });
                    }
                }
                if o == n {
                    Status::Changed
                } else {
                    Status::Renamed
                }
            }
            (None, None) => continue,
        };
        if changes.is_empty() {
            continue;
        }
        let Some(name) = new_name.clone().or_else(|| old_name.clone()) else {
            continue;
        };
        entries.push(Entry {
            kind: Kind::Type,
            status,
            namespace: name
                .rsplit_once('.')
                .map(|(ns, _)| ns.to_owned())
                .unwrap_or_default(),
            old_name: old_name.filter(|_| status == Status::Renamed),
            name,
            old_id: None,
            new_id: None,
            old_definition: None,
            new_definition: None,
            changes,
        });
    }
    entries
}

/// A new variant of an enum that existed before breaks exhaustive matches on it.
fn new_variant(
    views: Views<'_>,
    rust: Option<(Option<&str>, Option<&str>)>,
    constructor: &str,
) -> (Level, Option<String>) {
    match rust {
        None => (Level::Unknown, None),
        Some((Some(_), Some(path))) => {
            let variant = views
                .and_then(|(_, new)| new.structure(Section::Types, constructor))
                .and_then(|s| s.variant.clone())
                .unwrap_or_else(|| format!("{path}::?"));
            let note = format!("new variant `{variant}`: exhaustive `match`es need an arm");
            (Level::Breaking, Some(note))
        }
        Some(_) => (Level::None, None),
    }
}

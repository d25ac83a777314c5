//! Parameter-level changes between two versions of a definition.
//!
//! Parameters pair by name. An old and a new one left unpaired at the same position
//! with the same type are a rename. Wire verdicts follow the byte layout: what an old
//! reader would misread. Source verdicts compare the generated fields.

use tl_codegen::rust_view::StructShape;
use tl_parser::ast::{Definition, ParamKind, Parameter};

use super::report::{Change, ChangeKind, Level};
use super::source::{Shapes, Verdict};
use super::tl_text::{
    flag, flag_text, full_type_text, has_flags_word, is_true_flag, value_text, wire_type_text,
};

/// A named parameter and its position.
#[derive(Clone, Copy)]
struct Param<'d> {
    position: usize,
    name: &'d str,
    param: &'d Parameter,
}

fn named(def: &Definition) -> Vec<Param<'_>> {
    def.params
        .iter()
        .enumerate()
        .filter_map(|(position, param)| {
            Some(Param {
                position,
                name: param.name.as_deref()?,
                param,
            })
        })
        .collect()
}

fn change(kind: ChangeKind, wire: Level, source: Verdict) -> Change {
    Change {
        kind,
        wire,
        source: source.level,
        rust: source.rust,
    }
}

/// Appends the parameter changes from `old` to `new` to `out`.
pub(crate) fn compare(
    old: &Definition,
    new: &Definition,
    shapes: Shapes<'_>,
    out: &mut Vec<Change>,
) {
    let old_params = named(old);
    let new_params = named(new);
    let mut removed: Vec<Param<'_>> = old_params
        .iter()
        .copied()
        .filter(|o| !new_params.iter().any(|n| n.name == o.name))
        .collect();
    let mut added: Vec<Param<'_>> = new_params
        .iter()
        .copied()
        .filter(|n| !old_params.iter().any(|o| o.name == n.name))
        .collect();

    let mut renamed: Vec<(Param<'_>, Param<'_>)> = Vec::new();
    removed.retain(|o| {
        let same_slot = added.iter().position(|n| {
            n.position == o.position && full_type_text(n.param) == full_type_text(o.param)
        });
        match same_slot {
            Some(k) => {
                renamed.push((*o, added.remove(k)));
                false
            }
            None => true,
        }
    });

    for o in &removed {
        // An old peer may still set a `true` bit; the new one ignores it.
        let wire = if only_a_bit(o.param, new) {
            Level::Compatible
        } else {
            Level::Breaking
        };
        let kind = ChangeKind::ParamRemoved {
            param: o.name.to_owned(),
            ty: full_type_text(o.param),
        };
        out.push(change(kind, wire, shapes.field(Some(o.name), None)));
    }
    for n in &added {
        // A new `true` bit under an existing word takes no bytes: an old reader skips it.
        let wire = if only_a_bit(n.param, old) {
            Level::Compatible
        } else {
            Level::Breaking
        };
        let kind = ChangeKind::ParamAdded {
            param: n.name.to_owned(),
            ty: full_type_text(n.param),
        };
        out.push(change(kind, wire, shapes.field(None, Some(n.name))));
    }
    for (o, n) in &renamed {
        let kind = ChangeKind::ParamRenamed {
            from: o.name.to_owned(),
            to: n.name.to_owned(),
            ty: full_type_text(n.param),
        };
        // Names are not on the wire.
        out.push(change(
            kind,
            Level::None,
            shapes.field(Some(o.name), Some(n.name)),
        ));
    }

    let mut common: Vec<(Param<'_>, Param<'_>)> = renamed.clone();
    for o in &old_params {
        if let Some(n) = new_params.iter().find(|n| n.name == o.name) {
            common.push((*o, *n));
        }
    }
    common.sort_by_key(|(o, _)| o.position);
    for (o, n) in common.iter().filter(|(o, n)| o.name == n.name) {
        compare_common(*o, *n, shapes, out);
    }
    reordering(&common, out);
}

/// A `flags.N?true` whose word the other version also has: present or absent, it adds
/// no bytes.
fn only_a_bit(param: &Parameter, other: &Definition) -> bool {
    is_true_flag(param) && flag(param).is_some_and(|f| has_flags_word(other, &f.holder))
}

/// One parameter both versions have under the same name.
fn compare_common(o: Param<'_>, n: Param<'_>, shapes: Shapes<'_>, out: &mut Vec<Change>) {
    let name = o.name.to_owned();
    let field = || shapes.field(Some(o.name), Some(n.name));
    let mut tl_changed = false;
    let (old_type, new_type) = (value_text(o.param), value_text(n.param));
    if old_type != new_type {
        tl_changed = true;
        let wire = if same_bytes(o.param, n.param) {
            Level::None
        } else {
            Level::Breaking
        };
        let kind = ChangeKind::ParamRetyped {
            param: name.clone(),
            from: old_type,
            to: new_type,
        };
        out.push(change(kind, wire, field()));
    }
    let kind = match (flag(o.param), flag(n.param)) {
        (None, Some(f)) => Some(ChangeKind::ParamMadeOptional {
            param: name.clone(),
            flag: flag_text(f),
        }),
        (Some(f), None) => Some(ChangeKind::ParamMadeRequired {
            param: name.clone(),
            flag: flag_text(f),
        }),
        (Some(a), Some(b)) if (&a.holder, a.bit) != (&b.holder, b.bit) => {
            Some(ChangeKind::ParamFlagMoved {
                param: name.clone(),
                from: flag_text(a),
                to: flag_text(b),
            })
        }
        _ => None,
    };
    if let Some(kind) = kind {
        tl_changed = true;
        out.push(change(kind, Level::Breaking, field()));
    }
    if !tl_changed {
        // The TL parameter is the same, its Rust field may not be: it is boxed when its
        // type became recursive through a change elsewhere, and unboxed when no longer.
        let verdict = field();
        if let (
            Level::Breaking,
            Shapes::Known {
                old: Some(os),
                new: Some(ns),
            },
        ) = (verdict.level, shapes)
        {
            let rust_type = |s: &StructShape, p: &str| {
                s.field(p)
                    .and_then(|f| f.rust_type.clone())
                    .unwrap_or_else(|| "(not stored)".to_owned())
            };
            let kind = ChangeKind::RustFieldChanged {
                field: name.clone(),
                from: rust_type(os, o.name),
                to: rust_type(ns, n.name),
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
    if let (Some(from), Some(to)) = (&o.param.doc, &n.param.doc) {
        if from != to {
            let kind = ChangeKind::DocsChanged {
                param: Some(name),
                from: from.clone(),
                to: to.clone(),
            };
            out.push(change(kind, Level::None, Verdict::NONE));
        }
    }
}

/// The same bytes on the wire under either type (`string` and `bytes`).
fn same_bytes(old: &Parameter, new: &Parameter) -> bool {
    match (&old.kind, &new.kind) {
        (ParamKind::Value { ty: a, bang: x, .. }, ParamKind::Value { ty: b, bang: y, .. }) => {
            x == y && wire_type_text(a) == wire_type_text(b)
        }
        _ => false,
    }
}

/// The parameters both versions have (renamed ones included), in another order.
fn reordering(common: &[(Param<'_>, Param<'_>)], out: &mut Vec<Change>) {
    let old_order: Vec<&Param<'_>> = common.iter().map(|(o, _)| o).collect();
    let mut new_order: Vec<&(Param<'_>, Param<'_>)> = common.iter().collect();
    new_order.sort_by_key(|(_, n)| n.position);
    let moved = common
        .iter()
        .zip(&new_order)
        .any(|((o, _), (o2, _))| o.position != o2.position);
    if !moved {
        return;
    }
    // `true` bits take no bytes: moving them around changes no layout.
    let with_bytes = |p: &Param<'_>| !is_true_flag(p.param);
    let old_layout: Vec<usize> = old_order
        .iter()
        .filter(|o| with_bytes(o))
        .map(|o| o.position)
        .collect();
    let new_layout: Vec<usize> = new_order
        .iter()
        .filter(|(o, _)| with_bytes(o))
        .map(|(o, _)| o.position)
        .collect();
    let wire = if old_layout == new_layout {
        Level::None
    } else {
        Level::Breaking
    };
    let kind = ChangeKind::ParamsReordered {
        from: old_order.iter().map(|o| o.name.to_owned()).collect(),
        to: new_order.iter().map(|(_, n)| n.name.to_owned()).collect(),
    };
    // Fields are named: their order does not matter to Rust code.
    out.push(change(kind, wire, Verdict::NONE));
}

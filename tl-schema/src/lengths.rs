//! Derived facts about wire lengths: which constructors reach themselves bare, and the
//! fewest bytes each bare body takes.

use crate::schema::{ParamKind, Schema};
use crate::ty::{CombinatorId, Ty};

/// Past this many nested bare bodies the minimum length counts as 0 (still a lower bound),
/// so that a hostile schema cannot exhaust the stack.
const MAX_BARE_NESTING: u32 = 64;

/// Marks constructors whose bare decoding can reach themselves bare again.
pub(crate) fn mark_bare_cycles(schema: &mut Schema) {
    let edges: Vec<Vec<CombinatorId>> = schema
        .combinators
        .iter()
        .map(|c| {
            c.params
                .iter()
                .filter_map(|p| match &p.kind {
                    ParamKind::Value {
                        ty: Ty::Bare(target),
                        ..
                    } => Some(*target),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // Repeatedly drop constructors that reach no remaining constructor bare; what is left
    // is on a cycle or leads into one (both get the depth check: harmless).
    let mut remaining: Vec<bool> = edges.iter().map(|e| !e.is_empty()).collect();
    loop {
        let mut changed = false;
        for (c, targets) in edges.iter().enumerate() {
            if remaining[c] && !targets.iter().any(|&t| remaining[t]) {
                remaining[c] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (combinator, on_cycle) in schema.combinators.iter_mut().zip(remaining) {
        combinator.bare_cycle = on_cycle;
    }
}

pub(crate) fn compute_min_lens(schema: &mut Schema) {
    let mut memo: Vec<Option<usize>> = vec![None; schema.combinators.len()];
    for c in 0..schema.combinators.len() {
        let len = min_len_of(schema, c, &mut memo, 0);
        schema.combinators[c].min_len = len;
    }
}

/// The fewest bytes the bare body of `c` takes. A bare cycle counts as 0.
fn min_len_of(schema: &Schema, c: CombinatorId, memo: &mut [Option<usize>], depth: u32) -> usize {
    if let Some(len) = memo[c] {
        return len;
    }
    if depth > MAX_BARE_NESTING || schema.combinators[c].bare_cycle {
        return 0;
    }
    let mut len = 0usize;
    for p in &schema.combinators[c].params {
        len = len.saturating_add(match &p.kind {
            ParamKind::FlagsWord { .. } | ParamKind::ObjectLength => 4,
            ParamKind::FlagTrue { .. } | ParamKind::Value { flag: Some(_), .. } => 0,
            ParamKind::Value {
                ty: Ty::Bare(inner),
                flag: None,
            } => min_len_of(schema, *inner, memo, depth + 1),
            ParamKind::Value { ty, flag: None } => ty.min_len_unless_bare(),
        });
    }
    memo[c] = Some(len);
    len
}

impl Schema {
    /// The fewest bytes a value of `ty` takes on the wire.
    pub fn min_len(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Bare(c) => self.combinators[*c].min_len,
            other => other.min_len_unless_bare(),
        }
    }
}

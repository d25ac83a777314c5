//! Which old definition is which new one.
//!
//! By full name first (a changed ID under the same name is a re-ID of that definition),
//! then by ID among the rest (a new name for the same ID is a rename). What is left was
//! removed or added. Abstract types pair by name, then by having the same constructors
//! (a renamed type).

use std::collections::{BTreeMap, HashMap};

use tl_parser::ast::Section;

use super::side::Side;

/// Indices into `Side::definitions`; at least one is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DefPair {
    pub old: Option<usize>,
    pub new: Option<usize>,
}

pub(crate) fn pair_definitions(old: &Side, new: &Side) -> Vec<DefPair> {
    let mut pairs = Vec::new();
    let mut new_taken = vec![false; new.definitions.len()];
    let mut old_left = Vec::new();
    for (i, def) in old.definitions.iter().enumerate() {
        match new.by_key.get(&(def.section, def.full_name())) {
            Some(&j) => {
                new_taken[j] = true;
                pairs.push(DefPair {
                    old: Some(i),
                    new: Some(j),
                });
            }
            None => old_left.push(i),
        }
    }
    // IDs are unique within a validated set, so at most one candidate each way.
    let mut new_by_id: HashMap<(Section, u32), usize> = HashMap::new();
    for (j, def) in new.definitions.iter().enumerate() {
        if !new_taken[j] {
            new_by_id.insert((def.section, def.id()), j);
        }
    }
    for i in old_left {
        let def = &old.definitions[i];
        let renamed = new_by_id.remove(&(def.section, def.id()));
        if let Some(j) = renamed {
            new_taken[j] = true;
        }
        pairs.push(DefPair {
            old: Some(i),
            new: renamed,
        });
    }
    for (j, taken) in new_taken.into_iter().enumerate() {
        if !taken {
            pairs.push(DefPair {
                old: None,
                new: Some(j),
            });
        }
    }
    pairs
}

/// Constructor indices of each abstract type (the full name after `=`), in source order.
pub(crate) fn constructors_by_type(side: &Side) -> BTreeMap<String, Vec<usize>> {
    let mut by_type: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, def) in side.definitions.iter().enumerate() {
        if def.section == Section::Types {
            by_type.entry(def.result.full_name()).or_default().push(i);
        }
    }
    by_type
}

/// Abstract type names paired across sides; at least one of each pair is set.
pub(crate) fn pair_types(
    old_types: &BTreeMap<String, Vec<usize>>,
    new_types: &BTreeMap<String, Vec<usize>>,
    pairs: &[DefPair],
) -> Vec<(Option<String>, Option<String>)> {
    let new_of_old: HashMap<usize, usize> = pairs
        .iter()
        .filter_map(|p| Some((p.old?, p.new?)))
        .collect();
    let mut result = Vec::new();
    let mut old_left: Vec<&String> = Vec::new();
    for name in old_types.keys() {
        if new_types.contains_key(name) {
            result.push((Some(name.clone()), Some(name.clone())));
        } else {
            old_left.push(name);
        }
    }
    let mut new_left: Vec<&String> = new_types
        .keys()
        .filter(|name| !old_types.contains_key(*name))
        .collect();
    for old_name in old_left {
        // Renamed: the same constructors (as paired) make up a type of another name.
        let mapped: Option<Vec<usize>> = old_types[old_name]
            .iter()
            .map(|c| new_of_old.get(c).copied())
            .collect();
        let renamed = mapped.and_then(|mut mapped| {
            mapped.sort_unstable();
            new_left.iter().position(|candidate| {
                let mut members = new_types[*candidate].clone();
                members.sort_unstable();
                members == mapped
            })
        });
        match renamed {
            Some(k) => {
                let new_name = new_left.remove(k);
                result.push((Some(old_name.clone()), Some(new_name.clone())));
            }
            None => result.push((Some(old_name.clone()), None)),
        }
    }
    result.extend(new_left.into_iter().map(|name| (None, Some(name.clone()))));
    result
}

//! Trimming a schema to what some roots need ([`crate::Config::only`]).
//!
//! Most programs call a few dozen of the API's ~850 functions, and the compile time of
//! the generated crate grows with every type in it. Given root names (functions,
//! constructors or types), this keeps the roots and everything their parameters and
//! results reach, transitively, and drops the rest. Builtins are always kept.
//!
//! A kept type keeps all its constructors (a decoder must accept any of them), and a kept
//! constructor keeps its type, so the generated enums stay complete.

use std::collections::{HashMap, HashSet};

use tl_parser::{Definition, ParamKind, Parameter, Section, TypeRef};

/// The definitions the roots reach, in their original order, and the roots found in
/// none of `definitions` (for an error naming them).
pub fn reachable<'d>(
    definitions: &[&'d Definition],
    roots: &[String],
) -> (Vec<&'d Definition>, Vec<String>) {
    // Constructors by their own name and by their type's name; functions by name.
    let mut constructors_of: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (index, def) in definitions.iter().enumerate() {
        by_name.insert(def.full_name(), index);
        if def.section == Section::Types {
            constructors_of
                .entry(def.result.full_name())
                .or_default()
                .push(index);
        }
    }

    let mut kept: HashSet<usize> = HashSet::new();
    let mut types_seen: HashSet<String> = HashSet::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut missing = Vec::new();
    for root in roots {
        let mut found = false;
        if let Some(&index) = by_name.get(root.as_str()) {
            pending.push(index);
            found = true;
        }
        if let Some(members) = constructors_of.get(root.as_str()) {
            types_seen.insert(root.clone());
            pending.extend(members);
            found = true;
        }
        if !found {
            missing.push(root.clone());
        }
    }

    while let Some(index) = pending.pop() {
        if !kept.insert(index) {
            continue;
        }
        let def = definitions[index];
        let mut reach_type = |ty: &TypeRef, pending: &mut Vec<usize>| {
            each_name(ty, &mut |name| {
                // A boxed type: all its constructors. A bare constructor (`%T`,
                // `message`): itself, which in turn keeps its type.
                if let Some(members) = constructors_of.get(name) {
                    if types_seen.insert(name.to_owned()) {
                        pending.extend(members);
                    }
                } else if let Some(&constructor) = by_name.get(name) {
                    pending.push(constructor);
                }
            });
        };
        // A constructor keeps its type; a function, the type its answer decodes as.
        reach_type(&def.result, &mut pending);
        for_each_type(&def.params, &mut |ty| reach_type(ty, &mut pending));
    }

    let kept = definitions
        .iter()
        .enumerate()
        .filter(|(index, def)| kept.contains(index) || def.builtin.is_some())
        .map(|(_, def)| *def)
        .collect();
    (kept, missing)
}

/// Every type mentioned by the parameters, repetitions included.
fn for_each_type(params: &[Parameter], f: &mut dyn FnMut(&TypeRef)) {
    for param in params {
        match &param.kind {
            ParamKind::Value { ty, .. } => f(ty),
            ParamKind::Repeat { params, .. } => for_each_type(params, f),
            ParamKind::FlagsWord => {}
        }
    }
}

/// The full names in a type expression: `Vector<InputUser>` gives `Vector`, `InputUser`.
fn each_name(ty: &TypeRef, f: &mut dyn FnMut(&str)) {
    if !ty.generic {
        f(&ty.full_name());
    }
    for arg in &ty.args {
        each_name(arg, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "
int ? = Int;
vector {t:Type} # [ t ] = Vector t;
string ? = String;
user#1 id:int name:string = User;
userEmpty#2 id:int = User;
photo#3 id:int = Photo;
chat#4 id:int photo:Photo = Chat;
msg#5 from:User entries:vector<%entry> = Message;
entry#6 text:string = Entry;
lonely#7 = Lonely;
---functions---
users.get#10 ids:Vector<int> = Vector<User>;
chats.get#11 id:int = Chat;
messages.get#12 id:int = Message;
";

    fn names(roots: &[&str]) -> (Vec<String>, Vec<String>) {
        let parsed = tl_parser::parse("t.tl", SCHEMA, &Default::default());
        assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
        let defs: Vec<&Definition> = parsed.schema.definitions.iter().collect();
        let roots: Vec<String> = roots.iter().map(|s| s.to_string()).collect();
        let (kept, missing) = reachable(&defs, &roots);
        let kept = kept
            .iter()
            .filter(|d| d.builtin.is_none())
            .map(|d| d.full_name())
            .collect();
        (kept, missing)
    }

    #[test]
    fn a_function_keeps_its_result_type_with_all_its_constructors() {
        let (kept, missing) = names(&["users.get"]);
        assert_eq!(kept, ["user", "userEmpty", "users.get"]);
        assert!(missing.is_empty());
    }

    #[test]
    fn reach_is_transitive_and_follows_bare_constructors() {
        assert_eq!(names(&["chats.get"]).0, ["photo", "chat", "chats.get"]);
        assert_eq!(
            names(&["messages.get"]).0,
            ["user", "userEmpty", "msg", "entry", "messages.get"]
        );
    }

    #[test]
    fn types_and_constructors_can_be_roots_and_unknown_roots_are_reported() {
        assert_eq!(names(&["Photo", "lonely"]).0, ["photo", "lonely"]);
        assert_eq!(names(&["nope", "Photo"]).1, ["nope"]);
    }
}

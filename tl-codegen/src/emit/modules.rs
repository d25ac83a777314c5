//! Module nesting: which items go into which module (`types`, `enums`, `functions`, and
//! a module per namespace under each), and the modules' headers around them.

use std::collections::BTreeMap;

use quote::{format_ident, quote};

use super::doc::{namespace_doc, tree_doc};
use crate::format::{self, Layout, Part};
use crate::ident::ident;
use crate::model::{Model, Tree};

/// A struct or enum of the model, by index: the unit of work of formatting.
#[derive(Clone, Copy)]
pub(super) enum Item {
    Struct(usize),
    Enum(usize),
}

/// The items of each module: by tree, then by namespace path.
pub(super) type Modules = BTreeMap<(Tree, Vec<String>), Vec<Item>>;

/// Every item of the model in its module, in model order; each tree has a module, empty
/// or not.
pub(super) fn group(model: &Model) -> Modules {
    let mut modules: Modules = BTreeMap::new();
    for tree in [Tree::Types, Tree::Enums, Tree::Functions] {
        modules.entry((tree, Vec::new())).or_default();
    }
    for (index, s) in model.structs.iter().enumerate() {
        modules
            .entry((s.path.tree, s.path.modules.clone()))
            .or_default()
            .push(Item::Struct(index));
    }
    for (index, e) in model.enums.iter().enumerate() {
        modules
            .entry((e.path.tree, e.path.modules.clone()))
            .or_default()
            .push(Item::Enum(index));
    }
    modules
}

/// The parts of the three trees (`types`, `enums`, `functions`), `depth` modules deep.
pub(super) fn trees(
    modules: &Modules,
    depth: usize,
    layout: Layout,
    parts: &mut Vec<Part<Vec<Item>>>,
) {
    for tree in [Tree::Types, Tree::Enums, Tree::Functions] {
        let name = format_ident!("{}", tree.module());
        let doc = tree_doc(tree);
        parts.push(Part::Text(layout.module_open(
            quote! {
                #doc
                // `dead_code`: bindings are usually included into a private module, and a client
                // uses a few of thousands of types; the rest must not warn in the consuming crate.
                // `question_mark`: the codecs write `?` out, which compiles faster (`propagate`).
                #[allow(clippy::large_enum_variant, clippy::enum_variant_names, clippy::module_inception, clippy::identity_op, clippy::needless_borrow, clippy::match_single_binding, clippy::let_and_return, clippy::question_mark, unused_parens, dead_code)]
                pub mod #name {}
            },
            depth,
        )));
        nest(modules, tree, &[], depth + 1, layout, parts);
        parts.push(Part::Text(format::module_close(depth)));
    }
}

/// The parts of module `prefix` (whose header is already written) and its submodules,
/// `depth` modules deep.
fn nest(
    modules: &Modules,
    tree: Tree,
    prefix: &[String],
    depth: usize,
    layout: Layout,
    parts: &mut Vec<Part<Vec<Item>>>,
) {
    parts.push(Part::Text(layout.items(
        quote! {
            #[allow(unused_imports)]
            use ::tl_runtime::prelude::*;
        },
        depth,
    )));
    if let Some(items) = modules.get(&(tree, prefix.to_vec())) {
        for chunk in items.chunks(format::CHUNK) {
            parts.push(Part::Job {
                job: chunk.to_vec(),
                depth,
            });
        }
    }
    let mut children: Vec<&String> = modules
        .keys()
        .filter(|(t, path)| *t == tree && path.len() > prefix.len() && path.starts_with(prefix))
        .map(|(_, path)| &path[prefix.len()])
        .collect();
    // A namespace may hold only deeper namespaces (`liteServer.signatureSet.ordinary`).
    children.sort();
    children.dedup();
    for child in children {
        let mut path = prefix.to_vec();
        path.push(child.clone());
        let name = ident(child);
        let doc = namespace_doc(child);
        parts.push(Part::Text(layout.module_open(
            quote! {
                #doc
                pub mod #name {}
            },
            depth,
        )));
        nest(modules, tree, &path, depth + 1, layout, parts);
        parts.push(Part::Text(format::module_close(depth)));
    }
}

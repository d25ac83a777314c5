//! Emission: Rust items for the analysed model, built with `quote`.
//!
//! The generated code talks to the runtime only through `tl_runtime`'s public traits and
//! its `prelude`. Paths between generated items are relative (`super::...`), so the
//! output can be `include!`d at any depth of the consuming crate.
//!
//! One module per concern. Each depends only on the ones it names here (no cycles); this
//! module, which puts the file together, depends on them all:
//!
//! - leaves: [`options`], [`tokens`] (moved streams, hex IDs), [`doc`] (doc attributes);
//! - [`emitter`] (the shared [`Emitter`] state, Rust paths and types): options, tokens;
//! - [`any_object`] (`decode_any_object`): tokens;
//! - [`errors`] (typed RPC errors): doc;
//! - [`modules`] (module nesting): doc;
//! - [`codec`] (the wire codecs): emitter, any_object, tokens;
//! - [`arbitrary`] (`Generate`): emitter, any_object;
//! - [`json`] (TL-JSON serde), [`conversions`] (`From`/`TryFrom`): emitter;
//! - [`registry`] (lookup by name or ID): emitter, tokens;
//! - [`items`] (struct and enum declarations with their impls): emitter, codec, json,
//!   arbitrary, conversions, errors, doc, tokens.

mod any_object;
mod arbitrary;
mod codec;
mod conversions;
mod doc;
mod emitter;
mod errors;
mod items;
mod json;
mod modules;
mod options;
mod registry;
mod tokens;

use proc_macro2::Literal;
use quote::quote;

use crate::docs::DocWriter;
use crate::format::{Layout, Part};
use crate::item_docs::UnitDocs;
use crate::model::Model;
use emitter::Emitter;
use modules::Item;

pub use options::EmitOptions;

/// Emits the whole file (of one schema set) as formatted source, its items `depth`
/// modules deep, printed as `layout` says (see [`crate::format`]).
pub fn emit(
    model: &Model,
    docs: &UnitDocs,
    options: &EmitOptions,
    depth: usize,
    layout: Layout,
) -> String {
    let docs = DocWriter {
        model,
        unit: docs,
        descriptions: options.doc_comments,
    };
    let typed_errors = options.typed_errors && errors::enabled(&docs);
    let shallowest = if options.arbitrary {
        arbitrary::shallowest_variants(model)
    } else {
        Vec::new()
    };
    let emitter = Emitter {
        model,
        options,
        docs: &docs,
        typed_errors,
        shallowest,
        leaf_struct: arbitrary::leaf_struct(model),
    };
    let modules = modules::group(model);

    let mut parts = Vec::new();
    if let Some(layer) = model.layer {
        let layer = Literal::i32_unsuffixed(layer as i32);
        parts.push(Part::Text(layout.items(
            quote! {
                /// The layer of the schema these bindings were generated from.
                pub const LAYER: i32 = #layer;
            },
            depth,
        )));
    }
    modules::trees(&modules, depth, layout, &mut parts);
    if any_object::needed(model) {
        parts.push(Part::Text(
            layout.items(any_object::decode_any_object(model), depth),
        ));
    }
    if options.registry {
        parts.push(Part::Text(layout.items(emitter.registry(), depth)));
    }
    if typed_errors {
        parts.push(Part::Text(
            layout.items(errors::errors_module(&docs), depth),
        ));
    }
    layout.assemble(&parts, |items: &Vec<Item>| {
        items
            .iter()
            .map(|item| match *item {
                Item::Struct(index) => emitter.structure(index),
                Item::Enum(index) => emitter.enumeration(index),
            })
            .collect()
    })
}

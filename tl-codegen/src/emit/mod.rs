//! Emission: Rust items for the analysed model, built with `quote`.
//!
//! The generated code talks to the runtime only through `tl_runtime`'s public traits and
//! its `prelude`. Paths between generated items are relative (`super::...`), so the
//! output can be `include!`d at any depth of the consuming crate.

mod doc;
mod emitter;
mod errors;
mod options;
mod tokens;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::docs::DocWriter;
use crate::format::{self, Layout, Part};
use crate::ident::{self, ident};
use crate::item_docs::UnitDocs;
use crate::model::{Enum, Field, FieldKind, ItemPath, Model, Struct, Tree, Wire};
use doc::{doc_attrs, namespace_doc, tree_doc};
use emitter::Emitter;
use tokens::{all_moved, hex, moved};

pub use options::EmitOptions;

/// A struct or enum of the model, by index: the unit of work of formatting.
#[derive(Clone, Copy)]
enum Item {
    Struct(usize),
    Enum(usize),
}

/// Emits the whole file (of one schema set) as formatted source, its items `depth`
/// modules deep, printed as `layout` says (see [`crate::format`]).
pub fn emit(
    model: &Model,
    docs: &UnitDocs,
    options: &EmitOptions,
    depth: usize,
    layout: Layout,
) -> String {
    let mut modules: BTreeMap<(Tree, Vec<String>), Vec<Item>> = BTreeMap::new();
    for tree in [Tree::Types, Tree::Enums, Tree::Functions] {
        modules.entry((tree, Vec::new())).or_default();
    }
    let docs = DocWriter {
        model,
        unit: docs,
        descriptions: options.doc_comments,
    };
    let typed_errors = options.typed_errors && errors::enabled(&docs);
    let shallowest = if options.arbitrary {
        shallowest_variants(model)
    } else {
        Vec::new()
    };
    let emitter = Emitter {
        model,
        options,
        docs: &docs,
        typed_errors,
        shallowest,
        leaf_struct: leaf_struct(model),
    };
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
        nest(&modules, tree, &[], depth + 1, layout, &mut parts);
        parts.push(Part::Text(format::module_close(depth)));
    }
    if model
        .structs
        .iter()
        .any(|s| (0..s.fields.len()).any(|index| object_read_by_id(&s.fields, index)))
    {
        parts.push(Part::Text(layout.items(decode_any_object(model), depth)));
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

/// The parts of module `prefix` (whose header is already written) and its submodules,
/// `depth` modules deep.
fn nest(
    modules: &BTreeMap<(Tree, Vec<String>), Vec<Item>>,
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

/// How a value is written: with or without its constructor ID.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Bare,
    Boxed,
}

fn form(wire: &Wire) -> Form {
    match wire {
        Wire::Bool
        | Wire::True
        | Wire::Enum(_)
        | Wire::Generic(_)
        | Wire::Vector { boxed: true, .. } => Form::Boxed,
        _ => Form::Bare,
    }
}

/// `#result?`, written out for the generated codecs: the value of an `Ok`, or a `return`
/// of the `Err` as it is (decoders return `DecodeError`, encoders `EncodeError`, so no
/// conversion is needed). `?` adds calls to `Try::branch` and `FromResidual::from_residual`
/// to every function body, which rustc type-checks and borrow-checks one by one; the whole
/// API holds about 12,000 of them, and writing the `match` made its debug build about 6%
/// faster (5% with the lean switches; BENCHMARKS.md). Optimised, the code is the same.
fn propagate(result: TokenStream) -> TokenStream {
    let result = moved(result);
    quote!(match #result { Ok(value) => value, Err(error) => return Err(error), })
}

/// `#result?;` for a result that holds `()`, written out as [`propagate`] says why.
fn propagate_stmt(result: TokenStream) -> TokenStream {
    let result = moved(result);
    quote!(if let Err(error) = #result { return Err(error); })
}

fn fixed_len(wire: &Wire) -> Option<usize> {
    Some(match wire {
        Wire::Int | Wire::Nat | Wire::Bool | Wire::True => 4,
        Wire::Long | Wire::Double => 8,
        Wire::Int128 => 16,
        Wire::Int256 => 32,
        Wire::Int512 => 64,
        _ => return None,
    })
}

/// A value of fixed size as an expression of its little-endian bytes (`[u8; N]`), for
/// the types that `Emitter::encode_stmt` writes in place.
fn fixed_bytes(wire: &Wire, value: TokenStream) -> Option<(usize, TokenStream)> {
    let len = fixed_len(wire)?;
    let bytes = match wire {
        Wire::Int | Wire::Long | Wire::Double | Wire::Nat => quote!(#value.to_le_bytes()),
        Wire::Int128 | Wire::Int256 | Wire::Int512 => value,
        Wire::Bool => quote!(::tl_runtime::primitives::bool_id(#value).to_le_bytes()),
        _ => return None,
    };
    Some((len, bytes))
}

/// One write of a generated `encode_bare`.
enum Write {
    /// A value of `len` bytes, `bytes` an expression of them; `alone` is the statement
    /// that writes it by itself.
    Fixed {
        len: usize,
        bytes: TokenStream,
        alone: TokenStream,
    },
    Other(TokenStream),
}

/// The statements of `encode_bare`, where consecutive fixed-size values (flag words,
/// numbers, `Bool`s) are joined into one array and appended at once. Each append to
/// the `Vec` stores its length, and the next one reloads it: the bytes written in between
/// may alias it, as far as the compiler knows. One append per run instead of one per
/// value shortens that chain, the cost of encoding small fields.
fn coalesce(writes: Vec<Write>) -> Vec<TokenStream> {
    let mut statements = Vec::new();
    let mut run: Vec<(usize, TokenStream, TokenStream)> = Vec::new();
    let flush = |run: &mut Vec<(usize, TokenStream, TokenStream)>,
                 statements: &mut Vec<TokenStream>| {
        if run.len() == 1 {
            let (_, _, alone) = run.pop().expect("one write");
            statements.push(alone);
        } else if !run.is_empty() {
            statements.push(fixed_run(run.drain(..).map(|(len, bytes, _)| (len, bytes))));
        }
    };
    for write in writes {
        match write {
            Write::Fixed { len, bytes, alone } => run.push((len, bytes, alone)),
            Write::Other(statement) => {
                flush(&mut run, &mut statements);
                statements.push(statement);
            }
        }
    }
    flush(&mut run, &mut statements);
    statements
}

/// The statement that writes `values` (sizes and expressions of their bytes) with one
/// append: `join::<A, B, A + B>` of each value onto the ones before, a generic call per
/// value (a stack array filled by range copies cost about 2 s more in a debug build of
/// the whole API: a range index, a bounds check and a call per value in every encoder).
fn fixed_run(mut values: impl Iterator<Item = (usize, TokenStream)>) -> TokenStream {
    let (mut len, mut joined) = values.next().expect("a run has values");
    for (next_len, bytes) in values {
        let total = len + next_len;
        let (a, b, n) = (
            Literal::usize_unsuffixed(len),
            Literal::usize_unsuffixed(next_len),
            Literal::usize_unsuffixed(total),
        );
        let (left, bytes) = (moved(joined), moved(bytes));
        joined = quote!(::tl_runtime::primitives::join::<#a, #b, #n>(#left, #bytes));
        len = total;
    }
    let joined = moved(joined);
    quote!(out.extend_from_slice(&#joined);)
}

/// Whether the field at `index` is read with the schema's `decode_any_object`: TON's
/// `object` and `function` always (`testObject o:object f:function`, nested or not), an
/// `Object` unless its length is written before it (MTProto's `message`) or nothing follows
/// it on the wire (`rpc_result`), where it is the rest of the input.
fn object_read_by_id(fields: &[Field], index: usize) -> bool {
    match &fields[index].kind {
        FieldKind::Optional {
            wire: Wire::Object | Wire::AnyValue,
            ..
        }
        | FieldKind::Required {
            wire: Wire::AnyValue,
            ..
        } => true,
        FieldKind::Required {
            wire: Wire::Object, ..
        } => {
            let after_length =
                index > 0 && matches!(fields[index - 1].kind, FieldKind::ObjectLength);
            let last = fields[index + 1..]
                .iter()
                .all(|f| matches!(f.kind, FieldKind::FlagTrue { .. }));
            !after_length && !last
        }
        _ => false,
    }
}

/// `decode_any_object`, at the root of a unit whose `Object` fields need it: one boxed value
/// of any (non-generic) constructor or function of the schema, kept as its bytes, as TON's
/// own bindings read `object` and `function` (a switch over every constructor).
fn decode_any_object(model: &Model) -> TokenStream {
    let arms = model
        .structs
        .iter()
        .filter(|s| s.generics.is_empty())
        .map(|s| {
            let id = hex(s.def.id());
            let tree = format_ident!("{}", s.path.tree.module());
            let modules = s.path.modules.iter().map(|m| ident(m));
            let name = ident(&s.path.name);
            quote!(#id => <#tree::#(#modules::)*#name as ::tl_runtime::BareDecode>::decode_bare(reader).map(drop),)
        });
    quote! {
        /// Reads one boxed value of any constructor or function of this schema and keeps its
        /// bytes: how `Object` fields whose length the wire does not give (TON's `object` and
        /// `function`) are decoded. An ID the schema does not define is an error.
        #[allow(unreachable_patterns)]
        pub fn decode_any_object(
            reader: &mut ::tl_runtime::Reader<'_>,
        ) -> Result<::tl_runtime::Object, ::tl_runtime::DecodeError> {
            ::tl_runtime::Object::decode_by_id(reader, |id, reader| match id {
                #(#arms)*
                _ => Err(reader.unknown_constructor(id, "Object")),
            })
        }
    }
}

/// The first non-generic constructor (of a type, else a function) whose fields are all
/// scalars, or that has none.
fn leaf_struct(model: &Model) -> Option<usize> {
    let scalar = |wire: &Wire| {
        matches!(
            wire,
            Wire::Int
                | Wire::Long
                | Wire::Double
                | Wire::Nat
                | Wire::Int128
                | Wire::Int256
                | Wire::Int512
                | Wire::String
                | Wire::Bytes
                | Wire::Bool
                | Wire::True
        )
    };
    let is_leaf = |s: &Struct| {
        s.generics.is_empty()
            && s.fields.iter().all(|f| match &f.kind {
                FieldKind::Required { wire, .. } | FieldKind::Optional { wire, .. } => scalar(wire),
                FieldKind::Flags | FieldKind::FlagTrue { .. } => true,
                FieldKind::ObjectLength => false,
            })
    };
    let by_tree = |tree: Tree| {
        model
            .structs
            .iter()
            .position(|s| s.path.tree == tree && is_leaf(s))
    };
    by_tree(Tree::Types).or_else(|| by_tree(Tree::Functions))
}

impl Emitter<'_> {
    /// The derives and extra attributes of every struct and enum.
    fn derives(&self) -> TokenStream {
        let extra = self
            .options
            .extra_derives
            .iter()
            .map(|d| d.parse::<TokenStream>().expect("derive path"));
        let attributes = self
            .options
            .extra_attributes
            .iter()
            .map(|a| a.parse::<TokenStream>().expect("attribute"));
        let defaults = if self.options.default_derives {
            vec![quote!(Clone), quote!(Debug), quote!(PartialEq)]
        } else {
            Vec::new()
        };
        let derives: Vec<TokenStream> = defaults.into_iter().chain(extra).collect();
        let derive = if derives.is_empty() {
            quote!()
        } else {
            quote!(#[derive(#(#derives),*)])
        };
        quote! {
            #derive
            #(#attributes)*
        }
    }

    /// Encoding length of `value` (an expression of type `&T`).
    fn len_expr(wire: &Wire, value: TokenStream) -> TokenStream {
        if let Some(len) = fixed_len(wire) {
            let len = Literal::usize_unsuffixed(len);
            return quote!(#len);
        }
        match form(wire) {
            Form::Bare => quote!(#value.bare_len()),
            Form::Boxed => quote!(#value.boxed_len()),
        }
    }

    fn encode_stmt(wire: &Wire, value: TokenStream) -> TokenStream {
        // Fixed-size values cannot fail: written in place, without a call and a `?` (less
        // code to compile per field, and no error branch at run time).
        match wire {
            Wire::Int | Wire::Long | Wire::Double | Wire::Nat => {
                return quote!(out.extend_from_slice(&#value.to_le_bytes());)
            }
            Wire::Int128 | Wire::Int256 | Wire::Int512 => {
                return quote!(out.extend_from_slice(#value.as_slice());)
            }
            Wire::Bool => {
                return quote!(out.extend_from_slice(&::tl_runtime::primitives::bool_id(#value).to_le_bytes());)
            }
            _ => {}
        }
        match form(wire) {
            Form::Bare => propagate_stmt(quote!(#value.encode_bare(out))),
            Form::Boxed => propagate_stmt(quote!(#value.encode_boxed(out))),
        }
    }

    fn decode_expr(&self, from: &ItemPath, wire: &Wire) -> TokenStream {
        if matches!(wire, Wire::Object | Wire::AnyValue) {
            let root = Self::root(from);
            return propagate(quote!(#root::decode_any_object(reader)));
        }
        let ty = self.rust_type(from, wire);
        match form(wire) {
            Form::Bare => propagate(quote!(<#ty as ::tl_runtime::BareDecode>::decode_bare(reader))),
            Form::Boxed => {
                propagate(quote!(<#ty as ::tl_runtime::BoxedDecode>::decode_boxed(reader)))
            }
        }
    }

    fn structure(&self, index: usize) -> TokenStream {
        let inline = self.inline();
        let s = &self.model.structs[index];
        let name = ident(&s.path.name);
        let tl_name = s.def.full_name();
        let id = hex(s.def.id());
        let derives = self.derives();
        // serde's derives, as inherent functions (`remote = "Self"`) that the trait impls
        // (`serde_impls`) call: `Deserialize` reads through `ObjectOf`, which checks `"_"`
        // and skips the derived keys TL-JSON allows, so that `deny_unknown_fields` can
        // refuse every other key that is not a parameter.
        let serde = if self.options.serde {
            quote! {
                #[derive(::tl_runtime::json::serde::Serialize, ::tl_runtime::json::serde::Deserialize)]
                #[serde(crate = "::tl_runtime::json::serde", tag = "_", rename = #tl_name, remote = "Self", deny_unknown_fields)]
            }
        } else {
            quote!()
        };
        let doc = doc_attrs(&self.docs.structure(index));
        let generics: Vec<_> = s.generics.iter().map(|g| ident(g)).collect();
        let (decl_generics, use_generics) = if generics.is_empty() {
            (quote!(), quote!())
        } else {
            (quote!(<#(#generics),*>), quote!(<#(#generics),*>))
        };
        let bound = |bound: TokenStream| {
            if generics.is_empty() {
                quote!()
            } else {
                quote!(<#(#generics: #bound),*>)
            }
        };

        let stored: Vec<&Field> = s.fields.iter().filter(|f| f.is_stored()).collect();
        let field_decls = stored.iter().map(|f| {
            let fname = ident(&f.name);
            let ty = self.field_type(&s.path, f);
            let doc = doc_attrs(&self.docs.field(index, f));
            let serde = if self.options.serde {
                serde_field_attributes(f)
            } else {
                quote!()
            };
            let (doc, serde, ty) = (moved(doc), moved(serde), moved(ty));
            moved(quote! {
                #doc
                #serde
                pub #fname: #ty,
            })
        });
        // Field-less structs are braced (`InputPeerEmpty {}`), not unit structs, so every
        // struct has the same shape (and serde's tagged form applies to all of them).
        let body = quote!({ #(#field_decls)* });

        // Encoding.
        let mut len_terms = Vec::new();
        let mut encode_stmts = Vec::new();
        let mut checks = Vec::new();
        let mut flag_values = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let fname = ident(&f.name);
            match &f.kind {
                FieldKind::Flags => {
                    let local = format_ident!("{}", flag_local(&f.tl_name));
                    let bits: Vec<TokenStream> = s
                        .fields
                        .iter()
                        .filter_map(|g| {
                            let gname = ident(&g.name);
                            let (flag, present) = match &g.kind {
                                FieldKind::Optional { flag, .. } => {
                                    (flag, quote!(self.#gname.is_some()))
                                }
                                FieldKind::FlagTrue { flag } => (flag, quote!(self.#gname)),
                                _ => return None,
                            };
                            if flag.holder != f.tl_name {
                                return None;
                            }
                            let bit = Literal::u32_unsuffixed(flag.bit);
                            let present = moved(present);
                            Some(quote!(if #present { 1 << #bit } else { 0 }))
                        })
                        .collect();
                    let value = if bits.is_empty() {
                        quote!(0u32)
                    } else {
                        let bits = all_moved(bits);
                        quote!(#(#bits)|*)
                    };
                    let value = moved(value);
                    flag_values.push(quote!(let #local: u32 = #value;));
                    len_terms.push(quote!(4));
                    encode_stmts.push(Write::Fixed {
                        len: 4,
                        bytes: quote!(#local.to_le_bytes()),
                        alone: quote!(out.extend_from_slice(&#local.to_le_bytes());),
                    });
                }
                FieldKind::ObjectLength => {
                    // The next field is the `Object` whose length this is.
                    let body = ident(&s.fields[i + 1].name);
                    len_terms.push(quote!(4));
                    let body_len = propagate(quote!(self.#body.len_field()));
                    encode_stmts.push(Write::Other(quote! {
                        let body_len: i32 = #body_len;
                        out.extend_from_slice(&body_len.to_le_bytes());
                    }));
                }
                FieldKind::Required { wire, .. } => {
                    len_terms.push(Self::len_expr(wire, quote!(self.#fname)));
                    encode_stmts.push(match fixed_bytes(wire, quote!(self.#fname)) {
                        Some((len, bytes)) => Write::Fixed {
                            len,
                            bytes,
                            alone: Self::encode_stmt(wire, quote!(self.#fname)),
                        },
                        None => Write::Other(Self::encode_stmt(wire, quote!(self.#fname))),
                    });
                }
                FieldKind::Optional { wire, .. } => {
                    if let Some(len) = fixed_len(wire) {
                        let len = Literal::usize_unsuffixed(len);
                        len_terms.push(quote!(if self.#fname.is_some() { #len } else { 0 }));
                    } else {
                        // A `match`, not `map_or` with a closure: each closure is one
                        // more body for rustc to check, about a thousand in the full API.
                        let len = moved(Self::len_expr(wire, quote!(value)));
                        len_terms
                            .push(quote!(match &self.#fname { Some(value) => #len, None => 0 }));
                    }
                    let encode = moved(Self::encode_stmt(wire, quote!(value)));
                    encode_stmts.push(Write::Other(if fixed_len(wire).is_some() {
                        // Copied out: every fixed-size type is `Copy`, and the in-place
                        // writes of `encode_stmt` take the value, not a reference.
                        quote!(if let Some(value) = self.#fname { #encode })
                    } else {
                        quote!(if let Some(value) = &self.#fname { #encode })
                    }));
                }
                FieldKind::FlagTrue { .. } => {}
            }
        }
        // Fields that share a bit must agree; checked once per group, before writing.
        let mut groups: BTreeMap<(String, u32), Vec<TokenStream>> = BTreeMap::new();
        for f in &s.fields {
            let fname = ident(&f.name);
            match &f.kind {
                FieldKind::Optional { flag, .. } if flag.shared => groups
                    .entry((flag.holder.clone(), flag.bit))
                    .or_default()
                    .push(quote!(self.#fname.is_some())),
                FieldKind::FlagTrue { flag } if flag.shared => groups
                    .entry((flag.holder.clone(), flag.bit))
                    .or_default()
                    .push(quote!(self.#fname)),
                _ => {}
            }
        }
        for ((holder, bit), presence) in groups {
            if presence.len() < 2 {
                continue;
            }
            let first = &presence[0];
            let rest = &presence[1..];
            checks.push(quote! {
                if #(#first != #rest)||* {
                    return Err(::tl_runtime::EncodeError::InconsistentFlags(&::tl_runtime::SharedFlag { constructor: #tl_name, holder: #holder, bit: #bit }));
                }
            });
        }
        let bare_len = moved(if len_terms.is_empty() {
            quote!(0)
        } else {
            let len_terms = all_moved(len_terms);
            quote!(#(#len_terms)+*)
        });

        // Decoding: a struct literal evaluates its fields in the order written, which is the
        // wire order; flag words are read into locals first where they appear.
        let mut decode_stmts = Vec::new();
        let mut field_inits = Vec::new();
        let mut pending_len = None;
        for (index, f) in s.fields.iter().enumerate() {
            let fname = ident(&f.name);
            let local = decode_local(&f.name);
            match &f.kind {
                FieldKind::Flags => {
                    // Flags come before the fields they govern; fields before a flags word
                    // are decoded into locals so the order stays the wire order.
                    let word = format_ident!("{}", flag_local(&f.tl_name));
                    let used = s.fields.iter().any(|g| match &g.kind {
                        FieldKind::Optional { flag, .. } | FieldKind::FlagTrue { flag } => {
                            flag.holder == f.tl_name
                        }
                        _ => false,
                    });
                    decode_stmts.push(if used {
                        let value = propagate(quote!(reader.read_u32()));
                        quote!(let #word = #value;)
                    } else {
                        propagate_stmt(quote!(reader.read_u32()))
                    });
                }
                FieldKind::ObjectLength => {
                    let value = propagate(quote!(<i32 as ::tl_runtime::BareDecode>::decode_bare(
                        reader
                    )));
                    pending_len = Some(quote!(let len = #value;));
                }
                FieldKind::Required {
                    wire: Wire::Object, ..
                } => {
                    let value = moved(match pending_len.take() {
                        Some(read_len) => {
                            let value = propagate(quote!(::tl_runtime::Object::decode_with_len(
                                reader, len
                            )));
                            quote!({ #read_len #value })
                        }
                        None if object_read_by_id(&s.fields, index) => {
                            self.decode_expr(&s.path, &Wire::Object)
                        }
                        None => propagate(quote!(::tl_runtime::Object::decode_rest(reader))),
                    });
                    decode_stmts.push(quote!(let #local = #value;));
                    field_inits.push(if local == fname {
                        quote!(#fname)
                    } else {
                        quote!(#fname: #local)
                    });
                }
                FieldKind::Required { wire, boxed } => {
                    let value = moved(self.decode_expr(&s.path, wire));
                    let value = moved(if *boxed {
                        quote!(Box::new(#value))
                    } else {
                        quote!(#value)
                    });
                    decode_stmts.push(quote!(let #local = #value;));
                    field_inits.push(if local == fname {
                        quote!(#fname)
                    } else {
                        quote!(#fname: #local)
                    });
                }
                FieldKind::Optional { wire, boxed, flag } => {
                    let word = format_ident!("{}", flag_local(&flag.holder));
                    let bit = Literal::u32_unsuffixed(flag.bit);
                    let value = moved(self.decode_expr(&s.path, wire));
                    let value = moved(if *boxed {
                        quote!(Box::new(#value))
                    } else {
                        quote!(#value)
                    });
                    decode_stmts.push(quote!(let #local = if #word & (1 << #bit) != 0 { Some(#value) } else { None };));
                    field_inits.push(if local == fname {
                        quote!(#fname)
                    } else {
                        quote!(#fname: #local)
                    });
                }
                FieldKind::FlagTrue { flag } => {
                    let word = format_ident!("{}", flag_local(&flag.holder));
                    let bit = Literal::u32_unsuffixed(flag.bit);
                    decode_stmts.push(quote!(let #local = #word & (1 << #bit) != 0;));
                    field_inits.push(if local == fname {
                        quote!(#fname)
                    } else {
                        quote!(#fname: #local)
                    });
                }
            }
        }
        let field_inits = all_moved(field_inits);
        let construct = moved(quote!(Self { #(#field_inits),* }));
        let reader_name = if s.fields.is_empty() {
            quote!(_reader)
        } else {
            quote!(reader)
        };

        let encode_bound = bound(quote!(::tl_runtime::BoxedEncode));
        let decode_bound = bound(quote!(::tl_runtime::BoxedDecode));
        let out_name = if encode_stmts.is_empty() {
            quote!(_out)
        } else {
            quote!(out)
        };
        let min_len = Literal::usize_unsuffixed(s.min_len);
        // A constructor made only of fixed-size values writes its boxed form (its ID, then
        // the values) with one append too.
        let all_fixed = !encode_stmts.is_empty()
            && encode_stmts
                .iter()
                .all(|w| matches!(w, Write::Fixed { .. }));
        let encode_after_prefix = moved(if all_fixed {
            let prefix = std::iter::once((4, quote!(prefix)));
            let values = encode_stmts.iter().filter_map(|w| match w {
                Write::Fixed { len, bytes, .. } => Some((*len, bytes.clone())),
                Write::Other(_) => None,
            });
            let fill = moved(fixed_run(prefix.chain(values)));
            let (checks, flag_values) = (checks.clone(), flag_values.clone());
            quote! {
                #inline
                fn encode_bare_after(&self, prefix: [u8; 4], out: &mut Vec<u8>) -> Result<(), ::tl_runtime::EncodeError> {
                    #(#checks)*
                    #(#flag_values)*
                    #fill
                    Ok(())
                }
            }
        } else {
            quote!()
        });
        let (checks, flag_values) = (all_moved(checks), all_moved(flag_values));
        let encode_stmts = all_moved(coalesce(encode_stmts));
        let decode_stmts = all_moved(decode_stmts);
        let mut impls = quote! {
            impl #decl_generics ::tl_runtime::Identifiable for #name #use_generics {
                const CONSTRUCTOR_ID: u32 = #id;
            }
            impl #encode_bound ::tl_runtime::BareEncode for #name #use_generics {
                #[inline]
                fn bare_len(&self) -> usize {
                    #bare_len
                }
                #inline
                fn encode_bare(&self, #out_name: &mut Vec<u8>) -> Result<(), ::tl_runtime::EncodeError> {
                    #(#checks)*
                    #(#flag_values)*
                    #(#encode_stmts)*
                    Ok(())
                }
                #encode_after_prefix
            }
            impl #decode_bound ::tl_runtime::BareDecode for #name #use_generics {
                #inline
                fn decode_bare(#reader_name: &mut ::tl_runtime::Reader<'_>) -> Result<Self, ::tl_runtime::DecodeError> {
                    #(#decode_stmts)*
                    Ok(#construct)
                }
            }
            // Boxed forms and vector elements: blanket impls over `Constructor`.
            impl #decl_generics ::tl_runtime::Constructor for #name #use_generics {
                const TL_NAME: &'static str = #tl_name;
                const MIN_BARE_LEN: usize = #min_len;
            }
        };
        if s.is_function() {
            let answer = s.answer.as_ref().expect("functions have answers");
            let answer_ty = match answer {
                Wire::Generic(g) => {
                    let g = ident(g);
                    quote!(#g::Answer)
                }
                other => self.rust_type(&s.path, other),
            };
            let call_bound = bound(quote!(::tl_runtime::RemoteCall));
            impls.extend(quote! {
                impl #call_bound ::tl_runtime::RemoteCall for #name #use_generics {
                    type Answer = #answer_ty;
                }
            });
            if self.typed_errors {
                impls.extend(errors::function_info(
                    self.docs,
                    index,
                    &Self::root(&s.path),
                    &decl_generics,
                    &use_generics,
                ));
            }
        }
        if self.options.serde {
            impls.extend(serde_impls(s, &name, &tl_name, &generics));
        }
        if let (Some(parent), true) = (s.parent, self.options.conversions) {
            impls.extend(self.conversions(s, &self.model.enums[parent]));
        }
        if self.options.arbitrary {
            impls.extend(self.generate_struct(s, &use_generics, &bound));
        }
        let (doc, body, impls) = (moved(doc), moved(body), moved(impls));
        quote! {
            #doc
            #derives
            #serde
            pub struct #name #decl_generics #body
            #impls
        }
    }

    /// `From<Struct> for Enum` and `TryFrom<Enum> for Struct`.
    fn conversions(&self, s: &Struct, e: &Enum) -> TokenStream {
        let inline = self.inline();
        let variant = e
            .variants
            .iter()
            .find(|v| std::ptr::eq(&self.model.structs[v.structure], s))
            .expect("variant of its parent");
        let name = ident(&s.path.name);
        let vname = ident(&variant.name);
        let enum_path = Self::item_path(&s.path, &e.path);
        let tl_name = s.def.full_name();
        let unit = self.is_unit(s);
        let (wrap, unwrap) = match (unit, variant.boxed) {
            (true, _) => (
                quote!(#enum_path::#vname),
                quote!(#enum_path::#vname => Ok(#name {})),
            ),
            (false, true) => (
                quote!(#enum_path::#vname(Box::new(value))),
                quote!(#enum_path::#vname(value) => Ok(*value)),
            ),
            (false, false) => (
                quote!(#enum_path::#vname(value)),
                quote!(#enum_path::#vname(value) => Ok(value)),
            ),
        };
        let value_name = if unit { quote!(_value) } else { quote!(value) };
        let other = if e.variants.len() > 1 {
            quote!(other => Err(::tl_runtime::WrongConstructor { expected: #tl_name, found: other.constructor_id() }),)
        } else {
            quote!()
        };
        quote! {
            impl From<#name> for #enum_path {
                #inline
                fn from(#value_name: #name) -> Self {
                    #wrap
                }
            }
            impl TryFrom<#enum_path> for #name {
                type Error = ::tl_runtime::WrongConstructor;
                #inline
                fn try_from(value: #enum_path) -> Result<Self, Self::Error> {
                    match value {
                        #unwrap,
                        #other
                    }
                }
            }
        }
    }

    /// `registry::by_name` and `registry::by_id`: the Rust type of any constructor or
    /// function, handed to a `TypeVisitor`.
    fn registry(&self) -> TokenStream {
        let from = ItemPath {
            tree: Tree::Types,
            modules: Vec::new(),
            name: String::new(),
        };
        let mut by_name = Vec::new();
        let mut by_id = Vec::new();
        let mut each = Vec::new();
        let mut seen_ids = std::collections::HashSet::new();
        for s in &self.model.structs {
            let Some(ty) = self.instantiated_path(&from, s) else {
                continue;
            };
            let tl_name = s.def.full_name();
            by_name.push(quote!(#tl_name => visitor.visit::<#ty>(),));
            each.push(quote!(visitor.visit::<#ty>(#tl_name);));
            if seen_ids.insert(s.def.id()) {
                let id = hex(s.def.id());
                by_id.push(quote!(#id => visitor.visit::<#ty>(),));
            }
        }
        let each_constructor = if self.options.arbitrary {
            quote! {
                /// Calls `visitor` once with the Rust type of every constructor and function
                /// (generic functions instantiated with `functions::AnyFunction`), in schema
                /// order: property tests over the whole schema.
                pub fn each_constructor<V: ::tl_runtime::arbitrary::ConstructorVisitor>(visitor: &mut V) {
                    #(#each)*
                }
            }
        } else {
            quote!()
        };
        quote! {
            /// Lookup of any constructor or function of the schema at run time.
            #[allow(clippy::match_same_arms, dead_code)]
            pub mod registry {
                /// Calls `visitor` with the Rust type of the constructor or function named
                /// `name` (full TL name, namespace included); `None` if there is none.
                /// Generic functions are instantiated with `functions::AnyFunction`.
                pub fn by_name<V: ::tl_runtime::json::TypeVisitor>(name: &str, visitor: V) -> Option<V::Output> {
                    Some(match name {
                        #(#by_name)*
                        _ => return None,
                    })
                }

                /// Calls `visitor` with the Rust type of the constructor or function with
                /// this ID; `None` if there is none.
                pub fn by_id<V: ::tl_runtime::json::TypeVisitor>(id: u32, visitor: V) -> Option<V::Output> {
                    Some(match id {
                        #(#by_id)*
                        _ => return None,
                    })
                }

                #each_constructor
            }
        }
    }

    /// `Generate` for a struct: conditional fields sharing a bit are drawn together, so the
    /// value always encodes.
    fn generate_struct(
        &self,
        s: &Struct,
        use_generics: &TokenStream,
        bound: &dyn Fn(TokenStream) -> TokenStream,
    ) -> TokenStream {
        let inline = self.inline();
        let name = ident(&s.path.name);
        let any_generate = quote!(::tl_runtime::arbitrary::Generate::generate(u, budget)?);
        let mut groups = Vec::new();
        let mut group_locals: BTreeMap<(String, u32), proc_macro2::Ident> = BTreeMap::new();
        let mut inits = Vec::new();
        for (index, f) in s.fields.iter().enumerate() {
            if !f.is_stored() {
                continue;
            }
            let fname = ident(&f.name);
            // An object read by its ID must be a value of the schema to decode again.
            let generate = match self.leaf_struct {
                Some(leaf) if object_read_by_id(&s.fields, index) => {
                    let leaf = Self::item_path(&s.path, &self.model.structs[leaf].path);
                    quote!(::tl_runtime::Object::from_boxed(
                        &<#leaf as ::tl_runtime::arbitrary::Generate>::generate(u, budget)?
                    )
                    .map_err(|_| ::tl_runtime::arbitrary::Error::IncorrectFormat)?)
                }
                _ => any_generate.clone(),
            };
            let shared =
                |flag: &crate::model::FlagRef,
                 groups: &mut Vec<TokenStream>,
                 locals: &mut BTreeMap<(String, u32), proc_macro2::Ident>| {
                    locals
                        .entry((flag.holder.clone(), flag.bit))
                        .or_insert_with(|| {
                            let local = format_ident!(
                                "{}_bit_{}",
                                ident::plain(&ident::field_name(&flag.holder)),
                                flag.bit
                            );
                            groups.push(quote!(let #local = budget.present(u)?;));
                            local
                        })
                        .clone()
                };
            let value = match &f.kind {
                FieldKind::Required { .. } => generate.clone(),
                FieldKind::Optional { flag, .. } => {
                    let present = if flag.shared {
                        let local = shared(flag, &mut groups, &mut group_locals);
                        quote!(#local)
                    } else {
                        quote!(budget.present(u)?)
                    };
                    quote!(if #present { Some(#generate) } else { None })
                }
                FieldKind::FlagTrue { flag } => {
                    if flag.shared {
                        let local = shared(flag, &mut groups, &mut group_locals);
                        quote!(#local)
                    } else {
                        quote!(u.arbitrary::<bool>()?)
                    }
                }
                FieldKind::Flags | FieldKind::ObjectLength => continue,
            };
            inits.push(quote!(#fname: #value));
        }
        let u_name = if inits.is_empty() {
            quote!(_u)
        } else {
            quote!(u)
        };
        let generate_bound = bound(quote!(::tl_runtime::arbitrary::Generate));
        quote! {
            impl #generate_bound ::tl_runtime::arbitrary::Generate for #name #use_generics {
                #inline
                fn generate(#u_name: &mut ::tl_runtime::arbitrary::Unstructured<'_>, budget: &mut ::tl_runtime::arbitrary::Budget) -> ::tl_runtime::arbitrary::Result<Self> {
                    budget.enter();
                    #(#groups)*
                    let value = Self { #(#inits),* };
                    budget.leave();
                    Ok(value)
                }
            }
        }
    }

    /// `Generate` for an enum: any variant, or past the depth budget the shallowest one.
    fn generate_enum(&self, index: usize) -> TokenStream {
        let inline = self.inline();
        let e = &self.model.enums[index];
        let name = ident(&e.path.name);
        let mut arms = Vec::new();
        let mut units = 0;
        let mut shallowest_arm = None;
        for (i, v) in e.variants.iter().enumerate() {
            let s = &self.model.structs[v.structure];
            if self.instantiated_path(&e.path, s).is_none() {
                continue;
            }
            let vname = ident(&v.name);
            let value = if self.is_unit(s) {
                units += 1;
                quote!(Self::#vname)
            } else {
                quote!(Self::#vname(::tl_runtime::arbitrary::Generate::generate(u, budget)?))
            };
            if self.shallowest[index] == Some(i) {
                shallowest_arm = Some(arms.len());
            }
            arms.push(value);
        }
        let body = match arms.len() {
            0 => quote!(Err(::tl_runtime::arbitrary::Error::IncorrectFormat)),
            1 => {
                let only = &arms[0];
                quote!(Ok(#only))
            }
            n => {
                let count = Literal::usize_unsuffixed(n);
                let fallback = Literal::usize_unsuffixed(shallowest_arm.unwrap_or(0));
                let last = arms.len() - 1;
                let numbered = arms.iter().enumerate().map(|(i, arm)| {
                    if i == last {
                        quote!(_ => #arm,)
                    } else {
                        let i = Literal::usize_unsuffixed(i);
                        quote!(#i => #arm,)
                    }
                });
                quote! {
                    let choice = if budget.exhausted() { #fallback } else { u.choose_index(#count)? };
                    Ok(match choice {
                        #(#numbered)*
                    })
                }
            }
        };
        // Nothing to draw for an enum of one unit variant (or none).
        let (u, budget) = if arms.len() > 1 || arms.len() > units {
            (quote!(u), quote!(budget))
        } else {
            (quote!(_u), quote!(_budget))
        };
        quote! {
            impl ::tl_runtime::arbitrary::Generate for #name {
                #inline
                fn generate(#u: &mut ::tl_runtime::arbitrary::Unstructured<'_>, #budget: &mut ::tl_runtime::arbitrary::Budget) -> ::tl_runtime::arbitrary::Result<Self> {
                    #body
                }
            }
        }
    }

    fn enumeration(&self, index: usize) -> TokenStream {
        let inline = self.inline();
        let e = &self.model.enums[index];
        let name = ident(&e.path.name);
        let tl_name = &e.tl_name;
        let derives = self.derives();
        let doc = doc_attrs(&self.docs.enumeration(index));
        let mut variants = Vec::new();
        let mut len_arms = Vec::new();
        let mut encode_arms = Vec::new();
        let mut decode_arms = Vec::new();
        let mut id_arms = Vec::new();
        let mut serialize_arms = Vec::new();
        for v in &e.variants {
            let s = &self.model.structs[v.structure];
            let vname = ident(&v.name);
            let id = hex(s.def.id());
            let Some(path) = self.instantiated_path(&e.path, s) else {
                continue;
            };
            let vdoc = moved(doc_attrs(&self.docs.variant(v.structure)));
            let tl_variant = s.def.full_name();
            let rename = if self.options.serde {
                quote!(#[serde(rename = #tl_variant)])
            } else {
                quote!()
            };
            if self.is_unit(s) {
                serialize_arms.push(quote!(Self::#vname => ::tl_runtime::json::serde::Serialize::serialize(&#path {}, serializer),));
                // Read as the struct is, so that a key it does not have is an error here
                // too (serde reads a unit variant by skipping every key).
                let rename = if self.options.serde {
                    let with = format!(
                        "::tl_runtime::json::unit_of::<{}, _>",
                        path.to_string().replace(' ', "")
                    );
                    quote!(#[serde(rename = #tl_variant, deserialize_with = #with)])
                } else {
                    rename
                };
                variants.push(quote!(#vdoc #rename #vname,));
                len_arms.push(quote!(Self::#vname => 4,));
                encode_arms.push(quote!(Self::#vname => { out.extend_from_slice(&u32::to_le_bytes(#id)); Ok(()) }));
                decode_arms.push(quote!(#id => Self::#vname,));
                id_arms.push(quote!(Self::#vname => #id,));
            } else {
                let payload = moved(if v.boxed {
                    quote!(Box<#path>)
                } else {
                    quote!(#path)
                });
                serialize_arms.push(quote!(Self::#vname(value) => ::tl_runtime::json::serde::Serialize::serialize(value, serializer),));
                variants.push(quote!(#vdoc #rename #vname(#payload),));
                len_arms.push(quote!(Self::#vname(value) => value.boxed_len(),));
                encode_arms.push(quote!(Self::#vname(value) => value.encode_boxed(out),));
                let decode = moved(propagate(
                    quote!(<#path as ::tl_runtime::BareDecode>::decode_bare(reader)),
                ));
                let decode = moved(if v.boxed {
                    quote!(Box::new(#decode))
                } else {
                    quote!(#decode)
                });
                decode_arms.push(quote!(#id => Self::#vname(#decode),));
                id_arms.push(quote!(Self::#vname(_) => #id,));
            }
        }
        let generate = moved(if self.options.arbitrary {
            self.generate_enum(index)
        } else {
            quote!()
        });
        let (variants, serialize_arms) = (all_moved(variants), all_moved(serialize_arms));
        let (len_arms, encode_arms) = (all_moved(len_arms), all_moved(encode_arms));
        let (decode_arms, id_arms) = (all_moved(decode_arms), all_moved(id_arms));
        let doc = moved(doc);
        let (serde_attributes, serde_impl) = if self.options.serde {
            (
                quote! {
                    #[derive(::tl_runtime::json::serde::Deserialize)]
                    #[serde(crate = "::tl_runtime::json::serde", tag = "_")]
                },
                // The variant's struct writes its own `"_"`; deriving would write it twice.
                quote! {
                    impl ::tl_runtime::json::serde::Serialize for #name {
                        fn serialize<S: ::tl_runtime::json::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                            match self {
                                #(#serialize_arms)*
                            }
                        }
                    }
                },
            )
        } else {
            (quote!(), quote!())
        };
        let serde_impl = moved(serde_impl);
        quote! {
            #doc
            #derives
            #serde_attributes
            pub enum #name {
                #(#variants)*
            }
            #serde_impl
            impl #name {
                /// The constructor ID of the value held.
                #inline
                pub fn constructor_id(&self) -> u32 {
                    match self {
                        #(#id_arms)*
                    }
                }
            }
            impl ::tl_runtime::BoxedEncode for #name {
                #[inline]
                fn boxed_len(&self) -> usize {
                    match self {
                        #(#len_arms)*
                    }
                }
                #inline
                fn encode_boxed(&self, out: &mut Vec<u8>) -> Result<(), ::tl_runtime::EncodeError> {
                    match self {
                        #(#encode_arms)*
                    }
                }
            }
            impl ::tl_runtime::BoxedDecode for #name {
                #inline
                fn decode_boxed(reader: &mut ::tl_runtime::Reader<'_>) -> Result<Self, ::tl_runtime::DecodeError> {
                    let id = match reader.read_u32() { Ok(id) => id, Err(error) => return Err(error), };
                    if let Err(error) = reader.enter() { return Err(error); }
                    let value = match id {
                        #(#decode_arms)*
                        _ => return Err(reader.unknown_constructor(id, #tl_name)),
                    };
                    reader.leave();
                    Ok(value)
                }
            }
            #generate
            impl ::tl_runtime::VectorElement for #name {
                const MIN_ELEMENT_LEN: usize = 4;
                #[inline]
                fn element_len(&self) -> usize {
                    self.boxed_len()
                }
                #[inline]
                fn encode_element(&self, out: &mut Vec<u8>) -> Result<(), ::tl_runtime::EncodeError> {
                    self.encode_boxed(out)
                }
                #[inline]
                fn decode_element(reader: &mut ::tl_runtime::Reader<'_>) -> Result<Self, ::tl_runtime::DecodeError> {
                    <Self as ::tl_runtime::BoxedDecode>::decode_boxed(reader)
                }
            }
        }
    }
}

/// Per enum, the variant whose values nest least deep (`None` for an enum whose every
/// value nests without end): how generated values stop growing past the depth budget.
///
/// The depth of a struct is one more than the deepest of its required fields (conditional
/// fields can be absent, vectors empty); an enum's is its shallowest variant's. Solved by
/// iterating to the fixed point from "unbounded".
fn shallowest_variants(model: &Model) -> Vec<Option<usize>> {
    const UNBOUNDED: u32 = u32::MAX;
    let any_function = model
        .enums
        .iter()
        .position(|e| e.path.tree == Tree::Functions && e.path.name == "AnyFunction");
    let mut struct_depth = vec![UNBOUNDED; model.structs.len()];
    let mut enum_depth = vec![UNBOUNDED; model.enums.len()];
    fn wire_depth(wire: &Wire, structs: &[u32], enums: &[u32], any: Option<usize>) -> u32 {
        match wire {
            Wire::Enum(e) => enums[*e],
            Wire::Struct(s) => structs[*s],
            Wire::Generic(_) => any.map_or(1, |a| enums[a]),
            _ => 0,
        }
    }
    loop {
        let mut changed = false;
        for (i, s) in model.structs.iter().enumerate() {
            let deepest = s
                .fields
                .iter()
                .map(|f| match &f.kind {
                    FieldKind::Required { wire, .. } => {
                        wire_depth(wire, &struct_depth, &enum_depth, any_function)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0);
            let depth = deepest.saturating_add(1);
            if depth < struct_depth[i] {
                struct_depth[i] = depth;
                changed = true;
            }
        }
        for (i, e) in model.enums.iter().enumerate() {
            let depth = e
                .variants
                .iter()
                .map(|v| struct_depth[v.structure])
                .min()
                .unwrap_or(UNBOUNDED);
            if depth < enum_depth[i] {
                enum_depth[i] = depth;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    model
        .enums
        .iter()
        .map(|e| {
            e.variants
                .iter()
                .enumerate()
                .filter(|(_, v)| struct_depth[v.structure] != UNBOUNDED)
                .min_by_key(|(_, v)| struct_depth[v.structure])
                .map(|(i, _)| i)
        })
        .collect()
}

/// Whether TL-JSON differs from plain serde for this type (base64 bytes, hex int128).
fn needs_tl_json(wire: &Wire) -> bool {
    match wire {
        Wire::Bytes | Wire::Int128 | Wire::Int256 | Wire::Int512 => true,
        Wire::Vector { element, .. } => needs_tl_json(element),
        _ => false,
    }
}

/// A struct's `Serialize` and `Deserialize` impls, which call the functions serde derives
/// with `remote = "Self"`. Deserializing goes through `tl_runtime::json::ObjectOf`, which
/// checks `"_"` and skips the keys that encoding derives (`#` fields): TL-JSON input may
/// carry them, and `deny_unknown_fields` would refuse them. A derived length (mtproto
/// `message`'s `bytes`) is kept and checked against the body it measures.
fn serde_impls(s: &Struct, name: &Ident, tl_name: &str, generics: &[Ident]) -> TokenStream {
    let serde = quote!(::tl_runtime::json::serde);
    let derived = s
        .fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Flags))
        .map(|f| f.tl_name.as_str());
    let read = quote!(::tl_runtime::json::ObjectOf::new(deserializer, #tl_name, &[#(#derived),*]));
    // The model puts a length field right before the `Object` it measures.
    let length = s.fields.windows(2).find_map(|pair| match pair {
        [length, body] if matches!(length.kind, FieldKind::ObjectLength) => Some((length, body)),
        _ => None,
    });
    let body = match length {
        None => quote!(Self::deserialize(#read)),
        Some((length, body)) => {
            let key = &length.tl_name;
            let body_name = &body.tl_name;
            let field = ident(&body.name);
            quote! {
                let given = ::core::cell::Cell::new(None);
                let value = Self::deserialize(#read.length(#key, &given))?;
                ::tl_runtime::json::check_length(given.get(), [#tl_name, #key, #body_name], value.#field.0.len())?;
                Ok(value)
            }
        }
    };
    let (ser_generics, de_generics, use_generics) = if generics.is_empty() {
        (quote!(), quote!(<'de>), quote!())
    } else {
        (
            quote!(<#(#generics: #serde::Serialize),*>),
            quote!(<'de, #(#generics: #serde::Deserialize<'de>),*>),
            quote!(<#(#generics),*>),
        )
    };
    quote! {
        impl #ser_generics #serde::Serialize for #name #use_generics {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                Self::serialize(self, serializer)
            }
        }
        impl #de_generics #serde::Deserialize<'de> for #name #use_generics {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #body
            }
        }
    }
}

fn serde_field_attributes(f: &Field) -> TokenStream {
    let mut parts = Vec::new();
    if ident::plain(&f.name) != f.tl_name {
        let tl_name = &f.tl_name;
        parts.push(quote!(rename = #tl_name));
    }
    match &f.kind {
        FieldKind::Optional { wire, .. } => {
            parts.push(quote!(default, skip_serializing_if = "Option::is_none"));
            if needs_tl_json(wire) {
                parts.push(quote!(with = "::tl_runtime::json::tl"));
            }
        }
        FieldKind::FlagTrue { .. } => parts.push(quote!(
            default,
            skip_serializing_if = "::tl_runtime::json::is_false"
        )),
        FieldKind::Required { wire, .. } => {
            if needs_tl_json(wire) {
                parts.push(quote!(with = "::tl_runtime::json::tl"));
            }
        }
        FieldKind::Flags | FieldKind::ObjectLength => {}
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// The local variable a field is decoded into: the field's own name, unless that is a
/// name the decoder itself uses.
fn decode_local(field: &str) -> proc_macro2::Ident {
    match ident::plain(field) {
        "reader" | "len" | "value" | "id" => format_ident!("{}_", ident::plain(field)),
        _ if field.ends_with("_word") => format_ident!("{}_", field),
        _ => ident(field),
    }
}

/// The local variable a flags word is decoded into.
fn flag_local(holder: &str) -> String {
    format!("{}_word", ident::plain(&ident::field_name(holder)))
}

//! The state the item emitters share ([`Emitter`]) and what they all ask of it: Rust
//! paths and types of the model's items, seen from where they are written.
//!
//! Each concern (codecs, serde, arbitrary values, conversions, the registry, the item
//! declarations) adds its methods to `Emitter` in its own module.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::options::EmitOptions;
use super::tokens::hex;
use crate::docs::DocWriter;
use crate::ident::ident;
use crate::model::{Field, FieldKind, ItemPath, Model, Struct, Tree, Variant, Wire};
use crate::rust_view::{type_text, Naming};

/// Writes the items of one schema set.
pub(super) struct Emitter<'m> {
    pub(super) model: &'m Model,
    pub(super) options: &'m EmitOptions,
    pub(super) docs: &'m DocWriter<'m>,
    /// Whether the `errors` module and `FunctionInfo` impls are emitted.
    pub(super) typed_errors: bool,
    /// With `arbitrary`: per enum, the variant whose values nest least deep.
    pub(super) shallowest: Vec<Option<usize>>,
    /// With `arbitrary`: a constructor of scalar fields only, whose values fill the objects
    /// read by their ID (`decode_any_object`), so that those decode again.
    pub(super) leaf_struct: Option<usize>,
}

/// A struct's generic parameters (`{X:Type}`), as its impls write them.
pub(super) struct Generics {
    /// The parameters, in order.
    pub(super) names: Vec<Ident>,
    /// `<X>` where the impl declares them (empty without parameters).
    pub(super) decl: TokenStream,
    /// `<X>` after the struct's name in an impl (empty without parameters).
    pub(super) uses: TokenStream,
}

impl Generics {
    /// The generic parameters of `s`.
    pub(super) fn of(s: &Struct) -> Generics {
        let names: Vec<Ident> = s.generics.iter().map(|g| ident(g)).collect();
        let (decl, uses) = if names.is_empty() {
            (quote!(), quote!())
        } else {
            (quote!(<#(#names),*>), quote!(<#(#names),*>))
        };
        Generics { names, decl, uses }
    }

    /// `<X: Bound>` for an impl that needs every parameter to implement `bound`.
    pub(super) fn bound(&self, bound: TokenStream) -> TokenStream {
        let names = &self.names;
        if names.is_empty() {
            quote!()
        } else {
            quote!(<#(#names: #bound),*>)
        }
    }
}

/// A variant of a generated enum, with what every concern writing its arms needs. Only
/// variants whose type exists (a generic constructor needs `AnyFunction`) are emitted.
pub(super) struct EnumVariant<'m> {
    /// Its position among the enum's variants in the model.
    pub(super) index: usize,
    pub(super) variant: &'m Variant,
    /// The constructor's struct.
    pub(super) structure: &'m Struct,
    /// The Rust variant name.
    pub(super) name: Ident,
    /// The constructor ID, as a hex literal.
    pub(super) id: Literal,
    /// The payload's type, seen from the enum.
    pub(super) path: TokenStream,
    /// A variant without a payload (a constructor without fields).
    pub(super) unit: bool,
}

impl<'m> Emitter<'m> {
    /// The path from an item at `from` to the root of the generated file.
    pub(super) fn root(from: &ItemPath) -> TokenStream {
        let supers = (0..from.depth()).map(|_| quote!(super));
        quote!(#(#supers)::*)
    }

    /// The path of the item at `to`, seen from the item at `from`.
    pub(super) fn item_path(from: &ItemPath, to: &ItemPath) -> TokenStream {
        let root = Self::root(from);
        let tree = format_ident!("{}", to.tree.module());
        let modules = to.modules.iter().map(|m| ident(m));
        let name = ident(&to.name);
        quote!(#root::#tree::#(#modules::)*#name)
    }

    /// The Rust type of a wire type, seen from the item at `from`: the text of
    /// [`type_text`], the one mapping of TL types to Rust types.
    pub(super) fn rust_type(&self, from: &ItemPath, wire: &Wire) -> TokenStream {
        let text = type_text(
            self.model,
            wire,
            Naming::Emitted {
                depth: from.depth(),
            },
        );
        text.parse().expect("type_text writes a Rust type")
    }

    /// The Rust type of a stored field of the struct at `from`.
    pub(super) fn field_type(&self, from: &ItemPath, field: &Field) -> TokenStream {
        match &field.kind {
            FieldKind::Required { wire, boxed } => {
                let ty = self.rust_type(from, wire);
                if *boxed {
                    quote!(Box<#ty>)
                } else {
                    ty
                }
            }
            FieldKind::Optional { wire, boxed, .. } => {
                let ty = self.rust_type(from, wire);
                if *boxed {
                    quote!(Option<Box<#ty>>)
                } else {
                    quote!(Option<#ty>)
                }
            }
            FieldKind::FlagTrue { .. } => quote!(bool),
            FieldKind::Flags { .. } => quote!(u32),
            FieldKind::ObjectLength => unreachable!("not stored"),
        }
    }

    /// `#[inline]` for the codec functions, unless `inline_codecs` is off. An `#[inline]`
    /// function is compiled where it is called, not in the crate that defines it (like a
    /// generic one): the bindings crate only checks them, and each program compiles the
    /// encoders and decoders it uses.
    pub(super) fn inline(&self) -> TokenStream {
        if self.options.inline_codecs {
            quote!(#[inline])
        } else {
            quote!()
        }
    }

    /// Whether the struct's enum variant carries no payload.
    pub(super) fn is_unit(&self, s: &Struct) -> bool {
        s.fields.is_empty() && s.generics.is_empty()
    }

    /// The Rust type of a struct seen from `from`; a generic one instantiated with
    /// `functions::AnyFunction`, or `None` when the schema has no such enum.
    pub(super) fn instantiated_path(&self, from: &ItemPath, s: &Struct) -> Option<TokenStream> {
        let path = Self::item_path(from, &s.path);
        if s.generics.is_empty() {
            return Some(path);
        }
        let any = self
            .model
            .enums
            .iter()
            .find(|e| e.path.tree == Tree::Functions && e.path.name == "AnyFunction")?;
        let any = Self::item_path(from, &any.path);
        let args = s.generics.iter().map(|_| any.clone());
        Some(quote!(#path<#(#args),*>))
    }

    /// The variants of the enum at `index` that are emitted, in order.
    pub(super) fn variants(&self, index: usize) -> Vec<EnumVariant<'m>> {
        let model = self.model;
        let e = &model.enums[index];
        e.variants
            .iter()
            .enumerate()
            .filter_map(|(index, variant)| {
                let structure = &model.structs[variant.structure];
                let path = self.instantiated_path(&e.path, structure)?;
                Some(EnumVariant {
                    index,
                    variant,
                    structure,
                    name: ident(&variant.name),
                    id: hex(structure.def.id()),
                    path,
                    unit: self.is_unit(structure),
                })
            })
            .collect()
    }
}

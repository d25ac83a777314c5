//! Arbitrary values (the `arbitrary` option): `tl_runtime::arbitrary::Generate` for every
//! struct and enum, valid values whose depth a budget bounds.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::any_object::object_read_by_id;
use super::emitter::{Emitter, EnumVariant, Generics};
use super::tokens::hex;
use crate::ident::{self, ident};
use crate::model::{FieldKind, FlagRef, Model, Struct, Tree, Wire};

impl Emitter<'_> {
    /// `Generate` for a struct: conditional fields sharing a bit are drawn together, so the
    /// value always encodes.
    pub(super) fn generate_struct(&self, s: &Struct, generics: &Generics) -> TokenStream {
        if !self.options.arbitrary {
            return quote!();
        }
        let inline = self.inline();
        let name = ident(&s.path.name);
        let any_generate = quote!(::tl_runtime::arbitrary::Generate::generate(u, budget)?);
        let mut groups = Vec::new();
        let mut group_locals: BTreeMap<(String, u32), Ident> = BTreeMap::new();
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
            let shared = |flag: &FlagRef,
                          groups: &mut Vec<TokenStream>,
                          locals: &mut BTreeMap<(String, u32), Ident>| {
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
                // Any bits that no field uses: they are data, kept by both codecs.
                FieldKind::Flags { used: 0 } => quote!(u.arbitrary::<u32>()?),
                FieldKind::Flags { used } => {
                    let used = hex(*used);
                    quote!(u.arbitrary::<u32>()? & !#used)
                }
                FieldKind::ObjectLength => continue,
            };
            inits.push(quote!(#fname: #value));
        }
        let u_name = if inits.is_empty() {
            quote!(_u)
        } else {
            quote!(u)
        };
        let generate_bound = generics.bound(quote!(::tl_runtime::arbitrary::Generate));
        let use_generics = &generics.uses;
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
    pub(super) fn generate_enum(&self, index: usize, variants: &[EnumVariant<'_>]) -> TokenStream {
        if !self.options.arbitrary {
            return quote!();
        }
        let inline = self.inline();
        let name = ident(&self.model.enums[index].path.name);
        let mut arms = Vec::new();
        let mut units = 0;
        let mut shallowest_arm = None;
        for v in variants {
            let vname = &v.name;
            let value = if v.unit {
                units += 1;
                quote!(Self::#vname)
            } else {
                quote!(Self::#vname(::tl_runtime::arbitrary::Generate::generate(u, budget)?))
            };
            if self.shallowest[index] == Some(v.index) {
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
}

/// Per enum, the variant whose values nest least deep (`None` for an enum whose every
/// value nests without end): how generated values stop growing past the depth budget.
///
/// The depth of a struct is one more than the deepest of its required fields (conditional
/// fields can be absent, vectors empty); an enum's is its shallowest variant's. Solved by
/// iterating to the fixed point from "unbounded".
pub(super) fn shallowest_variants(model: &Model) -> Vec<Option<usize>> {
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

/// The first non-generic constructor (of a type, else a function) whose fields are all
/// scalars, or that has none.
pub(super) fn leaf_struct(model: &Model) -> Option<usize> {
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
                | Wire::BareTrue
        )
    };
    let is_leaf = |s: &Struct| {
        s.generics.is_empty()
            && s.fields.iter().all(|f| match &f.kind {
                FieldKind::Required { wire, .. } | FieldKind::Optional { wire, .. } => scalar(wire),
                FieldKind::Flags { .. } | FieldKind::FlagTrue { .. } => true,
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

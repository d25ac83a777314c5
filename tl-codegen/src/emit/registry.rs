//! The registry (the `registry` option): the Rust type of any constructor or function of
//! the schema, by its TL name or its ID, handed to a visitor; with `arbitrary`, every
//! constructor in turn.

use proc_macro2::TokenStream;
use quote::quote;

use super::emitter::Emitter;
use super::tokens::hex;
use crate::model::{ItemPath, Tree};

impl Emitter<'_> {
    /// `registry::by_name` and `registry::by_id`: the Rust type of any constructor or
    /// function, handed to a `TypeVisitor`.
    pub(super) fn registry(&self) -> TokenStream {
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
}

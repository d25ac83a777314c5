//! Emission of typed RPC errors: the `errors` module (`ErrorName`, one variant per error
//! the documentation knows, and the table behind it) and each function's
//! `tl_runtime::function_info::FunctionInfo` (who may call it, which errors it lists).
//!
//! Generated code uses the runtime only through `tl_runtime::rpc_error` and
//! `tl_runtime::function_info`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc::doc_attrs;
use crate::doc_files::Availability;
use crate::docs::DocWriter;
use crate::ident::ident;

/// Whether typed errors are emitted for this schema set: only when its documentation
/// knows errors.
pub fn enabled(docs: &DocWriter<'_>) -> bool {
    !docs.unit.known_errors.is_empty()
}

/// `pub mod errors { ... }`, at the root of the schema set's tree.
pub fn errors_module(docs: &DocWriter<'_>) -> TokenStream {
    let known = &docs.unit.known_errors.errors;
    let variants = known.iter().map(|error| {
        let doc = doc_attrs(&docs.known_error(error));
        let variant = ident(&error.variant);
        quote!(#doc #variant,)
    });
    let all = known.iter().map(|error| {
        let variant = ident(&error.variant);
        quote!(ErrorName::#variant)
    });
    let table = known.iter().map(|error| {
        let name = &error.name;
        let documented_as = error
            .spellings
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let code = Literal::i32_unsuffixed(error.code);
        let description = docs.known_error_description(error);
        quote!(KnownError { name: #name, documented_as: #documented_as, code: #code, description: #description },)
    });
    quote! {
        /// The RPC errors the documentation knows, as a type: match a received error by
        /// name with `ErrorName::of(&error)` instead of comparing strings.
        #[allow(dead_code)]
        pub mod errors {
            use ::tl_runtime::rpc_error::{KnownError, RpcError};

            /// An RPC error the documentation knows, by the name a received error has once
            /// its number is taken out ([`RpcError::name`]: `FLOOD_WAIT_30` is
            /// [`ErrorName::FloodWait`] with the value 30).
            ///
            /// Variants are in name order. New layers bring new errors, so a `match` needs
            /// a `_` arm (and [`ErrorName::of`] gives `None` for errors it does not know).
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum ErrorName {
                #(#variants)*
            }

            /// What the documentation says about each error, in the order of the variants.
            const KNOWN: &[KnownError] = &[
                #(#table)*
            ];

            impl ErrorName {
                /// Every known error, in name order.
                pub const ALL: &'static [ErrorName] = &[#(#all),*];

                /// The known error a received error is, if the documentation knows it.
                pub fn of(error: &RpcError) -> Option<ErrorName> {
                    Self::from_name(error.name())
                }

                /// The known error of this name (`FLOOD_WAIT`, without a number).
                pub fn from_name(name: &str) -> Option<ErrorName> {
                    KNOWN
                        .binary_search_by(|known| known.name.cmp(name))
                        .ok()
                        .map(|index| Self::ALL[index])
                }

                /// What the documentation says about it: its name, spellings, usual code
                /// and description.
                pub fn info(self) -> &'static KnownError {
                    &KNOWN[self as usize]
                }

                /// The name (`FLOOD_WAIT`).
                pub fn name(self) -> &'static str {
                    self.info().name
                }

                /// The code it usually comes with.
                pub fn code(self) -> i32 {
                    self.info().code
                }

                /// The description, as plain text (may be empty).
                pub fn description(self) -> &'static str {
                    self.info().description
                }
            }

            impl ::core::fmt::Display for ErrorName {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.name())
                }
            }
        }
    }
}

/// `impl FunctionInfo for F`: its callers and possible errors. `root` is the path from the
/// struct to the root of the tree (`super::super`).
pub fn function_info(
    docs: &DocWriter<'_>,
    index: usize,
    root: &TokenStream,
    decl_generics: &TokenStream,
    use_generics: &TokenStream,
) -> TokenStream {
    let s = &docs.model.structs[index];
    let unit = &docs.unit.structs[index];
    let name = ident(&s.path.name);
    let callers = match unit.availability {
        None => quote!(None),
        Some(availability) => {
            let variant = match availability {
                Availability::Users => quote!(Users),
                Availability::Bots => quote!(Bots),
                Availability::UsersAndBots => quote!(UsersAndBots),
            };
            quote!(Some(::tl_runtime::function_info::Callers::#variant))
        }
    };
    let errors: Vec<TokenStream> = unit
        .errors
        .iter()
        .filter_map(|error| {
            let known = docs.unit.known_errors.by_spelling(&error.spelling)?;
            let code = Literal::i32_unsuffixed(error.code);
            let variant = ident(&known.variant);
            Some(quote!(P::new(#code, E::#variant)))
        })
        .collect();
    let possible_errors = if errors.is_empty() {
        quote!(&[])
    } else {
        // Short local names: the big schemas list thousands of these.
        quote!({
            use #root::errors::ErrorName as E;
            use ::tl_runtime::function_info::PossibleError as P;
            &[#(#errors),*]
        })
    };
    quote! {
        impl #decl_generics ::tl_runtime::function_info::FunctionInfo for #name #use_generics {
            type Error = #root::errors::ErrorName;
            const CALLERS: Option<::tl_runtime::function_info::Callers> = #callers;
            const POSSIBLE_ERRORS: &'static [::tl_runtime::function_info::PossibleError<Self::Error>] = #possible_errors;
        }
    }
}

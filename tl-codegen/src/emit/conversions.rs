//! Conversions between a constructor's struct and its type's enum (`From<Struct> for
//! Enum`, `TryFrom<Enum> for Struct`); empty without the `conversions` option.

use proc_macro2::TokenStream;
use quote::quote;

use super::emitter::Emitter;
use crate::ident::ident;
use crate::model::Struct;

impl Emitter<'_> {
    /// `From<Struct> for Enum` and `TryFrom<Enum> for Struct`, for a constructor of a
    /// type (not a function).
    pub(super) fn conversions(&self, s: &Struct) -> TokenStream {
        let (Some(parent), true) = (s.parent, self.options.conversions) else {
            return quote!();
        };
        let e = &self.model.enums[parent];
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
}

//! The item declarations: a struct per constructor and function, an enum per type, with
//! their doc comments, derives and attributes, followed by every impl the other modules
//! write for them.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec;
use super::doc::doc_attrs;
use super::emitter::{Emitter, EnumVariant, Generics};
use super::errors;
use super::tokens::{all_moved, moved};
use crate::ident::ident;

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

    /// The struct of the constructor or function at `index`, and its impls.
    pub(super) fn structure(&self, index: usize) -> TokenStream {
        let s = &self.model.structs[index];
        let name = ident(&s.path.name);
        let tl_name = s.def.full_name();
        let derives = self.derives();
        let doc = doc_attrs(&self.docs.structure(index));
        let generics = Generics::of(s);
        let decl_generics = &generics.decl;
        let body = self.struct_body(index);

        let mut impls = self.struct_codecs(index, &generics);
        if s.is_function() && self.typed_errors {
            impls.extend(errors::function_info(
                self.docs,
                index,
                &Self::root(&s.path),
                &generics.decl,
                &generics.uses,
            ));
        }
        impls.extend(self.serde_struct_impls(s, &name, &tl_name, &generics.names));
        impls.extend(self.conversions(s));
        impls.extend(self.generate_struct(s, &generics));
        let (doc, body, impls) = (moved(doc), moved(body), moved(impls));
        quote! {
            #doc
            #derives
            pub struct #name #decl_generics #body
            #impls
        }
    }

    /// The braced body of the struct at `index`: its stored fields, documented.
    fn struct_body(&self, index: usize) -> TokenStream {
        let s = &self.model.structs[index];
        let field_decls = s.fields.iter().filter(|f| f.is_stored()).map(|f| {
            let fname = ident(&f.name);
            let ty = self.field_type(&s.path, f);
            let doc = doc_attrs(&self.docs.field(index, f));
            let (doc, ty) = (moved(doc), moved(ty));
            moved(quote! {
                #doc
                pub #fname: #ty,
            })
        });
        // Field-less structs are braced (`InputPeerEmpty {}`), not unit structs, so every
        // struct has the same shape.
        quote!({ #(#field_decls)* })
    }

    /// The enum of the type at `index`, and its impls.
    pub(super) fn enumeration(&self, index: usize) -> TokenStream {
        let e = &self.model.enums[index];
        let name = ident(&e.path.name);
        let derives = self.derives();
        let doc = moved(doc_attrs(&self.docs.enumeration(index)));
        let variants = self.variants(index);
        let declarations: Vec<TokenStream> = variants
            .iter()
            .map(|v| self.variant_declaration(v))
            .collect();
        let declarations = all_moved(declarations);
        let serde_impl = moved(self.serde_enum_impl(&name, &variants));
        let codecs = moved(self.enum_codecs(index, &variants));
        let generate = moved(self.generate_enum(index, &variants));
        let vector_element = moved(codec::vector_element(&name));
        quote! {
            #doc
            #derives
            pub enum #name {
                #(#declarations)*
            }
            #serde_impl
            #codecs
            #generate
            #vector_element
        }
    }

    /// A variant of an enum, documented, with its payload (the constructor's struct).
    fn variant_declaration(&self, v: &EnumVariant<'_>) -> TokenStream {
        let vdoc = moved(doc_attrs(&self.docs.variant(v.variant.structure)));
        let vname = &v.name;
        if v.unit {
            return quote!(#vdoc #vname,);
        }
        let path = &v.path;
        let payload = moved(if v.variant.boxed {
            quote!(Box<#path>)
        } else {
            quote!(#path)
        });
        quote!(#vdoc #vname(#payload),)
    }
}

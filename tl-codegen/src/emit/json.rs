//! TL-JSON (`serde`): the attributes of structs, fields, enums and variants, and the
//! `Serialize`/`Deserialize` impls that go with them. Everything here is empty without
//! the `serde` option.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::emitter::{Emitter, EnumVariant};
use crate::ident::{self, ident};
use crate::model::{Field, FieldKind, Struct, Wire};

impl Emitter<'_> {
    /// serde's derives on a struct, as inherent functions (`remote = "Self"`) that the
    /// trait impls ([`serde_impls`]) call: `Deserialize` reads through `ObjectOf`, which
    /// checks `"_"` and skips the derived keys TL-JSON allows, so that
    /// `deny_unknown_fields` can refuse every other key that is not a parameter.
    pub(super) fn serde_struct_attributes(&self, tl_name: &str) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        quote! {
            #[derive(::tl_runtime::json::serde::Serialize, ::tl_runtime::json::serde::Deserialize)]
            #[serde(crate = "::tl_runtime::json::serde", tag = "_", rename = #tl_name, remote = "Self", deny_unknown_fields)]
        }
    }

    /// A stored field's `#[serde(...)]`: its TL name, whether it may be left out, and
    /// TL-JSON's own forms.
    pub(super) fn serde_field_attributes(&self, f: &Field) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        serde_field_attributes(f)
    }

    /// A struct's `Serialize` and `Deserialize` impls ([`serde_impls`]).
    pub(super) fn serde_struct_impls(
        &self,
        s: &Struct,
        name: &Ident,
        tl_name: &str,
        generics: &[Ident],
    ) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        serde_impls(s, name, tl_name, generics)
    }

    /// An enum's derive of `Deserialize`, by the `"_"` key of its variants.
    pub(super) fn serde_enum_attributes(&self) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        quote! {
            #[derive(::tl_runtime::json::serde::Deserialize)]
            #[serde(crate = "::tl_runtime::json::serde", tag = "_")]
        }
    }

    /// A variant's `#[serde(rename = ...)]`, its constructor's TL name.
    pub(super) fn serde_variant_attributes(&self, v: &EnumVariant<'_>) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        let tl_variant = v.structure.def.full_name();
        if !v.unit {
            return quote!(#[serde(rename = #tl_variant)]);
        }
        // Read as the struct is, so that a key it does not have is an error here
        // too (serde reads a unit variant by skipping every key).
        let with = format!(
            "::tl_runtime::json::unit_of::<{}, _>",
            v.path.to_string().replace(' ', "")
        );
        quote!(#[serde(rename = #tl_variant, deserialize_with = #with)])
    }

    /// An enum's `Serialize`: each variant's struct writes its own `"_"`; deriving would
    /// write it twice.
    pub(super) fn serde_enum_impl(
        &self,
        name: &Ident,
        variants: &[EnumVariant<'_>],
    ) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        let arms = variants.iter().map(|v| {
            let (vname, path) = (&v.name, &v.path);
            if v.unit {
                quote!(Self::#vname => ::tl_runtime::json::serde::Serialize::serialize(&#path {}, serializer),)
            } else {
                quote!(Self::#vname(value) => ::tl_runtime::json::serde::Serialize::serialize(value, serializer),)
            }
        });
        quote! {
            impl ::tl_runtime::json::serde::Serialize for #name {
                fn serialize<S: ::tl_runtime::json::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    }
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

/// A stored field's `#[serde(...)]` (see [`Emitter::serde_field_attributes`]).
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

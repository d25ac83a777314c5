//! TL-JSON (`serde`): each struct's and enum's `FromJson` (reading, from one concrete
//! `tl_runtime::json::Value`), the `Deserialize` that calls it, and `Serialize`.
//! Everything here is empty without the `serde` option.
//!
//! No serde derives: a derived `Deserialize` is generic over the deserializer, so every
//! program compiled its visitors again for each deserializer it used (and for serde's
//! buffer behind internally tagged enums). `FromJson` is compiled once, in the crate that
//! holds the bindings; what stays generic is a call per type.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::codec::derived_bits;
use super::emitter::{Emitter, EnumVariant};
use super::tokens::hex;
use crate::ident::ident;
use crate::model::{Field, FieldKind, Struct, Wire};

impl Emitter<'_> {
    /// A struct's `FromJson`, `Deserialize` and `Serialize` impls.
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
        let json = quote!(::tl_runtime::json);
        let serde = quote!(::tl_runtime::json::serde);
        let (read_generics, ser_generics, de_generics, use_generics) = if generics.is_empty() {
            (quote!(), quote!(), quote!(<'de>), quote!())
        } else {
            (
                quote!(<#(#generics: #json::FromJson),*>),
                quote!(<#(#generics: #serde::Serialize),*>),
                quote!(<'de, #(#generics: #json::FromJson),*>),
                quote!(<#(#generics),*>),
            )
        };
        let read = read_struct(s, tl_name);
        let write = write_struct(s, tl_name);
        quote! {
            impl #read_generics #json::FromJson for #name #use_generics {
                fn from_json(value: #json::Value) -> Result<Self, #json::JsonError> {
                    #read
                }
            }
            impl #de_generics #serde::Deserialize<'de> for #name #use_generics {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #json::deserialize(deserializer)
                }
            }
            impl #ser_generics #serde::Serialize for #name #use_generics {
                fn serialize<S: #serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #write
                }
            }
        }
    }

    /// An enum's `FromJson` (by the `"_"` of the object), `Deserialize` and `Serialize`
    /// (each variant's struct writes its own `"_"`).
    pub(super) fn serde_enum_impl(
        &self,
        name: &Ident,
        variants: &[EnumVariant<'_>],
    ) -> TokenStream {
        if !self.options.serde {
            return quote!();
        }
        let json = quote!(::tl_runtime::json);
        let serde = quote!(::tl_runtime::json::serde);
        let arms = variants.iter().map(|v| {
            let (vname, path) = (&v.name, &v.path);
            if v.unit {
                quote!(Self::#vname => #serde::Serialize::serialize(&#path {}, serializer),)
            } else {
                quote!(Self::#vname(value) => #serde::Serialize::serialize(value, serializer),)
            }
        });
        let read = read_enum(variants);
        quote! {
            impl #json::FromJson for #name {
                fn from_json(value: #json::Value) -> Result<Self, #json::JsonError> {
                    #read
                }
            }
            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #json::deserialize(deserializer)
                }
            }
            impl #serde::Serialize for #name {
                fn serialize<S: #serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
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

/// The body of a struct's `FromJson::from_json`: the object's keys checked, each stored
/// field taken out of it, a flags word's given bits checked against the fields that use
/// them (TL-JSON revision 2), and a derived length (mtproto `message`'s `bytes`) compared
/// with the body it measures.
fn read_struct(s: &Struct, tl_name: &str) -> TokenStream {
    let json = quote!(::tl_runtime::json);
    let stored: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| f.is_stored())
        .map(|f| f.tl_name.as_str())
        .collect();
    let derived: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| !f.is_stored())
        .map(|f| f.tl_name.as_str())
        .collect();
    let open = quote!(#json::Fields::new(value, #tl_name, &[#(#stored),*], &[#(#derived),*])?);
    if s.fields.is_empty() {
        return quote!(#open; Ok(Self {}));
    }
    let mut statements = Vec::new();
    let mut length = None;
    let mut inits = Vec::new();
    let mut words = Vec::new();
    for (at, f) in s.fields.iter().enumerate() {
        let key = &f.tl_name;
        let field = ident(&f.name);
        match &f.kind {
            FieldKind::Flags { used: 0 } => inits.push(quote!(#field: fields.word(#key, &[], 0)?,)),
            // Read once the fields that use its bits are.
            FieldKind::Flags { .. } => {
                inits.push(quote!(#field: 0,));
                let users = flag_users(s, key);
                let bits = or_bits(derived_bits(s, key, &quote!(value)));
                words.push(quote!(value.#field = fields.word(#key, &[#(#users),*], #bits)?;));
            }
            FieldKind::ObjectLength => {
                statements.push(quote!(let given = fields.length(#key)?;));
                // The model puts the `Object` it measures right after it.
                length = s.fields.get(at + 1).map(|body| (key, body));
            }
            FieldKind::Required { .. } => inits.push(quote!(#field: fields.required(#key)?,)),
            FieldKind::Optional { .. } => inits.push(quote!(#field: fields.optional(#key)?,)),
            FieldKind::FlagTrue { .. } => inits.push(quote!(#field: fields.flag(#key)?,)),
        }
    }
    let build = quote!(Self { #(#inits)* });
    let check_length = length.map(|(key, body)| {
        let (body_name, body_field) = (&body.tl_name, ident(&body.name));
        quote!(#json::check_length(given, [#tl_name, #key, #body_name], value.#body_field.0.len())?;)
    });
    let finish = match (words.is_empty(), check_length) {
        (true, None) => quote!(Ok(#build)),
        (true, Some(check)) => quote! {
            let value = #build;
            #check
            Ok(value)
        },
        (false, check) => quote! {
            let mut value = #build;
            #(#words)*
            #check
            Ok(value)
        },
    };
    quote! {
        let mut fields = #open;
        #(#statements)*
        #finish
    }
}

/// The body of a struct's `Serialize::serialize`: `"_"`, then each stored field that is
/// there, in schema order.
fn write_struct(s: &Struct, tl_name: &str) -> TokenStream {
    let json = quote!(::tl_runtime::json);
    let writes: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| f.is_stored())
        .map(|f| write_field(s, f))
        .collect();
    let binding = if writes.is_empty() {
        quote!(let object)
    } else {
        quote!(let mut object)
    };
    quote! {
        #binding = #json::ObjectWriter::new(serializer, #tl_name)?;
        #(#writes)*
        object.end()
    }
}

/// One stored field of `s` written, in its TL-JSON form.
fn write_field(s: &Struct, f: &Field) -> TokenStream {
    let key = &f.tl_name;
    let field = ident(&f.name);
    let tl = quote!(::tl_runtime::json::Tl);
    match &f.kind {
        FieldKind::Required { wire, .. } if needs_tl_json(wire) => {
            quote!(object.field(#key, &#tl(&self.#field))?;)
        }
        FieldKind::Required { .. } => quote!(object.field(#key, &self.#field)?;),
        FieldKind::Optional { wire, .. } if needs_tl_json(wire) => {
            quote!(object.optional(#key, self.#field.as_ref().map(#tl))?;)
        }
        FieldKind::Optional { .. } => quote!(object.optional(#key, self.#field.as_ref())?;),
        FieldKind::FlagTrue { .. } => quote!(object.flag(#key, self.#field)?;),
        FieldKind::Flags { used: 0 } => quote!(object.word(#key, self.#field, 0, 0)?;),
        FieldKind::Flags { used } => {
            let bits = or_bits(derived_bits(s, key, &quote!(self)));
            let used = hex(*used);
            quote!(object.word(#key, self.#field, #used, #bits)?;)
        }
        FieldKind::ObjectLength => quote!(),
    }
}

/// The terms of [`derived_bits`] or-ed together (`0` without any).
fn or_bits(bits: Vec<TokenStream>) -> TokenStream {
    if bits.is_empty() {
        quote!(0)
    } else {
        quote!(#(#bits)|*)
    }
}

/// `("lt", 1)`: each field that uses a bit of the flags word `holder`, with the bit.
fn flag_users(s: &Struct, holder: &str) -> Vec<TokenStream> {
    s.fields
        .iter()
        .filter_map(|f| match &f.kind {
            FieldKind::Optional { flag, .. } | FieldKind::FlagTrue { flag }
                if flag.holder == holder =>
            {
                let (name, bit) = (&f.tl_name, proc_macro2::Literal::u32_unsuffixed(flag.bit));
                Some(quote!((#name, #bit)))
            }
            _ => None,
        })
        .collect()
}

/// The body of an enum's `FromJson::from_json`: the constructor named by `"_"`, read by
/// its struct's `FromJson` (a unit variant too, so that a key it does not have is an
/// error).
fn read_enum(variants: &[EnumVariant<'_>]) -> TokenStream {
    let json = quote!(::tl_runtime::json);
    let names = variants.iter().map(|v| v.structure.def.full_name());
    let builds: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let (vname, path) = (&v.name, &v.path);
            let read = quote!(<#path as #json::FromJson>::from_json(value)?);
            if v.unit {
                quote!({ #read; Ok(Self::#vname) })
            } else if v.variant.boxed {
                quote!(Ok(Self::#vname(Box::new(#read))))
            } else {
                quote!(Ok(Self::#vname(#read)))
            }
        })
        .collect();
    let pick = quote!(#json::variant(value, &[#(#names),*])?);
    match builds.split_last() {
        None => quote! {
            drop(value);
            Err(#json::JsonError::new("this type has no constructors"))
        },
        Some((only, [])) => quote! {
            let (_, value) = #pick;
            #only
        },
        Some((last, rest)) => {
            let indexes = (0..rest.len()).map(proc_macro2::Literal::usize_unsuffixed);
            quote! {
                let (index, value) = #pick;
                match index {
                    #(#indexes => #rest,)*
                    _ => #last,
                }
            }
        }
    }
}

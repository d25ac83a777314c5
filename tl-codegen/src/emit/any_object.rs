//! Values of any constructor read by their ID: which `Object` fields are read so, and the
//! `decode_any_object` function that reads them (TON's `object` and `function`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::hex;
use crate::ident::ident;
use crate::model::{Field, FieldKind, Model, Wire};

/// Whether a struct of the model has a field read with `decode_any_object`, which is then
/// emitted.
pub(super) fn needed(model: &Model) -> bool {
    model
        .structs
        .iter()
        .any(|s| (0..s.fields.len()).any(|index| object_read_by_id(&s.fields, index)))
}

/// Whether the field at `index` is read with the schema's `decode_any_object`: TON's
/// `object` and `function` always (`testObject o:object f:function`, nested or not), an
/// `Object` unless its length is written before it (MTProto's `message`) or nothing follows
/// it on the wire (`rpc_result`), where it is the rest of the input.
pub(super) fn object_read_by_id(fields: &[Field], index: usize) -> bool {
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
pub(super) fn decode_any_object(model: &Model) -> TokenStream {
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

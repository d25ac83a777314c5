//! The core codecs: `Identifiable`, `BareEncode`, `BareDecode`, `Constructor` and
//! `RemoteCall` for structs; `BoxedEncode`, `BoxedDecode` and `VectorElement` for enums.
//!
//! `?` is written out as a `match` ([`propagate`]), and consecutive fixed-size values are
//! appended at once ([`coalesce`]): both make the generated code cheaper, to compile and
//! to run.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::any_object::object_read_by_id;
use super::emitter::{Emitter, EnumVariant, Generics};
use super::tokens::{all_moved, hex, moved};
use crate::ident::{self, ident};
use crate::model::{Field, FieldKind, FlagRef, ItemPath, Struct, Wire};

/// How a value is written: with or without its constructor ID.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Bare,
    Boxed,
}

/// The form a value of this wire type is written in.
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

/// The size on the wire of a value of this type, if every value has the same.
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
/// the types that [`encode_stmt`] writes in place.
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

/// The statement that appends `value` to `out`.
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

/// The local variable a field is decoded into: the field's own name, unless that is a
/// name the decoder itself uses.
fn decode_local(field: &str) -> Ident {
    match ident::plain(field) {
        "reader" | "len" | "value" | "id" => format_ident!("{}_", ident::plain(field)),
        _ if field.ends_with("_word") => format_ident!("{}_", field),
        _ => ident(field),
    }
}

/// The local variable a flags word is decoded into.
fn flag_local(holder: &str) -> Ident {
    format_ident!("{}_word", ident::plain(&ident::field_name(holder)))
}

/// `word & (1 << bit) != 0`: whether a flag is set in its decoded word.
fn flag_test(flag: &FlagRef) -> TokenStream {
    let word = flag_local(&flag.holder);
    let bit = Literal::u32_unsuffixed(flag.bit);
    quote!(#word & (1 << #bit) != 0)
}

/// The parts of a struct's `bare_len` and `encode_bare`, gathered field by field.
#[derive(Default)]
struct Encoding {
    /// The terms `bare_len` adds up.
    len_terms: Vec<TokenStream>,
    /// The writes, in wire order.
    writes: Vec<Write>,
    /// `let flags_word: u32 = ...;`, one per flags word, computed before any write.
    flag_values: Vec<TokenStream>,
    /// The checks that fields sharing a flag bit agree, before any write.
    checks: Vec<TokenStream>,
}

impl Encoding {
    /// How the fields of `s` are measured and written.
    fn of(s: &Struct) -> Encoding {
        let mut encoding = Encoding::default();
        for (i, f) in s.fields.iter().enumerate() {
            let fname = ident(&f.name);
            match &f.kind {
                FieldKind::Flags { used } => encoding.flags_word(s, f, *used),
                // The next field is the `Object` whose length this is.
                FieldKind::ObjectLength => encoding.object_length(&ident(&s.fields[i + 1].name)),
                FieldKind::Required { wire, .. } => encoding.required(wire, &fname),
                FieldKind::Optional { wire, .. } => encoding.optional(wire, &fname),
                FieldKind::FlagTrue { .. } => {}
            }
        }
        encoding.checks = shared_flag_checks(s);
        encoding
    }

    /// A flags word: the bits that fields use, computed from them, and the others as the
    /// field holds them; written as a number.
    fn flags_word(&mut self, s: &Struct, f: &Field, used: u32) {
        let local = flag_local(&f.tl_name);
        let fname = ident(&f.name);
        let value = if used == 0 {
            quote!(self.#fname)
        } else {
            let used = hex(used);
            let bits = all_moved(derived_bits(s, &f.tl_name, &quote!(self)));
            quote!((self.#fname & !#used) #(| #bits)*)
        };
        let value = moved(value);
        self.flag_values.push(quote!(let #local: u32 = #value;));
        self.len_terms.push(quote!(4));
        self.writes.push(Write::Fixed {
            len: 4,
            bytes: quote!(#local.to_le_bytes()),
            alone: quote!(out.extend_from_slice(&#local.to_le_bytes());),
        });
    }

    /// The length of the `Object` field `body`, written before it.
    fn object_length(&mut self, body: &Ident) {
        self.len_terms.push(quote!(4));
        let body_len = propagate(quote!(self.#body.len_field()));
        self.writes.push(Write::Other(quote! {
            let body_len: i32 = #body_len;
            out.extend_from_slice(&body_len.to_le_bytes());
        }));
    }

    /// A field always written.
    fn required(&mut self, wire: &Wire, fname: &Ident) {
        self.len_terms.push(len_expr(wire, quote!(self.#fname)));
        self.writes
            .push(match fixed_bytes(wire, quote!(self.#fname)) {
                Some((len, bytes)) => Write::Fixed {
                    len,
                    bytes,
                    alone: encode_stmt(wire, quote!(self.#fname)),
                },
                None => Write::Other(encode_stmt(wire, quote!(self.#fname))),
            });
    }

    /// A field written when its flag is set (when it is `Some`).
    fn optional(&mut self, wire: &Wire, fname: &Ident) {
        if let Some(len) = fixed_len(wire) {
            let len = Literal::usize_unsuffixed(len);
            self.len_terms
                .push(quote!(if self.#fname.is_some() { #len } else { 0 }));
        } else {
            // A `match`, not `map_or` with a closure: each closure is one
            // more body for rustc to check, about a thousand in the full API.
            let len = moved(len_expr(wire, quote!(value)));
            self.len_terms
                .push(quote!(match &self.#fname { Some(value) => #len, None => 0 }));
        }
        let encode = moved(encode_stmt(wire, quote!(value)));
        self.writes.push(Write::Other(if fixed_len(wire).is_some() {
            // Copied out: every fixed-size type is `Copy`, and the in-place
            // writes of `encode_stmt` take the value, not a reference.
            quote!(if let Some(value) = self.#fname { #encode })
        } else {
            quote!(if let Some(value) = &self.#fname { #encode })
        }));
    }

    /// `encode_bare_after`, for a constructor made only of fixed-size values: it writes
    /// its boxed form (its ID, then the values) with one append too. Empty otherwise.
    fn encode_bare_after(&self, inline: &TokenStream) -> TokenStream {
        let all_fixed =
            !self.writes.is_empty() && self.writes.iter().all(|w| matches!(w, Write::Fixed { .. }));
        if !all_fixed {
            return quote!();
        }
        let prefix = std::iter::once((4, quote!(prefix)));
        let values = self.writes.iter().filter_map(|w| match w {
            Write::Fixed { len, bytes, .. } => Some((*len, bytes.clone())),
            Write::Other(_) => None,
        });
        let fill = moved(fixed_run(prefix.chain(values)));
        let (checks, flag_values) = (&self.checks, &self.flag_values);
        quote! {
            #inline
            fn encode_bare_after(&self, prefix: [u8; 4], out: &mut Vec<u8>) -> Result<(), ::tl_runtime::EncodeError> {
                #(#checks)*
                #(#flag_values)*
                #fill
                Ok(())
            }
        }
    }
}

/// The checks that fields sharing a flag bit agree (all present or all absent), one per
/// group, before anything is written.
fn shared_flag_checks(s: &Struct) -> Vec<TokenStream> {
    let tl_name = s.def.full_name();
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
    let mut checks = Vec::new();
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
    checks
}

/// The parts of a struct's `decode_bare`: a struct literal evaluates its fields in the
/// order written, which is the wire order; flag words are read into locals first where
/// they appear, and fields before a flags word into locals too, so the order stays the
/// wire order.
#[derive(Default)]
struct Decoding {
    /// `let` statements, in wire order.
    stmts: Vec<TokenStream>,
    /// The fields of the struct literal (`name` or `name: local`).
    inits: Vec<TokenStream>,
}

impl Decoding {
    /// Reads a stored field into its local, and initialises the field with it.
    fn field(&mut self, f: &Field, value: TokenStream) {
        let fname = ident(&f.name);
        let local = decode_local(&f.name);
        let value = moved(value);
        self.stmts.push(quote!(let #local = #value;));
        self.inits.push(if local == fname {
            quote!(#fname)
        } else {
            quote!(#fname: #local)
        });
    }
}

/// The terms (`if x.y.is_some() { 1 << 2 } else { 0 }`) of the bits of the flags word
/// `holder` that the fields of `s` use, as `receiver` (`self`, `value`) holds them.
pub(super) fn derived_bits(s: &Struct, holder: &str, receiver: &TokenStream) -> Vec<TokenStream> {
    s.fields
        .iter()
        .filter_map(|g| {
            let gname = ident(&g.name);
            let (flag, present) = match &g.kind {
                FieldKind::Optional { flag, .. } => (flag, quote!(#receiver.#gname.is_some())),
                FieldKind::FlagTrue { flag } => (flag, quote!(#receiver.#gname)),
                _ => return None,
            };
            if flag.holder != holder {
                return None;
            }
            let bit = Literal::u32_unsuffixed(flag.bit);
            let present = moved(present);
            Some(quote!(if #present { 1 << #bit } else { 0 }))
        })
        .collect()
}

impl Emitter<'_> {
    /// The value of type `wire` read from `reader`, by the item at `from`.
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

    /// [`Self::decode_expr`], in a `Box` when the field is boxed.
    fn decode_field_value(&self, from: &ItemPath, wire: &Wire, boxed: bool) -> TokenStream {
        let value = moved(self.decode_expr(from, wire));
        if boxed {
            quote!(Box::new(#value))
        } else {
            quote!(#value)
        }
    }

    /// The value of the required `Object` field at `index`: measured by the length field
    /// before it (`read_len`), read by its ID, or the rest of the input.
    fn decode_object(
        &self,
        s: &Struct,
        index: usize,
        read_len: Option<TokenStream>,
    ) -> TokenStream {
        match read_len {
            Some(read_len) => {
                let value = propagate(quote!(::tl_runtime::Object::decode_with_len(reader, len)));
                quote!({ #read_len #value })
            }
            None if object_read_by_id(&s.fields, index) => self.decode_expr(&s.path, &Wire::Object),
            None => propagate(quote!(::tl_runtime::Object::decode_rest(reader))),
        }
    }

    /// How the fields of `s` are read, in wire order.
    fn decoding(&self, s: &Struct) -> Decoding {
        let mut decoding = Decoding::default();
        let mut pending_len = None;
        for (index, f) in s.fields.iter().enumerate() {
            let value = match &f.kind {
                // Read into its local, which the conditional fields test; the field keeps
                // the bits that they do not use.
                FieldKind::Flags { used } => {
                    let word = flag_local(&f.tl_name);
                    let value = propagate(quote!(reader.read_u32()));
                    decoding.stmts.push(quote!(let #word = #value;));
                    if *used == 0 {
                        quote!(#word)
                    } else {
                        let used = hex(*used);
                        quote!(#word & !#used)
                    }
                }
                FieldKind::ObjectLength => {
                    let value = propagate(quote!(<i32 as ::tl_runtime::BareDecode>::decode_bare(
                        reader
                    )));
                    pending_len = Some(quote!(let len = #value;));
                    continue;
                }
                FieldKind::Required {
                    wire: Wire::Object, ..
                } => self.decode_object(s, index, pending_len.take()),
                FieldKind::Required { wire, boxed } => {
                    self.decode_field_value(&s.path, wire, *boxed)
                }
                FieldKind::Optional { wire, boxed, flag } => {
                    let test = flag_test(flag);
                    let value = moved(self.decode_field_value(&s.path, wire, *boxed));
                    quote!(if #test { Some(#value) } else { None })
                }
                FieldKind::FlagTrue { flag } => flag_test(flag),
            };
            decoding.field(f, value);
        }
        decoding
    }

    /// A struct's `Identifiable`, `BareEncode`, `BareDecode` and `Constructor` impls, and
    /// a function's `RemoteCall`.
    pub(super) fn struct_codecs(&self, index: usize, generics: &Generics) -> TokenStream {
        let inline = self.inline();
        let s = &self.model.structs[index];
        let name = ident(&s.path.name);
        let tl_name = s.def.full_name();
        let id = hex(s.def.id());
        let Generics {
            decl: decl_generics,
            uses: use_generics,
            ..
        } = generics;

        let encoding = Encoding::of(s);
        let encode_after_prefix = moved(encoding.encode_bare_after(&inline));
        let bare_len = moved(if encoding.len_terms.is_empty() {
            quote!(0)
        } else {
            let len_terms = all_moved(encoding.len_terms);
            quote!(#(#len_terms)+*)
        });
        let out_name = if encoding.writes.is_empty() {
            quote!(_out)
        } else {
            quote!(out)
        };
        let (checks, flag_values) = (all_moved(encoding.checks), all_moved(encoding.flag_values));
        let encode_stmts = all_moved(coalesce(encoding.writes));

        let decoding = self.decoding(s);
        let field_inits = all_moved(decoding.inits);
        let construct = moved(quote!(Self { #(#field_inits),* }));
        let decode_stmts = all_moved(decoding.stmts);
        let reader_name = if s.fields.is_empty() {
            quote!(_reader)
        } else {
            quote!(reader)
        };

        let encode_bound = generics.bound(quote!(::tl_runtime::BoxedEncode));
        let decode_bound = generics.bound(quote!(::tl_runtime::BoxedDecode));
        let min_len = Literal::usize_unsuffixed(s.min_len);
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
            impls.extend(self.remote_call(s, generics));
        }
        impls
    }

    /// A function's `RemoteCall`: the type of its answer.
    fn remote_call(&self, s: &Struct, generics: &Generics) -> TokenStream {
        let name = ident(&s.path.name);
        let use_generics = &generics.uses;
        let answer = s.answer.as_ref().expect("functions have answers");
        let answer_ty = match answer {
            Wire::Generic(g) => {
                let g = ident(g);
                quote!(#g::Answer)
            }
            other => self.rust_type(&s.path, other),
        };
        let call_bound = generics.bound(quote!(::tl_runtime::RemoteCall));
        quote! {
            impl #call_bound ::tl_runtime::RemoteCall for #name #use_generics {
                type Answer = #answer_ty;
            }
        }
    }

    /// An enum's `constructor_id`, `BoxedEncode` and `BoxedDecode`.
    pub(super) fn enum_codecs(&self, index: usize, variants: &[EnumVariant<'_>]) -> TokenStream {
        let inline = self.inline();
        let e = &self.model.enums[index];
        let name = ident(&e.path.name);
        let tl_name = &e.tl_name;
        let mut len_arms = Vec::new();
        let mut encode_arms = Vec::new();
        let mut decode_arms = Vec::new();
        let mut id_arms = Vec::new();
        for v in variants {
            let arms = variant_arms(v);
            len_arms.push(arms.len);
            encode_arms.push(arms.encode);
            decode_arms.push(arms.decode);
            id_arms.push(arms.id);
        }
        let (len_arms, encode_arms) = (all_moved(len_arms), all_moved(encode_arms));
        let (decode_arms, id_arms) = (all_moved(decode_arms), all_moved(id_arms));
        quote! {
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
        }
    }
}

/// A variant's arms in the enum's codecs.
struct VariantArms {
    /// In `boxed_len`.
    len: TokenStream,
    /// In `encode_boxed`.
    encode: TokenStream,
    /// In `decode_boxed`, by constructor ID.
    decode: TokenStream,
    /// In `constructor_id`.
    id: TokenStream,
}

/// The arms of variant `v` in the enum's codecs.
fn variant_arms(v: &EnumVariant<'_>) -> VariantArms {
    let (vname, id, path) = (&v.name, &v.id, &v.path);
    if v.unit {
        return VariantArms {
            len: quote!(Self::#vname => 4,),
            encode: quote!(Self::#vname => { out.extend_from_slice(&u32::to_le_bytes(#id)); Ok(()) }),
            decode: quote!(#id => Self::#vname,),
            id: quote!(Self::#vname => #id,),
        };
    }
    let decode = moved(propagate(
        quote!(<#path as ::tl_runtime::BareDecode>::decode_bare(reader)),
    ));
    let decode = moved(if v.variant.boxed {
        quote!(Box::new(#decode))
    } else {
        quote!(#decode)
    });
    VariantArms {
        len: quote!(Self::#vname(value) => value.boxed_len(),),
        encode: quote!(Self::#vname(value) => value.encode_boxed(out),),
        decode: quote!(#id => Self::#vname(#decode),),
        id: quote!(Self::#vname(_) => #id,),
    }
}

/// An enum's `VectorElement`: elements of a vector are boxed.
pub(super) fn vector_element(name: &Ident) -> TokenStream {
    quote! {
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

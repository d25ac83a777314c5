//! Token helpers every part of the emitter uses: streams moved into `quote!` rather than
//! copied, and constructor IDs as hex literals.

use std::cell::Cell;

use proc_macro2::{Literal, TokenStream};
use quote::ToTokens;

/// A token stream that `quote!` moves into its output rather than copies.
///
/// `quote!` interpolates `#tokens` by reference: it clones the stream, which shares the
/// tokens, and appending a shared stream copies every token of it (each identifier and
/// literal a new string). Items are built in several nested layers (expressions,
/// statements, impls, the item), so most tokens were copied several times, a fifth of
/// the generator's time with `format(false)`. A `Moved` hands its stream over once;
/// interpolating it a second time is a bug and panics.
pub(super) struct Moved(Cell<Option<TokenStream>>);

/// Wraps `tokens` to be moved into the one `quote!` that interpolates it.
pub(super) fn moved(tokens: TokenStream) -> Moved {
    Moved(Cell::new(Some(tokens)))
}

/// [`moved`] for each stream of a repetition (`#(#streams)*`).
pub(super) fn all_moved(streams: Vec<TokenStream>) -> Vec<Moved> {
    streams.into_iter().map(moved).collect()
}

impl ToTokens for Moved {
    fn to_tokens(&self, out: &mut TokenStream) {
        let tokens = self
            .0
            .take()
            .expect("a moved token stream is interpolated once");
        out.extend(std::iter::once(tokens));
    }
}

/// A constructor ID as a hex literal (`0x3072cfa1`).
pub(super) fn hex(id: u32) -> Literal {
    format!("{id:#010x}").parse().expect("a hex literal")
}

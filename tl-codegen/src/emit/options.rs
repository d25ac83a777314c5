//! The generator's options for emission ([`EmitOptions`], `Config`'s switches).

/// What to emit besides the core items.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// `#[derive(Clone, Debug, PartialEq)]` on every struct and enum. Without them the
    /// bindings compile faster; `registry` and `arbitrary` need them.
    pub default_derives: bool,
    /// `From<Struct> for Enum` and `TryFrom<Enum> for Struct` for every constructor:
    /// about 3,200 impls for the whole Telegram API.
    pub conversions: bool,
    /// `#[inline]` on the encoders, decoders and conversions: compiled in the crates that
    /// use them, for what they use, rather than all of them in the bindings crate.
    pub inline_codecs: bool,
    /// Extra `#[derive(...)]` paths on every struct and enum.
    pub extra_derives: Vec<String>,
    /// Extra attributes (`#[...]` text) on every struct and enum.
    pub extra_attributes: Vec<String>,
    /// Emit TL-JSON serde impls.
    pub serde: bool,
    /// Emit `registry` (lookup of any constructor or function by name or ID) and
    /// `functions::AnyFunction`; needs `serde`.
    pub registry: bool,
    /// Descriptions (from `//@` comments and documentation files), parameter and error
    /// tables and links to Telegram's site in doc comments. Without, items are documented
    /// by their TL line and links to related items only.
    pub doc_comments: bool,
    /// With a documentation file that knows errors: the `errors` module (`ErrorName`) and
    /// `tl_runtime::function_info::FunctionInfo` for every function.
    pub typed_errors: bool,
    /// `tl_runtime::arbitrary::Generate` for every struct and enum (arbitrary valid
    /// values, for property tests and fuzzing), and with `registry`,
    /// `registry::each_constructor`.
    pub arbitrary: bool,
    /// `string` and `bytes` as `tl_runtime::shared::{ByteString, Bytes}`, which decode
    /// as slices of a shared input buffer, instead of `String` and `Vec<u8>`.
    pub shared_buffers: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            default_derives: true,
            conversions: true,
            inline_codecs: true,
            extra_derives: Vec::new(),
            extra_attributes: Vec::new(),
            serde: false,
            registry: false,
            doc_comments: true,
            typed_errors: true,
            arbitrary: false,
            shared_buffers: false,
        }
    }
}

//! Naming: TL names to Rust identifiers.
//!
//! TL names are camelCase constructors (`inputPeerUser`), snake_case parameters
//! (`access_hash`), and occasionally odd spellings (`p_q_inner_data`, `A`, `M1`,
//! `server_DH_params_ok`). Rust keywords occur as parameter names (`type`, `self`,
//! `static`, `loop`, `final`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const UNRAWABLE_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The Rust field name for a TL parameter name, as source text (`r#type`, `self_`).
pub fn field_name(tl_name: &str) -> String {
    let snake = tl_name.to_snake_case();
    escape(snake)
}

/// Names the generated modules import from the runtime's prelude; a generated type of
/// the same name would shadow them, so it gets a trailing underscore.
const PRELUDE_NAMES: &[&str] = &[
    "Vec", "String", "Box", "Option", "Result", "Some", "None", "Ok", "Err",
];

/// The Rust type name (UpperCamelCase) for a TL constructor or type name.
pub fn type_name(tl_name: &str) -> String {
    let camel = tl_name.to_upper_camel_case();
    if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{camel}")
    } else if PRELUDE_NAMES.contains(&camel.as_str()) {
        format!("{camel}_")
    } else {
        escape(camel)
    }
}

/// The Rust module name for a TL namespace (`messages`, `liteServer` → `lite_server`).
pub fn module_name(tl_namespace: &str) -> String {
    escape(tl_namespace.to_snake_case())
}

fn escape(name: String) -> String {
    if UNRAWABLE_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An [`Ident`] from the text [`field_name`], [`type_name`] or [`module_name`] produced.
pub fn ident(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

/// The name without a raw prefix, for messages and doc text.
pub fn plain(text: &str) -> &str {
    text.strip_prefix("r#").unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let cases = [
            ("access_hash", "access_hash"),
            ("type", "r#type"),
            ("self", "self_"),
            ("static", "r#static"),
            ("loop", "r#loop"),
            ("final", "r#final"),
            ("from", "from"),
            ("bytes", "bytes"),
            ("A", "a"),
            ("M1", "m1"),
            ("g_a", "g_a"),
            ("new_nonce_hash1", "new_nonce_hash1"),
            ("dh_prime", "dh_prime"),
            ("crate", "crate_"),
            ("Self", "self_"),
            ("super", "super_"),
        ];
        for (tl, rust) in cases {
            assert_eq!(field_name(tl), rust, "{tl}");
            let _ = ident(&field_name(tl));
        }
    }

    #[test]
    fn type_names() {
        let cases = [
            ("inputPeerUser", "InputPeerUser"),
            ("p_q_inner_data", "PQInnerData"),
            ("P_Q_inner_data", "PQInnerData"),
            ("server_DH_params_ok", "ServerDhParamsOk"),
            ("Server_DH_Params", "ServerDhParams"),
            ("resPQ", "ResPq"),
            ("true", "True"),
            ("self", "Self_"),
            ("JSONValue", "JsonValue"),
            ("inputMediaGeoPoint", "InputMediaGeoPoint"),
            ("string", "String_"),
            ("vec", "Vec_"),
        ];
        for (tl, rust) in cases {
            assert_eq!(type_name(tl), rust, "{tl}");
            let _ = ident(&type_name(tl));
        }
    }

    #[test]
    fn module_names() {
        assert_eq!(module_name("messages"), "messages");
        assert_eq!(module_name("liteServer"), "lite_server");
        assert_eq!(module_name("type"), "r#type");
        assert_eq!(module_name("super"), "super_");
    }
}

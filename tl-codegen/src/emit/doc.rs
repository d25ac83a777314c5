//! Doc comments in the generated code: text as `#[doc = r"..."]` attributes (which both
//! printers write as `///` lines), and the generator's own documentation of the modules
//! it opens. What the schema's items say comes from [`crate::docs::DocWriter`].

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ident;
use crate::model::Tree;

/// `/// line` attributes, one per line, so the formatted output reads as doc comments.
pub(super) fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            doc_literal("")
        } else {
            doc_literal(&format!(" {line}"))
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// A doc line as a raw string literal (`r"..."`, `r#"..."#`: what rustc makes of a `///`
/// comment), which both printers take back as it is. `Literal::string` escapes the text
/// character by character, and the printers unescape it again: that was about 7% of the
/// time to generate the whole API with the plain layout. Text with control characters
/// (which a raw string may not hold as they are) keeps the escaped form.
fn doc_literal(line: &str) -> Literal {
    if line.chars().any(char::is_control) {
        return Literal::string(line);
    }
    // One `#` more than the longest run of them after a `"` in the text.
    let hashes = line
        .split('"')
        .skip(1)
        .map(|after_quote| after_quote.len() - after_quote.trim_start_matches('#').len() + 1)
        .max()
        .unwrap_or(0);
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{line}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(line))
}

/// The doc comment of a tree's top module (`types`, `enums`, `functions`).
pub(super) fn tree_doc(tree: Tree) -> TokenStream {
    doc_attrs(match tree {
        Tree::Types => "Constructors of the schema's types, as structs (bare on the wire).",
        Tree::Enums => {
            "The schema's abstract types, as enums over their constructors (boxed on the wire)."
        }
        Tree::Functions => {
            "The schema's functions, as structs whose `RemoteCall::Answer` is the answer's type."
        }
    })
}

/// The doc comment of a namespace's module: "The `messages` namespace."
pub(super) fn namespace_doc(namespace: &str) -> TokenStream {
    doc_attrs(&format!("The `{}` namespace.", ident::plain(namespace)))
}

#[cfg(test)]
mod tests {
    use super::doc_literal;

    #[test]
    fn doc_lines_are_raw_literals_with_a_long_enough_fence() {
        assert_eq!(doc_literal("").to_string(), r#"r"""#);
        assert_eq!(doc_literal(" plain").to_string(), r#"r" plain""#);
        assert_eq!(doc_literal(r#" "x""#).to_string(), r##"r#" "x""#"##);
        assert_eq!(
            doc_literal(r###" "#a" and "##b""###).to_string(),
            r####"r###" "#a" and "##b""###"####
        );
        // A raw string may not hold a bare carriage return; control characters are escaped.
        assert_eq!(doc_literal(" a\tb\r").to_string(), r#"" a\tb\r""#);
    }
}

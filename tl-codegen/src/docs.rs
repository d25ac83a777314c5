//! Doc comments of generated items: descriptions from the schema's `//@` comments or from
//! documentation files, a function's parameters, result, errors and callers, the TL
//! definition line, links between generated items and to Telegram's site.
//!
//! An item with no documentation from any source (and no documentation file for its
//! schema) gets the short form: a sentence naming its TL definition, links to related
//! items, and the TL line. So does every item when descriptions are turned off
//! (`Config::doc_comments(false)`).

use std::fmt::Write;

use tl_parser::ast::Parameter;

use crate::doc_files::{Availability, PageKind};
use crate::item_docs::UnitDocs;
use crate::known_errors::KnownError;
use crate::markup::{self, urls::SITE, Format, Layout, Links};
use crate::model::{Enum, Field, FieldKind, Model, Struct, Wire};
use crate::rust_view::{type_text, Naming};

/// Where Telegram documents its errors: the page error descriptions are relative to.
const ERRORS_PAGE: &str = "https://core.telegram.org/api/errors";

/// The URL of a definition's page on Telegram's site.
pub fn page_url(kind: PageKind, name: &str) -> String {
    format!("{SITE}/{}/{name}", kind.path())
}

/// A description and how it is written.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// A `//@` comment.
    Plain(&'a str),
    /// From a documentation file.
    Html(&'a str),
}

/// Writes the doc comments of one schema set's items.
pub struct DocWriter<'a> {
    pub model: &'a Model,
    pub unit: &'a UnitDocs,
    /// Descriptions, tables and site links (`Config::doc_comments`).
    pub descriptions: bool,
}

impl DocWriter<'_> {
    fn markdown(&self, source: Source<'_>, layout: Layout, page: &str) -> String {
        let reference = |name: &str| {
            let (kind, tl_name) = self.unit.documentation.reference(name)?;
            Some((tl_name.to_owned(), page_url(kind, tl_name)))
        };
        let links = Links {
            page,
            reference: &reference,
        };
        match source {
            Source::Plain(text) => markup::markdown(text, Format::Plain, layout, &links),
            Source::Html(text) => markup::markdown(text, Format::Html, layout, &links),
        }
    }

    /// Plain text of a documentation file's description (for string data).
    pub fn plain(&self, html: &str, page: &str) -> String {
        let reference = |name: &str| {
            let (kind, tl_name) = self.unit.documentation.reference(name)?;
            Some((tl_name.to_owned(), page_url(kind, tl_name)))
        };
        let links = Links {
            page,
            reference: &reference,
        };
        markup::plain(html, Format::Html, &links)
    }

    fn struct_description(&self, index: usize) -> Option<Source<'_>> {
        let s = &self.model.structs[index];
        match &s.def.docs.description {
            Some(text) => Some(Source::Plain(text)),
            None => self.unit.structs[index]
                .description
                .as_deref()
                .map(Source::Html),
        }
    }

    fn param_description(&self, index: usize, name: &str) -> Option<Source<'_>> {
        let s = &self.model.structs[index];
        let tdlib = s
            .def
            .params
            .iter()
            .find(|p| p.name.as_deref() == Some(name))
            .and_then(|p| p.doc.as_deref());
        match tdlib {
            Some(text) => Some(Source::Plain(text)),
            None => self.unit.structs[index]
                .params
                .get(name)
                .map(|d| Source::Html(d)),
        }
    }

    /// Whether the struct gets the full form: descriptions are on, and it has documentation
    /// (or a page on the site).
    fn full_form(&self, index: usize) -> bool {
        let s = &self.model.structs[index];
        self.descriptions
            && (self.unit.has_site()
                || s.def.docs.description.is_some()
                || s.def.params.iter().any(|p| p.doc.is_some()))
    }

    fn page(&self, s: &Struct) -> String {
        let kind = if s.is_function() {
            PageKind::Function
        } else {
            PageKind::Constructor
        };
        page_url(kind, &s.def.full_name())
    }

    /// Doc of a constructor's or function's struct.
    pub fn structure(&self, index: usize) -> String {
        let s = &self.model.structs[index];
        if !self.full_form(index) {
            return short_structure(self.model, s);
        }
        let page = self.page(s);
        let mut out = match self.struct_description(index) {
            Some(description) => self.markdown(description, Layout::Block, &page),
            None => String::new(),
        };
        if out.is_empty() {
            out = default_sentence(s);
        }
        if s.is_function() {
            self.parameters(&mut out, index, &page);
            if let Some(answer) = &s.answer {
                let _ = write!(
                    out,
                    "\n\n# Result\n\n{} (TL type `{}`).",
                    answer_link(self.model, s.path.depth(), answer),
                    s.def.result
                );
            }
            self.errors(&mut out, index, &page);
            if let Some(availability) = self.unit.structs[index].availability {
                out.push_str("\n\n");
                out.push_str(match availability {
                    Availability::UsersAndBots => "Bots can use this method.",
                    Availability::Users => "Only users can use this method: bots cannot.",
                    Availability::Bots => "Only bots can use this method.",
                });
            }
        } else if let Some(parent) = s.parent {
            let _ = write!(
                out,
                "\n\nA constructor of {}.",
                link(self.model, s.path.depth(), &Wire::Enum(parent))
            );
        }
        tl_block(&mut out, &definition_line(&s.def));
        if self.unit.has_site() {
            let _ = write!(out, "\n\nOn Telegram's site: <{page}>");
        }
        out
    }

    /// The parameter table of a function.
    fn parameters(&self, out: &mut String, index: usize, page: &str) {
        let s = &self.model.structs[index];
        let named: Vec<(&str, &Parameter)> = s
            .def
            .params
            .iter()
            .filter_map(|p| Some((p.name.as_deref()?, p)))
            .collect();
        if named.is_empty() {
            return;
        }
        out.push_str("\n\n# Parameters\n\n| Name | TL type | Description |\n|---|---|---|");
        for (name, param) in named {
            let written = param.to_string();
            let ty = written
                .strip_prefix(name)
                .and_then(|t| t.strip_prefix(':'))
                .unwrap_or(&written);
            let description = self
                .param_description(index, name)
                .map(|d| self.markdown(d, Layout::TableCell, page))
                .unwrap_or_default();
            let _ = write!(out, "\n| `{name}` | `{ty}` | {description} |");
        }
    }

    /// The errors table of a function.
    fn errors(&self, out: &mut String, index: usize, page: &str) {
        let errors = &self.unit.structs[index].errors;
        if errors.is_empty() {
            return;
        }
        out.push_str("\n\n# Possible errors\n\n| Code | Name | Description |\n|---|---|---|");
        for error in errors {
            let description = error
                .description
                .as_deref()
                .map(|d| self.markdown(Source::Html(d), Layout::TableCell, page))
                .unwrap_or_default();
            let _ = write!(
                out,
                "\n| {} | `{}` | {description} |",
                error.code, error.spelling
            );
        }
    }

    /// Doc of a struct field: its description and its TL declaration.
    pub fn field(&self, index: usize, f: &Field) -> String {
        let mut out = String::new();
        if self.descriptions {
            if let Some(description) = self.param_description(index, &f.tl_name) {
                let page = self.page(&self.model.structs[index]);
                out = self.markdown(description, Layout::Block, &page);
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
            }
        }
        let note = match &f.kind {
            FieldKind::FlagTrue { flag } => format!(
                " (bit {} of `{}`: `true` sets the bit)",
                flag.bit, flag.holder
            ),
            FieldKind::Optional { flag, .. } => format!(
                " (present when bit {} of `{}` is set)",
                flag.bit, flag.holder
            ),
            FieldKind::Flags { used: 0 } => " (a `#`: an unsigned 32-bit number)".to_owned(),
            FieldKind::Flags { used } if used.count_ones() == 1 => format!(
                " (a `#`: the bits that no field uses, 0 in practice; bit {} is derived from \
                 the field that uses it, and ignored here)",
                bit_list(*used)
            ),
            FieldKind::Flags { used } => format!(
                " (a `#`: the bits that no field uses, 0 in practice; bits {} are derived \
                 from the fields that use them, and ignored here)",
                bit_list(*used)
            ),
            _ => String::new(),
        };
        let _ = write!(out, "TL parameter `{}`{note}.", f.tl_name);
        out
    }

    /// Doc of an abstract type's enum.
    pub fn enumeration(&self, index: usize) -> String {
        let e = &self.model.enums[index];
        let page = page_url(PageKind::Type, &e.tl_name);
        let description = match (&e.doc, &self.unit.enums.get(index)) {
            (Some(doc), _) => Some(Source::Plain(doc)),
            (None, Some(Some(html))) => Some(Source::Html(html)),
            _ => None,
        };
        let mut out = match description.filter(|_| self.descriptions) {
            Some(description) => self.markdown(description, Layout::Block, &page),
            None => String::new(),
        };
        if out.is_empty() {
            out = format!("The abstract type `{}`.", e.tl_name);
        }
        out.push_str("\n\nConstructors:");
        for v in &e.variants {
            let s = &self.model.structs[v.structure];
            let _ = write!(out, "\n- `{}#{:08x}`", s.def.full_name(), s.def.id());
        }
        if self.descriptions && self.unit.has_site() && !is_any_function(e) {
            let _ = write!(out, "\n\nOn Telegram's site: <{page}>");
        }
        out
    }

    /// Doc of an enum variant: its constructor's description and TL line.
    pub fn variant(&self, index: usize) -> String {
        let s = &self.model.structs[index];
        let mut out = match self.struct_description(index).filter(|_| self.descriptions) {
            Some(description) => self.markdown(description, Layout::Block, &self.page(s)),
            None => String::new(),
        };
        if out.is_empty() {
            out = format!("The constructor `{}`.", s.def.full_name());
        }
        tl_block(&mut out, &definition_line(&s.def));
        out
    }

    /// Doc of an `errors::ErrorName` variant: each spelling with its code and description.
    pub fn known_error(&self, error: &KnownError) -> String {
        let mut out = String::new();
        for (i, (spelling, description)) in error.spellings.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "`{spelling}` ({})", error.code);
            } else {
                let _ = write!(out, "\n\nAlso documented as `{spelling}`");
            }
            let description = description
                .as_deref()
                .filter(|_| self.descriptions)
                .map(|d| self.markdown(Source::Html(d), Layout::Block, ERRORS_PAGE))
                .filter(|d| !d.is_empty());
            match description {
                Some(description) => {
                    let _ = write!(out, ": {description}");
                }
                None => out.push('.'),
            }
        }
        out
    }

    /// Plain-text description of a known error, for `KnownError::description`.
    pub fn known_error_description(&self, error: &KnownError) -> String {
        error
            .description()
            .map(|d| self.plain(d, ERRORS_PAGE))
            .unwrap_or_default()
    }
}

fn is_any_function(e: &Enum) -> bool {
    e.tl_name == "function" && e.path.name == "AnyFunction"
}

fn default_sentence(s: &Struct) -> String {
    if s.is_function() {
        format!("The function `{}`.", s.def.full_name())
    } else {
        format!("The constructor `{}`.", s.def.full_name())
    }
}

/// The short form of a struct's doc (no documentation, or descriptions off).
fn short_structure(model: &Model, s: &Struct) -> String {
    let mut out = default_sentence(s);
    if let Some(answer) = &s.answer {
        let _ = write!(
            out,
            "\n\nAnswered by {}.",
            link(model, s.path.depth(), answer)
        );
    }
    if let Some(parent) = s.parent {
        let _ = write!(
            out,
            "\n\nA constructor of {}.",
            link(model, s.path.depth(), &Wire::Enum(parent))
        );
    }
    tl_block(&mut out, &definition_line(&s.def));
    out
}

/// The TL line in a text code block.
fn tl_block(out: &mut String, line: &str) {
    let _ = write!(out, "\n\n```text\n{line}\n```");
}

/// A rustdoc link to a generated item from anywhere in the file, by its absolute path
/// within the generated tree (`crate`-independent: `super::` from `depth`).
fn link(model: &Model, from_depth: usize, wire: &Wire) -> String {
    let Some(path) = model.path_of(wire) else {
        return format!("`{}`", type_text(model, wire, Naming::Short));
    };
    let supers = "super::".repeat(from_depth);
    let mut target = format!("{supers}{}", path.tree.module());
    for m in &path.modules {
        target.push_str("::");
        target.push_str(crate::ident::plain(m));
    }
    target.push_str("::");
    target.push_str(crate::ident::plain(&path.name));
    format!("[`{}`]({target})", crate::ident::plain(&path.name))
}

/// A function's answer type, with links to the generated types in it: `Vec<User>` is
/// `` `Vec<`[`User`](...)`>` ``.
fn answer_link(model: &Model, from_depth: usize, wire: &Wire) -> String {
    match wire {
        Wire::Vector { element, .. } => {
            format!("`Vec<`{}`>`", answer_link(model, from_depth, element))
        }
        Wire::Generic(g) => format!("The answer of the wrapped call, `{g}::Answer`"),
        other => link(model, from_depth, other),
    }
}

/// The definition as the schema writes it, with its constructor ID always shown (computed
/// when the schema leaves it out).
fn definition_line(def: &tl_parser::Definition) -> String {
    let line = def.to_string();
    if def.explicit_id.is_some() {
        return line;
    }
    let name = def.full_name();
    let rest = line.strip_prefix(name.as_str()).unwrap_or(&line);
    format!("{name}#{:08x}{rest}", def.id())
}

/// `0, 2 and 5`: the bits set in `mask`.
fn bit_list(mask: u32) -> String {
    let bits: Vec<String> = (0..32)
        .filter(|bit| mask & (1 << bit) != 0)
        .map(|bit| bit.to_string())
        .collect();
    match bits.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => bits.concat(),
    }
}

//! Documentation files beside a schema, for schemas that carry no `//@` comments
//! (Telegram's `api.tl`).
//!
//! Two formats, both from the npm package `@mtcute/tl`, recognised by their content:
//! - `api-schema.json`: `{"l": layer, "e": [entry...], "u": {type: description}}`, an
//!   entry per constructor (`"kind": "class"`) and function (`"kind": "method"`) with
//!   its description, its parameters' descriptions, the errors it `throws` (code, name,
//!   description) and who may call it (`available`);
//! - `raw-errors.json`: `{"errors": {name: {code, name, description}}, "throws": {method:
//!   [name...]}, "userOnly": {method: 1}, "botOnly": {method: 1}, "base": ...}`, every
//!   known error and Telegram's own lists of the methods only users or only bots may call.
//!
//! Descriptions are kept as the files write them (HTML, some Markdown); `markup` renders
//! them.

mod api_schema;
mod json;
mod raw_errors;

use std::collections::{BTreeMap, HashMap, HashSet};

/// Who may call a function, as the documentation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Users,
    Bots,
    UsersAndBots,
}

/// The documentation of one constructor or function.
#[derive(Clone, Debug, Default)]
pub struct DefinitionDoc {
    /// The constructor ID the documentation was written for.
    pub id: Option<u32>,
    pub description: Option<String>,
    /// Parameter name → description.
    pub params: HashMap<String, String>,
    /// The errors listed for a function, in the documentation's order.
    pub throws: Vec<ThrownError>,
    /// `available` of `api-schema.json`.
    pub available: Option<Availability>,
}

/// An error as a function's documentation lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThrownError {
    pub code: i32,
    /// As written: `CHAT_ADMIN_REQUIRED`, `FLOOD_WAIT_%d`.
    pub name: String,
    pub description: String,
}

/// An error of the error catalogue (`raw-errors.json`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDoc {
    pub code: i32,
    pub description: Option<String>,
}

/// What a constructor's or function's name refers to on Telegram's site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    Constructor,
    Function,
    Type,
}

impl PageKind {
    /// The path segment of its pages: `https://core.telegram.org/method/<name>`.
    pub fn path(self) -> &'static str {
        match self {
            PageKind::Constructor => "constructor",
            PageKind::Function => "method",
            PageKind::Type => "type",
        }
    }
}

/// Everything the documentation files of one schema set say.
#[derive(Clone, Debug, Default)]
pub struct Documentation {
    /// The files read, for reports.
    pub files: Vec<String>,
    /// The layer `api-schema.json` documents.
    pub layer: Option<u32>,
    pub constructors: HashMap<String, DefinitionDoc>,
    pub functions: HashMap<String, DefinitionDoc>,
    /// Abstract type → description.
    pub types: HashMap<String, String>,
    /// The error catalogue: name as written (`FLOOD_WAIT_%d`) → code and description.
    pub errors: BTreeMap<String, ErrorDoc>,
    /// Function → error names, from the catalogue (no codes or descriptions of their own).
    pub error_lists: HashMap<String, Vec<String>>,
    /// Telegram's lists of the functions only users / only bots may call; `None` when no
    /// file had them.
    pub users_only: Option<HashSet<String>>,
    pub bots_only: Option<HashSet<String>>,
    /// mtcute's TypeScript names (`{@link contacts.RawImportContactsRequest}` in
    /// descriptions) → the TL name they stand for.
    references: HashMap<String, (PageKind, String)>,
}

impl Documentation {
    /// Reads one file's text (`name` is for messages) and merges it in. The format is
    /// recognised by its top-level keys.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let root = json::At::root(&value);
        root.object()
            .map_err(|_| "expected a JSON object at the top level".to_owned())?;
        if root.has("e") {
            api_schema::read(root, self)?;
        } else if root.has("errors") {
            raw_errors::read(root, self)?;
        } else {
            return Err("neither an mtcute `api-schema.json` (no key `e`) nor a \
                        `raw-errors.json` (no key `errors`)"
                .to_owned());
        }
        self.files.push(name.to_owned());
        Ok(())
    }

    /// Whether anything was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn definition(&self, kind: PageKind, name: &str) -> Option<&DefinitionDoc> {
        match kind {
            PageKind::Constructor => self.constructors.get(name),
            PageKind::Function => self.functions.get(name),
            PageKind::Type => None,
        }
    }

    /// Who may call `function`. Telegram's own lists (`raw-errors.json`) win over
    /// `available` (`api-schema.json`), which mtcute scrapes from the site and which says
    /// `user` for every method in 223.0.0. The lists only say something about functions the
    /// files know: for a newer one the answer is `None`.
    pub fn availability(&self, function: &str) -> Option<Availability> {
        let documented = self.functions.get(function);
        if let (Some(users_only), Some(bots_only)) = (&self.users_only, &self.bots_only) {
            let known = documented.is_some()
                || self.error_lists.contains_key(function)
                || users_only.contains(function)
                || bots_only.contains(function);
            if !known {
                return None;
            }
            return Some(
                match (users_only.contains(function), bots_only.contains(function)) {
                    (true, false) => Availability::Users,
                    (false, true) => Availability::Bots,
                    _ => Availability::UsersAndBots,
                },
            );
        }
        documented.and_then(|d| d.available)
    }

    /// The TL name an mtcute `{@link ...}` name stands for.
    pub fn reference(&self, name: &str) -> Option<(PageKind, &str)> {
        self.references
            .get(name)
            .map(|(kind, tl)| (*kind, tl.as_str()))
    }

    fn add_reference(&mut self, kind: PageKind, tl_name: &str) {
        self.references
            .insert(typescript_name(kind, tl_name), (kind, tl_name.to_owned()));
    }
}

/// The name mtcute's TypeScript gives a TL name (what `{@link ...}` in its descriptions
/// writes): `contacts.importContacts` (function) is `contacts.RawImportContactsRequest`,
/// `inputPeerUser` is `RawInputPeerUser`, the type `InputPeer` is `TypeInputPeer`.
fn typescript_name(kind: PageKind, tl_name: &str) -> String {
    let (namespace, name) = match tl_name.rsplit_once('.') {
        Some((namespace, name)) => (Some(namespace), name),
        None => (None, tl_name),
    };
    // camelCase, `snake_case` and `p_q_inner_data` alike: upper-case the first letter and
    // every letter after an underscore, drop the underscores.
    let mut pascal = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
            continue;
        }
        if upper {
            pascal.extend(c.to_uppercase());
        } else {
            pascal.push(c);
        }
        upper = false;
    }
    let name = match kind {
        PageKind::Constructor => format!("Raw{pascal}"),
        PageKind::Function => format!("Raw{pascal}Request"),
        PageKind::Type => format!("Type{pascal}"),
    };
    match namespace {
        Some(namespace) => format!("{namespace}.{name}"),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript_names_follow_mtcute() {
        assert_eq!(
            typescript_name(PageKind::Function, "contacts.importContacts"),
            "contacts.RawImportContactsRequest"
        );
        assert_eq!(
            typescript_name(PageKind::Constructor, "inputPeerUser"),
            "RawInputPeerUser"
        );
        assert_eq!(
            typescript_name(PageKind::Type, "InputPeer"),
            "TypeInputPeer"
        );
        assert_eq!(
            typescript_name(PageKind::Constructor, "p_q_inner_data"),
            "RawPQInnerData"
        );
    }

    #[test]
    fn unknown_formats_are_named() {
        let mut docs = Documentation::default();
        assert_eq!(
            docs.add_file("x.json", "[1]").unwrap_err(),
            "expected a JSON object at the top level"
        );
        assert!(docs
            .add_file("x.json", "{\"a\":1}")
            .unwrap_err()
            .starts_with("neither an mtcute `api-schema.json`"));
        assert!(docs
            .add_file("x.json", "{\"e\":")
            .unwrap_err()
            .starts_with("not valid JSON: "));
        assert!(docs.is_empty());
    }
}

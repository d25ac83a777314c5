//! The RPC errors the documentation knows, by the name the runtime gives a received error.
//!
//! The documentation spells errors with placeholders (`FLOOD_WAIT_%d`,
//! `FILE_REFERENCE_%d_EXPIRED`) and sometimes spells one error two ways
//! (`EMAIL_UNCONFIRMED` and `EMAIL_UNCONFIRMED_%d`). A received error is matched by its
//! name without the number (`tl_runtime::rpc_error::RpcError::name`), so spellings are
//! grouped by the name `tl_runtime::rpc_error::name_of_pattern` gives them: the runtime's
//! own rule, so the generated table and the parser cannot disagree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::doc_files::Documentation;
use crate::ident;

/// One known error: a typed name (an `errors::ErrorName` variant) for every spelling that
/// shares the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownError {
    /// The name a parsed error has: `FLOOD_WAIT`.
    pub name: String,
    /// The Rust variant: `FloodWait`.
    pub variant: String,
    /// The code it comes with (the catalogue's, else the most common in the functions'
    /// lists).
    pub code: i32,
    /// The spellings of the documentation (`FLOOD_WAIT_%d`), the plain name first, each
    /// with its description (HTML) when there is one.
    pub spellings: Vec<(String, Option<String>)>,
}

impl KnownError {
    /// The first description among the spellings.
    pub fn description(&self) -> Option<&str> {
        self.spellings.iter().find_map(|(_, d)| d.as_deref())
    }
}

/// Every known error, sorted by name (the order `errors::ErrorName` is declared in).
#[derive(Clone, Debug, Default)]
pub struct KnownErrors {
    pub errors: Vec<KnownError>,
    by_spelling: HashMap<String, usize>,
}

impl KnownErrors {
    pub fn from_docs(docs: &Documentation) -> KnownErrors {
        // Spelling → (codes seen in functions' lists, first description seen there).
        let mut thrown: BTreeMap<&str, (Vec<i32>, Option<&str>)> = BTreeMap::new();
        let mut functions: Vec<_> = docs.functions.iter().collect();
        functions.sort_by(|a, b| a.0.cmp(b.0)); // first description: deterministic
        for (_, function) in functions {
            for error in &function.throws {
                let entry = thrown.entry(&error.name).or_default();
                entry.0.push(error.code);
                if entry.1.is_none() && !error.description.is_empty() {
                    entry.1 = Some(&error.description);
                }
            }
        }
        let mut spellings: BTreeSet<&str> = docs.errors.keys().map(String::as_str).collect();
        spellings.extend(thrown.keys());
        spellings.extend(docs.error_lists.values().flatten().map(String::as_str));

        let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for spelling in spellings {
            by_name
                .entry(tl_runtime::rpc_error::name_of_pattern(spelling))
                .or_default()
                .push(spelling);
        }

        let mut known = KnownErrors::default();
        let mut variants = BTreeSet::new();
        for (name, mut group) in by_name {
            // The plain name first: it is what the name says without a placeholder.
            group.sort_by_key(|spelling| (*spelling != name, *spelling));
            let catalogued = group.iter().find_map(|s| docs.errors.get(*s));
            let code = match catalogued {
                Some(error) => error.code,
                None => most_common(group.iter().flat_map(|s| {
                    thrown
                        .get(s)
                        .map(|(codes, _)| codes.as_slice())
                        .unwrap_or(&[])
                })),
            };
            let spellings = group
                .iter()
                .map(|spelling| {
                    let description = docs
                        .errors
                        .get(*spelling)
                        .and_then(|e| e.description.clone())
                        .or_else(|| thrown.get(spelling).and_then(|(_, d)| d.map(str::to_owned)));
                    (spelling.to_string(), description)
                })
                .collect();
            let variant = unique_variant(&name, &mut variants);
            let index = known.errors.len();
            for spelling in &group {
                known.by_spelling.insert(spelling.to_string(), index);
            }
            known.errors.push(KnownError {
                name,
                variant,
                code,
                spellings,
            });
        }
        known
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The error a spelling of the documentation (`FLOOD_WAIT_%d`) belongs to.
    pub fn by_spelling(&self, spelling: &str) -> Option<&KnownError> {
        self.by_spelling.get(spelling).map(|&i| &self.errors[i])
    }
}

/// The most common code, the smallest on a tie; 400 when there is none.
fn most_common<'a>(codes: impl Iterator<Item = &'a i32>) -> i32 {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for &code in codes {
        *counts.entry(code).or_default() += 1;
    }
    let mut best = None;
    for (code, count) in counts {
        if best.map_or(true, |(_, c)| count > c) {
            best = Some((code, count));
        }
    }
    best.map_or(400, |(code, _)| code)
}

/// `FLOOD_WAIT` → `FloodWait`, `2FA_CONFIRM_WAIT` → `T2faConfirmWait` (the generator's
/// rule for type names), with a number appended if two names would collide.
fn unique_variant(name: &str, taken: &mut BTreeSet<String>) -> String {
    // Names come from a file, not from the TL grammar: keep what an identifier may hold
    // (`A²` would not be one).
    let words: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let base = ident::type_name(&words);
    // A keyword gets a trailing underscore, as elsewhere, rather than `r#`.
    let base = match base.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => base,
    };
    let mut variant = base.clone();
    let mut n = 2;
    while !taken.insert(variant.clone()) {
        variant = format!("{base}{n}");
        n += 1;
    }
    variant
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str) -> Documentation {
        let mut docs = Documentation::default();
        docs.add_file("test.json", text).unwrap();
        docs
    }

    #[test]
    fn spellings_are_grouped_by_name() {
        let mut d = docs(
            r#"{"errors":{
                "FLOOD_WAIT_%d":{"code":420,"name":"FLOOD_WAIT_%d","description":"A wait of %d seconds is required"},
                "EMAIL_UNCONFIRMED":{"code":400,"name":"EMAIL_UNCONFIRMED","description":"Email unconfirmed."},
                "EMAIL_UNCONFIRMED_%d":{"code":400,"name":"EMAIL_UNCONFIRMED_%d","description":"Email unconfirmed, the length of the code must be %d"},
                "2FA_CONFIRM_WAIT_%d":{"code":420,"name":"2FA_CONFIRM_WAIT_%d"}},
              "throws":{"m":["CHAT_ADMIN_REQUIRED"]}}"#,
        );
        d.add_file(
            "api.json",
            r#"{"e":[{"kind":"method","name":"b","throws":[{"code":403,"name":"NEW_ERROR","comment":"New."}]},
                     {"kind":"method","name":"a","throws":[{"code":400,"name":"NEW_ERROR","comment":"First."},{"code":400,"name":"NEW_ERROR","comment":""}]}]}"#,
        )
        .unwrap();
        let known = KnownErrors::from_docs(&d);
        let names: Vec<&str> = known.errors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "2FA_CONFIRM_WAIT",
                "CHAT_ADMIN_REQUIRED",
                "EMAIL_UNCONFIRMED",
                "FLOOD_WAIT",
                "NEW_ERROR"
            ]
        );
        let email = known.by_spelling("EMAIL_UNCONFIRMED_%d").unwrap();
        assert_eq!(email.variant, "EmailUnconfirmed");
        assert_eq!(email.spellings[0].0, "EMAIL_UNCONFIRMED");
        assert_eq!(email.description(), Some("Email unconfirmed."));
        let flood = known.by_spelling("FLOOD_WAIT_%d").unwrap();
        assert_eq!((flood.code, flood.variant.as_str()), (420, "FloodWait"));
        assert_eq!(
            known.by_spelling("2FA_CONFIRM_WAIT_%d").unwrap().variant,
            "T2faConfirmWait"
        );
        // Not catalogued: the most common code of the lists, the first description in
        // function name order.
        let new = known.by_spelling("NEW_ERROR").unwrap();
        assert_eq!((new.code, new.description()), (400, Some("First.")));
        assert_eq!(known.by_spelling("CHAT_ADMIN_REQUIRED").unwrap().code, 400);
    }

    #[test]
    fn colliding_variants_are_numbered() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_variant("TIMEOUT", &mut taken), "Timeout");
        assert_eq!(unique_variant("Timeout", &mut taken), "Timeout2");
        assert_eq!(
            unique_variant("Invalid msgs_ack query", &mut taken),
            "InvalidMsgsAckQuery"
        );
        // Whatever a file says, the variant is an identifier.
        for name in [
            "",
            "A²",
            "🙂",
            "É_É",
            "self",
            "Self",
            "2",
            "String",
            "a b",
            "FLOOD_WAIT",
        ] {
            let variant = unique_variant(name, &mut taken);
            let _ = ident::ident(&variant); // panics on anything but an identifier
        }
    }
}

//! Matching documentation files to the generated items, and counting what matched.
//!
//! Documentation may be for another layer than the schema: a definition the files do not
//! describe is simply undocumented, and what they describe that the schema lacks is
//! ignored. Definitions are matched by full TL name (a definition whose ID changed keeps
//! its description), parameters by name. [`DocsCoverage`] counts both sides.

use std::collections::{HashMap, HashSet};
use std::fmt;

use tl_parser::ast::{Definition, Section};

use crate::doc_files::{Availability, Documentation, PageKind};
use crate::known_errors::KnownErrors;
use crate::model::Model;

/// What the documentation files say about one constructor or function.
#[derive(Clone, Debug, Default)]
pub struct StructDocs {
    /// The files describe it.
    pub documented: bool,
    /// HTML.
    pub description: Option<String>,
    /// Parameter name → HTML.
    pub params: HashMap<String, String>,
    /// For functions: the errors the documentation lists.
    pub errors: Vec<FunctionError>,
    /// For functions: who may call it.
    pub availability: Option<Availability>,
}

/// An error listed for a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionError {
    pub code: i32,
    /// As the documentation spells it (`FLOOD_WAIT_%d`).
    pub spelling: String,
    /// HTML.
    pub description: Option<String>,
}

/// The documentation of one schema set, matched to its model.
#[derive(Clone, Debug, Default)]
pub struct UnitDocs {
    /// The files read (empty: no documentation file for this set).
    pub documentation: Documentation,
    /// Parallel to `Model::structs`.
    pub structs: Vec<StructDocs>,
    /// Parallel to `Model::enums`: HTML descriptions of abstract types.
    pub enums: Vec<Option<String>>,
    pub known_errors: KnownErrors,
}

impl UnitDocs {
    /// Whether the items have pages on Telegram's site (a documentation file was given).
    pub fn has_site(&self) -> bool {
        !self.documentation.is_empty()
    }

    /// Matches `documentation` to `model`, built from `definitions` (all of the schema's,
    /// including those the runtime provides and the model leaves out, such as `boolTrue`).
    pub fn attach(
        model: &Model,
        definitions: &[&Definition],
        documentation: Documentation,
    ) -> (UnitDocs, Option<DocsCoverage>) {
        if documentation.is_empty() {
            let unit = UnitDocs {
                documentation,
                structs: vec![StructDocs::default(); model.structs.len()],
                enums: vec![None; model.enums.len()],
                known_errors: KnownErrors::default(),
            };
            return (unit, None);
        }
        let mut coverage = DocsCoverage {
            module: None,
            files: documentation.files.clone(),
            docs_layer: documentation.layer,
            schema_layer: model.layer,
            ..DocsCoverage::default()
        };
        let known_errors = KnownErrors::from_docs(&documentation);
        coverage.known_errors = known_errors.errors.len();

        let mut structs = Vec::with_capacity(model.structs.len());
        for s in &model.structs {
            let name = s.def.full_name();
            let kind = if s.is_function() {
                PageKind::Function
            } else {
                PageKind::Constructor
            };
            coverage.definitions += 1;
            let mut docs = StructDocs::default();
            if kind == PageKind::Function {
                docs.availability = documentation.availability(&name);
                docs.errors = function_errors(&documentation, &name);
            }
            match documentation.definition(kind, &name) {
                Some(doc) => {
                    coverage.documented += 1;
                    if doc.id.is_some_and(|id| id != s.def.id()) {
                        coverage.documented_with_other_id += 1;
                    }
                    let names: Vec<&str> = s
                        .def
                        .params
                        .iter()
                        .filter_map(|p| p.name.as_deref())
                        .collect();
                    coverage.undocumented_params += names
                        .iter()
                        .filter(|n| !doc.params.contains_key(**n))
                        .count();
                    coverage.ignored_params += doc
                        .params
                        .keys()
                        .filter(|n| !names.contains(&n.as_str()))
                        .count();
                    docs.documented = true;
                    docs.description = doc.description.clone();
                    docs.params = doc.params.clone();
                }
                None => coverage.undocumented.push(name),
            }
            structs.push(docs);
        }

        let mut enums = Vec::with_capacity(model.enums.len());
        for e in &model.enums {
            coverage.types += 1;
            let description = documentation.types.get(&e.tl_name).cloned();
            if description.is_some() {
                coverage.documented_types += 1;
            }
            enums.push(description);
        }

        let in_schema: HashSet<(bool, String)> = definitions
            .iter()
            .map(|d| (d.section == Section::Functions, d.full_name()))
            .collect();
        for (functions, map) in [
            (false, &documentation.constructors),
            (true, &documentation.functions),
        ] {
            for name in map.keys() {
                if !in_schema.contains(&(functions, name.clone())) {
                    coverage.ignored.push(name.clone());
                }
            }
        }
        coverage.ignored.sort();
        let types: HashSet<String> = definitions
            .iter()
            .filter(|d| d.section == Section::Types)
            .map(|d| d.result.full_name())
            .collect();
        coverage.ignored_types = documentation
            .types
            .keys()
            .filter(|t| !types.contains(*t))
            .count();

        let unit = UnitDocs {
            documentation,
            structs,
            enums,
            known_errors,
        };
        (unit, Some(coverage))
    }
}

/// The errors of a function: those its page lists (with codes and descriptions), then
/// those only the catalogue's lists name, with the catalogue's code and description.
fn function_errors(docs: &Documentation, function: &str) -> Vec<FunctionError> {
    let mut errors: Vec<FunctionError> = docs
        .functions
        .get(function)
        .map(|f| {
            f.throws
                .iter()
                .map(|e| FunctionError {
                    code: e.code,
                    spelling: e.name.clone(),
                    description: Some(e.description.clone()).filter(|d| !d.is_empty()),
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(list) = docs.error_lists.get(function) {
        let mut extra: Vec<&String> = list
            .iter()
            .filter(|name| !errors.iter().any(|e| &e.spelling == *name))
            .collect();
        extra.sort();
        extra.dedup();
        for spelling in extra {
            let catalogued = docs.errors.get(spelling);
            errors.push(FunctionError {
                code: catalogued.map_or(400, |e| e.code),
                spelling: spelling.clone(),
                description: catalogued.and_then(|e| e.description.clone()),
            });
        }
    }
    errors
}

/// How well documentation files matched the schema they document (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocsCoverage {
    /// The module of the schema set (`None`: the file's root).
    pub module: Option<String>,
    /// The documentation files.
    pub files: Vec<String>,
    /// The layer the documentation is for, and the schema's.
    pub docs_layer: Option<u32>,
    pub schema_layer: Option<u32>,
    /// Constructors and functions of the schema.
    pub definitions: usize,
    /// Of which the documentation describes this many...
    pub documented: usize,
    /// ...and not these (full TL names, in schema order).
    pub undocumented: Vec<String>,
    /// Documented under another constructor ID (changed since the documented layer).
    pub documented_with_other_id: usize,
    /// Documented constructors and functions the schema does not have (sorted).
    pub ignored: Vec<String>,
    /// Abstract types of the schema, and how many have a description.
    pub types: usize,
    pub documented_types: usize,
    /// Described types the schema does not have.
    pub ignored_types: usize,
    /// Parameters of documented definitions without a description.
    pub undocumented_params: usize,
    /// Parameter descriptions for parameters the schema does not have.
    pub ignored_params: usize,
    /// Errors the documentation knows (`errors::ErrorName` variants).
    pub known_errors: usize,
}

impl fmt::Display for DocsCoverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let layer = |l: Option<u32>| l.map_or_else(|| "unknown".to_owned(), |l| l.to_string());
        write!(f, "docs {}", self.files.join(", "))?;
        if let Some(module) = &self.module {
            write!(f, " (module `{module}`)")?;
        }
        write!(
            f,
            ": layer {} for schema layer {}; {} of {} constructors and functions documented, {} undocumented, {} documented ones not in the schema ignored, {} documented under an older ID; {} of {} types documented, {} ignored; {} parameters undocumented, {} ignored; {} known errors",
            layer(self.docs_layer),
            layer(self.schema_layer),
            self.documented,
            self.definitions,
            self.undocumented.len(),
            self.ignored.len(),
            self.documented_with_other_id,
            self.documented_types,
            self.types,
            self.ignored_types,
            self.undocumented_params,
            self.ignored_params,
            self.known_errors,
        )
    }
}

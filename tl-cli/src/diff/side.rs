//! One side of a comparison: a set of schema files read together (as one `Config` unit
//! reads them), their definitions keyed by section and full name, and the Rust API the
//! generator makes of them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use tl_codegen::rust_view::RustView;
use tl_codegen::{ModelError, ModelOptions};
use tl_parser::ast::{Definition, Section};
use tl_parser::{Diagnostic, ParseOptions};

/// How a definition is found on either side: constructors and functions live in
/// separate name spaces (`help.getConfig` the function, `help.config` the constructor).
pub(crate) type Key = (Section, String);

/// Why a set of schema files cannot be compared.
#[derive(Debug)]
pub enum LoadError {
    /// The files have errors; every diagnostic (warnings included) is kept, rendered as
    /// the parser renders it.
    Schema(Vec<Diagnostic>),
    /// Two files of the set define the same name differently, so a change cannot be
    /// attributed (MTProto's `message` and the API's `message`). The generator reads such
    /// files in separate modules; compare them in separate runs too.
    Ambiguous {
        /// The full TL name.
        name: String,
        /// The files that define it, in order.
        files: [String; 2],
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Schema(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                writeln!(f, "the TL schemas have {errors} error(s):")?;
                for d in diagnostics.iter().filter(|d| d.is_error()) {
                    writeln!(f, "{d}")?;
                }
                Ok(())
            }
            LoadError::Ambiguous { name, files } => writeln!(
                f,
                "`{name}` is defined differently in {} and {}: compare these files in separate runs (the generator reads them in separate modules, `Config::schema_in_module`)",
                files[0], files[1]
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A version of a schema, ready to compare with another.
#[derive(Debug)]
pub struct Side {
    files: Vec<String>,
    layer: Option<u32>,
    /// Constructors and functions in source order (builtins excluded: the runtime owns
    /// them, and schemas differ only in whether they spell them out).
    pub(crate) definitions: Vec<Definition>,
    pub(crate) by_key: HashMap<Key, usize>,
    /// TDLib `//@class` descriptions by type name.
    pub(crate) class_docs: BTreeMap<String, String>,
    /// The generated API, or why the schemas cannot be generated.
    pub(crate) rust: Result<RustView, Vec<ModelError>>,
}

impl Side {
    /// Parses and validates `(file name, text)` pairs together, as the generator does.
    pub fn from_sources(
        sources: &[(&str, &str)],
        options: &ParseOptions,
    ) -> Result<Side, LoadError> {
        let checked = tl_parser::check(sources, options);
        if checked.has_errors() {
            return Err(LoadError::Schema(checked.diagnostics));
        }
        let mut definitions: Vec<Definition> = Vec::new();
        let mut files_of: Vec<usize> = Vec::new();
        let mut by_key: HashMap<Key, usize> = HashMap::new();
        let mut class_docs = BTreeMap::new();
        for (file, schema) in checked.schemas.iter().enumerate() {
            for def in &schema.definitions {
                if def.builtin.is_some() || def.question_mark {
                    continue;
                }
                let key = (def.section, def.full_name());
                if let Some(&earlier) = by_key.get(&key) {
                    // The same definition twice (a file set that repeats one) is harmless;
                    // `==` ignores where each came from.
                    if definitions[earlier] == *def {
                        continue;
                    }
                    return Err(LoadError::Ambiguous {
                        name: key.1,
                        files: [
                            sources[files_of[earlier]].0.to_owned(),
                            sources[file].0.to_owned(),
                        ],
                    });
                }
                by_key.insert(key, definitions.len());
                definitions.push(def.clone());
                files_of.push(file);
            }
            for class in &schema.classes {
                class_docs.insert(class.name.clone(), class.description.clone());
            }
        }
        let layer = checked.schemas.iter().find_map(|s| s.layer);
        let rust = RustView::build(&checked.schemas, &ModelOptions::default());
        Ok(Side {
            files: sources.iter().map(|(name, _)| (*name).to_owned()).collect(),
            layer,
            definitions,
            by_key,
            class_docs,
            rust,
        })
    }

    /// The file names, as given.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The `// LAYER N` of the first file that has one.
    pub fn layer(&self) -> Option<u32> {
        self.layer
    }

    /// Why no Rust API could be derived for this side (the generator would fail on it),
    /// if it could not.
    pub fn rust_errors(&self) -> Option<&[ModelError]> {
        self.rust.as_ref().err().map(Vec::as_slice)
    }
}

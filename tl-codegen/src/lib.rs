//! Rust bindings from TL schemas, generated at build time.
//!
//! In the style of `prost-build`: a [`Config`] builder for everything, and
//! [`compile_schemas`] for the common case. In `build.rs`:
//!
//! ```no_run
//! // build.rs
//! # fn main() {}
//! # fn build() {
//! tl_codegen::compile_schemas(&["schema/api.tl", "schema/mtproto.tl"]).unwrap();
//! # }
//! ```
//!
//! and in the crate:
//!
//! ```ignore
//! mod tl {
//!     include!(concat!(env!("OUT_DIR"), "/tl.rs"));
//! }
//! ```
//!
//! This crate is the generator and nothing else: the `tl` command line is the crate
//! `tl-cli`. Feature `pretty` (on by default) lays the code out with `syn` +
//! `prettyplease`; without it a simple printer does ([`Config::format`]), and a clean build
//! compiles neither crate: `tl-codegen = { version = "0.1", default-features = false }`.
//!
//! The generated code depends only on `tl-runtime`. Constructors become structs in
//! `types::`, abstract types enums in `enums::`, functions structs in `functions::`
//! (namespaces are modules). Schema errors fail the build with the parser's diagnostics.
//!
//! Documentation comes from the schemas' TDLib-style `//@` comments, or from documentation
//! files beside schemas that have none (Telegram's `api.tl`: [`Config::docs`]), and goes
//! into the doc comments (descriptions, a function's parameters, result, errors and
//! callers, links to core.telegram.org) and, for errors and callers, into data
//! (`errors::ErrorName`, `tl_runtime::function_info::FunctionInfo`).
//!
//! [`rust_view`] describes the generated Rust API of a schema as plain data (item paths,
//! fields and their types), for tools such as `tl diff` (crate `tl-cli`), which judges
//! whether a change between two versions of a schema breaks code using these bindings.
#![forbid(unsafe_code)]

mod doc_files;
mod docs;
mod emit;
mod format;
pub mod ident;
mod item_docs;
mod known_errors;
mod markup;
mod model;
mod reach;
pub mod rust_view;

use std::fmt;
use std::path::{Path, PathBuf};

use tl_parser::{Diagnostic, IdRule, ParseOptions};

pub use emit::EmitOptions;
pub use item_docs::DocsCoverage;
pub use model::{ModelError, ModelOptions};

/// Why bindings could not be generated.
pub enum Error {
    /// A schema file could not be read (or the output written).
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The schemas have errors; every diagnostic is kept, rendered as the parser renders it.
    Schema(Vec<Diagnostic>),
    /// The schemas are valid TL but cannot be mapped to Rust.
    Model(Vec<ModelError>),
    /// `OUT_DIR` is not set and no output directory was given.
    NoOutDir,
    /// A documentation file is not in a format the generator reads, or does not fit the
    /// configuration.
    Docs { path: PathBuf, message: String },
    /// Options that cannot go together (for instance `registry` without the default
    /// derives).
    Options(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Error::Schema(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                writeln!(f, "the TL schemas have {errors} error(s):")?;
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Model(errors) => {
                writeln!(f, "the TL schemas cannot be mapped to Rust:")?;
                for e in errors {
                    writeln!(f, "error: {e}")?;
                }
                Ok(())
            }
            Error::NoOutDir => {
                f.write_str("OUT_DIR is not set: call Config::out_dir, or run from build.rs")
            }
            Error::Docs { path, message } => {
                write!(f, "documentation file {}: {message}", path.display())
            }
            Error::Options(message) => write!(f, "conflicting options: {message}"),
        }
    }
}

/// Names the schema file of each error's definition (the model knows only its line).
fn locate(
    mut errors: Vec<ModelError>,
    sources: &[(&str, &str)],
    schemas: &[tl_parser::Schema],
) -> Vec<ModelError> {
    for error in &mut errors {
        let (Some(name), Some(line)) = (&error.definition, error.line) else {
            continue;
        };
        error.file = sources
            .iter()
            .zip(schemas)
            .find(|(_, schema)| {
                schema
                    .definitions
                    .iter()
                    .any(|d| d.span.line == line && d.full_name() == *name)
            })
            .map(|((file, _), _)| (*file).to_owned());
    }
    errors
}

// `build.rs` scripts usually `unwrap()`: make that print the readable form.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// The builder: which schemas, where the output goes, and what it contains.
#[derive(Clone, Debug)]
pub struct Config {
    /// Schema sets, each generated into its own module tree (`None`: the file's root).
    units: Vec<(Option<String>, Vec<PathBuf>)>,
    /// Documentation files, each for the schema set of a module (`None`: the root's).
    docs: Vec<(Option<String>, PathBuf)>,
    out_dir: Option<PathBuf>,
    file_name: String,
    parse: ParseOptions,
    model: ModelOptions,
    emit: EmitOptions,
    emit_rerun_if_changed: bool,
    /// Roots to trim the schemas to ([`Config::only`]); `None` keeps everything.
    only: Option<Vec<String>>,
    /// Threads to format with ([`Config::threads`]); `None`: `NUM_JOBS` or the machine's.
    threads: Option<usize>,
    /// `prettyplease` layout ([`Config::format`]).
    pretty: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            units: Vec::new(),
            docs: Vec::new(),
            out_dir: None,
            file_name: "tl.rs".to_owned(),
            parse: ParseOptions::default(),
            model: ModelOptions::default(),
            emit: EmitOptions::default(),
            emit_rerun_if_changed: true,
            only: None,
            threads: None,
            pretty: cfg!(feature = "pretty"),
        }
    }
}

impl Config {
    /// A configuration with the defaults: output `tl.rs` in `OUT_DIR`, Telegram's ID rule,
    /// explicit IDs that differ from the computed ones reported as warnings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a schema file. All schemas are read together (`api.tl` and `mtproto.tl`
    /// refer to each other's types).
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.unit(None).push(path.as_ref().to_owned());
        self
    }

    /// Adds a schema file whose bindings go into their own module `module` (with its own
    /// `types`, `enums` and `functions`), read together with the other files given for
    /// that module but apart from the rest.
    ///
    /// MTProto's service layer needs this: its `message` (`= Message`, the transport
    /// envelope) and api.tl's `message` (`= Message`, a chat message) share a name, so
    /// `mtproto.tl` is generated as `mtproto::...` beside the API.
    pub fn schema_in_module(&mut self, module: &str, path: impl AsRef<Path>) -> &mut Self {
        self.unit(Some(module)).push(path.as_ref().to_owned());
        self
    }

    fn unit(&mut self, module: Option<&str>) -> &mut Vec<PathBuf> {
        let position = self.units.iter().position(|(m, _)| m.as_deref() == module);
        let index = position.unwrap_or_else(|| {
            self.units.push((module.map(str::to_owned), Vec::new()));
            self.units.len() - 1
        });
        &mut self.units[index].1
    }

    fn schema_paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.units.iter().flat_map(|(_, paths)| paths)
    }

    /// Adds a documentation file for the schemas added with [`schema`](Self::schema), for
    /// schemas without `//@` comments (Telegram's `api.tl`). Two formats, told apart by
    /// their content, both from the npm package `@mtcute/tl` (see `schema/README.md`):
    /// `api-schema.json` (descriptions of constructors, functions, parameters and types,
    /// each function's errors) and `raw-errors.json` (every known error, and which
    /// functions only users or only bots may call). Repeat for both.
    ///
    /// Generated items get the descriptions (rendered from the files' HTML to Markdown,
    /// links made absolute), functions a parameter table, their result, a table of their
    /// errors, whether bots may call them and a link to their page on core.telegram.org;
    /// with errors known, the `errors` module and `FunctionInfo` impls (see
    /// [`typed_errors`](Self::typed_errors)). The files may be for an older layer than the
    /// schema: what they lack stays undocumented, what the schema lacks is ignored, and
    /// [`Generated::docs_coverage`] counts both. A file that cannot be read as either
    /// format is an [`Error::Docs`] naming the file and the problem.
    pub fn docs(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.docs.push((None, path.as_ref().to_owned()));
        self
    }

    /// Like [`docs`](Self::docs), for the schemas of a [`schema_in_module`](Self::schema_in_module)
    /// module.
    pub fn docs_in_module(&mut self, module: &str, path: impl AsRef<Path>) -> &mut Self {
        self.docs
            .push((Some(module.to_owned()), path.as_ref().to_owned()));
        self
    }

    /// Generates only what the given roots need: each root is a function
    /// (`messages.sendMessage`), a constructor (`inputPeerUser`) or a type (`InputPeer`),
    /// and it keeps every constructor and type its parameters and results reach,
    /// transitively (a kept type keeps all its constructors, so decoding stays complete).
    /// The rest of the schema is left out, which is most of the compile time of the whole
    /// API for a program that calls a few dozen functions. Each call adds roots; a root
    /// found in none of the schemas is an [`Error::Model`]. Schema sets generated into a
    /// module are trimmed the same way, each to the roots it contains.
    pub fn only<I, S>(&mut self, roots: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only
            .get_or_insert_with(Vec::new)
            .extend(roots.into_iter().map(Into::into));
        self
    }

    /// Whether doc comments carry the documentation: descriptions (from `//@` comments and
    /// documentation files), parameter and error tables, callers and site links (default
    /// true). Without, every item is documented by its TL line and links to related items
    /// only, which makes the generated source smaller and quicker to compile.
    pub fn doc_comments(&mut self, enabled: bool) -> &mut Self {
        self.emit.doc_comments = enabled;
        self
    }

    /// Whether a documentation file that knows errors also gives typed errors (default
    /// true): an `errors` module with `ErrorName` (a variant per known error, matched with
    /// `ErrorName::of(&tl_runtime::rpc_error::RpcError)`), and for every function an impl of
    /// `tl_runtime::function_info::FunctionInfo` (`CALLERS`: whether bots may call it;
    /// `POSSIBLE_ERRORS`: the errors it lists).
    pub fn typed_errors(&mut self, enabled: bool) -> &mut Self {
        self.emit.typed_errors = enabled;
        self
    }

    /// Adds several schema files.
    pub fn schemas(&mut self, paths: impl IntoIterator<Item = impl AsRef<Path>>) -> &mut Self {
        for path in paths {
            self.schema(path);
        }
        self
    }

    /// Where to write the output (default: the `OUT_DIR` cargo gives build scripts).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// The output file's name (default `tl.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Whether every constructor's struct converts to and from its type's enum (the
    /// default): `From<types::InputPeerUser> for enums::InputPeer`, so
    /// `peer: user.into()`, and `TryFrom` back. Without them (about 3,200 impls fewer for
    /// the whole API) the bindings compile faster; values are then wrapped by hand,
    /// `enums::InputPeer::User(user)`.
    pub fn conversions(&mut self, enabled: bool) -> &mut Self {
        self.emit.conversions = enabled;
        self
    }

    /// Whether the encoders, decoders and conversions are `#[inline]` (the default). An
    /// inline function is compiled in the crate that calls it, like a generic one: the
    /// bindings crate then only type-checks them, and a program compiles the codecs of
    /// the types it really uses. Turn it off when many crates or test binaries use every
    /// type of one bindings crate, to compile each codec once, there.
    pub fn inline_codecs(&mut self, enabled: bool) -> &mut Self {
        self.emit.inline_codecs = enabled;
        self
    }

    /// Zero-copy strings and byte arrays (off by default): `string` fields are
    /// `tl_runtime::shared::ByteString` and `bytes` fields `tl_runtime::shared::Bytes`
    /// (the `bytes` crate's buffer) instead of `String` and `Vec<u8>`. Decoded with
    /// `BoxedDecode::from_boxed_shared(&Bytes)`, each of them is a slice of the input,
    /// without an allocation or a copy: a `messages.messages` then decodes in 0.85 of the
    /// owned bindings' time, with 456 allocations instead of 1,250 (BENCHMARKS.md).
    /// Decoded from a `&[u8]`, they are copies.
    /// The wire and TL-JSON forms do not change. The consuming crate must enable the
    /// `shared` feature of `tl-runtime`.
    pub fn shared_buffers(&mut self, enabled: bool) -> &mut Self {
        self.emit.shared_buffers = enabled;
        self
    }

    /// How many threads format the generated code. By default, cargo's job count in a build
    /// script (`NUM_JOBS`), else the machine's parallelism. The output is the same for
    /// any number.
    pub fn threads(&mut self, threads: usize) -> &mut Self {
        self.threads = Some(threads.max(1));
        self
    }

    /// Whether the output is laid out by `prettyplease` (the default with the `pretty`
    /// feature, which is on by default), like `rustfmt` would. Without the feature the simple
    /// printer is the default and `format(true)` makes [`compile`](Self::compile) and
    /// [`generate`](Self::generate) fail with [`Error::Options`].
    ///
    /// `false` prints the tokens with a simple printer instead. The output has one item,
    /// statement, field or match arm per line, indented, but long lines are not wrapped (and
    /// a multi-line doc comment stays a `#[doc]` attribute). The code is the same token for
    /// token.
    /// Laying out is most of what generation costs in a build script, which cargo compiles
    /// without optimisation. For the whole Telegram API on two cores it takes 1.6 s, and
    /// 0.5 s with the simple printer (BENCHMARKS.md, Generator). This helps a library
    /// crate most: it cannot set `[profile.dev.build-override] opt-level = 3` for the
    /// crates that depend on it.
    pub fn format(&mut self, enabled: bool) -> &mut Self {
        self.pretty = enabled;
        self
    }

    /// Whether every struct and enum derives `Clone`, `Debug` and `PartialEq` (the default).
    /// Without them the whole API compiles markedly faster (see BENCHMARKS.md), for a
    /// program that only builds requests and reads answers; [`derive`](Self::derive) can
    /// still add some back. [`registry`](Self::registry) and [`arbitrary`](Self::arbitrary)
    /// need them: generating fails with [`Error::Options`] otherwise.
    pub fn default_derives(&mut self, enabled: bool) -> &mut Self {
        self.emit.default_derives = enabled;
        self
    }

    /// Adds a derive to every generated struct and enum, e.g. `"Eq"` is not possible
    /// (TL has `double`) but `"serde::Serialize"` or `"Hash"`-free ones are.
    pub fn derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.emit.extra_derives.push(path.into());
        self
    }

    /// Adds an attribute (full text, `#[...]`) to every generated struct and enum.
    pub fn attribute(&mut self, attribute: impl Into<String>) -> &mut Self {
        self.emit.extra_attributes.push(attribute.into());
        self
    }

    /// Emits serde `Serialize`/`Deserialize` impls producing TL-JSON (needs the runtime's
    /// `serde` feature).
    ///
    /// Input loses nothing without a word: a missing field, a wrong type, a key given
    /// twice, a key that is no parameter of the constructor and a `"_"` naming another
    /// constructor are errors. `#` fields, which encoding derives, may be given and are
    /// skipped, as TL-JSON says; mtproto `message`'s `bytes` may be given too, and must
    /// then be its body's length. `"_"` may be left out where the Rust type says the
    /// constructor. An error says where: the path of keys and indexes inside the value
    /// (`messages[0].body: ...`), and serde_json's line and column.
    ///
    /// No serde derives: each type reads its fields in `tl_runtime::json::FromJson` from one
    /// concrete `serde_json::Value`, compiled once in the crate that holds the bindings;
    /// `Deserialize` reads the input into that `Value` and calls it. A derived
    /// `Deserialize` is generic over the deserializer and was compiled again in every
    /// program for every deserializer it used.
    pub fn serde(&mut self, enabled: bool) -> &mut Self {
        self.emit.serde = enabled;
        self
    }

    /// Emits `tl_runtime::arbitrary::Generate` for every struct and enum: arbitrary valid
    /// values within a size budget, for property tests and structure-aware fuzzing (off by
    /// default). With [`registry`](Self::registry) also `registry::each_constructor`,
    /// which visits every constructor and function. The consuming crate enables
    /// `tl-runtime`'s `arbitrary` feature.
    pub fn arbitrary(&mut self, enabled: bool) -> &mut Self {
        self.emit.arbitrary = enabled;
        self
    }

    /// Emits `registry::{by_name, by_id}` (the Rust type of any constructor or function,
    /// for tools that handle values of any type) and `functions::AnyFunction`. Turns
    /// [`serde`](Self::serde) on.
    pub fn registry(&mut self, enabled: bool) -> &mut Self {
        self.emit.registry = enabled;
        if enabled {
            self.emit.serde = true;
        }
        self
    }

    /// Makes an explicit ID that neither ID rule reproduces an error (the documented
    /// historical exceptions excepted).
    pub fn strict_ids(&mut self, strict: bool) -> &mut Self {
        self.parse.strict_ids = strict;
        self
    }

    /// How IDs are computed: Telegram's rule (default) or TDLib's and TON's literal one
    /// (detected either way for a schema that declares `bytes` itself).
    pub fn id_rule(&mut self, rule: IdRule) -> &mut Self {
        self.parse.id_rule = rule;
        self
    }

    /// Enum variants estimated larger than this many bytes are boxed (default 96).
    pub fn large_variant_bytes(&mut self, bytes: usize) -> &mut Self {
        self.model.large_variant_bytes = bytes;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for every schema (default true).
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.emit_rerun_if_changed = enabled;
        self
    }

    /// Reads the schemas and returns the generated source, without writing anything.
    /// Warnings (such as ID mismatches) are returned beside the code.
    pub fn generate(&self) -> Result<Generated, Error> {
        let mut units = Vec::new();
        for (module, paths) in &self.units {
            let mut sources = Vec::new();
            for path in paths {
                let text = std::fs::read(path).map_err(|error| Error::Io {
                    path: path.clone(),
                    error,
                })?;
                sources.push((
                    path.display().to_string(),
                    String::from_utf8_lossy(&text).into_owned(),
                ));
            }
            units.push((module.clone(), sources));
        }
        let units: Vec<Unit<'_>> = units
            .iter()
            .map(|(module, sources)| Unit {
                module: module.as_deref(),
                sources: sources
                    .iter()
                    .map(|(n, s)| (n.as_str(), s.as_str()))
                    .collect(),
            })
            .collect();
        self.generate_units(&units)
    }

    /// Like [`generate`](Self::generate), for schema texts already in memory, all into the
    /// file's root: `(file name for diagnostics, text)`. Documentation files given with
    /// [`docs`](Self::docs) are read from disk.
    pub fn generate_from_sources(&self, sources: &[(&str, &str)]) -> Result<Generated, Error> {
        self.generate_units(&[Unit {
            module: None,
            sources: sources.to_vec(),
        }])
    }

    /// The documentation files of the schema set generated into `module`, read.
    fn read_docs(&self, module: Option<&str>) -> Result<doc_files::Documentation, Error> {
        let mut documentation = doc_files::Documentation::default();
        for (_, path) in self.docs.iter().filter(|(m, _)| m.as_deref() == module) {
            let bytes = std::fs::read(path).map_err(|error| Error::Io {
                path: path.clone(),
                error,
            })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::Docs {
                path: path.clone(),
                message: "not UTF-8 text".to_owned(),
            })?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            documentation
                .add_file(&name, &text)
                .map_err(|message| Error::Docs {
                    path: path.clone(),
                    message,
                })?;
        }
        Ok(documentation)
    }

    fn generate_units(&self, units: &[Unit<'_>]) -> Result<Generated, Error> {
        if self.pretty && !cfg!(feature = "pretty") {
            return Err(Error::Options(
                "format(true) needs tl-codegen's `pretty` feature (syn and prettyplease): add `features = [\"pretty\"]` to the tl-codegen dependency, or remove format(true)".to_owned(),
            ));
        }
        if !self.emit.default_derives {
            if self.emit.arbitrary {
                return Err(Error::Options(
                    "arbitrary(true) needs the default derives (Clone, Debug, PartialEq): remove default_derives(false) or arbitrary(true)".to_owned(),
                ));
            }
            // The registry hands out types as `tl_runtime::json::Item`, which is `Debug`.
            let debug = self.emit.extra_derives.iter().any(|d| {
                matches!(
                    d.trim(),
                    "Debug"
                        | "core::fmt::Debug"
                        | "std::fmt::Debug"
                        | "::core::fmt::Debug"
                        | "::std::fmt::Debug"
                )
            });
            if self.emit.registry && !debug {
                return Err(Error::Options(
                    "registry(true) needs `Debug` on every type: remove default_derives(false), add derive(\"Debug\"), or remove registry(true)".to_owned(),
                ));
            }
        }
        for (module, path) in &self.docs {
            if !units.iter().any(|u| u.module == module.as_deref()) {
                let message = match module {
                    Some(module) => format!("no schema is generated into module `{module}`"),
                    None => "no schema is generated into the root (only into modules)".to_owned(),
                };
                return Err(Error::Docs {
                    path: path.clone(),
                    message,
                });
            }
        }
        let mut warnings = Vec::new();
        let mut docs_coverage = Vec::new();
        let mut code = String::from(
            "// @generated by tl-codegen. Do not edit: change the schema and rebuild.\n",
        );
        // Roots of `only` not found in any unit so far (each unit removes what it has).
        let mut roots_not_found: Option<Vec<String>> = self.only.clone();
        for unit in units {
            let documentation = self.read_docs(unit.module)?;
            let checked = tl_parser::check(&unit.sources, &self.parse);
            if checked.has_errors() {
                return Err(Error::Schema(checked.diagnostics));
            }
            warnings.extend(checked.diagnostics);
            let layer = checked.schemas.iter().find_map(|s| s.layer);
            let definitions: Vec<&tl_parser::Definition> = checked
                .schemas
                .iter()
                .flat_map(|s| &s.definitions)
                .collect();
            let definitions = match &self.only {
                None => definitions,
                Some(roots) => {
                    let (kept, missing) = reach::reachable(&definitions, roots);
                    if let Some(not_found) = &mut roots_not_found {
                        not_found.retain(|root| missing.contains(root));
                    }
                    kept
                }
            };
            let mut model = model::Model::build(&definitions, layer, &self.model)
                .map_err(|errors| Error::Model(locate(errors, &unit.sources, &checked.schemas)))?;
            attach_class_docs(&mut model, &checked.schemas);
            model.shared_buffers = self.emit.shared_buffers;
            // Before `add_any_function`: `AnyFunction` is no definition of the schema.
            let (unit_docs, coverage) =
                item_docs::UnitDocs::attach(&model, &definitions, documentation);
            if let Some(mut coverage) = coverage {
                coverage.module = unit.module.map(str::to_owned);
                docs_coverage.push(coverage);
            }
            if self.emit.registry {
                model.add_any_function();
            }
            let layout = format::Layout {
                pretty: self.pretty,
                threads: self.threads.unwrap_or_else(format::default_threads),
            };
            match unit.module {
                None => code.push_str(&emit::emit(&model, &unit_docs, &self.emit, 0, layout)),
                Some(module) => {
                    let name = ident::ident(&ident::module_name(module));
                    let doc = format!(
                        "Bindings for {}.",
                        unit.sources
                            .iter()
                            .map(|(n, _)| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    code.push_str(&layout.module_open(
                        quote::quote! {
                            #[doc = #doc]
                            pub mod #name {}
                        },
                        0,
                    ));
                    code.push_str(&emit::emit(&model, &unit_docs, &self.emit, 1, layout));
                    code.push_str(&format::module_close(0));
                }
            }
        }
        if let Some(not_found) = roots_not_found.filter(|r| !r.is_empty()) {
            return Err(Error::Model(
                not_found
                    .into_iter()
                    .map(|root| {
                        model::ModelError::general(format!(
                            "`only`: `{root}` is no function, constructor or type of the schemas"
                        ))
                    })
                    .collect(),
            ));
        }
        Ok(Generated {
            code,
            warnings,
            docs_coverage,
        })
    }

    /// Generates and writes `OUT_DIR/<file name>`, printing `cargo:rerun-if-changed` for
    /// every schema and documentation file, `cargo:warning` for every warning, and one
    /// `cargo:warning` per documentation set saying how well it matched the schema (see
    /// [`DocsCoverage`]). Returns the file's path.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        if self.emit_rerun_if_changed {
            for path in self.schema_paths().chain(self.docs.iter().map(|(_, p)| p)) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let generated = self.generate()?;
        for warning in &generated.warnings {
            for line in warning.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        for coverage in &generated.docs_coverage {
            println!("cargo:warning={coverage}");
        }
        let path = out_dir.join(&self.file_name);
        // Leave the file alone when nothing changed, so dependants are not rebuilt.
        if std::fs::read(&path).ok().as_deref() != Some(generated.code.as_bytes()) {
            std::fs::write(&path, &generated.code).map_err(|error| Error::Io {
                path: path.clone(),
                error,
            })?;
        }
        Ok(path)
    }
}

/// Schema texts generated together into one module tree.
struct Unit<'a> {
    module: Option<&'a str>,
    sources: Vec<(&'a str, &'a str)>,
}

/// Generated source and the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Diagnostics that did not stop generation (ID mismatches and the like).
    pub warnings: Vec<Diagnostic>,
    /// For each schema set with documentation files: how well they matched the schema
    /// (what stayed undocumented, what was ignored).
    pub docs_coverage: Vec<DocsCoverage>,
}

/// The common case: generate bindings for `schemas` into `OUT_DIR/tl.rs`.
pub fn compile_schemas(schemas: &[impl AsRef<Path>]) -> Result<(), Error> {
    Config::new().schemas(schemas).compile().map(drop)
}

fn attach_class_docs(model: &mut model::Model, schemas: &[tl_parser::Schema]) {
    for schema in schemas {
        for class in &schema.classes {
            if let Some(e) = model.enums.iter_mut().find(|e| e.tl_name == class.name) {
                e.doc = Some(class.description.clone());
            }
        }
    }
}

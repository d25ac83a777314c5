//! `tl generate --schema FILE... -o OUT.rs [options]`: the code the build.rs API
//! ([`tl_codegen::Config`]) writes, for people who commit generated code or use another
//! build system. Each option is one `Config` method.

use std::path::PathBuf;

use super::IdRuleArg;

pub const EXAMPLES: &str = r#"Examples:
  tl generate --schema schema/api.tl --schema-in-module mtproto=schema/mtproto.tl -o src/tl.rs
  tl generate -s api.tl -s mtproto.tl --registry -o tl.rs
  tl generate -s my.tl --serde --derive Eq --attribute '#[non_exhaustive]' -o -
  tl generate -s schema/api.tl --docs schema/api-schema.json --docs schema/raw-errors.json -o tl.rs
  tl generate -s schema/api.tl --only messages.sendMessage --only messages.getHistory -o tl.rs

The same as build.rs with
  tl_codegen::Config::new().schema("schema/api.tl").schema_in_module("mtproto", "schema/mtproto.tl")
and include!-ing the file. `--schema` files come first, then the `--schema-in-module`
ones (each MODULE with its files, in the order given). OUT.rs is left untouched when it
already holds the same code; `-o -` writes to stdout. Warnings (such as explicit IDs
that differ from the computed ones) go to stderr.

Exit status: 0 when the file was generated, 1 when the schemas have errors or cannot
be read or mapped to Rust, 2 on bad usage."#;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("schemas").required(true).multiple(true).args(["files", "modules"])))]
pub struct Args {
    /// A schema file (`Config::schema`); repeat for files read together.
    #[arg(long = "schema", short = 's', value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A schema file generated into its own module (`Config::schema_in_module`).
    #[arg(long = "schema-in-module", value_name = "MODULE=FILE", value_parser = module_schema)]
    pub modules: Vec<(String, PathBuf)>,
    /// Where to write the code (`-` for stdout).
    #[arg(short = 'o', long = "output", value_name = "OUT.rs")]
    pub output: PathBuf,
    /// An extra derive on every struct and enum, e.g. `Hash` (`Config::derive`).
    #[arg(long = "derive", value_name = "PATH", value_parser = derive_path)]
    pub derives: Vec<String>,
    /// An extra attribute on every struct and enum, e.g. `#[non_exhaustive]`
    /// (`Config::attribute`).
    #[arg(long = "attribute", value_name = "ATTRIBUTE", value_parser = attribute)]
    pub attributes: Vec<String>,
    /// TL-JSON serde impls (`Config::serde`; needs tl-runtime's `serde` feature).
    #[arg(long)]
    pub serde: bool,
    /// `registry::{by_name, by_id}` and `functions::AnyFunction` (`Config::registry`;
    /// turns --serde on).
    #[arg(long)]
    pub registry: bool,
    /// Explicit IDs that differ from the computed ones are errors (`Config::strict_ids`).
    #[arg(long)]
    pub strict_ids: bool,
    /// How IDs are computed (`Config::id_rule`); TDLib's and TON's schemas are detected either way.
    #[arg(long, value_enum, value_name = "RULE")]
    pub id_rule: Option<IdRuleArg>,
    /// A documentation file beside the schemas (`Config::docs`): mtcute's `api-schema.json`
    /// (descriptions, parameters, errors) and/or `raw-errors.json` (every known error);
    /// repeat for both.
    #[arg(long = "docs", value_name = "FILE")]
    pub docs: Vec<PathBuf>,
    /// A documentation file for the schemas of one module (`Config::docs_in_module`).
    #[arg(long = "docs-in-module", value_name = "MODULE=FILE", value_parser = module_schema)]
    pub docs_in_module: Vec<(String, PathBuf)>,
    /// Generate only what this function, constructor or type needs, transitively
    /// (`Config::only`); repeat for several roots.
    #[arg(long = "only", value_name = "NAME")]
    pub only: Vec<String>,
    /// Leave doc comments out (`Config::doc_comments(false)`): smaller code, same API.
    #[arg(long)]
    pub no_doc_comments: bool,
    /// Leave out `errors::ErrorName` and the `FunctionInfo` impls
    /// (`Config::typed_errors(false)`).
    #[arg(long)]
    pub no_typed_errors: bool,
    /// Leave out the default `#[derive(Clone, Debug, PartialEq)]`
    /// (`Config::default_derives(false)`): faster to compile; `--derive` adds some back.
    #[arg(long)]
    pub no_default_derives: bool,
    /// Leave out `From`/`TryFrom` between structs and their enums
    /// (`Config::conversions(false)`): faster to compile.
    #[arg(long)]
    pub no_conversions: bool,
    /// Compile the encoders and decoders in the bindings crate rather than where they are
    /// used (`Config::inline_codecs(false)`).
    #[arg(long)]
    pub no_inline_codecs: bool,
    /// Emit `tl_runtime::arbitrary::Generate` for every type (`Config::arbitrary`).
    #[arg(long)]
    pub arbitrary: bool,
    /// Type `string` and `bytes` as `tl_runtime::shared::{ByteString, Bytes}`, decoded
    /// as slices of a shared input without copies (`Config::shared_buffers`; needs
    /// tl-runtime's `shared` feature).
    #[arg(long)]
    pub shared_buffers: bool,
    /// Print the code with the simple printer, not `prettyplease` (`Config::format(false)`):
    /// one statement per line, long lines unwrapped; much cheaper unoptimised.
    #[arg(long)]
    pub no_format: bool,
    /// Threads to format the output with (`Config::threads`; default: all cores). The
    /// output is the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Box enum variants larger than this many bytes (`Config::large_variant_bytes`,
    /// default 96).
    #[arg(long, value_name = "BYTES")]
    pub large_variant_bytes: Option<usize>,
}

pub fn run(args: &Args) -> i32 {
    let mut config = tl_codegen::Config::new();
    for file in &args.files {
        config.schema(file);
    }
    for (module, file) in &args.modules {
        config.schema_in_module(module, file);
    }
    for derive in &args.derives {
        config.derive(derive.as_str());
    }
    for attribute in &args.attributes {
        config.attribute(attribute.as_str());
    }
    if args.serde {
        config.serde(true);
    }
    if args.registry {
        config.registry(true);
    }
    config.strict_ids(args.strict_ids);
    if let Some(rule) = args.id_rule {
        config.id_rule(rule.into());
    }
    if let Some(bytes) = args.large_variant_bytes {
        config.large_variant_bytes(bytes);
    }
    for file in &args.docs {
        config.docs(file);
    }
    for (module, file) in &args.docs_in_module {
        config.docs_in_module(module, file);
    }
    if !args.only.is_empty() {
        config.only(args.only.iter().cloned());
    }
    if args.no_doc_comments {
        config.doc_comments(false);
    }
    if args.no_typed_errors {
        config.typed_errors(false);
    }
    if args.no_default_derives {
        config.default_derives(false);
    }
    if args.no_conversions {
        config.conversions(false);
    }
    if args.no_inline_codecs {
        config.inline_codecs(false);
    }
    if args.shared_buffers {
        config.shared_buffers(true);
    }
    if args.no_format {
        config.format(false);
    }
    if let Some(threads) = args.threads {
        config.threads(threads.into());
    }
    if args.arbitrary {
        config.arbitrary(true);
    }
    let generated = match config.generate() {
        Ok(generated) => generated,
        Err(error) => {
            say_part!("error: {error}");
            if !error.to_string().ends_with('\n') {
                say!();
            }
            return 1;
        }
    };
    for warning in &generated.warnings {
        say!("{warning}\n");
    }
    for coverage in &generated.docs_coverage {
        say!("{coverage}");
    }
    if args.output.as_os_str() == "-" {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        return match out
            .write_all(generated.code.as_bytes())
            .and_then(|()| out.flush())
        {
            Ok(()) => 0,
            Err(e) => super::lines::stdout_failed(&e),
        };
    }
    // Like `Config::compile`: leave an unchanged file alone, so nothing rebuilds.
    if std::fs::read(&args.output).ok().as_deref() == Some(generated.code.as_bytes()) {
        return 0;
    }
    match std::fs::write(&args.output, &generated.code) {
        Ok(()) => 0,
        Err(e) => {
            say!("error: cannot write {}: {e}", args.output.display());
            1
        }
    }
}

/// `MODULE=FILE`.
fn module_schema(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((module, file)) if is_identifier(module) && !file.is_empty() => {
            Ok((module.to_owned(), PathBuf::from(file)))
        }
        _ => Err("expected MODULE=FILE, with MODULE a Rust identifier".into()),
    }
}

fn is_identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A derive must be a path: the generator splices it into `#[derive(...)]`.
fn derive_path(text: &str) -> Result<String, String> {
    syn::parse_str::<syn::Path>(text)
        .map(|_| text.to_owned())
        .map_err(|e| format!("not a derive path: {e}"))
}

/// An attribute must be one or more whole outer attributes: the generator splices the
/// text before every item.
fn attribute(text: &str) -> Result<String, String> {
    use syn::parse::Parser as _;
    match syn::Attribute::parse_outer.parse_str(text) {
        Ok(attributes) if !attributes.is_empty() => Ok(text.to_owned()),
        Ok(_) => Err("expected an attribute such as `#[non_exhaustive]`".into()),
        Err(e) => Err(format!("not an attribute (`#[...]`): {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_values_are_checked_before_they_reach_the_generator() {
        assert_eq!(
            module_schema("mtproto=schema/mtproto.tl").unwrap(),
            ("mtproto".to_owned(), PathBuf::from("schema/mtproto.tl"))
        );
        assert!(module_schema("schema/mtproto.tl").is_err());
        assert!(module_schema("not a module=x.tl").is_err());
        assert!(derive_path("serde::Serialize").is_ok());
        assert!(derive_path("Eq)]fn x(){}#[derive(").is_err());
        assert!(attribute("#[non_exhaustive]").is_ok());
        assert!(attribute("#[a] #[b(c)]").is_ok());
        assert!(attribute("fn x() {}").is_err());
        assert!(attribute("#[unbalanced").is_err());
        assert!(attribute("").is_err());
    }
}

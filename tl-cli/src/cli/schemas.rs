//! `--schema FILE...` for `tl encode` and `tl decode`: read, check together and index
//! the files, or explain why not.

use std::path::PathBuf;

use tl_parser::ParseOptions;
use tl_reflect::Registry;

use super::IdRuleArg;

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// A schema file; repeat for files read together (`--schema api.tl --schema mtproto.tl`).
    #[arg(long = "schema", short = 's', value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// How constructor IDs are computed where a schema writes none. Without it:
    /// Telegram's rule, or TDLib's and TON's literal rule for a schema that declares
    /// `bytes` itself (`bytes = Bytes;`, `bytes data:string = Bytes;`).
    #[arg(long, value_enum, value_name = "RULE")]
    pub id_rule: Option<IdRuleArg>,
}

/// The registry of the schemas; on failure the reasons are printed (the parser's
/// diagnostics for invalid schemas) and the caller exits with 2: without its schemas a
/// command cannot read any input.
pub fn load(args: &SchemaArgs) -> Option<Registry> {
    let mut texts = Vec::new();
    for path in &args.files {
        match std::fs::read(path) {
            Ok(bytes) => texts.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Err(e) => {
                say!("error: cannot read schema {}: {e}", path.display());
                return None;
            }
        }
    }
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let options = ParseOptions {
        id_rule: args.id_rule.map(Into::into).unwrap_or_default(),
        detect_id_rule: args.id_rule.is_none(),
        strict_ids: false,
    };
    match Registry::from_sources(&sources, &options) {
        Ok(registry) if registry.is_empty() => {
            say!("error: the schema files define no constructor or function");
            None
        }
        Ok(registry) => Some(registry),
        Err(error) => {
            say_part!("error: {error}");
            None
        }
    }
}

/// `--bare TYPE` / `--type TYPE`: values whose type the bytes do not say.
#[derive(clap::Args, Debug)]
pub struct TypeArgs {
    /// Bare values of TYPE (no constructor ID): a constructor (`inputPeerUser`), a type
    /// with one constructor, a primitive (`int`, `string`) or a vector (`vector<long>`).
    #[arg(long, value_name = "TYPE", conflicts_with = "boxed_type")]
    pub bare: Option<String>,
    /// Boxed values of TYPE, for what a constructor ID alone does not say: `Vector<long>`,
    /// `Vector<User>` (without it, any boxed constructor or function, as its ID says).
    #[arg(long = "type", value_name = "TYPE")]
    pub boxed_type: Option<String>,
}

impl TypeArgs {
    /// The type the values have, if one was given; `Err` explains a type the schemas
    /// cannot read or write in that form.
    pub fn resolve(&self, registry: &Registry) -> Result<Option<tl_reflect::TlType>, String> {
        let resolved = match (&self.bare, &self.boxed_type) {
            (Some(bare), _) => registry.bare_type(bare),
            (None, Some(boxed)) => registry.boxed_type(boxed),
            (None, None) => return Ok(None),
        };
        resolved.map(Some).map_err(|e| e.to_string())
    }
}

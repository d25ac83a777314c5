//! `tl diff OLD NEW`: what changed between two versions of a schema, judged for the wire
//! and for Rust source ([`tl_cli::diff`] does the work; this reads the files, prints
//! and picks the exit status).

use std::path::PathBuf;

use clap::ValueEnum;
use tl_cli::diff::{self, Axis, LoadError, Side};
use tl_parser::ParseOptions;

use super::IdRuleArg;

pub const EXAMPLES: &str = r#"Examples:
  tl diff old/api.tl schema/api.tl
  tl diff --old old/api.tl --old old/mtproto.tl --new api.tl --new mtproto.tl
  tl diff --format json old/api.tl schema/api.tl > changes.json
  tl diff --fail-on wire old/api.tl schema/api.tl      # a CI gate

Each side is one file (positional OLD NEW) or a set of files read together (--old and
--new, repeated). Files that define a name differently (api.tl's and mtproto.tl's
`message`) are generated into separate modules; compare them in separate runs.

Every change is judged twice: `wire` (can an old peer still talk to a new one?) and
`source` (does code using the old generated bindings still compile?). The report groups
changes by namespace; `+` added, `-` removed, `~` changed, `>` renamed; `[breaks ...]`
says what a change breaks. The JSON shape is documented in the README.

Exit status: 0 whatever changed, unless --fail-on is given: then 1 when a change breaks
that axis (for `source`, also when it cannot be judged); 2 on bad usage (arguments,
unreadable files, schemas with errors, which are printed as the parser's diagnostics)."#;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old schema file (for a set of files, use --old instead).
    #[arg(
        value_name = "OLD",
        requires = "new_file",
        conflicts_with_all = ["old", "new"],
        required_unless_present_any = ["old", "new"]
    )]
    pub old_file: Option<PathBuf>,
    /// The new schema file (for a set of files, use --new instead).
    #[arg(value_name = "NEW")]
    pub new_file: Option<PathBuf>,
    /// A file of the old version; repeat for files read together.
    #[arg(long, value_name = "FILE", requires = "new")]
    pub old: Vec<PathBuf>,
    /// A file of the new version; repeat for files read together.
    #[arg(long, value_name = "FILE", requires = "old")]
    pub new: Vec<PathBuf>,
    /// `text`: the readable report; `json`: one JSON document for tools.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub format: Format,
    /// Exit with 1 when a change breaks AXIS (`wire`, `source`, or `wire,source`).
    #[arg(long, value_enum, value_name = "AXIS", value_delimiter = ',')]
    pub fail_on: Vec<Gate>,
    /// How IDs are computed where a schema writes none. Without it: Telegram's rule, or
    /// TDLib's and TON's literal rule for a schema that declares `bytes` itself
    /// (`bytes = Bytes;`, `bytes data:string = Bytes;`).
    #[arg(long, value_enum, value_name = "RULE")]
    pub id_rule: Option<IdRuleArg>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `--fail-on`
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Gate {
    /// Changes that an old peer and a new one would misread.
    Wire,
    /// Changes that break Rust code written against the old bindings.
    Source,
}

impl From<Gate> for Axis {
    fn from(gate: Gate) -> Axis {
        match gate {
            Gate::Wire => Axis::Wire,
            Gate::Source => Axis::Source,
        }
    }
}

pub fn run(args: &Args) -> i32 {
    let (old_files, new_files) = match (&args.old_file, &args.new_file) {
        (Some(old), Some(new)) => (vec![old.clone()], vec![new.clone()]),
        _ => (args.old.clone(), args.new.clone()),
    };
    let options = ParseOptions {
        id_rule: args.id_rule.map(Into::into).unwrap_or_default(),
        detect_id_rule: args.id_rule.is_none(),
        strict_ids: false,
    };
    let Some(old) = load("old", &old_files, &options) else {
        return 2;
    };
    let Some(new) = load("new", &new_files, &options) else {
        return 2;
    };
    let report = diff::compare(&old, &new);
    let output = match args.format {
        Format::Text => report.to_text(),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    // A closed pipe (`tl diff ... | head`) is not an error of ours; a report that could not
    // be written otherwise (a full disk) is.
    let mut failed = match super::lines::write_stdout(&output) {
        Ok(()) | Err(0) => false,
        Err(_) => true,
    };
    for &gate in &args.fail_on {
        let count = report.breaking(gate.into()).count();
        if count > 0 {
            failed = true;
            let (name, what) = match gate {
                Gate::Wire => ("wire", "break the wire"),
                Gate::Source => ("source", "break Rust source (or cannot be judged)"),
            };
            say!("tl diff: {count} definition(s) or type(s) {what} (--fail-on {name})");
        }
    }
    i32::from(failed)
}

/// Reads and checks one side; on failure prints why and returns `None`.
fn load(label: &str, paths: &[PathBuf], options: &ParseOptions) -> Option<Side> {
    let mut texts = Vec::new();
    for path in paths {
        match std::fs::read(path) {
            Ok(bytes) => texts.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Err(e) => {
                say!("error: cannot read {label} schema {}: {e}", path.display());
                return None;
            }
        }
    }
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    match Side::from_sources(&sources, options) {
        Ok(side) => Some(side),
        Err(LoadError::Schema(diagnostics)) => {
            let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
            for d in &errors {
                say!("{d}\n");
            }
            say!("error: the {label} schemas have {} error(s)", errors.len());
            None
        }
        Err(error) => {
            say_part!("error: {label} schemas: {error}");
            None
        }
    }
}

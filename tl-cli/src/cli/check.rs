//! `tl check FILE...`

use std::path::PathBuf;

use tl_parser::ParseOptions;

use super::IdRuleArg;

pub const EXAMPLES: &str = "Examples:\n  tl check schema/api.tl schema/mtproto.tl\n  tl check --strict-ids td_api.tl\n  tl check --id-rule literal lite_api.tl\n\nExit status: 0 without errors (warnings allowed), 1 with errors, 2 on bad usage or an unreadable file.";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Schema files, validated together (types may be declared in any of them).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat an explicit ID that differs from the computed one as an error (the built-in
    /// allow-list of historical exceptions still applies).
    #[arg(long)]
    pub strict_ids: bool,
    /// How to compute IDs. Without it: Telegram's rule, or TDLib's and TON's literal rule
    /// for a schema that declares `bytes` itself (`bytes = Bytes;`, `bytes data:string =
    /// Bytes;`).
    #[arg(long, value_enum, value_name = "RULE")]
    pub id_rule: Option<IdRuleArg>,
}

pub fn run(args: &Args) -> i32 {
    let options = ParseOptions {
        id_rule: args.id_rule.map(Into::into).unwrap_or_default(),
        detect_id_rule: args.id_rule.is_none(),
        strict_ids: args.strict_ids,
    };
    let mut texts = Vec::new();
    let mut io_errors = false;
    for path in &args.files {
        match std::fs::read(path) {
            Ok(bytes) => texts.push((path.display().to_string(), bytes)),
            Err(e) => {
                say!("error: cannot read {}: {e}", path.display());
                io_errors = true;
            }
        }
    }
    if io_errors {
        return 2;
    }
    let mut results = Vec::new();
    let mut sources = Vec::new();
    for (name, bytes) in &texts {
        let r = tl_parser::parse_bytes(name, bytes, &options);
        sources.push(String::from_utf8_lossy(bytes).into_owned());
        results.push(r);
    }
    let set: Vec<tl_parser::SchemaFile> = texts
        .iter()
        .zip(&sources)
        .zip(&results)
        .map(|(((name, _), source), r)| tl_parser::SchemaFile {
            name,
            source,
            schema: &r.schema,
        })
        .collect();
    let set_diags = tl_parser::validate(&set);
    let mut errors = 0;
    let mut warnings = 0;
    for d in results
        .iter()
        .flat_map(|r| r.diagnostics.iter())
        .chain(set_diags.iter())
    {
        if d.is_error() {
            errors += 1;
        } else {
            warnings += 1;
        }
        say!("{d}\n");
    }
    let mut summary = String::new();
    for ((name, _), r) in texts.iter().zip(&results) {
        let c = r.schema.counts();
        let layer = r
            .schema
            .layer
            .map_or_else(|| "-".to_string(), |l| l.to_string());
        summary.push_str(&format!(
            "{name}: {} types, {} constructors, {} functions, {} builtins, layer {layer}, id rule {:?}\n",
            c.types, c.constructors, c.functions, c.builtins, r.id_rule
        ));
    }
    if errors > 0 || warnings > 0 {
        say!("{errors} error(s), {warnings} warning(s)");
    }
    match super::lines::write_stdout(&summary) {
        Ok(()) => i32::from(errors > 0),
        // A closed pipe still leaves the schemas' verdict as the exit code.
        Err(0) => i32::from(errors > 0),
        Err(code) => code,
    }
}

//! The `tl` command line: argument parsing (clap derive) and dispatch.

use clap::{Parser, Subcommand, ValueEnum};

/// `eprintln!` without its panic: a message that cannot be written (stderr closed or on a
/// full disk) is dropped, and the exit code still tells what happened.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` without its panic (see `say!`).
macro_rules! say_part {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod check;
pub mod decode;
pub mod diff;
pub mod encode;
pub mod generate;
pub mod id;
mod lines;
mod schemas;

/// Tools for TL (Type Language) schemas and the values they describe.
#[derive(Parser, Debug)]
#[command(
    name = "tl",
    version,
    about = "Tools for TL (Type Language) schemas",
    after_help = "Examples:\n  tl check schema/api.tl schema/mtproto.tl\n  tl id 'inputPhoto id:long access_hash:long file_reference:bytes = InputPhoto'\n  echo '{\"_\":\"inputPeerEmpty\"}' | tl encode --schema schema/api.tl\n  echo ea183b7f | tl decode --schema schema/api.tl\n  tl generate --schema schema/api.tl -o tl.rs\n  tl diff old/api.tl schema/api.tl\n\nRun `tl help COMMAND` for a command's options and examples."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and validate schema files together; print counts per file and diagnostics.
    #[command(after_help = check::EXAMPLES)]
    Check(check::Args),
    /// Print the computed constructor ID of a definition as 0x + 8 hex digits.
    #[command(after_help = id::EXAMPLES)]
    Id(id::Args),
    /// Encode TL-JSON values (one per line) to hex, walking the schemas at run time.
    #[command(after_help = encode::EXAMPLES)]
    Encode(encode::Args),
    /// Decode bytes (hex or base64 lines, or binary) to TL-JSON lines.
    #[command(after_help = decode::EXAMPLES)]
    Decode(decode::Args),
    /// Write the Rust bindings the build.rs API generates.
    #[command(after_help = generate::EXAMPLES)]
    Generate(generate::Args),
    /// Compare two versions of a schema: what changed, and what it breaks (wire, Rust source).
    #[command(after_help = diff::EXAMPLES)]
    Diff(diff::Args),
}

/// `--id-rule`
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IdRuleArg {
    /// Telegram: `bytes` parameters hash as `string`.
    Telegram,
    /// TDLib, TON: the text hashes as written.
    Literal,
}

impl From<IdRuleArg> for tl_parser::IdRule {
    fn from(r: IdRuleArg) -> Self {
        match r {
            IdRuleArg::Telegram => tl_parser::IdRule::Telegram,
            IdRuleArg::Literal => tl_parser::IdRule::Literal,
        }
    }
}

/// Parses the arguments (exiting with 2 on bad usage) and runs the command; returns the
/// exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Id(args) => id::run(&args),
        Command::Encode(args) => encode::run(&args),
        Command::Decode(args) => decode::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Diff(args) => diff::run(&args),
    }
}

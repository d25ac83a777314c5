//! `tl`: check TL schemas, compute constructor IDs, encode and decode TL-JSON values with
//! any schema, generate bindings outside build.rs, and compare two versions of a schema.
//!
//! Each subcommand lives in its own file under `src/cli/`; to add one, add a variant to
//! [`cli::Command`] and a module with its `Args` struct and `run` function. The work of
//! `tl diff` is the library's ([`tl_cli::diff`]).

mod cli;

fn main() {
    std::process::exit(cli::main());
}

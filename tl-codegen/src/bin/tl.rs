//! `tl`: check TL schemas, compute constructor IDs, encode and decode TL-JSON values with
//! any schema, and generate bindings outside build.rs.
//!
//! Each subcommand lives in its own file under `src/cli/`; to add one, add a variant to
//! [`cli::Command`] and a module with its `Args` struct and `run` function.

#[path = "../cli/mod.rs"]
mod cli;

fn main() {
    std::process::exit(cli::main());
}

//! `tl encode --schema FILE... [--bare TYPE | --type TYPE] [INPUT]`: TL-JSON lines to
//! lowercase hex lines.

use std::path::PathBuf;

use tl_reflect::EncodeOptions;

use super::lines;
use super::schemas::{self, SchemaArgs, TypeArgs};

pub const EXAMPLES: &str = r#"Examples:
  echo '{"_":"messages.exportChatInvite","legacy_revoke_permanent":true,"request_needed":true,"peer":{"_":"inputPeerUser","user_id":1234567890,"access_hash":-5},"expire_date":43,"usage_limit":43,"title":"My very normal title"}' | tl encode --schema schema/api.tl
    90de55a41f0000004ca5e8ddd202964900000000fbffffffffffffff2b0000002b000000144d792076657279206e6f726d616c207469746c65000000
  echo '{"_":"inputPeerUser","user_id":1,"access_hash":2}' | tl encode -s schema/api.tl --bare inputPeerUser
  echo '[1,2]' | tl encode -s schema/api.tl --type 'Vector<long>'
  tl encode -s schema/api.tl -s schema/mtproto.tl values.jsonl > values.hex

Input: one TL-JSON value per line (see TL-JSON.md): objects name their constructor or
function in "_"; flags words are derived; `bytes` are base64, int128/int256 hex.
Output line N answers input line N; a line that fails is left empty on stdout and its
error, with the line number and the JSON path, goes to stderr.

Exit status: 0 when every line encoded, 1 when any failed (the others are still
written), 2 on bad usage (arguments, unreadable input, schemas with errors)."#;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub schema: SchemaArgs,
    #[command(flatten)]
    pub ty: TypeArgs,
    /// TL-JSON lines to read (default: stdin).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
}

pub fn run(args: &Args) -> i32 {
    let Some(registry) = schemas::load(&args.schema) else {
        return 2;
    };
    let ty = match args.ty.resolve(&registry) {
        Ok(ty) => ty,
        Err(error) => {
            say!("error: {error}");
            return 2;
        }
    };
    let input = match lines::open(args.input.as_ref()) {
        Ok(input) => input,
        Err(error) => {
            say!("error: {error}");
            return 2;
        }
    };
    let options = EncodeOptions::default();
    lines::answer_each(input, |line| {
        // A key given twice is an error, not the last one kept.
        let value = tl_reflect::parse_json(line).map_err(|e| format!("invalid JSON: {e}"))?;
        let bytes = registry
            .encode(ty.as_ref(), &value, &options)
            .map_err(|e| e.to_string())?;
        Ok(hex::encode(bytes))
    })
}

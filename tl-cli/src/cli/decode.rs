//! `tl decode --schema FILE... [--bare TYPE | --type TYPE] [--format hex|base64|binary]
//! [--pretty] [INPUT]`: bytes to TL-JSON lines.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use tl_reflect::{DecodeOptions, Registry, TlType};

use super::lines;
use super::schemas::{self, SchemaArgs, TypeArgs};

pub const EXAMPLES: &str = r#"Examples:
  echo 90de55a41f0000004ca5e8ddd202964900000000fbffffffffffffff2b0000002b000000144d792076657279206e6f726d616c207469746c65000000 | tl decode --schema schema/api.tl
    {"_":"messages.exportChatInvite","legacy_revoke_permanent":true,"request_needed":true,"peer":{"_":"inputPeerUser","user_id":1234567890,"access_hash":-5},"expire_date":43,"usage_limit":43,"title":"My very normal title"}
  tl decode -s schema/api.tl -s schema/mtproto.tl --format binary --pretty message.bin
  echo 'AQAAAAIAAAAAAAAA' | tl decode -s schema/api.tl --format base64 --bare 'vector<long>'

Input: hex (whitespace inside a line is ignored) or base64, one value per line; or
with --format binary the whole input as one value. A boxed value needs no type: its
constructor or function ID says it. `Object` fields (rpc_result.result, message.body)
are decoded into the value they hold when their bytes are one, else left as base64.
Output line N answers input line N; a line that fails is left empty on stdout and its
error, with the line number, the JSON path and the byte offset, goes to stderr.

Exit status: 0 when every value decoded, 1 when any failed (the others are still
written), 2 on bad usage (arguments, unreadable input, schemas with errors)."#;

/// `--format`
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One value per line, in hex (either case; whitespace ignored).
    Hex,
    /// One value per line, in standard base64 with padding.
    Base64,
    /// The whole input is the bytes of one value.
    Binary,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub schema: SchemaArgs,
    #[command(flatten)]
    pub ty: TypeArgs,
    /// How the input's bytes are written.
    #[arg(long, value_enum, default_value = "hex", value_name = "FORMAT")]
    pub format: Format,
    /// Indented JSON, for reading (one value then spans several lines).
    #[arg(long)]
    pub pretty: bool,
    /// Write every `Object` field as base64 of its raw bytes, as generated code does.
    #[arg(long)]
    pub raw_objects: bool,
    /// The input to read (default: stdin).
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
    let mut input = match lines::open(args.input.as_ref()) {
        Ok(input) => input,
        Err(error) => {
            say!("error: {error}");
            return 2;
        }
    };
    let decoder = Decoder {
        registry: &registry,
        ty: ty.as_ref(),
        options: DecodeOptions {
            raw_objects: args.raw_objects,
            ..DecodeOptions::default()
        },
        pretty: args.pretty,
    };
    match args.format {
        Format::Hex => lines::answer_each(input, |line| decoder.decode(&from_hex(line)?)),
        Format::Base64 => lines::answer_each(input, |line| decoder.decode(&from_base64(line)?)),
        Format::Binary => {
            let mut bytes = Vec::new();
            if let Err(e) = input.read_to_end(&mut bytes) {
                say!("error: reading the input: {e}");
                return 2;
            }
            match decoder.decode(&bytes) {
                Ok(json) => {
                    let mut out = std::io::stdout().lock();
                    match writeln!(out, "{json}").and_then(|()| out.flush()) {
                        Ok(()) => 0,
                        Err(e) => lines::stdout_failed(&e),
                    }
                }
                Err(error) => {
                    say!("error: {error}");
                    1
                }
            }
        }
    }
}

struct Decoder<'r> {
    registry: &'r Registry,
    ty: Option<&'r TlType>,
    options: DecodeOptions,
    pretty: bool,
}

impl Decoder<'_> {
    /// The TL-JSON text of one value.
    fn decode(&self, bytes: &[u8]) -> Result<String, String> {
        let value = self
            .registry
            .decode(self.ty, bytes, &self.options)
            .map_err(|e| e.to_string())?;
        let text = if self.pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        text.map_err(|e| e.to_string())
    }
}

/// Hex digits of either case; ASCII whitespace anywhere is ignored (hex dumps).
fn from_hex(line: &[u8]) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = line
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if let Some(at) = digits.iter().position(|b| !b.is_ascii_hexdigit()) {
        let shown = String::from_utf8_lossy(&digits[at..]);
        let shown: String = shown.chars().take(1).collect();
        return Err(format!(
            "invalid hex: {shown:?} at digit {} is not a hex digit",
            at + 1
        ));
    }
    if digits.len() % 2 != 0 {
        return Err(format!(
            "invalid hex: an odd number of digits ({}): each byte takes two",
            digits.len()
        ));
    }
    hex::decode(&digits).map_err(|e| format!("invalid hex: {e}"))
}

/// Standard base64 with padding; surrounding whitespace is ignored.
fn from_base64(line: &[u8]) -> Result<Vec<u8>, String> {
    tl_runtime::json::decode_base64(line.trim_ascii())
        .map_err(|e| format!("invalid base64 (standard alphabet, with padding): {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_lines() {
        assert_eq!(from_hex(b"0aFF 10\t").unwrap(), vec![10, 255, 16]);
        assert_eq!(
            from_hex(b"abc").unwrap_err(),
            "invalid hex: an odd number of digits (3): each byte takes two"
        );
        assert_eq!(
            from_hex(b"abxz").unwrap_err(),
            "invalid hex: \"x\" at digit 3 is not a hex digit"
        );
    }

    #[test]
    fn base64_lines() {
        assert_eq!(from_base64(b" AQI= ").unwrap(), vec![1, 2]);
        assert!(from_base64(b"AQI").is_err());
    }
}

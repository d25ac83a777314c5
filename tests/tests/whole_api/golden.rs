//! Golden vectors: TL-JSON values with the bytes independent implementations (Telethon,
//! GramJS, mtcute for Telegram; pytoniq-core, ton-tl for TON) produced for them. For every line, the value must encode to exactly
//! `hex`, and `hex` must decode back to exactly the value; every proper prefix of `hex`
//! must decode to an error.
//!
//! The vectors are copied (gzip-compressed) from `shared/golden` into `tests/golden`.
//! Set `TL_GOLDEN_EXTRA` to a directory to also run every `*.jsonl` file in it.

use crate::common::{read_lines, same_json};

use std::path::{Path, PathBuf};

use serde_json::Value;
use tl_runtime::json::{Item, TypeVisitor};
use tl_runtime::{BoxedDecode, DecodeError};
use tl_tests::{gramjs, telethon, ton};

/// What went wrong with one vector, if anything.
struct CheckVector<'a> {
    value: &'a Value,
    bytes: &'a [u8],
}

impl TypeVisitor for CheckVector<'_> {
    type Output = Result<(), String>;

    fn visit<T: Item>(self) -> Result<(), String> {
        // JSON → value → bytes.
        let typed: T = serde_json::from_value(self.value.clone())
            .map_err(|e| format!("TL-JSON not accepted: {e}"))?;
        let encoded = typed
            .to_boxed_bytes()
            .map_err(|e| format!("encode failed: {e}"))?;
        if typed.boxed_len() != encoded.len() {
            return Err(format!(
                "boxed_len {} but {} bytes written",
                typed.boxed_len(),
                encoded.len()
            ));
        }
        if encoded != self.bytes {
            return Err(format!(
                "encoded to\n  {}\nexpected\n  {}",
                hex::encode(&encoded),
                hex::encode(self.bytes)
            ));
        }
        // bytes → value → JSON.
        let decoded = T::from_boxed_bytes(self.bytes).map_err(|e| format!("decode failed: {e}"))?;
        let json = serde_json::to_value(&decoded).map_err(|e| format!("serialize failed: {e}"))?;
        if !same_json(&json, self.value) {
            return Err(format!("decoded to\n  {json}\nexpected\n  {}", self.value));
        }
        // Every proper prefix is an error, never a panic.
        for len in 0..self.bytes.len() {
            if let Ok(value) = T::from_boxed_bytes(&self.bytes[..len]) {
                return Err(format!("the {len}-byte prefix decoded to {value:?}"));
            }
        }
        Ok(())
    }
}

fn check_line(line: &str) -> Result<(), String> {
    let record: Value = serde_json::from_str(line).map_err(|e| format!("bad JSON line: {e}"))?;
    let schema = record["schema"].as_str().ok_or("no `schema`")?;
    let value = &record["value"];
    let name = value["_"].as_str().ok_or("value without `_`")?;
    let bytes =
        hex::decode(record["hex"].as_str().ok_or("no `hex`")?).map_err(|e| e.to_string())?;
    let check = CheckVector {
        value,
        bytes: &bytes,
    };
    let found = match schema {
        s if s.starts_with("telethon") => telethon::registry::by_name(name, check),
        s if s.starts_with("gramjs") => gramjs::registry::by_name(name, check),
        "pytoniq-lite_api.tl" => ton::lite_api::registry::by_name(name, check),
        "pytoniq-ton_api.tl" => ton::ton_api::registry::by_name(name, check),
        _ => return Err(format!("unknown schema `{schema}`")),
    };
    found.ok_or_else(|| format!("`{name}` is not in {schema}"))?
}

/// The golden files: Telegram's, then TON's.
pub(crate) const GOLDEN_FILES: [&str; 6] = [
    "telethon",
    "gramjs",
    "telethon-single",
    "gramjs-single",
    "ton-pytoniq",
    "ton-tontl",
];

/// Runs `check_line` on every non-empty line of a golden-vector file: how many lines it
/// checked, and the failures, each with its file and line number.
pub(crate) fn run_file(
    path: &Path,
    check_line: fn(&str) -> Result<(), String>,
) -> (usize, Vec<String>) {
    let text = read_lines(path);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        checked += 1;
        if let Err(why) = check_line(line) {
            failures.push(format!("{}:{}: {why}", path.display(), number + 1));
        }
    }
    (checked, failures)
}

fn golden_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut files: Vec<PathBuf> = GOLDEN_FILES
        .iter()
        .map(|name| dir.join(format!("{name}.jsonl.gz")))
        .collect();
    if let Some(extra) = std::env::var_os("TL_GOLDEN_EXTRA") {
        let mut more: Vec<PathBuf> = std::fs::read_dir(&extra)
            .unwrap_or_else(|e| panic!("TL_GOLDEN_EXTRA={}: {e}", Path::new(&extra).display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        more.sort();
        println!("TL_GOLDEN_EXTRA: {} more file(s)", more.len());
        files.extend(more);
    }
    files
}

#[test]
fn golden_vectors_encode_and_decode_exactly() {
    let mut total = 0;
    let mut all_failures = Vec::new();
    for file in golden_files() {
        let (checked, failures) = run_file(&file, check_line);
        println!(
            "{}: {checked} vectors, {} failed",
            file.display(),
            failures.len()
        );
        total += checked;
        all_failures.extend(failures);
    }
    println!(
        "golden vectors checked: {total}, failed: {}",
        all_failures.len()
    );
    for failure in all_failures.iter().take(30) {
        println!("{failure}");
    }
    assert!(total > 17_000, "only {total} golden vectors read");
    assert!(
        all_failures.is_empty(),
        "{} of {total} golden vectors failed (first ones above)",
        all_failures.len()
    );
}

#[test]
fn seed_request_matches_three_implementations() {
    use gramjs::{enums, functions, types};
    let request = functions::messages::ExportChatInvite {
        flags: 0,
        legacy_revoke_permanent: true,
        request_needed: true,
        peer: enums::InputPeer::User(types::InputPeerUser {
            user_id: 1234567890,
            access_hash: -5,
        }),
        expire_date: Some(43),
        usage_limit: Some(43),
        title: Some("My very normal title".to_owned()),
        subscription_pricing: None,
    };
    let expected = "90de55a41f0000004ca5e8ddd202964900000000fbffffffffffffff2b0000002b000000144d792076657279206e6f726d616c207469746c65000000";
    assert_eq!(
        hex::encode(tl_runtime::BoxedEncode::to_boxed_bytes(&request).unwrap()),
        expected
    );
}

#[test]
fn decode_errors_carry_offsets() {
    let bytes = hex::decode("90de55a41f000000deadbeef").unwrap();
    let err: DecodeError =
        gramjs::functions::messages::ExportChatInvite::from_boxed_bytes(&bytes).unwrap_err();
    assert_eq!(err.offset, 8);
    assert_eq!(
        err.to_string(),
        "unknown constructor 0xefbeadde for InputPeer at byte 8"
    );
}

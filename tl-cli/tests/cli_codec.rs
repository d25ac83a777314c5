//! The real `tl` binary: `tl encode` / `tl decode` on every golden vector (one process per
//! file and direction), the seed request, and bad input on every command (clear error,
//! right exit code, no panic); `tl generate` against the build.rs API.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SEED_JSON: &str = r#"{"_":"messages.exportChatInvite","legacy_revoke_permanent":true,"request_needed":true,"expire_date":43,"usage_limit":43,"title":"My very normal title","peer":{"_":"inputPeerUser","user_id":1234567890,"access_hash":-5}}"#;
const SEED_HEX: &str = "90de55a41f0000004ca5e8ddd202964900000000fbffffffffffffff2b0000002b000000144d792076657279206e6f726d616c207469746c65000000";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

/// Runs `tl ARGS` in the repository root with `stdin` as input.
fn tl(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tl");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    // Written from another thread: the child may fill its stdout before reading it all.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("wait for tl");
    writer.join().expect("stdin writer");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "tl {args:?} panicked:\n{stderr}"
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// JSON equality where numbers compare by value and key order is free.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn golden_records(file: &str) -> Vec<Value> {
    let path = repo_root().join("tests/golden").join(file);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(raw.as_slice())
        .read_to_string(&mut text)
        .expect("gzip");
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect()
}

/// Every vector of `file` through one `tl encode` and one `tl decode` process, with the
/// schema pair the file's implementation produced it from.
fn round_trip_file(file: &str, peer: &str) {
    let records = golden_records(file);
    assert!(records.iter().all(|r| r["peer"] == peer), "{file}");
    let api = format!("tests/golden/schemas/{peer}-api.tl");
    let mtproto = format!("tests/golden/schemas/{peer}-mtproto.tl");
    round_trip_records(file, &records, &[&api, &mtproto]);
}

/// `records` through one `tl encode` and one `tl decode` process, with `schemas`.
fn round_trip_records(file: &str, records: &[Value], schemas: &[&str]) {
    let schema_args: Vec<&str> = schemas.iter().flat_map(|s| ["--schema", s]).collect();

    let mut values = String::new();
    let mut hexes = String::new();
    for record in records {
        values.push_str(&record["value"].to_string());
        values.push('\n');
        hexes.push_str(record["hex"].as_str().expect("hex"));
        hexes.push('\n');
    }

    let encoded = tl(
        &[&["encode"][..], &schema_args[..]].concat(),
        values.as_bytes(),
    );
    assert_eq!(
        encoded.status.code(),
        Some(0),
        "{file}: {}",
        stderr(&encoded)
    );
    let encoded = stdout(&encoded);
    let encoded: Vec<&str> = encoded.lines().collect();
    assert_eq!(encoded.len(), records.len(), "{file}: one line per value");
    let mismatches: Vec<usize> = (0..records.len())
        .filter(|&i| encoded[i] != records[i]["hex"])
        .collect();
    assert!(
        mismatches.is_empty(),
        "{file}: {} vectors encode differently, first at line {}",
        mismatches.len(),
        mismatches[0] + 1
    );

    let decoded = tl(
        &[&["decode"][..], &schema_args[..]].concat(),
        hexes.as_bytes(),
    );
    assert_eq!(
        decoded.status.code(),
        Some(0),
        "{file}: {}",
        stderr(&decoded)
    );
    let decoded = stdout(&decoded);
    let decoded: Vec<&str> = decoded.lines().collect();
    assert_eq!(decoded.len(), records.len(), "{file}: one line per value");
    for (i, (line, record)) in decoded.iter().zip(records).enumerate() {
        let value: Value = serde_json::from_str(line).expect("decode prints JSON");
        assert!(
            same_json(&value, &record["value"]),
            "{file}:{}: decoded to\n  {line}\nexpected\n  {}",
            i + 1,
            record["value"]
        );
    }
    println!("{file}: {} vectors round-trip through tl", records.len());
}

#[test]
fn golden_telethon_round_trips_through_tl() {
    round_trip_file("telethon.jsonl.gz", "telethon");
}

#[test]
fn golden_gramjs_round_trips_through_tl() {
    round_trip_file("gramjs.jsonl.gz", "gramjs");
}

#[test]
fn golden_telethon_single_round_trips_through_tl() {
    round_trip_file("telethon-single.jsonl.gz", "telethon");
}

#[test]
fn golden_gramjs_single_round_trips_through_tl() {
    round_trip_file("gramjs-single.jsonl.gz", "gramjs");
}

/// TON's vectors (pytoniq-core, and ton-tl for what pytoniq cannot write), each schema
/// file alone: plain `#` counts, mode words with bits that no field uses, `(vector T)`,
/// pinned IDs and TON's ID rule.
#[test]
fn golden_ton_round_trips_through_tl() {
    for file in ["ton-pytoniq.jsonl.gz", "ton-tontl.jsonl.gz"] {
        let records = golden_records(file);
        for schema in ["pytoniq-lite_api.tl", "pytoniq-ton_api.tl"] {
            let of_schema: Vec<Value> = records
                .iter()
                .filter(|r| r["schema"] == schema)
                .cloned()
                .collect();
            assert!(!of_schema.is_empty(), "{file}: no value of {schema}");
            let path = format!("tests/golden/schemas/{schema}");
            round_trip_records(&format!("{file} ({schema})"), &of_schema, &[&path]);
        }
    }
}

#[test]
fn the_seed_request_against_the_vendored_schema() {
    let output = tl(
        &["encode", "--schema", "schema/api.tl"],
        format!("{SEED_JSON}\n").as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{SEED_HEX}\n"));
    assert!(output.stderr.is_empty());
    // And back, with mtproto.tl read too.
    let output = tl(
        &["decode", "-s", "schema/api.tl", "-s", "schema/mtproto.tl"],
        format!("{SEED_HEX}\n").as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value, serde_json::from_str::<Value>(SEED_JSON).unwrap());
}

#[test]
fn encode_reports_each_bad_line_and_goes_on() {
    let input = format!(
        "{SEED_JSON}\n{{\"_\": \"messages.exportChatInvite\",\n\n{{\"_\":\"inputPeerUsr\",\"user_id\":1,\"access_hash\":2}}\n{{\"_\":\"inputPeerEmpty\"}}\n{{\"_\":\"inputPeerChat\",\"chat_id\":\"1\"}}\n[1]\n"
    );
    let output = tl(&["encode", "--schema", "schema/api.tl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!("{SEED_HEX}\n\n\n\nea183b7f\n\n\n"),
        "output line N answers input line N"
    );
    let errors = stderr(&output);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 4, "{errors}");
    assert!(lines[0].starts_with("line 2: invalid JSON: "), "{errors}");
    assert_eq!(
        lines[1],
        "line 4: unknown constructor `inputPeerUsr` for a constructor or function (did you mean `inputPeerUser`?)"
    );
    assert_eq!(
        lines[2],
        "line 6: inputPeerChat.chat_id: expected long (a JSON integer), found string \"1\""
    );
    assert_eq!(
        lines[3],
        "line 7: expected a constructor or function (a JSON object with \"_\"), found an array of 1 element(s)"
    );
}

/// A key given twice would leave one of its values unused: an error, not the last one kept.
#[test]
fn encode_rejects_a_key_given_twice() {
    let input = "{\"_\":\"inputPeerUser\",\"user_id\":1,\"access_hash\":2,\"user_id\":3}\n";
    let output = tl(&["encode", "--schema", "schema/api.tl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "\n");
    assert_eq!(
        stderr(&output),
        "line 1: invalid JSON: key `user_id` given twice in one object at line 1 column 58\n"
    );
}

#[test]
fn encode_with_a_type() {
    let output = tl(
        &["encode", "-s", "schema/api.tl", "--bare", "inputPeerUser"],
        br#"{"_":"inputPeerUser","user_id":1,"access_hash":2}"#,
    );
    assert_eq!(stdout(&output), "01000000000000000200000000000000\n");
    let output = tl(
        &["encode", "-s", "schema/api.tl", "--type", "Vector<long>"],
        b"[1,2]\n",
    );
    assert_eq!(
        stdout(&output),
        "15c4b51c0200000001000000000000000200000000000000\n"
    );
    let output = tl(
        &["encode", "-s", "schema/api.tl", "--bare", "InputPeer"],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: type `InputPeer`: it has"));
    let output = tl(
        &["encode", "-s", "schema/api.tl", "--type", "NoSuchType"],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: type `NoSuchType`: unknown type `NoSuchType`\n"
    );
    let output = tl(
        &[
            "encode",
            "-s",
            "schema/api.tl",
            "--type",
            "X",
            "--bare",
            "Y",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn decode_reports_each_bad_line_and_goes_on() {
    let truncated = &SEED_HEX[..40];
    let input =
        format!("{SEED_HEX}\n{truncated}\nabc\n90de55a4zz\n\n{SEED_HEX}00000000\nea183b7f\n");
    let output = tl(&["decode", "--schema", "schema/api.tl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert!(lines[0].starts_with(r#"{"_":"messages.exportChatInvite""#));
    assert_eq!(&lines[1..6], ["", "", "", "", ""]);
    assert_eq!(lines[6], r#"{"_":"inputPeerEmpty"}"#);
    assert_eq!(
        stderr(&output),
        "line 2: messages.exportChatInvite.peer.access_hash: unexpected end of input: needed 8 bytes, 0 left at byte 20\n\
         line 3: invalid hex: an odd number of digits (3): each byte takes two\n\
         line 4: invalid hex: \"z\" at digit 9 is not a hex digit\n\
         line 6: 4 trailing bytes after the value at byte 60\n"
    );
}

#[test]
fn decode_formats_and_pretty_output() {
    let output = tl(
        &[
            "decode",
            "-s",
            "schema/api.tl",
            "--format",
            "base64",
            "--bare",
            "vector<long>",
        ],
        b"AQAAAAIAAAAAAAAA\n%%%\n",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "[2]\n\n");
    assert!(stderr(&output).starts_with("line 2: invalid base64"));
    let binary = hex::decode(SEED_HEX).unwrap();
    let output = tl(
        &[
            "decode",
            "-s",
            "schema/api.tl",
            "--format",
            "binary",
            "--pretty",
        ],
        &binary,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("{\n  \"_\": \"messages.exportChatInvite\",\n"));
    let output = tl(
        &["decode", "-s", "schema/api.tl", "--format", "binary"],
        &binary[..30],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).starts_with("error: messages.exportChatInvite.expire_date: unexpected end")
    );
    let output = tl(&["decode", "-s", "schema/api.tl", "--format", "octal"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid value 'octal'"));
}

#[test]
fn the_wrong_schema_is_a_clear_per_line_error() {
    // The seed call needs api.tl; mtproto.tl alone does not have it.
    let output = tl(&["encode", "-s", "schema/mtproto.tl"], SEED_JSON.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "line 1: unknown constructor `messages.exportChatInvite` for a constructor or function\n"
    );
    let output = tl(&["decode", "-s", "schema/mtproto.tl"], SEED_HEX.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "line 1: unknown constructor 0xa455de90: no constructor or function of the schema has this ID at byte 0\n"
    );
}

#[test]
fn bad_schemas_and_arguments_are_usage_errors() {
    for command in ["encode", "decode"] {
        let output = tl(&[command], b"");
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(stderr(&output).contains("--schema <FILE>"));
        let output = tl(&[command, "-s", "no/such/file.tl"], b"");
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).starts_with("error: cannot read schema no/such/file.tl: "));
        // Not a schema at all: the parser's diagnostics, with file, line and caret.
        let output = tl(&[command, "-s", "README.md"], b"");
        assert_eq!(output.status.code(), Some(2));
        let errors = stderr(&output);
        assert!(
            errors.starts_with("error: the TL schemas have "),
            "{errors}"
        );
        assert!(errors.contains(" --> README.md:1:"), "{errors}");
        let output = tl(&[command, "-s", "schema/api.tl", "no/such/input"], b"");
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).starts_with("error: cannot read no/such/input: "));
        let output = tl(&[command, "-s", "schema/api.tl", "--no-such-flag"], b"");
        assert_eq!(output.status.code(), Some(2));
    }
}

#[test]
fn every_command_has_help_with_examples() {
    for command in [
        &["--help"][..],
        &["check", "--help"],
        &["id", "--help"],
        &["encode", "--help"],
        &["decode", "--help"],
        &["generate", "--help"],
    ] {
        let output = tl(command, b"");
        assert_eq!(output.status.code(), Some(0), "{command:?}");
        assert!(stdout(&output).contains("Examples:"), "{command:?}");
    }
}

fn temp_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn generate_writes_what_the_build_api_writes() {
    let schema = repo_root().join("examples/tiny");
    let tl_files: Vec<PathBuf> = std::fs::read_dir(&schema)
        .expect("examples/tiny")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    let file = tl_files.first().expect("examples/tiny has a .tl schema");
    let relative = file
        .strip_prefix(repo_root())
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let out = temp_path("generated_tiny.rs");
    let _ = std::fs::remove_file(&out);
    let output = tl(
        &[
            "generate",
            "--schema",
            &relative,
            "--serde",
            "--derive",
            "Default",
            "--attribute",
            "#[allow(missing_docs)]",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(&out).unwrap();
    // The API from here (another working directory, so an absolute path): file names
    // only appear in the docs of `schema_in_module` modules, so the code is the same.
    let expected = tl_codegen::Config::new()
        .schema(file)
        .serde(true)
        .derive("Default")
        .attribute("#[allow(missing_docs)]")
        .generate()
        .unwrap()
        .code;
    assert_eq!(written, expected);
    // `-o -`: stdout.
    let output = tl(
        &[
            "generate",
            "-s",
            &relative,
            "--serde",
            "--derive",
            "Default",
            "--attribute",
            "#[allow(missing_docs)]",
            "-o",
            "-",
        ],
        b"",
    );
    assert_eq!(stdout(&output), expected);
}

#[test]
fn generate_with_modules_matches_the_build_api() {
    let out = temp_path("generated_schema.rs");
    let output = tl(
        &[
            "generate",
            "-s",
            "schema/api.tl",
            "--schema-in-module",
            "mtproto=schema/mtproto.tl",
            "--registry",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(&out).unwrap();
    let root = repo_root();
    let expected = tl_codegen::Config::new()
        .schema(root.join("schema/api.tl"))
        .schema_in_module("mtproto", root.join("schema/mtproto.tl"))
        .registry(true)
        .generate()
        .unwrap()
        .code;
    // Identical but for the file names in the module's doc line.
    let absolute = format!("{}/", root.display());
    assert_eq!(written, expected.replace(&absolute, ""));
    assert!(written.contains("pub mod mtproto {"));
}

#[test]
fn generate_with_docs_matches_the_build_api() {
    let out = temp_path("generated_with_docs.rs");
    let output = tl(
        &[
            "generate",
            "-s",
            "schema/api.tl",
            "--docs",
            "schema/api-schema.json",
            "--docs",
            "schema/raw-errors.json",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The coverage report (the docs are for an older layer than the schema).
    assert!(
        stderr(&output).contains("documented"),
        "{}",
        stderr(&output)
    );
    let written = std::fs::read_to_string(&out).unwrap();
    let root = repo_root();
    let expected = tl_codegen::Config::new()
        .schema(root.join("schema/api.tl"))
        .docs(root.join("schema/api-schema.json"))
        .docs(root.join("schema/raw-errors.json"))
        .generate()
        .unwrap()
        .code;
    let absolute = format!("{}/", root.display());
    assert_eq!(written, expected.replace(&absolute, ""));
    assert!(written.contains("Export an invite link for a chat"));
    assert!(written.contains("CHAT_ADMIN_REQUIRED"));

    // The two switches leave the doc comments and the typed errors out.
    let bare = tl(
        &[
            "generate",
            "-s",
            "schema/api.tl",
            "--docs",
            "schema/api-schema.json",
            "--docs",
            "schema/raw-errors.json",
            "--no-doc-comments",
            "--no-typed-errors",
            "-o",
            "-",
        ],
        b"",
    );
    assert_eq!(bare.status.code(), Some(0), "{}", stderr(&bare));
    let bare = stdout(&bare);
    assert!(!bare.contains("Export an invite link for a chat"));
    assert!(!bare.contains("ErrorName"));
    assert!(bare.len() < written.len());

    let missing = tl(
        &[
            "generate",
            "-s",
            "schema/api.tl",
            "--docs",
            "no/such.json",
            "-o",
            "-",
        ],
        b"",
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no/such.json"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn generate_reports_bad_schemas_and_options() {
    let out = temp_path("never_written.rs");
    let out = out.to_str().unwrap();
    let output = tl(&["generate", "-s", "README.md", "-o", out], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(" --> README.md:1:"));
    let output = tl(&["generate", "-s", "no/such.tl", "-o", out], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: no/such.tl: "));
    let output = tl(&["generate", "-o", out], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = tl(&["generate", "-s", "schema/mtproto.tl"], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = tl(
        &[
            "generate",
            "-s",
            "schema/mtproto.tl",
            "--derive",
            "Eq)]",
            "-o",
            out,
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a derive path"));
    let output = tl(
        &[
            "generate",
            "-s",
            "schema/mtproto.tl",
            "--attribute",
            "fn x() {}",
            "-o",
            out,
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let output = tl(
        &[
            "generate",
            "--schema-in-module",
            "schema/mtproto.tl",
            "-o",
            out,
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("MODULE=FILE"));
    let output = tl(
        &[
            "generate",
            "-s",
            "schema/mtproto.tl",
            "-o",
            "no/such/dir/out.rs",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: cannot write no/such/dir/out.rs: "));
    assert!(!Path::new(out).exists());
}

/// Every command with its output going nowhere: a full disk is an error (exit 1, said on
/// stderr), a closed pipe is the reader's choice (exit 0 unless the command failed anyway);
/// never a panic.
#[test]
fn unwritable_output_is_an_error_and_a_closed_pipe_is_not() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full on this system: skipped");
        return;
    };
    let commands: [&[&str]; 5] = [
        &["check", "schema/mtproto.tl"],
        &["id", "foo a:int = Foo"],
        &["diff", "schema/mtproto.tl", "schema/api.tl"],
        &[
            "diff",
            "--format",
            "json",
            "schema/mtproto.tl",
            "schema/api.tl",
        ],
        &["generate", "-s", "schema/mtproto.tl", "-o", "-"],
    ];
    for args in commands {
        let output = Command::new(env!("CARGO_BIN_EXE_tl"))
            .args(args)
            .current_dir(repo_root())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let errors = stderr(&output);
        assert!(!errors.contains("panicked"), "tl {args:?}: {errors}");
        assert_eq!(output.status.code(), Some(1), "tl {args:?}: {errors}");
        assert!(
            errors.contains("error: writing the output: "),
            "tl {args:?}: {errors}"
        );
        // A closed pipe.
        let mut child = Command::new(env!("CARGO_BIN_EXE_tl"))
            .args(args)
            .current_dir(repo_root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let errors = stderr(&output);
        assert!(
            !errors.contains("panicked"),
            "tl {args:?} | closed: {errors}"
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "tl {args:?} | closed: {errors}"
        );
    }
}

/// Files that cannot be read are bad usage (exit 2) for every command, directories too.
#[test]
fn unreadable_files_exit_2() {
    for args in [
        &["check", "no/such.tl"][..],
        &["check", "schema"],
        &["decode", "-s", "schema/api.tl", "schema"],
        &["encode", "-s", "schema/api.tl", "schema"],
        &[
            "decode",
            "-s",
            "schema/api.tl",
            "--format",
            "binary",
            "schema",
        ],
        &["encode", "-s", "schema"],
    ] {
        let output = tl(args, b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "tl {args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("schema") || stderr(&output).contains("no/such.tl"),
            "tl {args:?}: {}",
            stderr(&output)
        );
    }
}

/// `tl id` puts the optional `;` after a trailing comment, not inside it.
#[test]
fn id_after_a_trailing_comment() {
    let plain = tl(&["id", "foo a:int = Foo"], b"");
    let commented = tl(&["id", "foo a:int = Foo // the answer"], b"");
    assert_eq!(commented.status.code(), Some(0), "{}", stderr(&commented));
    assert_eq!(stdout(&commented), stdout(&plain));
    let empty = tl(&["id", ""], b"");
    assert_eq!(empty.status.code(), Some(1));
    assert!(stderr(&empty).contains("expected exactly one definition, found 0"));
}

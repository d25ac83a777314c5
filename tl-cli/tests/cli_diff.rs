//! The real `tl diff` binary: the readable report and its grouping, the JSON shape,
//! `--fail-on` as a CI gate (exit codes), and bad usage (exit 2, a clear message, never a
//! panic).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const GRAMJS: &str = "tests/golden/schemas/gramjs-api.tl";
const TELETHON: &str = "tests/golden/schemas/telethon-api.tl";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

/// Runs `tl ARGS` in the repository root.
fn tl(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run tl");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "tl {args:?} panicked:\n{stderr}"
    );
    output
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` to a file of this test's own under the target directory.
fn schema_file(name: &str, text: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_diff");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write schema");
    path.display().to_string()
}

#[test]
fn readable_report_groups_by_namespace() {
    let out = tl(&["diff", GRAMJS, TELETHON]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "old: {GRAMJS} (no // LAYER line)\nnew: {TELETHON} (layer 229)\n"
        )),
        "{text}"
    );
    let expected = [
        "  ~ constructor chatParticipantCreator#e1f867b8  [breaks wire, source]",
        "      id changed: #e46bcee4 -> #e1f867b8  [breaks wire]",
        "      param added: rank:flags.0?string  [breaks wire, source: new field `rank: Option<String>`]",
        "  ~ constructor channelForbidden#17d493d5  [breaks source]",
        "  - function channels.editCreator#8f38cd1f  [breaks wire, source]",
        "  + constructor messageActionGiftTon#a8a3c699",
        "      result: Updates -> messages.ChatInviteJoinResult  [breaks wire, source: answer `enums::Updates` is now `enums::messages::ChatInviteJoinResult`]",
    ];
    for line in expected {
        assert!(text.lines().any(|l| l == line), "missing line {line:?}");
    }
    // Each namespace once, in order, the root first; its entries under it.
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("namespace "))
        .collect();
    assert_eq!(headers[0], "namespace (root):");
    let mut sorted = headers.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), headers.len(), "a namespace printed twice");
    let position = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(position("namespace messages:") < position("function messages.importChatInvite#"));
    assert!(position("function messages.importChatInvite#") < position("namespace payments:"));
}

#[test]
fn json_has_the_documented_shape() {
    let out = tl(&["diff", "--format", "json", GRAMJS, TELETHON]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(json["version"], 1);
    assert_eq!(json["old"]["files"][0], GRAMJS);
    assert_eq!(json["old"]["layer"], Value::Null);
    assert_eq!(json["new"]["layer"], 229);
    assert!(json["notes"].as_array().expect("notes").is_empty());
    let entries = json["entries"].as_array().expect("entries");

    // The summary counts the entries.
    for (kind, key) in [
        ("type", "types"),
        ("constructor", "constructors"),
        ("function", "functions"),
    ] {
        for status in ["added", "removed", "changed", "renamed"] {
            let n = entries
                .iter()
                .filter(|e| e["kind"] == kind && e["status"] == status)
                .count();
            assert_eq!(json["summary"][key][status], n, "{key} {status}");
        }
    }
    let breaking = |axis: &str| entries.iter().filter(|e| e[axis] == "breaking").count();
    assert_eq!(json["summary"]["wire_breaking"], breaking("wire"));
    assert_eq!(json["summary"]["source_breaking"], breaking("source"));

    // Every entry and change has every key.
    let entry_keys = [
        "kind",
        "status",
        "name",
        "namespace",
        "old_name",
        "old_id",
        "new_id",
        "old_definition",
        "new_definition",
        "wire",
        "source",
        "changes",
    ];
    let change_keys = [
        "change", "param", "from", "to", "wire", "source", "rust", "message",
    ];
    for e in entries {
        for key in entry_keys {
            assert!(e.get(key).is_some(), "entry without {key}: {e}");
        }
        for c in e["changes"].as_array().expect("changes") {
            for key in change_keys {
                assert!(c.get(key).is_some(), "change without {key}: {c}");
            }
        }
    }

    let entry = entries
        .iter()
        .find(|e| e["kind"] == "constructor" && e["name"] == "chatParticipantCreator")
        .expect("chatParticipantCreator");
    assert_eq!(entry["status"], "changed");
    assert_eq!(entry["namespace"], "");
    assert_eq!(entry["old_id"], "0xe46bcee4");
    assert_eq!(entry["new_id"], "0xe1f867b8");
    assert_eq!(
        entry["old_definition"],
        "chatParticipantCreator#e46bcee4 user_id:long = ChatParticipant;"
    );
    assert_eq!(
        (&entry["wire"], &entry["source"]),
        (&Value::from("breaking"), &Value::from("breaking"))
    );
    let rank = &entry["changes"][2];
    assert_eq!(rank["change"], "param_added");
    assert_eq!(rank["param"], "rank");
    assert_eq!(rank["from"], Value::Null);
    assert_eq!(rank["to"], "flags.0?string");
    assert_eq!(rank["rust"], "new field `rank: Option<String>`");
    assert_eq!(rank["message"], "param added: rank:flags.0?string");
    let id = &entry["changes"][0];
    assert_eq!(
        (&id["change"], &id["from"], &id["to"]),
        (
            &Value::from("id_changed"),
            &Value::from("0xe46bcee4"),
            &Value::from("0xe1f867b8")
        )
    );
}

#[test]
fn fail_on_gates_each_axis() {
    // username#b4073647 gained two `true` bits under the same ID (layer 229 -> 230):
    // compatible on the wire, new `bool` fields in Rust.
    let old = schema_file(
        "username_229.tl",
        "username#b4073647 flags:# editable:flags.0?true active:flags.1?true username:string = Username;\n",
    );
    let new = schema_file(
        "username_230.tl",
        "username#b4073647 flags:# editable:flags.0?true active:flags.1?true deletable:flags.2?true expired:flags.3?true username:string = Username;\n",
    );
    assert_eq!(
        code(&tl(&["diff", &old, &new])),
        0,
        "no gate: 0 whatever changed"
    );
    assert_eq!(code(&tl(&["diff", "--fail-on", "wire", &old, &new])), 0);
    let out = tl(&["diff", "--fail-on", "source", &old, &new]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("1 definition(s) or type(s) break Rust source"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        code(&tl(&["diff", "--fail-on", "wire,source", &old, &new])),
        1
    );
    assert_eq!(
        code(&tl(&[
            "diff",
            "--fail-on",
            "wire",
            "--fail-on",
            "source",
            &old,
            &new
        ])),
        1
    );

    // A re-ID breaks the wire and nothing in Rust.
    let reid = schema_file(
        "username_reid.tl",
        "username#12345678 flags:# editable:flags.0?true active:flags.1?true username:string = Username;\n",
    );
    let out = tl(&["diff", "--fail-on", "wire", &old, &reid]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("break the wire (--fail-on wire)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&tl(&["diff", "--fail-on", "source", &old, &reid])), 0);

    // Nothing changed: every gate passes, with sets of files too.
    let out = tl(&[
        "diff",
        "--fail-on",
        "wire,source",
        "--old",
        &old,
        "--new",
        &old,
    ]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("no differences"));

    // Real layers break both.
    assert_eq!(
        code(&tl(&["diff", "--fail-on", "wire", GRAMJS, TELETHON])),
        1
    );
}

#[test]
fn sets_of_files() {
    let old_a = schema_file("set_old_a.tl", "a#11111111 b:B = A;\n");
    let old_b = schema_file("set_old_b.tl", "b#22222222 x:int = B;\n");
    let new_a = schema_file("set_new_a.tl", "a#11111111 b:B = A;\n");
    let new_b = schema_file("set_new_b.tl", "b#33333333 x:long = B;\n");
    let out = tl(&[
        "diff", "--old", &old_a, "--old", &old_b, "--new", &new_a, "--new", &new_b,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("old: {old_a} + {old_b}")), "{text}");
    assert!(
        text.contains(
            "param x retyped: int -> long  [breaks wire, source: field `x: i32` is now `x: i64`]"
        ),
        "{text}"
    );
    // Alone, `set_old_a.tl` refers to a type it does not declare.
    let out = tl(&["diff", &old_a, &new_a]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown type `B`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_usage_exits_2_with_a_clear_message() {
    let good = schema_file("good.tl", "a#11111111 x:int = A;\n");
    let broken = schema_file("broken.tl", "a#11111111 x:int = A;\nb x:int = ;\n");
    let cases: &[(&[&str], &str)] = &[
        (&["diff"], "required arguments were not provided"),
        (&["diff", &good], "<NEW>"),
        (&["diff", &good, &good, &good], "unexpected argument"),
        (&["diff", "--old", &good], "--new <FILE>"),
        (
            &["diff", &good, &good, "--old", &good],
            "cannot be used with",
        ),
        (
            &["diff", "--format", "xml", &good, &good],
            "invalid value 'xml'",
        ),
        (
            &["diff", "--fail-on", "everything", &good, &good],
            "invalid value 'everything'",
        ),
        (
            &["diff", "missing.tl", &good],
            "cannot read old schema missing.tl",
        ),
        (
            &["diff", &good, "missing.tl"],
            "cannot read new schema missing.tl",
        ),
        (&["diff", &good, &broken], "broken.tl:2:11"),
        (
            &[
                "diff",
                "--old",
                "schema/api.tl",
                "--old",
                "schema/mtproto.tl",
                "--new",
                "schema/api.tl",
            ],
            "compare these files in separate runs",
        ),
    ];
    for (args, message) in cases {
        let out = tl(args);
        assert_eq!(code(&out), 2, "tl {args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(message),
            "tl {args:?}: expected {message:?} in:\n{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "tl {args:?} printed a report");
    }
    // A schema error names the side and shows the parser's diagnostic with a caret.
    let err = stderr(&tl(&["diff", &good, &broken]));
    assert!(err.contains("expected a result type after `=`"), "{err}");
    assert!(err.contains('^'), "{err}");
    assert!(err.contains("the new schemas have 1 error(s)"), "{err}");
}

#[test]
fn help_has_examples() {
    let out = tl(&["diff", "--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for needle in [
        "Usage: tl diff [OPTIONS] [OLD] [NEW]",
        "tl diff --fail-on wire",
        "--format json",
        "Exit status",
    ] {
        assert!(help.contains(needle), "{needle:?} not in:\n{help}");
    }
}

//! Snapshot tests of diagnostics for broken input: message, `file:line:col`, the source
//! line and the caret, exactly as `tl check` prints them.

use tl_parser::{check, parse_bytes, ParseOptions};

/// Renders every diagnostic of `files` checked together, separated by blank lines.
fn render(files: &[(&str, &str)]) -> String {
    let r = check(files, &ParseOptions::default());
    r.diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn assert_snapshot(actual: &str, expected: &str) {
    if actual != expected {
        panic!("snapshot mismatch\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }
}

const BROKEN: &str = "// LAYER 1
ok = Ok;
user#12345678 id:long flags:# name:flags.0?string = User;
chat#1 id:long photo:flags.3?Photo = Chat;
bad x: = Bad;
also flags:# y:flags.40?int z:!X w:Nope = Also;
ok = Ok;
vec x:Vector<int = Vec;
---funcs---
tail#123456789 = Tail;
good = Good
next = Next;
";

const BROKEN_EXPECTED: &str = r#"error: expected a type after `:`, found `=`
 --> broken.tl:5:8
  |
5 | bad x: = Bad;
  |        ^

error: expected `>` to close the type arguments, found `=`
 --> broken.tl:8:18
  |
8 | vec x:Vector<int = Vec;
  |                  ^

error: expected `---functions---` or `---types---`
 --> broken.tl:9:1
  |
9 | ---funcs---
  | ^^^^^^^^^^^

error: a constructor ID has at most 8 hexadecimal digits
  --> broken.tl:10:6
   |
10 | tail#123456789 = Tail;
   |      ^

error: expected `;` at the end of the declaration, found end of line
  --> broken.tl:11:12
   |
11 | good = Good
   |            ^

warning: explicit ID 0x12345678 of `user` differs from the computed ID 0xce316f79
 --> broken.tl:3:1
  |
3 | user#12345678 id:long flags:# name:flags.0?string = User;
  | ^^^^^^^^^^^^^

warning: explicit ID 0x00000001 of `chat` differs from the computed ID 0x8e744e63
 --> broken.tl:4:1
  |
4 | chat#1 id:long photo:flags.3?Photo = Chat;
  | ^^^^^^

error: flag holder `flags` of `photo` is not an earlier `#` parameter of `chat`
 --> broken.tl:4:22
  |
4 | chat#1 id:long photo:flags.3?Photo = Chat;
  |                      ^^^^^

error: flag bit 40 is outside 0..=31
 --> broken.tl:6:16
  |
6 | also flags:# y:flags.40?int z:!X w:Nope = Also;
  |                ^^^^^^^^

error: `!X` needs a type variable declared as `{X:Type}`
 --> broken.tl:6:29
  |
6 | also flags:# y:flags.40?int z:!X w:Nope = Also;
  |                             ^^^^

error: duplicate definition of `ok` (first defined on line 2)
 --> broken.tl:7:1
  |
7 | ok = Ok;
  | ^^

error: unknown type `Photo` in `chat`
 --> broken.tl:4:30
  |
4 | chat#1 id:long photo:flags.3?Photo = Chat;
  |                              ^^^^^

error: unknown type `Nope` in `also`
 --> broken.tl:6:36
  |
6 | also flags:# y:flags.40?int z:!X w:Nope = Also;
  |                                    ^^^^"#;

#[test]
fn many_problems_in_one_file() {
    let actual = render(&[("broken.tl", BROKEN)]);
    assert_snapshot(&actual, BROKEN_EXPECTED);
    // Recovery kept the good declarations, including the one after the missing `;`.
    let r = check(&[("broken.tl", BROKEN)], &ParseOptions::default());
    let names: Vec<_> = r.schemas[0]
        .definitions
        .iter()
        .map(|d| d.full_name())
        .collect();
    assert_eq!(names, ["ok", "user", "chat", "also", "ok", "next"]);
}

#[test]
fn small_cases() {
    let cases: &[(&str, &str)] = &[
        (
            "a = A;\n/* never closed\nb = B;\n",
            r#"error: unterminated block comment
 --> t.tl:2:1
  |
2 | /* never closed
  | ^^"#,
        ),
        (
            "a#1 = A;\nb#1 = A;\n",
            r#"warning: explicit ID 0x00000001 of `a` differs from the computed ID 0x7aae25b9
 --> t.tl:1:1
  |
1 | a#1 = A;
  | ^^^

warning: explicit ID 0x00000001 of `b` differs from the computed ID 0x3d0e5f69
 --> t.tl:2:1
  |
2 | b#1 = A;
  | ^^^

error: `b` has the same ID 0x00000001 as `a` (line 1)
 --> t.tl:2:1
  |
2 | b#1 = A;
  | ^"#,
        ),
        (
            "//@description Doc @nope What\na x:int = A;\n",
            r#"warning: documentation for unknown parameter `nope` of `a`
 --> t.tl:2:1
  |
2 | a x:int = A;
  | ^"#,
        ),
        (
            "a\tx:Vector<> = A;",
            r#"error: expected a type, found `>`
 --> t.tl:1:12
  |
1 | a x:Vector<> = A;
  |            ^"#,
        ),
    ];
    for (src, expected) in cases {
        assert_snapshot(&render(&[("t.tl", src)]), expected);
    }
}

#[test]
fn invalid_utf8_and_binary() {
    let r = parse_bytes(
        "bin.tl",
        b"a = A;\n\xff\xfeb = B;\nc = C;\n",
        &ParseOptions::default(),
    );
    let text: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_snapshot(
        &text.join("\n\n"),
        "error: the file is not valid UTF-8 (invalid byte at offset 7)
 --> bin.tl:2:1
  |
2 | \u{fffd}\u{fffd}b = B;
  | ^

error: expected a declaration name, found character U+FFFD
 --> bin.tl:2:1
  |
2 | \u{fffd}\u{fffd}b = B;
  | ^",
    );
    let names: Vec<_> = r.schema.definitions.iter().map(|d| d.full_name()).collect();
    assert_eq!(names, ["a", "c"]);
    let r = parse_bytes("nul.tl", b"\0\x01\x02 = A;", &ParseOptions::default());
    assert_eq!(
        r.diagnostics[0].message,
        "expected a declaration name, found character U+0000"
    );
}

#[test]
fn unknown_types_across_files() {
    let api = "user#1 x:InputPeer = User;\n";
    let mtproto = "inputPeerEmpty = InputPeer;\n";
    let r = check(
        &[("api.tl", api), ("mtproto.tl", mtproto)],
        &ParseOptions::default(),
    );
    assert!(r
        .diagnostics
        .iter()
        .all(|d| !d.message.contains("unknown type")));
    assert_snapshot(
        &render(&[("api.tl", api)])
            .split("\n\n")
            .last()
            .unwrap()
            .to_string(),
        r#"error: unknown type `InputPeer` in `user`
 --> api.tl:1:10
  |
1 | user#1 x:InputPeer = User;
  |          ^^^^^^^^^"#,
    );
}

#[test]
fn long_lines_are_cut() {
    let many: String = (0..100).map(|k| format!("c{k} = C; ")).collect();
    let src = format!("a = A; {many} b x:Nope = B;");
    let out = render(&[("t.tl", &src)]);
    let caret_line = out.lines().last().unwrap();
    let src_line = out.lines().nth(3).unwrap();
    assert!(src_line.len() < 200, "{src_line}");
    let col = caret_line.find('^').unwrap();
    assert_eq!(&src_line[col..col + 4], "Nope");
}

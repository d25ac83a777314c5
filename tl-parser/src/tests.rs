//! Unit tests, one group per grammar production.

use crate::*;

fn opts() -> ParseOptions {
    ParseOptions::default()
}

fn one(src: &str) -> Definition {
    let r = parse("t.tl", src, &opts());
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errs.is_empty(), "{src}: {errs:?}");
    assert_eq!(r.schema.definitions.len(), 1, "{src}");
    r.schema.definitions.into_iter().next().unwrap()
}

fn errors(src: &str) -> Vec<String> {
    parse("t.tl", src, &opts())
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.message)
        .collect()
}

fn value(p: &Parameter) -> (&TypeRef, Option<&Flag>, bool) {
    match &p.kind {
        ParamKind::Value { ty, flag, bang } => (ty, flag.as_ref(), *bang),
        k => panic!("not a value: {k:?}"),
    }
}

// ---- names and IDs ----

#[test]
fn name_without_namespace() {
    let d = one("ok = Ok;");
    assert!(d.namespace.is_empty());
    assert_eq!(d.name, "ok");
    assert_eq!(d.explicit_id, None);
    assert_eq!(d.result.name, "Ok");
}

#[test]
fn namespace_behaves_as_its_component_list() {
    let none = Namespace::new();
    assert!(none.is_empty());
    assert_eq!((none.len(), none.as_str()), (0, ""));
    assert_eq!(none.components().count(), 0);
    assert_eq!(format!("{none:?}"), "[]");

    let mut built = Namespace::new();
    built.push("liteServer");
    built.push("signatureSet");
    assert_eq!(built, Namespace::from_dotted("liteServer.signatureSet"));
    assert_eq!(built, ["liteServer", "signatureSet"].into_iter().collect());
    assert_eq!(format!("{built:?}"), r#"["liteServer", "signatureSet"]"#);
    assert_eq!(built.to_string(), "liteServer.signatureSet");
    assert_eq!(
        built.components().rev().collect::<Vec<_>>(),
        ["signatureSet", "liteServer"]
    );

    // Ordered as the lists of components are, whatever the characters.
    let lists: [&[&str]; 7] = [
        &[],
        &["a"],
        &["a", "b"],
        &["a", "b_c"],
        &["a0"],
        &["aB"],
        &["a_", "z"],
    ];
    for x in lists {
        for y in lists {
            let (nx, ny): (Namespace, Namespace) = (x.iter().collect(), y.iter().collect());
            assert_eq!(nx.cmp(&ny), x.cmp(y), "{x:?} against {y:?}");
            assert_eq!(nx == ny, x == y);
        }
    }
    for bad in ["a..b", ".a", "a."] {
        assert!(std::panic::catch_unwind(|| Namespace::from_dotted(bad)).is_err());
    }
    assert!(std::panic::catch_unwind(|| Namespace::new().push("a.b")).is_err());
}

#[test]
fn deep_namespace() {
    let d =
        one("liteServer.signatureSet.ordinary validator_set_hash:int = liteServer.SignatureSet;");
    assert_eq!(d.namespace.as_str(), "liteServer.signatureSet");
    assert_eq!(
        d.namespace.components().collect::<Vec<_>>(),
        ["liteServer", "signatureSet"]
    );
    assert_eq!(d.namespace.len(), 2);
    assert_eq!(d.name, "ordinary");
    assert_eq!(d.full_name(), "liteServer.signatureSet.ordinary");
    assert_eq!(d.result.namespace.as_str(), "liteServer");
    assert_eq!(d.result.namespace.len(), 1);
    assert_eq!(d.result.name, "SignatureSet");
}

#[test]
fn explicit_ids_of_any_length() {
    assert_eq!(one("a#1 = A;").explicit_id, Some(1));
    assert_eq!(
        one("storage.fileJpeg#7efe0e = storage.FileType;").explicit_id,
        Some(0x7efe0e)
    );
    assert_eq!(one("resPQ#05162463 = ResPQ;").explicit_id, Some(0x05162463));
    assert_eq!(one("x#FFFFFFFF = X;").explicit_id, Some(0xffffffff));
    assert!(errors("x#123456789 = X;")[0].contains("at most 8"));
    assert!(errors("x# = X;")[0].contains("hexadecimal"));
    assert!(errors("x#12g4 = X;")[0].contains("constructor ID"));
}

// ---- parameters ----

#[test]
fn simple_params() {
    let d = one("inputPhoto#3bb3b94a id:long access_hash:long file_reference:bytes = InputPhoto;");
    assert_eq!(d.params.len(), 3);
    assert_eq!(d.params[2].name.as_deref(), Some("file_reference"));
    assert_eq!(value(&d.params[2]).0.name, "bytes");
    assert_eq!(d.computed_id, 0x3bb3b94a);
}

#[test]
fn flags_words_of_any_name() {
    let d = one("a flags:# flags2:# mode:# x:flags.0?int y:flags2.31?long z:mode.5?string = A;");
    for p in &d.params[..3] {
        assert_eq!(p.kind, ParamKind::FlagsWord);
    }
    let (_, f, _) = value(&d.params[3]);
    assert_eq!(f.unwrap().holder, "flags");
    let (_, f, _) = value(&d.params[4]);
    assert_eq!((f.unwrap().holder.as_str(), f.unwrap().bit), ("flags2", 31));
    let (t, f, _) = value(&d.params[5]);
    assert_eq!((f.unwrap().holder.as_str(), f.unwrap().bit), ("mode", 5));
    assert_eq!(t.name, "string");
}

#[test]
fn conditional_true() {
    let d = one("a flags:# big:flags.0?true = A;");
    let (t, f, _) = value(&d.params[1]);
    assert_eq!(t.name, "true");
    assert_eq!(f.unwrap().bit, 0);
}

#[test]
fn generics_and_bang() {
    let d = one("invokeAfterMsg#cb9f372d {X:Type} msg_id:long query:!X = X;");
    assert_eq!(d.generics.len(), 1);
    assert_eq!(d.generics[0].name, "X");
    assert_eq!(d.generics[0].kind, "Type");
    let (t, _, bang) = value(&d.params[1]);
    assert!(bang);
    assert!(t.generic);
    assert!(!t.is_bare());
    assert!(d.result.generic);
    assert_eq!(d.computed_id, 0xcb9f372d);
}

#[test]
fn vector_forms() {
    let d =
        one("a x:Vector<long> y:vector<future_salt> z:(vector bytes) w:Vector<Vector<int>> = A;");
    let (t, _, _) = value(&d.params[0]);
    assert_eq!(
        (t.name.as_str(), t.angle_args, t.args[0].name.as_str()),
        ("Vector", true, "long")
    );
    assert!(!t.is_bare());
    let (t, _, _) = value(&d.params[1]);
    assert!(t.is_bare());
    assert!(t.args[0].is_bare());
    let (t, _, _) = value(&d.params[2]);
    assert_eq!(
        (t.name.as_str(), t.angle_args, t.args[0].name.as_str()),
        ("vector", false, "bytes")
    );
    let (t, _, _) = value(&d.params[3]);
    assert_eq!(t.args[0].args[0].name, "int");
}

#[test]
fn juxtaposed_result() {
    let d = one("vector {t:Type} # [ t ] = Vector t;");
    assert_eq!(d.result.name, "Vector");
    assert!(!d.result.angle_args);
    assert_eq!(d.result.args[0].name, "t");
    assert!(d.result.args[0].generic);
    assert_eq!(d.builtin, Some(Builtin::Vector));
    assert_eq!(d.params[0].kind, ParamKind::FlagsWord);
    assert_eq!(d.params[0].name, None);
    match &d.params[1].kind {
        ParamKind::Repeat {
            multiplicity,
            params,
        } => {
            assert_eq!(*multiplicity, None);
            assert_eq!(value(&params[0]).0.name, "t");
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn repetition_with_multiplicity() {
    let d = one("int128 4*[ int ] = Int128;");
    assert_eq!(d.builtin, Some(Builtin::Int128));
    match &d.params[0].kind {
        ParamKind::Repeat {
            multiplicity,
            params,
        } => {
            assert_eq!(multiplicity.as_deref(), Some("4"));
            assert_eq!(value(&params[0]).0.name, "int");
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn percent_bare() {
    let d = one("msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;");
    let (t, _, _) = value(&d.params[0]);
    assert!(t.args[0].percent);
    assert!(t.args[0].is_bare());
    assert_eq!(d.computed_id, 0x73f1f8dc);
    // The other spellings mean the same.
    assert_eq!(
        one("msg_container messages:vector<%message> = MessageContainer;").computed_id,
        0x73f1f8dc
    );
    assert_eq!(
        one("msg_container messages:vector<message> = MessageContainer;").computed_id,
        0x73f1f8dc
    );
}

#[test]
fn builtins() {
    for (src, b) in [
        ("int ? = Int;", Builtin::Int),
        ("long ? = Long;", Builtin::Long),
        ("double ? = Double;", Builtin::Double),
        ("string ? = String;", Builtin::String),
        ("object ? = Object;", Builtin::Object),
        ("function ? = Function;", Builtin::Other),
        ("# ? = #;", Builtin::Other),
        ("true#3fedd339 = True;", Builtin::True),
        ("true = True;", Builtin::True),
        ("bytes data:string = Bytes;", Builtin::Bytes),
        ("bytes = Bytes;", Builtin::Bytes),
        ("int256 8*[ int ] = Int256;", Builtin::Int256),
        ("int53 = Int53;", Builtin::Other),
        (
            "vector#1cb5c415 {t:Type} # [ t ] = Vector t;",
            Builtin::Vector,
        ),
    ] {
        let r = parse("t.tl", src, &opts());
        assert!(r.diagnostics.is_empty(), "{src}: {:?}", r.diagnostics);
        assert_eq!(r.schema.definitions[0].builtin, Some(b), "{src}");
    }
    assert!(one("int ? = Int;").question_mark);
    assert_eq!(one("boolTrue = Bool;").builtin, None);
    assert_eq!(
        one("vector#1cb5c415 {t:Type} # [ t ] = Vector t;").computed_id,
        0x1cb5c415
    );
}

// ---- comments, sections, layout ----

#[test]
fn comments_everywhere() {
    let src = "// LAYER 7\n/* block\n comment */ a#1 /* in */ x:int // end of line\n  y:long // another\n  = A; // after\n";
    let r = parse("t.tl", src, &opts());
    assert_eq!(r.schema.layer, Some(7));
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(r.schema.definitions[0].params.len(), 2);
    assert!(errors("/* never closed")[0].contains("unterminated"));
}

#[test]
fn sections_alternate() {
    let src = "a = A;\n---functions---\nf = A;\n---types---\nb = B;\n--- functions ---\ng = B;\n";
    let r = parse("t.tl", src, &opts());
    let secs: Vec<_> = r.schema.definitions.iter().map(|d| d.section).collect();
    assert_eq!(
        secs,
        [
            Section::Types,
            Section::Functions,
            Section::Types,
            Section::Functions
        ]
    );
    assert!(errors("---nonsense---\n")[0].contains("---functions---"));
}

#[test]
fn spans() {
    let r = parse("t.tl", "\n\n  a#1 x:int\n   y:long = A;", &opts());
    let d = &r.schema.definitions[0];
    assert_eq!((d.span.line, d.span.column), (3, 3));
    assert_eq!(
        &"\n\n  a#1 x:int\n   y:long = A;"[d.span.start..d.span.end],
        "a#1 x:int\n   y:long = A;"
    );
    assert_eq!((d.params[1].span.line, d.params[1].span.column), (4, 4));
}

/// Every span's line and column, checked against a lookup from scratch: the parser
/// takes shortcuts (one-line ASCII declarations, offsets that only increase).
fn assert_spans_agree(src: &str) {
    let r = parse("t.tl", src, &opts());
    let lines = crate::LineIndex::new(src);
    let check = |what: &str, span: Span| {
        assert_eq!(
            (span.line, span.column),
            lines.line_col(src, span.start),
            "{what} at {}..{}: {:?}",
            span.start,
            span.end,
            &src[span.start..span.end]
        );
    };
    fn params(ps: &[Parameter], check: &dyn Fn(&str, Span)) {
        for p in ps {
            check("parameter", p.span);
            if let ParamKind::Repeat { params: inner, .. } = &p.kind {
                params(inner, check);
            }
        }
    }
    assert!(r.schema.definitions.len() > 2);
    for d in &r.schema.definitions {
        check("definition", d.span);
        for g in &d.generics {
            check("generic", g.span);
        }
        params(&d.params, &check);
    }
}

#[test]
fn spans_agree_with_a_lookup_from_scratch() {
    assert_spans_agree(include_str!("../../schema/api.tl"));
    assert_spans_agree(include_str!("../../schema/mtproto.tl"));
    assert_spans_agree(
        "vector {t:Type} # [ t ] = Vector t;\n\
         a#1 x:int /* \u{e9} */ y:long = A;\n\
         b#2 {X:Type}\n  x:int\r\n  q:!X = X;\n\
         \u{e9}t\u{e9}#3 = C;\n  c#4 n:# v:n*[ int k:long ] = D;\n",
    );
}

// ---- TDLib documentation ----

#[test]
fn tdlib_docs() {
    let src = "//@class AuthorizationState @description Represents the current\n//-authorization state\n\n\
//@description A text with entities @text The text @entities Entities.\n//-More about entities\n\
//@param_description The description\nformattedText text:string entities:vector<textEntity> description:string = FormattedText;\n";
    let r = parse("t.tl", src, &opts());
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.schema.classes.len(), 1);
    assert_eq!(r.schema.classes[0].name, "AuthorizationState");
    assert_eq!(
        r.schema.classes[0].description,
        "Represents the current authorization state"
    );
    let d = &r.schema.definitions[0];
    assert_eq!(d.docs.description.as_deref(), Some("A text with entities"));
    assert_eq!(d.params[0].doc.as_deref(), Some("The text"));
    assert_eq!(
        d.params[1].doc.as_deref(),
        Some("Entities. More about entities")
    );
    assert_eq!(d.params[2].doc.as_deref(), Some("The description"));
}

#[test]
fn doc_for_unknown_param_warns() {
    let r = parse("t.tl", "//@description D @nope X\na x:int = A;", &opts());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].severity, Severity::Warning);
    assert!(r.diagnostics[0].message.contains("`nope`"));
}

// ---- IDs ----

#[test]
fn known_ids() {
    let cases = [
        (
            "inputPhoto id:long access_hash:long file_reference:bytes = InputPhoto",
            0x3bb3b94a,
        ),
        ("msgs_ack msg_ids:Vector<long> = MsgsAck", 0x62d6b459),
        (
            "invokeAfterMsg {X:Type} msg_id:long query:!X = X",
            0xcb9f372d,
        ),
        (
            "msg_container messages:vector<%Message> = MessageContainer",
            0x73f1f8dc,
        ),
        (
            "message msg_id:long seqno:int bytes:int body:Object = Message",
            0x5bb8e511,
        ),
        ("gzip_packed packed_data:bytes = Object", 0x3072cfa1),
        ("boolFalse = Bool", 0xbc799737),
        ("vector {t:Type} # [ t ] = Vector t", 0x1cb5c415),
    ];
    for (src, id) in cases {
        let d = parse_definition(src, IdRule::Telegram).unwrap();
        assert_eq!(d.computed_id, id, "{src}");
    }
}

#[test]
fn flag_true_params_do_not_count() {
    let a = parse_definition("a flags:# x:flags.0?true y:int = A", IdRule::Telegram).unwrap();
    let b = parse_definition("a flags:# y:int = A", IdRule::Telegram).unwrap();
    assert_eq!(a.computed_id, b.computed_id);
}

#[test]
fn bytes_folding_depends_on_rule() {
    let t = parse_definition("a x:bytes = A", IdRule::Telegram).unwrap();
    let s = parse_definition("a x:string = A", IdRule::Telegram).unwrap();
    let l = parse_definition("a x:bytes = A", IdRule::Literal).unwrap();
    assert_eq!(t.computed_id, s.computed_id);
    assert_ne!(l.computed_id, s.computed_id);
    // Not inside Vector<bytes>.
    let vb = parse_definition("a x:Vector<bytes> = A", IdRule::Telegram).unwrap();
    let vs = parse_definition("a x:Vector<string> = A", IdRule::Telegram).unwrap();
    assert_ne!(vb.computed_id, vs.computed_id);
    // Conditional bytes fold too.
    let cb = parse_definition("a flags:# x:flags.0?bytes = A", IdRule::Telegram).unwrap();
    let cs = parse_definition("a flags:# x:flags.0?string = A", IdRule::Telegram).unwrap();
    assert_eq!(cb.computed_id, cs.computed_id);
}

#[test]
fn mismatch_is_warning_or_error() {
    let src = "a#12345678 x:int = A;";
    let r = parse("t.tl", src, &opts());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].severity, Severity::Warning);
    assert!(r.diagnostics[0].message.contains("0x12345678"));
    let strict = ParseOptions {
        strict_ids: true,
        ..opts()
    };
    let r = parse("t.tl", src, &strict);
    assert_eq!(r.diagnostics[0].severity, Severity::Error);
    // Allow-listed: quiet even in strict mode.
    let r = parse(
        "t.tl",
        "help.configSimple#5a592a6c date:int expires:int rules:vector<AccessPointRule> = help.ConfigSimple;",
        &strict,
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// `tl id` text: the optional `;` goes after a trailing comment, not into it, and text
/// without a declaration says so instead of pointing at a `;` nobody typed.
#[test]
fn parse_definition_around_comments() {
    let plain = parse_definition("foo a:int = Foo", IdRule::Telegram).unwrap();
    let commented = parse_definition("foo a:int = Foo // the answer", IdRule::Telegram).unwrap();
    assert_eq!(commented.computed_id, plain.computed_id);
    for empty in ["", "  ", "// only a comment"] {
        let errors = parse_definition(empty, IdRule::Telegram).unwrap_err();
        assert_eq!(
            errors[0].message, "expected exactly one definition, found 0",
            "{empty:?}"
        );
    }
}

/// The built-ins' IDs are taken even when the schema does not declare them.
#[test]
fn implicit_builtin_ids_are_taken() {
    let e = errors("foo#997275b5 a:int = Foo;");
    assert_eq!(
        e,
        ["`foo` has the ID 0x997275b5 of the built-in `boolTrue`, which every TL peer reads as `boolTrue`"]
    );
    assert_eq!(errors("foo#1cb5c415 a:int = Foo;").len(), 1);
    // Declared as themselves, they are fine; declared twice, one error.
    assert!(
        errors("boolTrue#997275b5 = Bool;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;")
            .is_empty()
    );
    assert_eq!(
        errors("vector#1cb5c415 {t:Type} # [ t ] = Vector t;\nfoo#1cb5c415 a:int = Foo;").len(),
        1
    );
}

#[test]
fn byte_order_mark_is_skipped() {
    let r = parse("bom.tl", "\u{feff}foo a:int = Foo;\nbar = Foo;", &opts());
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.schema.definitions.len(), 2);
    assert_eq!(r.schema.definitions[1].span.line, 2);
}

#[test]
fn ton_rule_detected() {
    let r = parse(
        "t.tl",
        "bytes data:string = Bytes;\nliteServer.query data:bytes = Object;",
        &opts(),
    );
    assert_eq!(r.id_rule, IdRule::Literal);
    assert_eq!(r.schema.definitions[1].computed_id, 0x798c06df);
    let r = parse("t.tl", "liteServer.query data:bytes = Object;", &opts());
    assert_eq!(r.id_rule, IdRule::Telegram);
}

/// TON's tl-parser keeps `mode.N?true` parameters in the text it hashes; Telegram's rule
/// leaves them out. The ID is the one TON's own tools give (`lite_api.tl`).
#[test]
fn ton_rule_keeps_true_flags() {
    let text = "liteServer.getBlockOutMsgQueueSize mode:# id:tonNode.blockIdExt \
        want_proof:mode.0?true = liteServer.BlockOutMsgQueueSize";
    assert_eq!(
        parse_definition(text, IdRule::Literal).unwrap().computed_id,
        0x8f6c7779
    );
    assert_eq!(
        parse_definition(text, IdRule::Telegram)
            .unwrap()
            .computed_id,
        0x016a7445
    );
}

/// TDLib's `td_api.tl` and tonlib's `tonlib_api.tl` declare `bytes = Bytes;` and are hashed
/// literally too. The IDs are those of their official Java bindings (`TdApi.java`:
/// `SetDatabaseEncryptionKey.CONSTRUCTOR = -1204599371`; tonlib's `TonApi.java`:
/// `RawExtMessageInfo.CONSTRUCTOR = 0x34197fae`).
#[test]
fn tdlib_and_tonlib_rule_detected() {
    let r = parse(
        "td_api.tl",
        "bytes = Bytes;\nok = Ok;\n---functions---\nsetDatabaseEncryptionKey new_encryption_key:bytes = Ok;",
        &opts(),
    );
    assert_eq!(r.id_rule, IdRule::Literal);
    assert_eq!(r.schema.definitions[2].computed_id, -1204599371i32 as u32);
    let r = parse(
        "tonlib_api.tl",
        "bytes = Bytes;\nraw.extMessageInfo hash:bytes = raw.ExtMessageInfo;",
        &opts(),
    );
    assert_eq!(r.id_rule, IdRule::Literal);
    assert_eq!(r.schema.definitions[1].computed_id, 0x34197fae);
    // Telegram-style primitive declarations do not make a schema literal.
    let r = parse(
        "mtproto.tl",
        "bytes ? = Bytes;\nfoo data:bytes = Foo;",
        &opts(),
    );
    assert_eq!(r.id_rule, IdRule::Telegram);
}

/// An explicit ID is accepted under either rule, even with `strict_ids`: TDLib's
/// `secret_api.tl` is a literal schema holding Telegram's folded IDs, and Telegram's
/// `ipPortSecret` was hashed literally. An ID that neither rule gives is still reported.
#[test]
fn explicit_ids_verified_under_either_rule() {
    let strict = ParseOptions {
        strict_ids: true,
        ..opts()
    };
    // Folded (`bytes` as `string`) in a schema detected as literal.
    let secret = "bytes = Bytes;\n\
        decryptedMessageMediaPhoto#f1fa8d78 thumb:bytes thumb_w:int thumb_h:int w:int h:int \
        size:int key:bytes iv:bytes caption:string = DecryptedMessageMedia;";
    let r = parse("secret_api.tl", secret, &strict);
    assert_eq!(r.id_rule, IdRule::Literal);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // Literal in a Telegram schema.
    let r = parse(
        "api.tl",
        "ipPortSecret#37982646 ipv4:int port:int secret:bytes = IpPort;",
        &strict,
    );
    assert_eq!(r.id_rule, IdRule::Telegram);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = parse(
        "api.tl",
        "ipPortSecret#37982647 ipv4:int port:int secret:bytes = IpPort;",
        &strict,
    );
    assert!(r.has_errors(), "{:?}", r.diagnostics);
}

// ---- per-file checks ----

#[test]
fn flag_checks() {
    assert!(errors("a x:flags.0?int = A;")[0].contains("not an earlier `#` parameter"));
    assert!(errors("a x:flags.0?int flags:# = A;")[0].contains("not an earlier"));
    assert!(errors("a flags:int x:flags.0?int = A;")[0].contains("not a `#` parameter"));
    assert!(errors("a flags:# x:flags.32?int = A;")[0].contains("outside 0..=31"));
    assert!(errors("a flags:# x:flags.99999999999?int = A;")[0].contains("too large"));
    // At the number, not at the end of the file.
    let r = parse(
        "t.tl",
        "a flags:# x:flags.99999999999?int = A;\n\n",
        &opts(),
    );
    assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (1, 19));
    assert!(errors("a x:!X = A;")[0].contains("{X:Type}"));
    assert!(errors("a x:int x:long = A;")[0].contains("duplicate parameter"));
}

#[test]
fn shared_flags() {
    let d = one("inputMediaPoll flags:# poll:Poll solution:flags.1?string solution_entities:flags.1?Vector<MessageEntity> other:flags.2?int = InputMedia;");
    let shared: Vec<bool> = d.params[2..]
        .iter()
        .map(|p| value(p).1.unwrap().shared)
        .collect();
    assert_eq!(shared, [true, true, false]);

    // The same bit on two flags words is not shared; bits past 31 (an error) still are.
    let r = parse(
        "t.tl",
        "a flags:# flags2:# x:flags.3?int y:flags2.3?int z:flags.40?int w:flags.40?int = A;",
        &opts(),
    );
    let shared: Vec<bool> = r.schema.definitions[0].params[2..]
        .iter()
        .map(|p| value(p).1.unwrap().shared)
        .collect();
    assert_eq!(shared, [false, false, true, true]);
}

#[test]
fn duplicate_parameters_among_many() {
    // Names that only look alike (same length, same last letter) are not duplicates.
    let params: Vec<String> = (0..40).map(|k| format!("p{k:02}x:int")).collect();
    let params = params.join(" ");
    let decl = format!("a {params} = A;");
    assert!(errors(&decl).is_empty(), "{:?}", errors(&decl));
    let decl = format!("a {params} p17x:long = A;");
    let e = errors(&decl);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("duplicate parameter `p17x`"), "{e:?}");
}

#[test]
fn duplicates() {
    let e = errors("a = A;\na = A;");
    assert!(e[0].contains("duplicate definition of `a`"), "{e:?}");
    let e = errors("a#1 = A;\nb#1 = A;");
    assert!(e.iter().any(|m| m.contains("same ID")), "{e:?}");
}

#[test]
fn unknown_types_across_files() {
    let a = "a x:B y:%B z:vector<b> w:Vector<Nope> = A;\n---functions---\nf = Missing;";
    let b = "b = B;";
    let r = check(&[("a.tl", a), ("b.tl", b)], &opts());
    let msgs: Vec<_> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "unknown type `Nope` in `a`",
            "unknown type `Missing` in `f`"
        ]
    );
    assert!(r.has_errors());
    let r = check(&[("a.tl", a)], &opts());
    assert!(r.diagnostics.len() >= 4);
}

// ---- recovery and robustness ----

#[test]
fn recovers_after_errors() {
    let src = "a x:int = A;\nb x: = B;\nc = C;\nd x:Vector<int = D;\ne = E;\n";
    let r = parse("t.tl", src, &opts());
    let names: Vec<_> = r
        .schema
        .definitions
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(names, ["a", "c", "e"]);
    let lines: Vec<_> = r.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, [2, 4]);
}

#[test]
fn binary_and_invalid_utf8() {
    let r = parse_bytes("bin.tl", b"\xff\xfe\x00abc = A;\x01\x02;;", &opts());
    assert!(r.diagnostics[0].message.contains("UTF-8"));
    for bytes in [
        &b"\0\0\0"[..],
        b"a#",
        b"a x:",
        b"[[[[",
        b"a = ",
        b"{",
        b"a {X:",
        b"a ? b",
        b"---",
    ] {
        let _ = parse_bytes("bin.tl", bytes, &opts());
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let deep = format!(
        "a x:{}int{} = A;",
        "Vector<".repeat(10_000),
        ">".repeat(10_000)
    );
    assert!(!errors(&deep).is_empty());
    let deep = format!("a {}{} = A;", "[ ".repeat(10_000), "]".repeat(10_000));
    assert!(!errors(&deep).is_empty());
    let deep = format!("a = {}A{};", "(".repeat(10_000), ")".repeat(10_000));
    assert!(!errors(&deep).is_empty());
}

#[test]
fn diagnostic_rendering() {
    let r = parse(
        "api.tl",
        "ok = Ok;\nfoo#1 x:int y:flags.0?int = Foo;\n",
        &opts(),
    );
    let d = r.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(
        d.to_string(),
        "error: flag holder `flags` of `y` is not an earlier `#` parameter of `foo`\n \
--> api.tl:2:15\n  |\n2 | foo#1 x:int y:flags.0?int = Foo;\n  |               ^^^^^"
    );
}

// ---- printing ----

#[test]
fn print_round_trip() {
    for src in [
        "vector#1cb5c415 {t:Type} # [ t ] = Vector t;",
        "int128 4*[ int ] = Int128;",
        "int ? = Int;",
        "a#0000000a flags:# x:flags.3?Vector<%Message> y:(vector bytes) z:!X = liteServer.Foo;",
        "liteServer.partialBlockProof steps:(vector liteServer.BlockLink) = liteServer.PartialBlockProof;",
        "a x:Vector<(vector int)> = Vector (vector int);",
    ] {
        let d = parse("t.tl", src, &opts()).schema.definitions.remove(0);
        let printed = d.to_string();
        let again = parse("t.tl", &printed, &opts()).schema.definitions.remove(0);
        assert_eq!(d, again, "{src} -> {printed}");
    }
    assert_eq!(
        one("storage.fileJpeg#7efe0e = storage.FileType;").to_string(),
        "storage.fileJpeg#007efe0e = storage.FileType;"
    );
}

#[test]
fn tags_in_continuation_lines() {
    let src = "//@description First part\n//-second part @x The x\n//-more x @y The y\na x:int y:int = A;";
    let r = parse("t.tl", src, &opts());
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let d = &r.schema.definitions[0];
    assert_eq!(
        d.docs.description.as_deref(),
        Some("First part second part")
    );
    assert_eq!(d.params[0].doc.as_deref(), Some("The x more x"));
    assert_eq!(d.params[1].doc.as_deref(), Some("The y"));
}

/// Found by the `parse` fuzz target (`fuzz/regressions/parse/vertical-tab-before-tag`): a
/// vertical tab (or any Unicode whitespace) before `@` starts a tag, as a space does, so
/// the printed docs (which use spaces) parse back to the same tags.
#[test]
fn any_whitespace_before_at_starts_a_tag() {
    for space in ["\u{0b}", "\u{a0}", "\u{2003}", "\t", " "] {
        let src = format!(
            "//@description D{space}@x{space}{space}@y The y\n//-more{space}@z The z\na x:int y:int z:int = A;"
        );
        let r = parse("t.tl", &src, &opts());
        let d = &r.schema.definitions[0];
        assert_eq!(d.docs.description.as_deref(), Some("D"), "{space:?}");
        assert_eq!(d.params[0].doc.as_deref(), Some(""), "{space:?}");
        assert_eq!(d.params[1].doc.as_deref(), Some("The y more"), "{space:?}");
        assert_eq!(d.params[2].doc.as_deref(), Some("The z"), "{space:?}");
        let printed = format!("{d:#}");
        let again = parse("again.tl", &printed, &opts());
        let mut back = again.schema.definitions[0].clone();
        back.section = d.section;
        back.span = d.span;
        for (b, p) in back.params.iter_mut().zip(&d.params) {
            b.span = p.span;
        }
        assert_eq!(&back, d, "{printed:?}");
    }
}

#[test]
fn declaration_into_pushes_one_definition_or_none() {
    let src = "messages.x#1 {X:Type} flags:# a:flags.0?Vector<int> q:!X = X;\nbad#zz = T;";
    let cx = grammar::Cx { src };
    let mut out = vec![one("kept = Kept;")];
    let (rest, ()) = cx.declaration_into(src, &mut out).unwrap();
    assert_eq!(out.len(), 2);
    let (rest_alone, alone) = cx.declaration(src).unwrap();
    assert_eq!((rest, &out[1]), (rest_alone, &alone));
    assert_eq!(alone.full_name(), "messages.x");
    assert!(matches!(&alone.params[2].kind, ParamKind::Value { ty, .. } if ty.generic));
    // A declaration that fails leaves the vector as it was.
    let bad = rest.trim_start();
    assert!(cx.declaration_into(bad, &mut out).is_err());
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].name, "kept");
}

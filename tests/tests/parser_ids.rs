//! Constructor IDs: the known values of Telegram's schemas and TON's (computed with the
//! literal rule), and a TON-style schema written the way TON writes them.

use tl_parser::{check, parse, parse_definition, IdRule, ParamKind, ParseOptions, Section};

fn id(text: &str, rule: IdRule) -> u32 {
    parse_definition(text, rule)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .computed_id
}

#[test]
fn telegram_ids() {
    let cases = [
        ("inputPhoto id:long access_hash:long file_reference:bytes = InputPhoto", 0x3bb3b94a),
        ("msgs_ack msg_ids:Vector<long> = MsgsAck", 0x62d6b459),
        ("invokeAfterMsg {X:Type} msg_id:long query:!X = X", 0xcb9f372d),
        ("msg_container messages:vector<%Message> = MessageContainer", 0x73f1f8dc),
        ("message msg_id:long seqno:int bytes:int body:Object = Message", 0x5bb8e511),
        (
            "messages.exportChatInvite flags:# legacy_revoke_permanent:flags.2?true request_needed:flags.3?true peer:InputPeer expire_date:flags.0?int usage_limit:flags.1?int title:flags.4?string subscription_pricing:flags.5?StarsSubscriptionPricing = ExportedChatInvite",
            0xa455de90,
        ),
        (
            "chatInviteExported flags:# revoked:flags.0?true permanent:flags.5?true request_needed:flags.6?true link:string admin_id:long date:int start_date:flags.4?int expire_date:flags.1?int usage_limit:flags.2?int usage:flags.3?int requested:flags.7?int subscription_expired:flags.10?int title:flags.8?string subscription_pricing:flags.9?StarsSubscriptionPricing = ExportedChatInvite",
            0xa22cbd96,
        ),
        ("rpc_result req_msg_id:long result:Object = RpcResult", 0xf35c6d01),
        ("gzip_packed packed_data:bytes = Object", 0x3072cfa1),
        ("true = True", 0x3fedd339),
        ("vector {t:Type} # [ t ] = Vector t", 0x1cb5c415),
        ("ipPortSecret ipv4:int port:int secret:bytes = IpPort", 0x402d9b47),
    ];
    for (text, want) in cases {
        assert_eq!(id(text, IdRule::Telegram), want, "{text}");
    }
    // Formatting does not matter.
    assert_eq!(
        id(
            "msgs_ack  msg_ids:Vector< long >\n = MsgsAck ;",
            IdRule::Telegram
        ),
        0x62d6b459
    );
    // An explicit id in the text is ignored by `tl id`.
    assert_eq!(
        id(
            "msgs_ack#deadbeef msg_ids:Vector<long> = MsgsAck",
            IdRule::Telegram
        ),
        0x62d6b459
    );
}

/// Known TON IDs (hard-coded in TON client libraries) from lite_api.tl / ton_api.tl
/// lines: TON hashes `bytes` as written and `(vector T)` without the parentheses.
#[test]
fn ton_ids_literal_rule() {
    let cases = [
        ("adnl.message.query query_id:int256 query:bytes = adnl.Message", 0xb48bf97a),
        ("liteServer.query data:bytes = Object", 0x798c06df),
        ("liteServer.getMasterchainInfo = liteServer.MasterchainInfo", 0x89b5e62e),
        ("liteServer.getMasterchainInfoExt mode:# = liteServer.MasterchainInfoExt", 0x70a671df),
        (
            "liteServer.masterchainInfo last:tonNode.blockIdExt state_root_hash:int256 init:tonNode.zeroStateIdExt = liteServer.MasterchainInfo",
            0x85832881,
        ),
        ("liteServer.error code:int message:string = liteServer.Error", 0xbba9e148),
        (
            "liteServer.runMethodResult mode:# id:tonNode.blockIdExt shardblk:tonNode.blockIdExt shard_proof:mode.0?bytes proof:mode.0?bytes state_proof:mode.1?bytes init_c7:mode.3?bytes lib_extras:mode.4?bytes exit_code:int result:mode.2?bytes = liteServer.RunMethodResult",
            0xa39a616b,
        ),
        (
            "liteServer.partialBlockProof complete:Bool from:tonNode.blockIdExt to:tonNode.blockIdExt steps:(vector liteServer.BlockLink) = liteServer.PartialBlockProof",
            0x8ed0d2c1,
        ),
        (
            "liteServer.blockLinkForward to_key_block:Bool from:tonNode.blockIdExt to:tonNode.blockIdExt dest_proof:bytes config_proof:bytes signatures:liteServer.SignatureSet = liteServer.BlockLink",
            0x520fce1c,
        ),
        (
            "liteServer.transactionId mode:# account:mode.0?int256 lt:mode.1?long hash:mode.2?int256 = liteServer.TransactionId",
            0xb12f65af,
        ),
        (
            // The older single form; `liteServer.signatureSet.ordinary#f644a6e6` pins its ID.
            "liteServer.signatureSet validator_set_hash:int catchain_seqno:int signatures:(vector liteServer.signature) = liteServer.SignatureSet",
            0xf644a6e6,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(id(text, IdRule::Literal), want, "{text}");
    }
    // The Telegram rule gets the bytes-carrying ones wrong.
    assert_ne!(
        id("liteServer.query data:bytes = Object", IdRule::Telegram),
        0x798c06df
    );
}

/// A TON-style schema: builtins including `bytes data:string = Bytes;`, multi-line
/// declarations with comments at the ends of lines, sections switching back and forth,
/// `mode:#` holders, `(vector T)`, deep namespaces and a pinned ID.
const TON_SCHEMA: &str = r#"
int ? = Int;
long ? = Long;
double ? = Double;
string ? = String;
object ? = Object;
function ? = Function;
bytes data:string = Bytes;
true = True;
boolTrue = Bool;
boolFalse = Bool;


vector {t:Type} # [ t ] = Vector t;

int128 4*[ int ] = Int128;
int256 8*[ int ] = Int256;

tonNode.blockId workchain:int shard:long seqno:int = tonNode.BlockId;
tonNode.blockIdExt workchain:int shard:long seqno:int root_hash:int256 file_hash:int256 = tonNode.BlockIdExt;
tonNode.zeroStateIdExt workchain:int root_hash:int256 file_hash:int256 = tonNode.ZeroStateIdExt;

adnl.message.query query_id:int256 query:bytes = adnl.Message;
adnl.message.answer query_id:int256 answer:bytes = adnl.Message;

liteServer.error code:int message:string = liteServer.Error;

---functions---

liteServer.query data:bytes = Object;

---types---

liteServer.masterchainInfo
    last:tonNode.blockIdExt          // the last masterchain block
    state_root_hash:int256           // its state
    init:tonNode.zeroStateIdExt      // the zero state
    = liteServer.MasterchainInfo;
liteServer.runMethodResult mode:#
    id:tonNode.blockIdExt shardblk:tonNode.blockIdExt
    shard_proof:mode.0?bytes proof:mode.0?bytes      // bit 0: proofs
    state_proof:mode.1?bytes                         /* bit 1 */
    init_c7:mode.3?bytes lib_extras:mode.4?bytes
    exit_code:int result:mode.2?bytes
    = liteServer.RunMethodResult;
liteServer.signature node_id_short:int256 signature:bytes = liteServer.Signature;
liteServer.signatureSet.ordinary#f644a6e6 validator_set_hash:int catchain_seqno:int signatures:(vector liteServer.signature) = liteServer.SignatureSet;
liteServer.blockLinkForward to_key_block:Bool from:tonNode.blockIdExt to:tonNode.blockIdExt dest_proof:bytes config_proof:bytes signatures:liteServer.SignatureSet = liteServer.BlockLink;
liteServer.partialBlockProof complete:Bool from:tonNode.blockIdExt to:tonNode.blockIdExt steps:(vector liteServer.BlockLink) = liteServer.PartialBlockProof;

---functions---

liteServer.getMasterchainInfo = liteServer.MasterchainInfo;
liteServer.runSmcMethod mode:# id:tonNode.blockIdExt account:tonNode.blockId method_id:long params:bytes
    = liteServer.RunMethodResult;   // account should really be liteServer.accountId

---types---

liteServer.debug.verbosity value:int = liteServer.debug.Verbosity;
"#;

#[test]
fn ton_schema() {
    let r = parse("lite_api.tl", TON_SCHEMA, &ParseOptions::default());
    assert_eq!(
        r.id_rule,
        IdRule::Literal,
        "detected from `bytes data:string = Bytes;`"
    );
    // The ID TON pins (`liteServer.signatureSet.ordinary#f644a6e6`) is a known exception,
    // with its reason: no diagnostic.
    let msgs: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.message.as_str()))
        .collect();
    assert!(msgs.is_empty(), "{msgs:?}");
    let pinned = tl_parser::known_exception("liteServer.signatureSet.ordinary", 0xf644a6e6);
    assert!(pinned.is_some_and(|e| e.reason.contains("pinned in TON's schema")));
    let s = &r.schema;
    let find = |n: &str| s.definitions.iter().find(|d| d.full_name() == n).unwrap();
    assert_eq!(find("adnl.message.query").id(), 0xb48bf97a);
    assert_eq!(find("liteServer.query").id(), 0x798c06df);
    assert_eq!(find("liteServer.query").section, Section::Functions);
    assert_eq!(find("liteServer.masterchainInfo").id(), 0x85832881);
    assert_eq!(find("liteServer.masterchainInfo").section, Section::Types);
    assert_eq!(find("liteServer.runMethodResult").id(), 0xa39a616b);
    assert_eq!(find("liteServer.partialBlockProof").id(), 0x8ed0d2c1);
    assert_eq!(find("liteServer.getMasterchainInfo").id(), 0x89b5e62e);
    assert_eq!(find("liteServer.debug.verbosity").section, Section::Types);
    assert_eq!(find("liteServer.runSmcMethod").section, Section::Functions);
    let ord = find("liteServer.signatureSet.ordinary");
    assert_eq!((ord.namespace.len(), ord.name.as_str()), (2, "ordinary"));
    assert_eq!(ord.id(), 0xf644a6e6);
    match &ord.params[2].kind {
        ParamKind::Value { ty, .. } => {
            assert_eq!(ty.name, "vector");
            assert!(!ty.angle_args);
            assert_eq!(ty.args[0].full_name(), "liteServer.signature");
        }
        k => panic!("{k:?}"),
    }
    // Shared bit 0 of `mode`.
    let rm = find("liteServer.runMethodResult");
    let shared: Vec<_> = rm
        .params
        .iter()
        .filter_map(|p| match &p.kind {
            ParamKind::Value { flag: Some(f), .. } => Some((p.name.clone().unwrap(), f.shared)),
            _ => None,
        })
        .collect();
    assert_eq!(shared[0], ("shard_proof".into(), true));
    assert_eq!(shared[1], ("proof".into(), true));
    assert_eq!(shared[2], ("state_proof".into(), false));
    for name in [
        "bytes", "object", "function", "true", "vector", "int128", "int", "string",
    ] {
        assert!(find(name).builtin.is_some(), "{name}");
    }
    // Passes `tl check`, also with --strict-ids: the pin is known.
    let c = check(&[("lite_api.tl", TON_SCHEMA)], &ParseOptions::default());
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let strict = ParseOptions {
        strict_ids: true,
        ..ParseOptions::default()
    };
    let c = check(&[("lite_api.tl", TON_SCHEMA)], &strict);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    // Another written ID that neither rule gives is still an error with --strict-ids.
    let repinned = TON_SCHEMA.replace("#f644a6e6", "#f644a6e7");
    assert!(check(&[("lite_api.tl", &repinned)], &strict).has_errors());
    // Forcing the Telegram rule breaks the TON IDs.
    let tg = ParseOptions {
        detect_id_rule: false,
        ..ParseOptions::default()
    };
    let r = parse("lite_api.tl", TON_SCHEMA, &tg);
    assert_ne!(
        r.schema
            .definitions
            .iter()
            .find(|d| d.full_name() == "liteServer.query")
            .unwrap()
            .id(),
        0x798c06df
    );
}

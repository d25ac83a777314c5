//! TON's `#` values (TL-JSON revision 2) in the generated bindings, typed: a plain count,
//! a mode word whose bit 0 gates no field, and a word that disagrees with its fields.

use serde_json::json;
use tl_runtime::{BoxedDecode, BoxedEncode};
use tl_tests::ton::lite_api::{functions, types};

fn block() -> types::ton_node::BlockId {
    types::ton_node::BlockId {
        workchain: -1,
        shard: i64::MIN,
        seqno: 7,
    }
}

/// `liteServer.getTransactions count:#`: the count is a field, written as it is.
#[test]
fn a_plain_count_is_a_number() {
    let call = functions::lite_server::GetTransactions {
        count: 10,
        account: types::lite_server::AccountId {
            workchain: 0,
            id: [0xab; 32],
        },
        lt: 5,
        hash: [0xcd; 32],
    };
    let bytes = call.to_boxed_bytes().unwrap();
    assert_eq!(bytes[4..8], 10u32.to_le_bytes());
    assert_eq!(
        functions::lite_server::GetTransactions::from_boxed_bytes(&bytes).unwrap(),
        call
    );
    let value = serde_json::to_value(&call).unwrap();
    assert_eq!(value["count"], 10);
    // Absent means 0, and 0 is left out.
    let zero = functions::lite_server::GetTransactions { count: 0, ..call };
    let value = serde_json::to_value(&zero).unwrap();
    assert_eq!(value.get("count"), None);
    let back: functions::lite_server::GetTransactions = serde_json::from_value(value).unwrap();
    assert_eq!(back.count, 0);
}

/// `liteServer.lookupBlock mode:# id:tonNode.blockId lt:mode.1?long utime:mode.2?int`:
/// bit 0 ("by seqno") gates no field. It is the field's; bits 1 and 2 are derived.
#[test]
fn a_mode_bit_that_gates_no_field_is_kept() {
    let by_seqno = functions::lite_server::LookupBlock {
        mode: 1,
        id: block(),
        lt: None,
        utime: None,
    };
    let bytes = by_seqno.to_boxed_bytes().unwrap();
    assert_eq!(bytes[4..8], 1u32.to_le_bytes());
    let with_lt = functions::lite_server::LookupBlock {
        lt: Some(99),
        ..by_seqno.clone()
    };
    let bytes = with_lt.to_boxed_bytes().unwrap();
    assert_eq!(
        bytes[4..8],
        3u32.to_le_bytes(),
        "bit 0 given, bit 1 derived from lt"
    );
    assert_eq!(
        functions::lite_server::LookupBlock::from_boxed_bytes(&bytes).unwrap(),
        with_lt
    );
    assert_eq!(
        serde_json::to_value(&with_lt).unwrap()["mode"],
        3,
        "written whole"
    );
    // A derived bit set in the field is ignored: the fields decide it.
    let stray = functions::lite_server::LookupBlock {
        mode: 1 | 4,
        ..by_seqno.clone()
    };
    assert_eq!(stray.to_boxed_bytes().unwrap()[4..8], 1u32.to_le_bytes());
    // Given in TL-JSON, a derived bit must agree with its field.
    let given = json!({"_": "liteServer.lookupBlock", "mode": 5,
        "id": {"_": "tonNode.blockId", "workchain": -1, "shard": i64::MIN, "seqno": 7}});
    let error = serde_json::from_value::<functions::lite_server::LookupBlock>(given)
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "mode: `mode` is 5, whose bit 2 is set, but `utime` is absent (the bits that fields use are derived: leave them out of `mode` or make them agree)"
    );
}

//! Any bytes, decoded as a boxed value of `schema/api.tl` + `schema/mtproto.tl` by the
//! generated bindings: through the enum of the type the leading ID belongs to (functions:
//! `AnyFunction`), and through the constructor's own struct (`registry::by_id`).
//!
//! Nothing may panic, overflow the stack or allocate without bound; the enum and the
//! struct must agree; whatever decodes must encode to `boxed_len` bytes, no more than were
//! read, which decode and encode to themselves again (`tl_fuzz_bindings::RoundTrip`).
//! Also: the same bytes as a `Vector<Updates>` and as an `Updates` (what a server pushes),
//! types whose decoder is reached without the dispatch on the leading ID.
//!
//! Run (from `fuzz/`): `RUSTC_BOOTSTRAP=1 cargo fuzz run --features api decode_api
//! corpus/decode_api -- -max_len=65536`; seeding: `fuzz/README.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_fuzz_bindings::tl::enums;
use tl_fuzz_bindings::{check_round_trip, decode_any};
use tl_runtime::BoxedDecode;

fuzz_target!(|data: &[u8]| {
    let _ = decode_any(data);
    // Types decoded from their bytes alone, whatever the ID: a mismatch is an error.
    if let Ok(updates) = Vec::<enums::Updates>::from_boxed_bytes(data) {
        check_round_trip(&updates, data);
    }
    if let Ok(updates) = enums::Updates::from_boxed_bytes(data) {
        check_round_trip(&updates, data);
    }
});

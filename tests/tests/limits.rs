//! Limits, proved: what the generated decoders do with hostile input, checked by tests
//! rather than left to fuzzing luck.
//!
//! - Nesting 10^3 to 10^6 deep (`textBold`/`textItalic` chains, `jsonArray` in
//!   `jsonArray`: a vector in a vector at every level, `invokeWithoutUpdates` wrapping
//!   itself through `AnyFunction`), on the main thread and on a 2 MiB thread: an error at
//!   `DEFAULT_MAX_DEPTH` (or sooner at `DEFAULT_MAX_STACK`), never an abort. MTProto
//!   containers (`msg_container`, `rpc_result`, `msg_copy`) nested as deep decode flat:
//!   their bodies are `Object`s.
//! - A limit raised with `Reader::with_max_depth`: still an error, never an abort, up to
//!   2^20 levels, thanks to the stack budget; and, with the budget lifted too, how deep
//!   each nesting really gets on a 2 MiB thread and on the main thread before the stack
//!   runs out, measured in child processes (an overflow aborts a process, so it cannot be
//!   caught in this one).
//! - Lengths and counts claiming more than the input holds: an error, with allocations
//!   measured by a counting global allocator (this binary's).
//! - Trailing bytes and an unknown constructor in every position where one is read, for
//!   every golden vector; invalid UTF-8 in a `string`; over-long `string`/`bytes` on
//!   encode; a `gzip_packed` bomb's allocations.
//!
//! Every truncation of every golden vector is already checked in `golden.rs` (each proper
//! prefix must be an error); here only the benchmark payloads' prefixes are.
//!
//! No libtest harness (`harness = false` in `Cargo.toml`): the nesting checks must run on
//! the process's real main thread, and the allocation counters are global. `main` runs
//! every check in turn; an argument runs only the checks whose names contain it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::Value;
use tl_reflect::{DecodeOptions, Registry};
use tl_runtime::json::{Item, TypeVisitor};
use tl_runtime::{
    gzip, BareEncode, BoxedDecode, BoxedEncode, DecodeError, DecodeErrorKind, EncodeError, Reader,
    DEFAULT_MAX_DEPTH, DEFAULT_MAX_STACK,
};
use tl_tests::schema::{enums, functions, mtproto, types};
use tl_tests::{gramjs, telethon};

// ---------------------------------------------------------------------------------------
// The counting allocator.

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static REQUESTED: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    REQUESTED.fetch_add(size, Ordering::Relaxed);
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What running `f` allocated: the peak of live bytes above what was live before, and
/// the bytes requested in all (reallocations count their whole new size).
struct Allocated {
    peak: usize,
    requested: usize,
}

fn allocations<R>(f: impl FnOnce() -> R) -> (R, Allocated) {
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let requested = REQUESTED.load(Ordering::SeqCst);
    let result = f();
    let allocated = Allocated {
        peak: PEAK.load(Ordering::SeqCst).saturating_sub(before),
        requested: REQUESTED.load(Ordering::SeqCst) - requested,
    };
    (result, allocated)
}

// ---------------------------------------------------------------------------------------
// Wire helpers.

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

const VECTOR_ID: u32 = 0x1cb5c415;
const TEXT_BOLD: u32 = 0x6724abc4;
const TEXT_ITALIC: u32 = 0xd912a59c;
const TEXT_EMPTY: u32 = 0xdc3d824f;
const JSON_ARRAY: u32 = 0xf7444763;
const JSON_NULL: u32 = 0x3f6d7b68;
const INVOKE_WITHOUT_UPDATES: u32 = 0xbf9459b7;
const HELP_GET_CONFIG: u32 = 0xc4f9186b;
const MSG_CONTAINER: u32 = 0x73f1f8dc;
const RPC_RESULT: u32 = 0xf35c6d01;
const PING: u32 = 0x7abe77ec;
const ERROR: u32 = 0xc4b9f9bb;

/// An ID that no schema of these tests uses (checked in `unknown_constructor_everywhere`).
const UNKNOWN_ID: u32 = 0x0bad_f00d;

/// The nestings of the API that the decoder recurses into.
#[derive(Clone, Copy, Debug)]
enum Nesting {
    /// `textBold`, `textItalic`, ... around `textEmpty`: one level each.
    RichText,
    /// `jsonArray` holding one `jsonArray`: a boxed value and a vector at every level.
    JsonArray,
    /// `invokeWithoutUpdates` around itself around `help.getConfig`, read as
    /// `AnyFunction`: one level each.
    AnyFunction,
}

const NESTINGS: [Nesting; 3] = [Nesting::RichText, Nesting::JsonArray, Nesting::AnyFunction];

impl Nesting {
    fn name(self) -> &'static str {
        match self {
            Nesting::RichText => "textBold/textItalic",
            Nesting::JsonArray => "jsonArray in jsonArray",
            Nesting::AnyFunction => "invokeWithoutUpdates",
        }
    }

    fn wire(self, levels: usize) -> Vec<u8> {
        let mut wire = Vec::new();
        match self {
            Nesting::RichText => {
                for level in 0..levels {
                    let id = if level % 2 == 0 {
                        TEXT_BOLD
                    } else {
                        TEXT_ITALIC
                    };
                    wire.extend_from_slice(&le32(id));
                }
                wire.extend_from_slice(&le32(TEXT_EMPTY));
            }
            Nesting::JsonArray => {
                for _ in 0..levels {
                    wire.extend_from_slice(&le32(JSON_ARRAY));
                    wire.extend_from_slice(&le32(VECTOR_ID));
                    wire.extend_from_slice(&le32(1));
                }
                wire.extend_from_slice(&le32(JSON_NULL));
            }
            Nesting::AnyFunction => {
                for _ in 0..levels {
                    wire.extend_from_slice(&le32(INVOKE_WITHOUT_UPDATES));
                }
                wire.extend_from_slice(&le32(HELP_GET_CONFIG));
            }
        }
        wire
    }

    /// Where the default limit stops it: just after the ID of the first value past 64
    /// levels (a `jsonArray` level is two: the value and its vector).
    fn limit_offset(self) -> usize {
        match self {
            Nesting::RichText | Nesting::AnyFunction => 4 * DEFAULT_MAX_DEPTH as usize + 4,
            Nesting::JsonArray => 12 * (DEFAULT_MAX_DEPTH as usize / 2) + 4,
        }
    }

    /// Decodes (and drops: dropping a nested value recurses too) with `reader`.
    fn decode(self, reader: &mut Reader<'_>) -> Result<(), DecodeError> {
        match self {
            Nesting::RichText => enums::RichText::decode_boxed(reader).map(drop),
            Nesting::JsonArray => enums::JsonValue::decode_boxed(reader).map(drop),
            Nesting::AnyFunction => functions::AnyFunction::decode_boxed(reader).map(drop),
        }?;
        reader.finish()
    }
}

fn on_thread_with_stack<R: Send + 'static>(
    stack: usize,
    f: impl FnOnce() -> R + Send + 'static,
) -> R {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

const TWO_MIB: usize = 2 << 20;

// ---------------------------------------------------------------------------------------
// Nesting.

/// Whether `err` is where a nesting must stop: `DepthLimitExceeded` just past the 64th
/// level, or `StackLimitExceeded` earlier, where the levels' frames outgrew the stack
/// budget (`DEFAULT_MAX_STACK`; `AnyFunction`'s frame is large in a debug build).
fn stopped_in_time(nesting: Nesting, err: &DecodeError) -> bool {
    match err.kind {
        DecodeErrorKind::DepthLimitExceeded { limit } => {
            limit == DEFAULT_MAX_DEPTH && err.offset == nesting.limit_offset()
        }
        DecodeErrorKind::StackLimitExceeded { limit } => {
            limit == DEFAULT_MAX_STACK && err.offset < nesting.limit_offset()
        }
        _ => false,
    }
}

/// 10^3 to 10^6 levels of every nesting, on the main thread and on a 2 MiB thread: an
/// error at the 65th level (or sooner, when the stack budget runs out first), never an
/// abort.
fn nesting_past_the_limit_is_an_error() {
    for nesting in NESTINGS {
        let mut stops = Vec::new();
        for levels in [1_000, 10_000, 100_000, 1_000_000] {
            let wire = nesting.wire(levels);
            let check = move || {
                let err = nesting.decode(&mut Reader::new(&wire)).unwrap_err();
                assert!(
                    stopped_in_time(nesting, &err),
                    "{nesting:?} x {levels}: {err}"
                );
                (wire, err)
            };
            let (wire, err) = check.clone()();
            let (_, on_small_thread) = on_thread_with_stack(TWO_MIB, check);
            stops.push(err.to_string());
            stops.push(on_small_thread.to_string());
            // The same through `from_boxed_bytes` and, for the wrappers, their struct.
            let err = match nesting {
                Nesting::RichText => enums::RichText::from_boxed_bytes(&wire).unwrap_err(),
                Nesting::JsonArray => enums::JsonValue::from_boxed_bytes(&wire).unwrap_err(),
                Nesting::AnyFunction => {
                    type Wrapper = functions::InvokeWithoutUpdates<functions::AnyFunction>;
                    Wrapper::from_boxed_bytes(&wire).unwrap_err()
                }
            };
            assert!(stopped_in_time(nesting, &err), "{nesting:?}: {err}");
        }
        stops.dedup();
        println!("    {:<24} {}", nesting.name(), stops.join("; "));
        // At the limit exactly: 64 levels decode (the innermost value is the 64th or 65th
        // boxed value, as counted), one more does not. Unless the stack budget ran out
        // first, as above.
        let fits = match nesting {
            Nesting::RichText | Nesting::AnyFunction => DEFAULT_MAX_DEPTH as usize - 1,
            Nesting::JsonArray => DEFAULT_MAX_DEPTH as usize / 2 - 1,
        };
        match nesting.decode(&mut Reader::new(&nesting.wire(fits))) {
            Ok(()) => {}
            Err(e) => assert!(
                matches!(e.kind, DecodeErrorKind::StackLimitExceeded { .. }),
                "{nesting:?} x {fits}: {e}"
            ),
        }
        let err = nesting
            .decode(&mut Reader::new(&nesting.wire(fits + 1)))
            .unwrap_err();
        assert!(stopped_in_time(nesting, &err), "{nesting:?}: {err}");
    }
}

/// `textConcat` with a vector of 10^5 flat `textEmpty`s is wide, not deep: it decodes.
/// And a `textConcat` in a `textConcat` (a vector at every level) stops at the limit.
fn wide_is_not_deep() {
    const TEXT_CONCAT: u32 = 0x7e6260d7;
    let mut wire = [le32(TEXT_CONCAT), le32(VECTOR_ID), le32(100_000)].concat();
    for _ in 0..100_000 {
        wire.extend_from_slice(&le32(TEXT_EMPTY));
    }
    let text = enums::RichText::from_boxed_bytes(&wire).unwrap();
    assert_eq!(text.to_boxed_bytes().unwrap(), wire);

    let mut wire = Vec::new();
    for _ in 0..100_000 {
        wire.extend_from_slice(&[le32(TEXT_CONCAT), le32(VECTOR_ID), le32(1)].concat());
    }
    wire.extend_from_slice(&le32(TEXT_EMPTY));
    let err = enums::RichText::from_boxed_bytes(&wire).unwrap_err();
    assert!(matches!(
        err.kind,
        DecodeErrorKind::DepthLimitExceeded { .. }
    ));
}

/// MTProto's containers hold their messages as `Object`s (raw bytes): a container in a
/// container in a container, 10^3 to 10^6 deep, decodes one level at a time, and the
/// caller decides how many levels to unwrap. Likewise `rpc_result` in `rpc_result`. A
/// body that nests too deeply fails when the body is decoded.
fn mtproto_containers_decode_flat() {
    for levels in [1_000usize, 10_000, 100_000, 1_000_000] {
        // msg_container{1 message{msg_id, seqno, bytes, body: msg_container{...}}}: 24
        // bytes a level, around a ping; each body's length counts what is inside it.
        let ping = [&le32(PING)[..], &7i64.to_le_bytes()].concat();
        let mut wire = Vec::with_capacity(levels * 24 + ping.len());
        for level in 0..levels {
            let inner = (levels - level - 1) * 24 + ping.len();
            wire.extend_from_slice(&le32(MSG_CONTAINER));
            wire.extend_from_slice(&le32(1));
            wire.extend_from_slice(&(level as i64).to_le_bytes());
            wire.extend_from_slice(&(level as i32).to_le_bytes());
            wire.extend_from_slice(&(inner as i32).to_le_bytes());
        }
        wire.extend_from_slice(&ping);
        {
            let mut body = mtproto::types::MsgContainer::from_boxed_bytes(&wire).unwrap();
            for level in 1..4 {
                assert_eq!(body.messages.len(), 1);
                let inner = &body.messages[0].body;
                assert_eq!(inner.0.len(), (levels - level) * 24 + 12);
                body = inner.decode().unwrap();
                assert_eq!(body.messages[0].msg_id, level as i64);
            }
        }
        // rpc_result{req_msg_id, result: rpc_result{...}}: 12 bytes a level.
        let mut wire = Vec::with_capacity(levels * 12 + 4);
        for level in 0..levels {
            wire.extend_from_slice(&le32(RPC_RESULT));
            wire.extend_from_slice(&(level as i64).to_le_bytes());
        }
        wire.extend_from_slice(&le32(0x997275b5)); // boolTrue
        on_thread_with_stack(TWO_MIB, move || {
            let result = mtproto::types::RpcResult::from_boxed_bytes(&wire).unwrap();
            assert_eq!(result.result.0.len(), wire.len() - 12);
            let inner: mtproto::types::RpcResult = result.result.decode().unwrap();
            assert_eq!(inner.req_msg_id, 1);
        });
    }
    // A container whose body is 10^6 nested textBold: the container decodes, the body
    // is an error when decoded.
    let body = Nesting::RichText.wire(1_000_000);
    let message = mtproto::types::Message {
        msg_id: 4,
        seqno: 1,
        body: tl_runtime::Object(body),
    };
    let container = mtproto::types::MsgContainer {
        messages: vec![message],
    };
    let wire = container.to_boxed_bytes().unwrap();
    let decoded = mtproto::types::MsgContainer::from_boxed_bytes(&wire).unwrap();
    let err = decoded.messages[0]
        .body
        .decode::<enums::RichText>()
        .unwrap_err();
    assert!(matches!(
        err.kind,
        DecodeErrorKind::DepthLimitExceeded { limit: 64 }
    ));
}

/// A raised limit (`Reader::with_max_depth`) is as safe as the stack budget: each
/// nesting, with the depth limit out of the way (`u32::MAX`), is decoded (and dropped:
/// dropping a nested value recurses too) at doubling depths up to 2^20 levels in child
/// processes, on a 2 MiB thread and on the main thread, since an overflow aborts the
/// process. With the default stack budget a child must end in a decoded value or an
/// error, never an abort. With the budget lifted too (`with_max_stack(usize::MAX)`), the
/// depth at which the stack really overflows in this build is printed: what the budget
/// protects against.
fn raised_limits_are_bounded_by_the_stack() {
    let exe = std::env::current_exe().unwrap();
    let main_stack = main_thread_stack();
    println!("    depth limit raised to u32::MAX, levels doubled from 64 up to 2^20:");
    for nesting in NESTINGS {
        for (stack, thread) in [
            (TWO_MIB, "2 MiB thread".to_owned()),
            (0, main_stack.clone()),
        ] {
            for budget in ["default", "lifted"] {
                let mut decoded = 0;
                let mut levels = DEFAULT_MAX_DEPTH as usize;
                let outcome = loop {
                    if levels > 1 << 20 {
                        break "decoded all".to_owned();
                    }
                    let status = Command::new(&exe)
                        .env(
                            "TL_LIMITS_PROBE",
                            format!("{nesting:?},{levels},{stack},{budget}"),
                        )
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .unwrap();
                    match status.code() {
                        Some(0) => decoded = levels,
                        Some(3) => break format!("StackLimitExceeded at {levels}"),
                        Some(4) => break format!("another error at {levels}"),
                        _ => break format!("stack overflow (abort) at {levels}"),
                    }
                    levels *= 2;
                };
                println!(
                    "      {:<24} {thread:<22} budget {budget:<8} decoded {decoded:>7}, {outcome}",
                    nesting.name()
                );
                if budget == "default" {
                    assert!(
                        outcome.starts_with("StackLimitExceeded") || outcome == "decoded all",
                        "{nesting:?} on the {thread}: {outcome}"
                    );
                }
            }
        }
    }
}

fn main_thread_stack() -> String {
    std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            let line = limits.lines().find(|l| l.starts_with("Max stack size"))?;
            let soft = line.split_whitespace().nth(3)?;
            Some(match soft.parse::<usize>() {
                Ok(bytes) => format!("main thread ({} MiB)", bytes >> 20),
                Err(_) => format!("main thread ({soft})"),
            })
        })
        .unwrap_or_else(|| "main thread".to_owned())
}

/// The child side of `raised_limits_are_bounded_by_the_stack`: `TL_LIMITS_PROBE` is
/// `Nesting,levels,stack,budget` (stack 0: the main thread; budget `default` or
/// `lifted`). Exits 0 if the value decoded, 3 on `StackLimitExceeded`, 4 on another error.
fn probe(spec: &str) -> ! {
    let parts: Vec<&str> = spec.split(',').collect();
    let nesting = match parts[0] {
        "RichText" => Nesting::RichText,
        "JsonArray" => Nesting::JsonArray,
        "AnyFunction" => Nesting::AnyFunction,
        other => panic!("bad probe {other:?}"),
    };
    let levels: usize = parts[1].parse().unwrap();
    let stack: usize = parts[2].parse().unwrap();
    let budget = if parts[3] == "lifted" {
        usize::MAX
    } else {
        DEFAULT_MAX_STACK
    };
    let wire = nesting.wire(levels);
    let run =
        move || nesting.decode(&mut Reader::with_max_depth(&wire, u32::MAX).with_max_stack(budget));
    let result = if stack == 0 {
        run()
    } else {
        on_thread_with_stack(stack, run)
    };
    std::process::exit(match result {
        Ok(()) => 0,
        Err(e) if matches!(e.kind, DecodeErrorKind::StackLimitExceeded { .. }) => 3,
        Err(_) => 4,
    })
}

// ---------------------------------------------------------------------------------------
// Lengths and allocations.

/// Lengths and counts that claim more than the input holds: `LengthTooLarge` or
/// `CountTooLarge` (or the equivalent), and not one byte allocated for them (only for what encloses them, when
/// something does: `allowed`).
fn hostile_lengths_allocate_nothing() {
    fn claim<T: BoxedDecode>(what: &str, wire: &[u8], offset: usize, allowed: usize) {
        let (result, allocated) = allocations(|| T::from_boxed_bytes(wire).map(drop));
        let err = result.unwrap_err();
        assert!(
            matches!(
                err.kind,
                DecodeErrorKind::LengthTooLarge { .. }
                    | DecodeErrorKind::CountTooLarge { .. }
                    | DecodeErrorKind::Invalid(_)
            ),
            "{what}: {err}"
        );
        assert_eq!(err.offset, offset, "{what}: {err}");
        assert!(
            allocated.requested <= allowed,
            "{what}: {} bytes requested",
            allocated.requested
        );
    }
    let huge_counts = [0x7fff_ffffu32, 0x8000_0000, u32::MAX, 1 << 24, 3];
    for count in huge_counts {
        // msgs_ack: Vector<long>, 2 longs of input.
        let wire = [
            &le32(0x62d6b459)[..],
            &le32(VECTOR_ID),
            &le32(count),
            &[0; 16],
        ]
        .concat();
        claim::<mtproto::types::MsgsAck>("Vector<long>", &wire, 12, 0);
        // Vector<User> (boxed elements): 8 bytes of input.
        let wire = [&le32(VECTOR_ID)[..], &le32(count), &le32(0xd3bc4b7a)].concat();
        if count > 1 {
            claim::<Vec<enums::User>>("Vector<User>", &wire, 8, 0);
        }
        // msg_container: vector<%Message> (bare elements of 16 bytes at least).
        let wire = [&le32(MSG_CONTAINER)[..], &le32(count), &[0; 40]].concat();
        claim::<mtproto::types::MsgContainer>("vector<%Message>", &wire, 8, 0);
        // messages.getEmojiKeywordsLanguages: Vector<string>.
        let wire = [
            &le32(0x4e9963b2)[..],
            &le32(VECTOR_ID),
            &le32(count),
            &[0; 8],
        ]
        .concat();
        claim::<functions::messages::GetEmojiKeywordsLanguages>("Vector<string>", &wire, 12, 0);
    }
    // jsonArray in jsonArray with a huge count at the fifth level.
    let mut wire = Nesting::JsonArray.wire(5);
    wire.truncate(wire.len() - 8);
    wire.extend_from_slice(&le32(0x7fff_ffff));
    wire.extend_from_slice(&le32(JSON_NULL));
    // The four enclosing one-element vectors may have reserved their element.
    let enclosing = 4 * std::mem::size_of::<enums::JsonValue>();
    claim::<enums::JsonValue>("nested Vector<JSONValue>", &wire, 60, enclosing);

    // error#c4b9f9bb code:int text:string with the text claiming 2^24-1 bytes, 254 bytes,
    // and more than the 4 left (a short prefix; its padding counts too).
    for prefix in [&[0xfe, 0xff, 0xff, 0xff][..], &[0xfe, 254, 0, 0][..]] {
        let wire = [&le32(ERROR)[..], &le32(400), prefix, &[b'a'; 8]].concat();
        claim::<types::Error>("string", &wire, 12, 0);
    }
    let wire = [&le32(ERROR)[..], &le32(400), &[8, b'a', b'b', b'c']].concat();
    claim::<types::Error>("string", &wire, 9, 0);
    // 0xff is no length prefix at all.
    let wire = [&le32(ERROR)[..], &le32(400), &[0xff, 0, 0, 0]].concat();
    claim::<types::Error>("string", &wire, 8, 0);
    // upload.saveFilePart: bytes claiming 1 MiB with 100 bytes there.
    let wire = [
        &le32(0xb304a621)[..],
        &7i64.to_le_bytes(),
        &le32(0),
        &[0xfe, 0, 0, 0x10],
        &[0; 100],
    ]
    .concat();
    claim::<functions::upload::SaveFilePart>("bytes", &wire, 20, 0);
    // message's `bytes:int` (the body's length) claiming more than there is, or negative.
    for len in [i32::MAX, 41, -1, i32::MIN] {
        let wire = [
            &le32(MSG_CONTAINER)[..],
            &le32(1),
            &1i64.to_le_bytes(),
            &le32(1),
            &len.to_le_bytes(),
            &[0; 40],
        ]
        .concat();
        // The container's one-element vector is reserved before its message is read.
        let one = std::mem::size_of::<mtproto::types::Message>();
        claim::<mtproto::types::MsgContainer>("message body", &wire, 24, one);
    }
}

/// A count the input can hold at the elements' smallest wire size reserves no more
/// memory than the input holds, even for elements far larger in memory (an enum whose
/// smallest constructor is a bare ID). Valid vectors of such elements decode with at
/// most twice their own size requested (the vector grows as it is read).
fn fat_elements_reserve_at_most_the_input() {
    fn fat<T: tl_runtime::VectorElement>(what: &str, empty_id: u32) {
        let count = 100_000u32;
        // All but the last element valid: the reservation is what is measured.
        let mut wire = [le32(VECTOR_ID), le32(count)].concat();
        for _ in 0..count - 1 {
            wire.extend_from_slice(&le32(empty_id));
        }
        wire.extend_from_slice(&le32(UNKNOWN_ID));
        let (result, allocated) = allocations(|| Vec::<T>::from_boxed_bytes(&wire).map(drop));
        let err = result.unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::UnknownConstructor { .. }),
            "{what}: {err}"
        );
        let element = std::mem::size_of::<T>();
        println!(
            "    Vector<{what}> of {count} 4-byte elements ({element} bytes each in memory): \
             {} bytes of input, peak {} bytes, {} requested",
            wire.len(),
            allocated.peak,
            allocated.requested
        );
        // Growing to `count` elements: at most twice their size while the vector doubles.
        assert!(
            allocated.peak <= 2 * count as usize * element + wire.len(),
            "{what}: peak {}",
            allocated.peak
        );
        // The count alone, with no element there, reserves nothing past the input.
        let wire = [
            &le32(VECTOR_ID)[..],
            &le32(count),
            &vec![0xff; 4 * count as usize],
        ]
        .concat();
        let (result, allocated) = allocations(|| Vec::<T>::from_boxed_bytes(&wire).map(drop));
        assert!(result.is_err());
        assert!(
            allocated.peak <= wire.len(),
            "{what}: {} bytes reserved for {} of input",
            allocated.peak,
            wire.len()
        );
    }
    fat::<enums::RichText>("RichText", TEXT_EMPTY);
    fat::<enums::PageBlock>("PageBlock", 0x13567e8a); // pageBlockUnsupported
    fat::<enums::InputMedia>("InputMedia", 0x9664f57f); // inputMediaEmpty
    fat::<enums::InputUser>("InputUser", 0xf7c1b13f); // inputUserSelf
    fat::<enums::JsonValue>("JSONValue", JSON_NULL);
}

/// Every aligned 4-byte word of a sample of golden vectors overwritten with a huge
/// length (`0xfffffffe`: a `string` prefix claiming 2^24-1 bytes, a count of ~4 billion,
/// an unknown ID, all flags set): no panic, and never more requested than decoding the
/// original vector requests plus a small multiple of the input (a word read as flags
/// can make the rest of the input read as other fields).
fn huge_words_everywhere() {
    let mut decodes = 0;
    let mut worst = (0.0f64, String::new());
    for (i, vector) in golden_vectors().iter().enumerate() {
        if i % 8 != 0 || vector.bytes.len() > 4096 {
            continue;
        }
        let (valid, base) = allocations(|| vector.decode(&vector.bytes));
        assert!(valid.is_ok(), "{}: {valid:?}", vector.name);
        for at in (0..vector.bytes.len() - 3).step_by(4) {
            for word in [0xffff_fffeu32, 0x7fff_ffff] {
                let mut bytes = vector.bytes.clone();
                bytes[at..at + 4].copy_from_slice(&le32(word));
                let (_, allocated) = allocations(|| vector.decode(&bytes));
                decodes += 1;
                let extra = allocated.requested.saturating_sub(base.requested);
                let ratio = extra as f64 / bytes.len() as f64;
                if ratio > worst.0 {
                    worst = (ratio, format!("{} with {word:#x} at {at}", vector.name));
                }
                assert!(
                    allocated.requested <= base.requested + 64 * bytes.len() + 4096,
                    "{} with {word:#x} at byte {at}: {} bytes requested, {} for the original",
                    vector.name,
                    allocated.requested,
                    base.requested
                );
            }
        }
    }
    println!(
        "    {decodes} decodes; most requested beyond the original's: {:.1} x the input ({})",
        worst.0, worst.1
    );
}

/// A `gzip_packed` bomb: 32 MiB of zeros in 32 KB, unpacked with a 1 MiB limit, is an
/// error after at most about the limit allocated.
fn gzip_bomb_allocates_at_most_the_limit() {
    let bomb = gzip::pack(&vec![0u8; 32 << 20], 10);
    assert!(bomb.len() < 64 << 10, "{}", bomb.len());
    let packed = mtproto::types::GzipPacked { packed_data: bomb };
    let wire = packed.to_boxed_bytes().unwrap();
    let limit = 1 << 20;
    let (result, allocated) = allocations(|| {
        let packed = mtproto::types::GzipPacked::from_boxed_bytes(&wire).unwrap();
        gzip::unpack(&packed.packed_data, limit)
    });
    assert_eq!(result, Err(gzip::GzipError::TooLarge { limit }));
    println!(
        "    32 MiB bomb ({} bytes packed), limit 1 MiB: peak {} bytes",
        wire.len(),
        allocated.peak
    );
    assert!(
        allocated.peak <= 2 * limit + 2 * wire.len(),
        "{}",
        allocated.peak
    );
}

// ---------------------------------------------------------------------------------------
// Golden vectors: trailing bytes, unknown constructors.

struct Golden {
    telethon: bool,
    name: String,
    bytes: Vec<u8>,
}

/// Decodes `bytes` as the type named, whole-buffer.
struct DecodeAs<'a>(&'a [u8]);

impl TypeVisitor for DecodeAs<'_> {
    type Output = Result<(), DecodeError>;
    fn visit<T: Item>(self) -> Result<(), DecodeError> {
        T::from_boxed_bytes(self.0).map(drop)
    }
}

impl Golden {
    fn decode(&self, bytes: &[u8]) -> Result<(), DecodeError> {
        let found = if self.telethon {
            telethon::registry::by_name(&self.name, DecodeAs(bytes))
        } else {
            gramjs::registry::by_name(&self.name, DecodeAs(bytes))
        };
        found.unwrap_or_else(|| panic!("{} is in no registry", self.name))
    }
}

fn golden_vectors() -> &'static [Golden] {
    static VECTORS: std::sync::OnceLock<Vec<Golden>> = std::sync::OnceLock::new();
    VECTORS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        let mut out = Vec::new();
        for file in ["telethon", "gramjs", "telethon-single", "gramjs-single"] {
            let raw = std::fs::read(dir.join(format!("{file}.jsonl.gz"))).unwrap();
            let mut text = String::new();
            flate2::read::GzDecoder::new(raw.as_slice())
                .read_to_string(&mut text)
                .unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let record: Value = serde_json::from_str(line).unwrap();
                out.push(Golden {
                    telethon: record["schema"].as_str().unwrap().starts_with("telethon"),
                    name: record["value"]["_"].as_str().unwrap().to_owned(),
                    bytes: hex::decode(record["hex"].as_str().unwrap()).unwrap(),
                });
            }
        }
        out
    })
}

/// Every golden vector with 1, 4 and 9 bytes after it: `TrailingBytes` at its end. (An
/// `rpc_result`'s `result` is the rest of its message by definition: it takes them.)
fn trailing_bytes_everywhere() {
    for vector in golden_vectors() {
        for extra in [&[0u8][..], &[0; 4], &[1, 2, 3, 4, 5, 6, 7, 8, 9]] {
            let bytes = [&vector.bytes[..], extra].concat();
            if vector.name == "rpc_result" {
                assert!(vector.decode(&bytes).is_ok());
                continue;
            }
            let err = vector.decode(&bytes).unwrap_err();
            assert_eq!(
                err,
                DecodeError {
                    offset: vector.bytes.len(),
                    kind: DecodeErrorKind::TrailingBytes { count: extra.len() }
                },
                "{}",
                vector.name
            );
        }
    }
    println!("    {} vectors x 3", golden_vectors().len());
}

fn reflective(peer: &str) -> Registry {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/schemas");
    let files: Vec<(String, String)> = ["api", "mtproto"]
        .iter()
        .map(|part| {
            let name = format!("{peer}-{part}.tl");
            (
                name.clone(),
                std::fs::read_to_string(dir.join(&name)).unwrap(),
            )
        })
        .collect();
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Registry::from_sources(&sources, &Default::default()).unwrap()
}

/// Every ID the schema files define (constructors, functions, builtins).
fn schema_ids(paths: &[&str]) -> std::collections::HashSet<u32> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            (
                p.to_string(),
                std::fs::read_to_string(root.join(p)).unwrap(),
            )
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let checked = tl_parser::check(&sources, &Default::default());
    checked
        .schemas
        .iter()
        .flat_map(|s| &s.definitions)
        .map(|d| d.id())
        .collect()
}

/// An unknown constructor in every position where one is read, in every golden vector.
///
/// The candidates are the 4-byte-aligned words that hold an ID the schemas define (every
/// TL value is aligned, so every ID the decoder reads is one of them); each is replaced
/// by `UNKNOWN_ID` in turn. The reflective codec (`tl-reflect`, raw `Object`s, as the
/// generated code keeps them) says which candidates are really read as IDs: there the
/// generated decoder must fail with `UnknownConstructor { id: UNKNOWN_ID }` at exactly
/// that offset (the bytes before it are the valid vector's, so it is the first point of
/// failure). Elsewhere (an `int` or `long` that happens to equal an ID, bytes inside an
/// `Object` or a string) the two codecs must agree: both decode, or both fail at the
/// same offset.
fn unknown_constructor_everywhere() {
    let telethon_ids = schema_ids(&[
        "golden/schemas/telethon-api.tl",
        "golden/schemas/telethon-mtproto.tl",
    ]);
    let gramjs_ids = schema_ids(&[
        "golden/schemas/gramjs-api.tl",
        "golden/schemas/gramjs-mtproto.tl",
    ]);
    let ours = schema_ids(&["../schema/api.tl", "../schema/mtproto.tl"]);
    for ids in [&telethon_ids, &gramjs_ids, &ours] {
        assert!(!ids.contains(&UNKNOWN_ID));
    }
    let registries = [reflective("telethon"), reflective("gramjs")];
    let raw = DecodeOptions {
        raw_objects: true,
        ..DecodeOptions::default()
    };
    let (mut read_as_id, mut data) = (0, 0);
    for vector in golden_vectors() {
        let (ids, registry) = if vector.telethon {
            (&telethon_ids, &registries[0])
        } else {
            (&gramjs_ids, &registries[1])
        };
        for at in (0..vector.bytes.len() - 3).step_by(4) {
            let word = u32::from_le_bytes(vector.bytes[at..at + 4].try_into().unwrap());
            if !ids.contains(&word) {
                continue;
            }
            let mut bytes = vector.bytes.clone();
            bytes[at..at + 4].copy_from_slice(&le32(UNKNOWN_ID));
            let generated = vector.decode(&bytes);
            let reflected = registry.decode(None, &bytes, &raw);
            let is_id = reflected.as_ref().is_err_and(|e| {
                e.offset == at
                    && matches!(
                        e.kind,
                        tl_reflect::DecodeErrorKind::UnknownConstructor { id: UNKNOWN_ID, .. }
                            | tl_reflect::DecodeErrorKind::UnknownId { id: UNKNOWN_ID }
                    )
            });
            if is_id {
                read_as_id += 1;
                let err = generated.unwrap_err();
                assert!(
                    matches!(
                        err.kind,
                        DecodeErrorKind::UnknownConstructor { id: UNKNOWN_ID, .. }
                    ) && err.offset == at,
                    "{} with an unknown ID at byte {at}: {err}",
                    vector.name
                );
            } else {
                data += 1;
                match (&generated, &reflected) {
                    (Ok(()), Ok(_)) => {}
                    (Err(g), Err(r)) => assert_eq!(
                        g.offset, r.offset,
                        "{} with {UNKNOWN_ID:#x} at byte {at}: generated {g}, reflective {r}",
                        vector.name
                    ),
                    _ => panic!(
                        "{} with {UNKNOWN_ID:#x} at byte {at}: generated {generated:?}, \
                         reflective {reflected:?}",
                        vector.name
                    ),
                }
            }
        }
    }
    println!(
        "    {} vectors: {read_as_id} IDs replaced (UnknownConstructor at their offset), \
         {data} ID-like data words (both codecs agree)",
        golden_vectors().len()
    );
    assert!(read_as_id > 10_000);
}

// ---------------------------------------------------------------------------------------
// Strings.

/// `string` bytes that are not UTF-8 are `InvalidUtf8` at the string's offset, whatever
/// the kind of damage, its place in a long string, or the string's place in the value;
/// `bytes` carry the same bytes untouched; valid edge cases decode.
fn invalid_utf8_is_an_error() {
    fn string(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        tl_runtime::primitives::encode_bytes(data, &mut out).unwrap();
        out
    }
    let long_bad = [&[b'a'; 299][..], &[0xc3]].concat();
    let bad: [&[u8]; 7] = [
        &[0xff],
        &[0xc0, 0x80],             // overlong NUL
        &[0xed, 0xa0, 0x80],       // a surrogate
        &[0xe2, 0x82],             // cut inside a character
        &[0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
        &[b'o', b'k', 0x80],       // a lone continuation byte
        &long_bad,                 // 0xfe-prefixed, damaged at the end
    ];
    for data in bad {
        let wire = [&le32(ERROR)[..], &le32(400), &string(data)].concat();
        let err = types::Error::from_boxed_bytes(&wire).unwrap_err();
        assert_eq!(
            err,
            DecodeError {
                offset: 8,
                kind: DecodeErrorKind::InvalidUtf8
            },
            "{data:x?}"
        );
        // In a vector, after a valid string: the offset of the damaged one.
        let wire = [
            &le32(0x4e9963b2)[..],
            &le32(VECTOR_ID),
            &le32(2),
            &string(b"ok"),
            &string(data),
        ]
        .concat();
        let err =
            functions::messages::GetEmojiKeywordsLanguages::from_boxed_bytes(&wire).unwrap_err();
        assert_eq!(err.offset, 16);
        assert_eq!(err.kind, DecodeErrorKind::InvalidUtf8);
        // As `bytes`, the same data is just data.
        let wire = [
            &le32(0xb304a621)[..],
            &7i64.to_le_bytes(),
            &le32(0),
            &string(data),
        ]
        .concat();
        let part = functions::upload::SaveFilePart::from_boxed_bytes(&wire).unwrap();
        assert_eq!(part.bytes, data);
    }
    let long = "ж".repeat(200);
    for good in ["", "\0", "\u{10ffff}", "€", "ok", long.as_str()] {
        let wire = [&le32(ERROR)[..], &le32(400), &string(good.as_bytes())].concat();
        assert_eq!(types::Error::from_boxed_bytes(&wire).unwrap().text, good);
    }
}

/// `string`/`bytes` of 2^24 bytes and more cannot be written (the prefix has 3 bytes):
/// `EncodeError::TooLong`, at any depth; 2^24-1 bytes can.
fn over_long_strings_do_not_encode() {
    const MAX: usize = tl_runtime::primitives::MAX_BYTES_LEN;
    assert_eq!(MAX, (1 << 24) - 1);
    let error = types::Error {
        code: 1,
        text: "a".repeat(MAX),
    };
    let wire = error.to_boxed_bytes().unwrap();
    assert_eq!(wire.len(), 4 + 4 + 4 + MAX + 1);
    assert_eq!(types::Error::from_boxed_bytes(&wire).unwrap(), error);
    for len in [MAX + 1, MAX + 2, 1 << 25] {
        let error = types::Error {
            code: 1,
            text: "a".repeat(len),
        };
        assert_eq!(error.to_boxed_bytes(), Err(EncodeError::TooLong { len }));
        assert_eq!(error.to_bare_bytes(), Err(EncodeError::TooLong { len }));
        let part = functions::upload::SaveFilePart {
            file_id: 1,
            file_part: 0,
            bytes: vec![0; len],
        };
        assert_eq!(part.to_boxed_bytes(), Err(EncodeError::TooLong { len }));
        let call = functions::messages::GetEmojiKeywordsLanguages {
            lang_codes: vec!["en".to_owned(), "b".repeat(len)],
        };
        assert_eq!(call.to_boxed_bytes(), Err(EncodeError::TooLong { len }));
    }
}

// ---------------------------------------------------------------------------------------
// Benchmark payloads (layer 230): decode, every prefix fails, trailing bytes fail.

fn benchmark_payloads_and_their_prefixes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../benches/payloads");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    fn check<T: BoxedDecode>(wire: &[u8], stride: usize) -> usize {
        assert!(T::from_boxed_bytes(wire).is_ok());
        let mut prefixes = 0;
        for len in (0..wire.len()).step_by(stride) {
            assert!(
                T::from_boxed_bytes(&wire[..len]).is_err(),
                "prefix of {len}"
            );
            prefixes += 1;
        }
        let longer = [wire, &[0]].concat();
        assert!(T::from_boxed_bytes(&longer).is_err());
        prefixes
    }
    let a = check::<functions::messages::ExportChatInvite>(&read("export_chat_invite.bin"), 1);
    let b = check::<enums::messages::Messages>(&read("messages_big.bin"), 61);
    let c = check::<Vec<enums::Updates>>(&read("vector_10k_updates.bin"), 997);
    println!("    prefixes: {a} (every one), {b} (every 61st), {c} (every 997th)");
}

/// Every input a fuzz target over the generated bindings found (`fuzz/regressions/`),
/// decoded as any function and as any value of the API on the main thread and on a 2 MiB
/// thread: an error or a value that encodes back to the input, never an abort.
fn fuzz_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut count = 0;
    for target in ["decode_api", "structure_aware", "mtproto_layer"] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let check = move |bytes: Vec<u8>| {
                match functions::AnyFunction::from_boxed_bytes(&bytes) {
                    Ok(value) => assert_eq!(value.to_boxed_bytes().unwrap(), bytes),
                    Err(e) => {
                        let _ = e.to_string();
                    }
                }
                match mtproto::enums::MessageContainer::from_boxed_bytes(&bytes) {
                    Ok(value) => assert_eq!(value.to_boxed_bytes().unwrap(), bytes),
                    Err(e) => {
                        let _ = e.to_string();
                    }
                }
            };
            check(bytes.clone());
            on_thread_with_stack(TWO_MIB, move || check(bytes));
            count += 1;
        }
    }
    assert!(
        count >= 3,
        "{count} regression inputs in {}",
        root.display()
    );
    println!("    {count} inputs");
}

// ---------------------------------------------------------------------------------------

fn main() {
    if let Ok(spec) = std::env::var("TL_LIMITS_PROBE") {
        probe(&spec);
    }
    let checks: [(&str, fn()); 14] = [
        (
            "nesting_past_the_limit_is_an_error",
            nesting_past_the_limit_is_an_error,
        ),
        ("wide_is_not_deep", wide_is_not_deep),
        (
            "mtproto_containers_decode_flat",
            mtproto_containers_decode_flat,
        ),
        (
            "raised_limits_are_bounded_by_the_stack",
            raised_limits_are_bounded_by_the_stack,
        ),
        (
            "hostile_lengths_allocate_nothing",
            hostile_lengths_allocate_nothing,
        ),
        (
            "fat_elements_reserve_at_most_the_input",
            fat_elements_reserve_at_most_the_input,
        ),
        ("huge_words_everywhere", huge_words_everywhere),
        (
            "gzip_bomb_allocates_at_most_the_limit",
            gzip_bomb_allocates_at_most_the_limit,
        ),
        ("trailing_bytes_everywhere", trailing_bytes_everywhere),
        (
            "unknown_constructor_everywhere",
            unknown_constructor_everywhere,
        ),
        ("invalid_utf8_is_an_error", invalid_utf8_is_an_error),
        (
            "over_long_strings_do_not_encode",
            over_long_strings_do_not_encode,
        ),
        (
            "benchmark_payloads_and_their_prefixes",
            benchmark_payloads_and_their_prefixes,
        ),
        ("fuzz_regressions", fuzz_regressions),
    ];
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mut failed = Vec::new();
    let mut ran = 0;
    for (name, check) in checks {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        ran += 1;
        println!("test {name} ...");
        let start = Instant::now();
        match std::panic::catch_unwind(check) {
            Ok(()) => println!("test {name} ... ok ({:.2?})", start.elapsed()),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed.push(name);
            }
        }
    }
    println!(
        "\ntest result: {}. {} passed; {} failed",
        if failed.is_empty() { "ok" } else { "FAILED" },
        ran - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        std::process::exit(101);
    }
}

//! Encode and decode with our generated bindings against grammers-tl-types 0.11.0 (both
//! built from the same layer-230 `api.tl`), in one process and one run, on the payloads
//! of `payloads/`. Run from `benches/`:
//!
//! ```text
//! cargo bench --bench codec                  # full criterion run
//! cargo bench --bench codec -- --quick       # a faster, rougher run
//! ```
//!
//! After the criterion groups it prints a table: the median time of each side, the ratio
//! (ours / grammers: below 1 is faster), and allocations per operation counted by a
//! counting global allocator (one operation, outside the timed loops).

#[path = "common.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use common::{human, median_ns};
use criterion::{black_box, BatchSize, Criterion, Throughput};
use grammers_tl_types::{Deserializable, Serializable};
use tl_bench::payloads::{EXPORT_CHAT_INVITE, MESSAGES_BIG, VECTOR_10K_UPDATES};
use tl_bench::tl;
use tl_runtime::{BoxedDecode, BoxedEncode};

/// Counts allocations and bytes requested, to report allocations per operation.
struct Counting;

/// Counting is switched on only inside [`count`], so the timed loops pay one relaxed
/// load per allocation rather than two atomic read-modify-writes (both sides alike).
static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            ALLOCATIONS.fetch_add(1, Relaxed);
            BYTES.fetch_add(layout.size(), Relaxed);
        }
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            ALLOCATIONS.fetch_add(1, Relaxed);
            BYTES.fetch_add(new_size, Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes requested by one call of `f` (its result dropped inside).
fn count<R>(f: impl FnOnce() -> R) -> (usize, usize) {
    let (a, b) = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    COUNTING.store(true, Relaxed);
    drop(black_box(f()));
    COUNTING.store(false, Relaxed);
    (ALLOCATIONS.load(Relaxed) - a, BYTES.load(Relaxed) - b)
}

type OurSeed = tl::functions::messages::ExportChatInvite;
type OurMessages = tl::enums::messages::Messages;
type TheirMessages = grammers_tl_types::enums::messages::Messages;
type OurUpdates = Vec<tl::enums::Updates>;
type TheirUpdates = Vec<grammers_tl_types::enums::Updates>;

struct Row {
    workload: &'static str,
    group: &'static str,
    ours_allocs: (usize, usize),
    theirs_allocs: (usize, usize),
    bytes: usize,
}

fn main() {
    // Both sides decode every payload and re-encode it to the same bytes before anything
    // is timed: the comparison is between two correct codecs.
    let our_seed = OurSeed::from_boxed_bytes(EXPORT_CHAT_INVITE).expect("ours decodes the seed");
    let their_seed = tl_bench::grammers_seed();
    let our_messages =
        OurMessages::from_boxed_bytes(MESSAGES_BIG).expect("ours decodes messages_big");
    let their_messages =
        TheirMessages::from_bytes(MESSAGES_BIG).expect("grammers decodes messages_big");
    let our_updates =
        OurUpdates::from_boxed_bytes(VECTOR_10K_UPDATES).expect("ours decodes the updates");
    let their_updates =
        TheirUpdates::from_bytes(VECTOR_10K_UPDATES).expect("grammers decodes the updates");
    assert_eq!(our_seed.to_boxed_bytes().unwrap(), EXPORT_CHAT_INVITE);
    assert_eq!(their_seed.to_bytes(), EXPORT_CHAT_INVITE);
    assert_eq!(our_messages.to_boxed_bytes().unwrap(), MESSAGES_BIG);
    assert_eq!(their_messages.to_bytes(), MESSAGES_BIG);
    assert_eq!(our_updates.to_boxed_bytes().unwrap(), VECTOR_10K_UPDATES);
    assert_eq!(their_updates.to_bytes(), VECTOR_10K_UPDATES);

    let mut c = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let mut rows = Vec::new();

    macro_rules! encode_reused {
        ($group:literal, $workload:literal, $ours:expr, $theirs:expr, $len:expr) => {{
            let mut g = c.benchmark_group($group);
            g.throughput(Throughput::Bytes($len as u64));
            let mut buf = Vec::with_capacity($len);
            g.bench_function("ours", |b| {
                b.iter(|| {
                    buf.clear();
                    black_box(&$ours).encode_boxed(&mut buf).unwrap();
                    black_box(buf.len())
                })
            });
            g.bench_function("grammers", |b| {
                b.iter(|| {
                    buf.clear();
                    black_box(&$theirs).serialize(&mut buf);
                    black_box(buf.len())
                })
            });
            g.finish();
            let mut reused = Vec::with_capacity($len);
            let ours_allocs = count(|| $ours.encode_boxed(&mut reused));
            reused.clear();
            let theirs_allocs = count(|| $theirs.serialize(&mut reused));
            rows.push(Row {
                workload: $workload,
                group: $group,
                ours_allocs,
                theirs_allocs,
                bytes: $len,
            });
        }};
    }

    encode_reused!(
        "encode_seed_reused",
        "encode seed request (60 B), reused Vec",
        our_seed,
        their_seed,
        EXPORT_CHAT_INVITE.len()
    );
    {
        let mut g = c.benchmark_group("encode_seed_fresh");
        g.bench_function("ours", |b| {
            b.iter(|| black_box(&our_seed).to_boxed_bytes().unwrap())
        });
        g.bench_function("grammers", |b| b.iter(|| black_box(&their_seed).to_bytes()));
        g.finish();
        let ours_allocs = count(|| our_seed.to_boxed_bytes().unwrap());
        let theirs_allocs = count(|| their_seed.to_bytes());
        rows.push(Row {
            workload: "encode seed request, fresh Vec",
            group: "encode_seed_fresh",
            ours_allocs,
            theirs_allocs,
            bytes: 60,
        });
    }
    encode_reused!(
        "encode_messages_reused",
        "encode messages.messages (64 KB), reused Vec",
        our_messages,
        their_messages,
        MESSAGES_BIG.len()
    );
    encode_reused!(
        "encode_updates_reused",
        "encode 10,000 updates (490 KB), reused Vec",
        our_updates,
        their_updates,
        VECTOR_10K_UPDATES.len()
    );

    macro_rules! decode {
        ($group:literal, $workload:literal, $ours:ty, $theirs:ty, $payload:expr) => {{
            let mut g = c.benchmark_group($group);
            g.throughput(Throughput::Bytes($payload.len() as u64));
            g.bench_function("ours", |b| {
                b.iter(|| <$ours>::from_boxed_bytes(black_box($payload)).unwrap())
            });
            g.bench_function("grammers", |b| {
                b.iter(|| <$theirs>::from_bytes(black_box($payload)).unwrap())
            });
            g.finish();
            let ours_allocs = count(|| <$ours>::from_boxed_bytes($payload).unwrap());
            let theirs_allocs = count(|| <$theirs>::from_bytes($payload).unwrap());
            rows.push(Row {
                workload: $workload,
                group: $group,
                ours_allocs,
                theirs_allocs,
                bytes: $payload.len(),
            });
        }};
    }
    decode!(
        "decode_messages",
        "decode messages.messages (64 KB), drop included",
        OurMessages,
        TheirMessages,
        MESSAGES_BIG
    );
    decode!(
        "decode_updates",
        "decode 10,000 updates (490 KB), drop included",
        OurUpdates,
        TheirUpdates,
        VECTOR_10K_UPDATES
    );

    let mut shared_rows = Vec::new();
    // `Config::shared_buffers(true)`: the same decodes with strings and bytes sliced from
    // a shared input instead of copied (`BoxedDecode::from_boxed_shared`).
    macro_rules! decode_shared {
        ($group:literal, $workload:literal, $ours:ty, $payload:expr) => {{
            // A buffer as a network read hands it over (not a `'static` one, whose
            // slices would skip the reference count).
            let input = tl_runtime::shared::Bytes::from($payload.to_vec());
            let mut g = c.benchmark_group($group);
            g.throughput(Throughput::Bytes($payload.len() as u64));
            g.bench_function("ours", |b| {
                b.iter(|| <$ours>::from_boxed_shared(black_box(&input)).unwrap())
            });
            g.finish();
            shared_rows.push(SharedRow {
                workload: $workload,
                group: $group,
                allocs: count(|| <$ours>::from_boxed_shared(&input).unwrap()),
            });
        }};
    }
    decode_shared!(
        "decode_messages_shared",
        "decode messages.messages (64 KB), shared buffers",
        tl_bench::tl_shared::enums::messages::Messages,
        MESSAGES_BIG
    );
    decode_shared!(
        "decode_updates_shared",
        "decode 10,000 updates (490 KB), shared buffers",
        Vec<tl_bench::tl_shared::enums::Updates>,
        VECTOR_10K_UPDATES
    );

    // The memcpy baseline for encoding throughput: copying the same 64 KB.
    {
        let mut g = c.benchmark_group("memcpy_64k");
        g.throughput(Throughput::Bytes(MESSAGES_BIG.len() as u64));
        let mut buf = Vec::with_capacity(MESSAGES_BIG.len());
        g.bench_function("memcpy", |b| {
            b.iter_batched_ref(
                || (),
                |_| {
                    buf.clear();
                    buf.extend_from_slice(black_box(MESSAGES_BIG));
                    black_box(buf.len())
                },
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }
    c.final_summary();
    report(&rows);
    report_shared(&shared_rows);
}

/// A decode of `Config::shared_buffers(true)` bindings.
struct SharedRow {
    workload: &'static str,
    group: &'static str,
    allocs: (usize, usize),
}

fn report_shared(rows: &[SharedRow]) {
    println!("
| workload | ours, shared buffers | ours, owned | ratio to owned | ratio to grammers | allocations | bytes allocated |");
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        let owned_group = row.group.trim_end_matches("_shared");
        let (Some(shared), Some(owned), Some(theirs)) = (
            median_ns(row.group, "ours"),
            median_ns(owned_group, "ours"),
            median_ns(owned_group, "grammers"),
        ) else {
            println!("| {} | (not run) | | | | | |", row.workload);
            continue;
        };
        println!(
            "| {} | {} | {} | {:.2} | {:.2} | {} | {} |",
            row.workload,
            human(shared),
            human(owned),
            shared / owned,
            shared / theirs,
            row.allocs.0,
            row.allocs.1
        );
    }
}

fn report(rows: &[Row]) {
    // For scripts/benchmarks.sh's table (examples/summary.rs): the allocation counts, which
    // criterion does not keep.
    let tsv: String = rows
        .iter()
        .map(|row| {
            format!(
                "{}\t{}\t{}\t{}\t{}\n",
                row.group,
                row.ours_allocs.0,
                row.theirs_allocs.0,
                row.ours_allocs.1,
                row.theirs_allocs.1
            )
        })
        .collect();
    let path = std::path::Path::new("target/criterion/allocations.tsv");
    if let Err(e) = std::fs::write(path, tsv) {
        eprintln!("could not write {}: {e}", path.display());
    }
    println!("\n| workload | ours | grammers-tl-types 0.11.0 | ratio (ours/theirs) | ours GB/s | allocations ours / theirs | bytes allocated ours / theirs |");
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        let (Some(ours), Some(theirs)) = (
            median_ns(row.group, "ours"),
            median_ns(row.group, "grammers"),
        ) else {
            println!("| {} | (not run) | | | | | |", row.workload);
            continue;
        };
        println!(
            "| {} | {} | {} | {:.2} | {:.2} | {} / {} | {} / {} |",
            row.workload,
            human(ours),
            human(theirs),
            ours / theirs,
            row.bytes as f64 / ours,
            row.ours_allocs.0,
            row.theirs_allocs.0,
            row.ours_allocs.1,
            row.theirs_allocs.1
        );
    }
    if let (Some(memcpy), Some(ours)) = (
        median_ns("memcpy_64k", "memcpy"),
        median_ns("encode_messages_reused", "ours"),
    ) {
        println!(
            "\nmemcpy of 64 KB: {} ({:.2} GB/s); our encoding of messages_big runs at {:.2} of memcpy's throughput",
            human(memcpy),
            MESSAGES_BIG.len() as f64 / memcpy,
            memcpy / ours
        );
    }
}

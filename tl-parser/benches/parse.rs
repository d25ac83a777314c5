//! Parsing throughput on `schema/api.tl`, against `grammers-tl-parser` 1.2.2 on the same
//! file. Run: `cargo bench -p tl-parser --bench parse -- --warm-up-time 1 --measurement-time 3`
//!
//! Prints MB/s for both and the ratio (our time / grammers' time) at the end.

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, Criterion, Throughput};

const API: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/api.tl"));

fn ours() -> usize {
    let r = tl_parser::parse(
        "api.tl",
        black_box(API),
        &tl_parser::ParseOptions::default(),
    );
    r.schema.definitions.len()
}

fn grammers() -> usize {
    grammers_tl_parser::parse_tl_file(black_box(API))
        .filter(|d| d.is_ok())
        .count()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse api.tl");
    g.throughput(Throughput::Bytes(API.len() as u64));
    g.bench_function("tl-parser", |b| b.iter(ours));
    g.bench_function("grammers-tl-parser 1.2.2", |b| b.iter(grammers));
    // The same without the time to free the syntax tree (what a build script pays
    // before exiting anyway).
    g.bench_function("tl-parser (drop excluded)", |b| {
        b.iter_with_large_drop(|| {
            tl_parser::parse(
                "api.tl",
                black_box(API),
                &tl_parser::ParseOptions::default(),
            )
        })
    });
    g.bench_function("grammers-tl-parser 1.2.2 (drop excluded)", |b| {
        b.iter_with_large_drop(|| {
            grammers_tl_parser::parse_tl_file(black_box(API)).collect::<Vec<_>>()
        })
    });
    g.finish();
}

/// A plain timing of both, printed as MB/s and a ratio (criterion reports each alone).
fn summary() {
    fn time(f: fn() -> usize) -> Duration {
        for _ in 0..20 {
            black_box(f());
        }
        let mut best = Duration::MAX;
        for _ in 0..5 {
            let n = 50;
            let t = Instant::now();
            for _ in 0..n {
                black_box(f());
            }
            best = best.min(t.elapsed() / n);
        }
        best
    }
    let mb = API.len() as f64 / 1e6;
    let a = time(ours);
    let b = time(grammers);
    println!(
        "\nsummary: api.tl {:.0} KB; tl-parser {:?} ({:.0} MB/s, {} definitions); grammers-tl-parser {:?} ({:.0} MB/s, {} definitions); tl-parser time / grammers time = {:.2}",
        API.len() as f64 / 1e3,
        a,
        mb / a.as_secs_f64(),
        ours(),
        b,
        mb / b.as_secs_f64(),
        grammers(),
        a.as_secs_f64() / b.as_secs_f64()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}

//! The generators, in one run: tl-codegen (with `prettyplease`, and with the simple
//! printer of `Config::format(false)`) against grammers-tl-gen 0.11.0, the generator of
//! grammers-tl-types, on the same `api.tl` + `mtproto.tl`, from schema text to Rust source
//! in memory (parsing included on both sides; no file is written).
//!
//!     cd benches && cargo bench --bench generator
//!
//! grammers is configured as grammers-tl-types' build script is with its default features
//! (`Debug`, the `From` conversions both ways, the ID-to-name table). Ours uses two
//! threads, the default on this machine; the single-thread figures are printed too.

#[path = "common.rs"]
mod common;
#[path = "generators.rs"]
mod generators;

use std::time::Duration;

use common::{human, median_ns};
use criterion::{black_box, Criterion};
use generators::{ours, theirs};

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    println!(
        "output: ours {} bytes, grammers {} bytes",
        ours(true, 2),
        theirs()
    );
    const GROUP: &str = "generate_api_and_mtproto";
    const THEIRS: &str = "grammers-tl-gen";
    let ours_variants = [
        ("ours, prettyplease, 2 threads", true, 2),
        ("ours, format(false), 2 threads", false, 2),
        ("ours, prettyplease, 1 thread", true, 1),
        ("ours, format(false), 1 thread", false, 1),
    ];
    let mut g = c.benchmark_group(GROUP);
    for (name, pretty, threads) in ours_variants {
        g.bench_function(name, |b| b.iter(|| ours(black_box(pretty), threads)));
    }
    g.bench_function(THEIRS, |b| b.iter(theirs));
    g.finish();
    c.final_summary();

    println!(
        "\n| generator (api.tl + mtproto.tl, in memory) | median | ratio to grammers-tl-gen |"
    );
    println!("|---|---|---|");
    let Some(theirs) = median_ns(GROUP, THEIRS) else {
        println!("(no criterion results found: run without a filter)");
        return;
    };
    for (name, ..) in ours_variants {
        if let Some(ours) = median_ns(GROUP, name) {
            println!("| {name} | {} | {:.1} |", human(ours), ours / theirs);
        }
    }
    println!("| {THEIRS} 0.11.0 | {} | 1 |", human(theirs));
}

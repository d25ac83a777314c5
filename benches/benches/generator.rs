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

use std::time::Duration;

use common::{human, median_ns};
use criterion::{black_box, Criterion};

const API: &str = include_str!("../../schema/api.tl");
const MTPROTO: &str = include_str!("../../schema/mtproto.tl");

fn ours(pretty: bool, threads: usize) -> usize {
    let mut config = tl_codegen::Config::new();
    config.format(pretty).threads(threads);
    // Each schema on its own, at the root (the codec bench's bindings put `mtproto.tl` in a
    // module; the work is the same).
    let api = config
        .generate_from_sources(&[("api.tl", API)])
        .expect("api.tl generates");
    let mtproto = config
        .generate_from_sources(&[("mtproto.tl", MTPROTO)])
        .expect("mtproto.tl generates");
    api.code.len() + mtproto.code.len()
}

fn theirs() -> usize {
    let definitions: Vec<_> = grammers_tl_parser::parse_tl_file(API)
        .chain(grammers_tl_parser::parse_tl_file(MTPROTO))
        .filter_map(Result::ok)
        .collect();
    let mut outputs = grammers_tl_gen::Outputs {
        common: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        enums: Vec::new(),
    };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: false,
        impl_debug: true,
        impl_from_enum: true,
        impl_from_type: true,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut outputs, &definitions, 230, &config)
        .expect("writing to memory cannot fail");
    outputs.common.len() + outputs.types.len() + outputs.functions.len() + outputs.enums.len()
}

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

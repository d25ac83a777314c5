//! The one table of every workload of the performance issue: ours, grammers', the ratio,
//! the target and whether it is met, read back from the results the benches and the
//! compile-time script saved. `scripts/benchmarks.sh` runs them all and then this.
//!
//! Reads, relative to the repository (the default target directories):
//! - `benches/target/criterion/`: the codec and generator benches, and the allocation
//!   counts the codec bench writes (`allocations.tsv`);
//! - `target/criterion/parse api.tl/`: the parser bench;
//! - `target/compile-time/results.tsv`: `scripts/compile-time.sh`.
//!
//! A workload without results is listed as not run.

#[allow(dead_code)] // `median_ns` is for the benches, which run from `benches/`.
#[path = "../benches/common.rs"]
mod common;

use std::path::Path;

use common::{human, median_ns_in};
use tl_bench::payloads::MESSAGES_BIG;

/// What a row's ratio is held to.
#[derive(Clone, Copy)]
enum Target {
    /// Our time over theirs at most this.
    AtMost(f64),
    /// Our figure over the baseline's at least this (throughputs).
    AtLeast(f64),
}

impl Target {
    fn describe(self) -> String {
        match self {
            Target::AtMost(r) => format!("ratio ≤ {r}"),
            Target::AtLeast(r) => format!("≥ {r}"),
        }
    }

    fn met(self, ratio: f64) -> bool {
        match self {
            Target::AtMost(r) => ratio <= r,
            Target::AtLeast(r) => ratio >= r,
        }
    }
}

struct Table {
    rows: Vec<String>,
}

impl Table {
    fn row(
        &mut self,
        workload: &str,
        ours: &str,
        theirs: &str,
        ratio: Option<f64>,
        target: Target,
        extra: &str,
    ) {
        let (ratio, status) = match ratio {
            Some(r) => (
                format!("{r:.2}"),
                if target.met(r) { "met" } else { "**not met**" },
            ),
            None => ("".into(), "not run"),
        };
        self.rows.push(format!(
            "| {workload} | {ours} | {theirs} | {ratio} | {} | {status} | {extra} |",
            target.describe()
        ));
    }
}

fn main() {
    let benches = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = benches.parent().expect("benches/ is inside the repository");
    let codec_dir = benches.join("target/criterion");
    let parser_dir = root.join("target/criterion");
    let mut table = Table { rows: Vec::new() };

    // Codec: criterion medians, allocations from the codec bench's file.
    let allocations =
        std::fs::read_to_string(codec_dir.join("allocations.tsv")).unwrap_or_default();
    let allocs = |group: &str| -> String {
        allocations
            .lines()
            .map(|line| line.split('\t').collect::<Vec<_>>())
            .find(|fields| fields.len() == 5 && fields[0] == group)
            .map(|f| format!("allocations {} / {}, bytes {} / {}", f[1], f[2], f[3], f[4]))
            .unwrap_or_default()
    };
    let codec = [
        (
            "encode seed request (60 B), reused Vec",
            "encode_seed_reused",
            Target::AtMost(1.0),
        ),
        (
            "encode seed request, fresh Vec",
            "encode_seed_fresh",
            Target::AtMost(0.5),
        ),
        (
            "encode messages.messages (64 KB), reused Vec",
            "encode_messages_reused",
            Target::AtMost(1.0),
        ),
        (
            "encode 10,000 updates (490 KB), reused Vec",
            "encode_updates_reused",
            Target::AtMost(1.0),
        ),
        (
            "decode messages.messages (64 KB)",
            "decode_messages",
            Target::AtMost(0.5),
        ),
        (
            "decode 10,000 updates (490 KB)",
            "decode_updates",
            Target::AtMost(0.1),
        ),
    ];
    for (workload, group, target) in codec {
        let ours = median_ns_in(&codec_dir, group, "ours");
        let theirs = median_ns_in(&codec_dir, group, "grammers");
        row_of_times(&mut table, workload, ours, theirs, target, &allocs(group));
    }
    // The same decodes with `Config::shared_buffers(true)` (an option, not the default):
    // grammers' figure is from the owned group of the same run.
    for (workload, group, target) in [
        (
            "decode messages.messages, shared buffers (option)",
            "decode_messages",
            Target::AtMost(0.5),
        ),
        (
            "decode 10,000 updates, shared buffers (option)",
            "decode_updates",
            Target::AtMost(0.1),
        ),
    ] {
        let shared = format!("{group}_shared");
        let ours = median_ns_in(&codec_dir, &shared, "ours");
        let theirs = median_ns_in(&codec_dir, group, "grammers");
        let owned = median_ns_in(&codec_dir, group, "ours");
        let note = owned.zip(ours).map_or(String::new(), |(o, s)| {
            format!("{:.2} of the owned decode's time", s / o)
        });
        row_of_times(&mut table, workload, ours, theirs, target, &note);
    }
    let memcpy = median_ns_in(&codec_dir, "memcpy_64k", "memcpy");
    let encode = median_ns_in(&codec_dir, "encode_messages_reused", "ours");
    let gbps = |ns: Option<f64>| {
        ns.map_or(String::new(), |ns| {
            format!("{:.2} GB/s", MESSAGES_BIG.len() as f64 / ns)
        })
    };
    table.row(
        "encode messages.messages: our throughput / memcpy's (theirs: memcpy)",
        &gbps(encode),
        &gbps(memcpy),
        memcpy.zip(encode).map(|(m, e)| m / e),
        Target::AtLeast(0.5),
        "",
    );

    // Generator.
    let generator = [
        (
            "generator, api.tl + mtproto.tl, prettyplease (default), 2 threads",
            "ours, prettyplease, 2 threads",
        ),
        (
            "generator, api.tl + mtproto.tl, format(false), 2 threads",
            "ours, format(false), 2 threads",
        ),
    ];
    let theirs = median_ns_in(&codec_dir, "generate_api_and_mtproto", "grammers-tl-gen");
    for (workload, function) in generator {
        let ours = median_ns_in(&codec_dir, "generate_api_and_mtproto", function);
        row_of_times(&mut table, workload, ours, theirs, Target::AtMost(1.0), "");
    }

    // Parser: the throughput target is absolute, so the ratio column holds MB/s.
    let api_len = std::fs::metadata(root.join("schema/api.tl")).map_or(0, |m| m.len()) as f64;
    let ours = median_ns_in(&parser_dir, "parse api.tl", "tl-parser");
    let theirs = median_ns_in(&parser_dir, "parse api.tl", "grammers-tl-parser 1.2.2");
    let mbps = |ns: f64| api_len / ns * 1e3;
    table.row(
        "parse api.tl: our MB/s (target at least 100)",
        &ours.map_or(String::new(), |ns| {
            format!("{} ({:.0} MB/s)", human(ns), mbps(ns))
        }),
        &theirs.map_or(String::new(), |ns| {
            format!("{} ({:.0} MB/s)", human(ns), mbps(ns))
        }),
        ours.map(mbps),
        Target::AtLeast(100.0),
        &ours
            .zip(theirs)
            .map_or(String::new(), |(o, t)| format!("time ratio {:.2}", o / t)),
    );

    // Compile time: the last result of each profile and configuration.
    let results =
        std::fs::read_to_string(root.join("target/compile-time/results.tsv")).unwrap_or_default();
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut compile_rows = Vec::new();
    for line in results.lines().rev() {
        let f: Vec<&str> = line.split('\t').collect();
        let [profile, config, runs, ours, theirs, median] = f.as_slice() else {
            continue;
        };
        let key = (profile.to_string(), config.to_string());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        compile_rows.push((
            format!("compile the bindings, {profile}, {config} (median of {runs} paired runs)"),
            format!("{ours} s"),
            format!("{theirs} s"),
            median.parse::<f64>().ok(),
        ));
    }
    compile_rows.reverse();
    if compile_rows.is_empty() {
        table.row(
            "compile the bindings (scripts/compile-time.sh)",
            "",
            "",
            None,
            Target::AtMost(0.8),
            "",
        );
    }
    for (workload, ours, theirs, ratio) in compile_rows {
        table.row(
            &workload,
            &ours,
            &theirs,
            ratio,
            Target::AtMost(0.8),
            "best wall times",
        );
    }

    println!("| workload | ours | grammers | ratio (ours/theirs) | target | status | notes |");
    println!("|---|---|---|---|---|---|---|");
    for row in table.rows {
        println!("{row}");
    }
}

fn row_of_times(
    table: &mut Table,
    workload: &str,
    ours: Option<f64>,
    theirs: Option<f64>,
    target: Target,
    extra: &str,
) {
    let show = |ns: Option<f64>| ns.map_or(String::new(), human);
    table.row(
        workload,
        &show(ours),
        &show(theirs),
        ours.zip(theirs).map(|(o, t)| o / t),
        target,
        extra,
    );
}

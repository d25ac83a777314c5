//! One workload, one side, a fixed number of times: a stable program to run under
//! callgrind, whose instruction counts do not swing with the machine's load the way
//! criterion's timings do.
//!
//! ```text
//! cargo build --release --example instructions
//! valgrind --tool=callgrind target/release/examples/instructions encode-seed ours 100000
//! ```
//!
//! Workloads: `encode-seed`, `encode-messages`, `decode-messages`, `decode-updates` (the
//! codec bench's), `parse` (`schema/api.tl`) and `generate` (`api.tl` + `mtproto.tl` in
//! memory, one thread, with `prettyplease` on our side; `generate-plain` is ours with
//! `format(false)`); sides: `ours`, `grammers`. `scripts/instructions.sh` runs them all
//! and prints the table.

#[path = "../benches/generators.rs"]
mod generators;

use std::hint::black_box;
use std::process::ExitCode;

use grammers_tl_types::{Deserializable, Serializable};
use tl_bench::payloads::{EXPORT_CHAT_INVITE, MESSAGES_BIG, VECTOR_10K_UPDATES};
use tl_bench::tl;
use tl_runtime::{BoxedDecode, BoxedEncode};

/// Encodes `o` (ours) or `g` (grammers') `times` times into one reused buffer.
fn encode_loop(times: usize, ours: bool, o: &impl BoxedEncode, g: &impl Serializable) {
    let mut out = Vec::with_capacity(1 << 20);
    for _ in 0..times {
        out.clear();
        if ours {
            black_box(o).encode_boxed(&mut out).unwrap();
        } else {
            black_box(g).serialize(&mut out);
        }
        black_box(&out);
    }
}

/// Decodes `payload` with ours (`O`) or grammers' (`G`) `times` times, dropping each value.
fn decode_loop<O: BoxedDecode, G: Deserializable>(times: usize, ours: bool, payload: &[u8]) {
    for _ in 0..times {
        if ours {
            drop(black_box(O::from_boxed_bytes(black_box(payload)).unwrap()));
        } else {
            drop(black_box(G::from_bytes(black_box(payload)).unwrap()));
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [workload, side, times] = args.as_slice() else {
        eprintln!("usage: instructions WORKLOAD (ours|grammers) TIMES");
        return ExitCode::from(2);
    };
    let Ok(times) = times.parse::<usize>() else {
        eprintln!("TIMES must be a number, not {times:?}");
        return ExitCode::from(2);
    };
    let ours = match side.as_str() {
        "ours" => true,
        "grammers" => false,
        other => {
            eprintln!("the side is `ours` or `grammers`, not {other:?}");
            return ExitCode::from(2);
        }
    };
    match workload.as_str() {
        "encode-seed" => {
            let o = tl::functions::messages::ExportChatInvite::from_boxed_bytes(EXPORT_CHAT_INVITE)
                .expect("the seed payload decodes");
            let g = tl_bench::grammers_seed();
            assert_eq!(g.to_bytes(), EXPORT_CHAT_INVITE);
            encode_loop(times, ours, &o, &g);
        }
        "encode-messages" => {
            let o = tl::enums::messages::Messages::from_boxed_bytes(MESSAGES_BIG).unwrap();
            let g = grammers_tl_types::enums::messages::Messages::from_bytes(MESSAGES_BIG).unwrap();
            encode_loop(times, ours, &o, &g);
        }
        "decode-messages" => decode_loop::<
            tl::enums::messages::Messages,
            grammers_tl_types::enums::messages::Messages,
        >(times, ours, MESSAGES_BIG),
        "decode-updates" => decode_loop::<
            Vec<tl::enums::Updates>,
            Vec<grammers_tl_types::enums::Updates>,
        >(times, ours, VECTOR_10K_UPDATES),
        "parse" => {
            for _ in 0..times {
                if ours {
                    let parsed =
                        tl_parser::parse("api.tl", black_box(generators::API), &Default::default());
                    black_box(parsed.schema.definitions.len());
                } else {
                    let parsed = grammers_tl_parser::parse_tl_file(black_box(generators::API));
                    black_box(parsed.filter(Result::is_ok).count());
                }
            }
        }
        "generate" | "generate-plain" => {
            for _ in 0..times {
                black_box(if ours {
                    generators::ours(workload == "generate", 1)
                } else {
                    generators::theirs()
                });
            }
        }
        other => {
            eprintln!("unknown workload {other:?}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

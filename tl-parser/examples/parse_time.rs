//! Times parsing a schema file: `cargo run --release -p tl-parser --example parse_time -- FILE [N]`
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: parse_time FILE [N]");
    let n: usize = args.next().map_or(100, |s| s.parse().expect("N"));
    let src = std::fs::read_to_string(&path).expect("read");
    let opts = tl_parser::ParseOptions::default();
    // Best of 10 batches: the machine may be busy.
    let mut per = std::time::Duration::MAX;
    let mut defs = 0;
    for _ in 0..10 {
        let t = Instant::now();
        defs = 0;
        for _ in 0..n {
            let r = tl_parser::parse(&path, &src, &opts);
            defs += r.schema.definitions.len();
        }
        per = per.min(t.elapsed() / n as u32);
    }
    println!(
        "{path}: {} bytes, {} definitions, {:?} per parse, {:.0} MB/s",
        src.len(),
        defs / n,
        per,
        src.len() as f64 / 1e6 / per.as_secs_f64()
    );
}

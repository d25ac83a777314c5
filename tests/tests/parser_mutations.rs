//! Randomised robustness: mutations of real schemas (byte flips, truncations, insertions
//! of random bytes and of TL punctuation, deletions, duplications) must never panic, and
//! always give a result. Deterministic: a fixed-seed xorshift, a fixed number of
//! mutations, and no assertion on time (a watchdog catches only a parser that never
//! returns; speed is the parse bench's business).

use std::sync::mpsc;
use std::time::Duration;

use tl_parser::{check, parse, parse_bytes, validate, ParseOptions, SchemaFile};

const API: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/api.tl"));

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b";",
    b"=",
    b"#",
    b"{",
    b"}",
    b"<",
    b">",
    b"[",
    b"]",
    b"(",
    b")",
    b"%",
    b"!",
    b"?",
    b":",
    b".",
    b"*",
    b"//",
    b"/*",
    b"*/",
    b"//@",
    b"//-",
    b"\n",
    b" ",
    b"---functions---\n",
    b"---types---\n",
    b"flags.",
    b"flags:#",
    b"4*[ int ]",
    b"{X:Type}",
    b"!X",
    b"Vector<",
    b"\xff",
    b"\xc3",
    b"\0",
    b"ffffffff",
    b"999999999999",
    b"// LAYER 99999999999\n",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    let n = 1 + rng.below(8);
    for _ in 0..n {
        let len = data.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                let t = TOKENS[rng.below(TOKENS.len())];
                data.splice(i..i, t.iter().copied());
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let j = (i + 1 + rng.below(64)).min(len);
                data.drain(i..j);
            }
            4 if len > 0 => {
                let i = rng.below(len);
                let j = (i + 1 + rng.below(256)).min(len);
                let chunk = data[i..j].to_vec();
                let k = rng.below(len + 1);
                data.splice(k..k, chunk);
            }
            5 if len > 0 => {
                let cut = rng.below(len);
                data.truncate(cut);
            }
            _ => {
                let i = rng.below(len + 1);
                let b = rng.next() as u8;
                data.insert(i, b);
            }
        }
    }
}

fn exercise(name: &str, bytes: &[u8], options: &ParseOptions) {
    let r = parse_bytes(name, bytes, options);
    // Everything derived from the result must work too.
    let text = String::from_utf8_lossy(bytes);
    for d in &r.diagnostics {
        let _ = d.to_string();
    }
    let _ = validate(&[SchemaFile {
        name,
        source: &text,
        schema: &r.schema,
    }]);
    for d in r.schema.definitions.iter().take(50) {
        let printed = format!("{d:#}");
        let again = parse("again.tl", &printed, options);
        let _ = again.schema;
    }
    let _ = r.schema.counts();
}

#[test]
fn mutated_api_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let options = ParseOptions::default();
    let strict = ParseOptions {
        strict_ids: true,
        ..ParseOptions::default()
    };
    // Whole-file mutations.
    for whole in 0..WHOLE_FILE_MUTATIONS {
        let mut data = API.as_bytes().to_vec();
        mutate(&mut rng, &mut data);
        exercise(
            "api.tl",
            &data,
            if whole % 2 == 0 { &options } else { &strict },
        );
    }
    // Many more on windows of the file: more mutations per byte.
    for _ in 0..WINDOW_MUTATIONS {
        let len = API.len();
        let a = rng.below(len);
        let b = (a + 64 + rng.below(4096)).min(len);
        let mut data = API.as_bytes()[a..b].to_vec();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut data);
        }
        exercise("window.tl", &data, &options);
    }
}

/// Enough to reach every error path the parser has many times over, few enough to run in
/// seconds.
const WHOLE_FILE_MUTATIONS: usize = 300;
const WINDOW_MUTATIONS: usize = 3000;

/// Runs `work` on its own thread and fails if it has not returned after a minute: inputs
/// that make the parser loop forever fail here instead of stalling the suite. This is a
/// watchdog, not a speed check (the inputs below parse in milliseconds; how fast is the
/// parse bench's business).
fn returns(what: &str, work: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(60)) {
        Ok(()) => worker.join().expect("the worker finished"),
        // The worker panicked: join gives its panic to this test.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic)
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the parser never returned on {what}"),
    }
}

#[test]
fn pathological_inputs() {
    let options = ParseOptions::default();
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b";;;;".to_vec(),
        vec![b'a'; 100_000],
        b"a".repeat(50_000).into_iter().chain(*b" = A;").collect(),
        b"Vector<".repeat(100_000),
        b"[ ".repeat(100_000),
        b"(".repeat(100_000),
        b"//@description x\n".repeat(10_000),
        b"//-x\n".repeat(10_000),
        b"/*".repeat(10_000),
        b"---functions---\n---types---\n".repeat(10_000),
        b"a x:flags.0?".repeat(10_000),
        (0..=255u8).cycle().take(100_000).collect(),
        b"a#".repeat(10_000),
    ];
    for input in inputs {
        let what = format!(
            "{:?}...",
            String::from_utf8_lossy(&input[..input.len().min(20)])
        );
        returns(&what, move || exercise("p.tl", &input, &options));
    }
    // Many files together.
    let files: Vec<(&str, &str)> = (0..20).map(|_| ("x.tl", "a x:B = A;\n")).collect();
    let _ = check(&files, &options);
}

/// Every input the `parse` fuzz target ever crashed on (`fuzz/regressions/parse/`), with
/// every option set the target tries.
#[test]
fn fuzz_regressions_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/parse");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for strict_ids in [false, true] {
            let options = ParseOptions {
                strict_ids,
                ..ParseOptions::default()
            };
            exercise(&path.display().to_string(), &bytes, &options);
        }
        count += 1;
    }
    assert!(count >= 1, "no regression inputs in {}", dir.display());
}

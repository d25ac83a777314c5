//! Formatting: the generated items as Rust source text, piece by piece.
//!
//! The file is not formatted as one token stream. The full Telegram API is 13 MB of
//! source; as a single `proc_macro2` stream, `syn` tree and `prettyplease` buffer it
//! peaked at 650 MB and spent a third of the generator's time in the allocator and in
//! page faults. Instead, emission describes the file as [`Part`]s: module headers and
//! closing braces as text, and the items of each module in chunks that are built,
//! parsed and printed one at a time (on every core), then indented to their module's
//! depth. The output is the same for the same input whatever the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use proc_macro2::TokenStream;

/// One piece of the generated file, in file order.
pub(crate) enum Part<J> {
    /// Text ready to be written (module headers, closing braces, small items).
    Text(String),
    /// Items still to be built by the job `J` and formatted, `depth` modules deep.
    Job { job: J, depth: usize },
}

/// Items are built and formatted this many at a time: big enough that a chunk's fixed
/// cost is small, small enough that the memory of one chunk stays in cache.
pub(crate) const CHUNK: usize = 24;

/// Formats `tokens` (whole items) as source, every line indented for `depth` modules.
pub(crate) fn items(tokens: TokenStream, depth: usize) -> String {
    let file = syn::parse2::<syn::File>(tokens).expect("generated code is valid Rust");
    indent(prettyplease::unparse(&file), depth)
}

/// The opening of `#attributes pub mod name {` (the tokens are a module with an empty
/// body), indented for `depth`.
pub(crate) fn module_open(empty_module: TokenStream, depth: usize) -> String {
    let mut text = items(empty_module, depth);
    // prettyplease prints an empty module as `pub mod name {}`.
    let trimmed = text.trim_end().len();
    assert!(
        text[..trimmed].ends_with("{}"),
        "an empty module prints as `{{}}`"
    );
    text.truncate(trimmed - 1);
    text.push('\n');
    text
}

/// The closing brace of a module opened at `depth`.
pub(crate) fn module_close(depth: usize) -> String {
    format!("{}}}\n", "    ".repeat(depth))
}

/// Runs every job (on up to `threads` threads) and writes the parts in order.
///
/// `build` makes a job's items; it runs on the worker threads, so it must be `Sync` and
/// the job `Send + Sync`: tokens themselves cannot cross threads, each worker builds its
/// own.
pub(crate) fn assemble<J: Sync>(
    parts: &[Part<J>],
    threads: usize,
    build: impl Fn(&J) -> TokenStream + Sync,
) -> String {
    let jobs: Vec<(usize, &J, usize)> = parts
        .iter()
        .enumerate()
        .filter_map(|(index, part)| match part {
            Part::Job { job, depth } => Some((index, job, *depth)),
            Part::Text(_) => None,
        })
        .collect();
    let done: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; parts.len()]);
    let next = AtomicUsize::new(0);
    let work = || {
        while let Some(&(index, job, depth)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
            let text = items(build(job), depth);
            done.lock().expect("a formatting thread panicked")[index] = Some(text);
        }
    };
    let threads = threads.clamp(1, jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    let done = done.into_inner().expect("a formatting thread panicked");
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Job { .. } => out.push_str(done[index].as_deref().expect("every job ran")),
        }
    }
    out
}

/// How many threads to format with: the build's job count when cargo runs a build
/// script (`NUM_JOBS`), else the machine's parallelism.
pub(crate) fn default_threads() -> usize {
    std::env::var("NUM_JOBS")
        .ok()
        .and_then(|jobs| jobs.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1)
}

fn indent(text: String, depth: usize) -> String {
    if depth == 0 {
        return text;
    }
    let prefix = "    ".repeat(depth);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        if line != "\n" {
            out.push_str(&prefix);
        }
        out.push_str(line);
    }
    out
}

//! Line mode, shared by `tl encode` and `tl decode`: output line N answers input line N.
//! A line that fails leaves an empty line on stdout and its error, with the line number,
//! on stderr, so scripts can pair inputs with outputs; the other lines go on.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// Where the input comes from: a file argument, or stdin when there is none (or `-`).
pub fn open(input: Option<&PathBuf>) -> Result<Box<dyn Read>, String> {
    match input {
        Some(path) if path != Path::new("-") => match std::fs::File::open(path) {
            // Opening a directory succeeds on Unix; reading it would not.
            Ok(_) if path.is_dir() => {
                Err(format!("cannot read {}: it is a directory", path.display()))
            }
            Ok(file) => Ok(Box::new(file)),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        },
        _ => Ok(Box::new(io::stdin().lock())),
    }
}

/// Answers every line of `input` with `answer` and returns the exit code: 0 when every
/// line succeeded, 1 when any failed (or the input could not be read to its end), 2 when
/// not even its first line could be read.
/// Blank lines are answered with blank lines and are not errors.
pub fn answer_each(
    input: Box<dyn Read>,
    mut answer: impl FnMut(&[u8]) -> Result<String, String>,
) -> i32 {
    let mut reader = BufReader::new(input);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if number == 0 => {
                say!("error: reading the input: {e}");
                return 2;
            }
            Err(e) => {
                say!("error: reading the input after line {number}: {e}");
                failed = true;
                break;
            }
        }
        number += 1;
        let text = trim_line_end(&line);
        let answered = if text.iter().all(u8::is_ascii_whitespace) {
            String::new()
        } else {
            match answer(text) {
                Ok(answer) => answer,
                Err(error) => {
                    say!("line {number}: {error}");
                    failed = true;
                    String::new()
                }
            }
        };
        // Flushed line by line so that a pipe sees each answer as soon as it exists.
        let written = writeln!(out, "{answered}").and_then(|()| out.flush());
        if let Err(e) = written {
            return stdout_failed(&e);
        }
    }
    i32::from(failed)
}

/// Writes `text` to stdout whole; `Err` holds the exit code when that failed (see
/// [`stdout_failed`]).
pub fn write_stdout(text: &str) -> Result<(), i32> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| stdout_failed(&e))
}

/// The exit code after stdout failed: a closed pipe (`tl decode ... | head`) is the
/// reader's choice and not an error.
pub fn stdout_failed(error: &io::Error) -> i32 {
    if error.kind() == io::ErrorKind::BrokenPipe {
        0
    } else {
        say!("error: writing the output: {error}");
        1
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

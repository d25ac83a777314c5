//! A consuming crate's `build.rs` regenerates when its schema changes, and only then.
//!
//! Drives cargo on a scratch crate (a three-line `build.rs` over a tiny `.tl`, path
//! dependencies only, `--offline`, `-j1`) in this test's directory under `target/`. Its
//! target directory is kept between runs, so tl-codegen and its dependencies are built
//! once; afterwards each step builds only the scratch crate. The build script appends a
//! line to `OUT_DIR/runs.log` each time it runs: that count is what the test reads.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

const SCHEMA_V1: &str =
    "greeting text:string = Greeting;\n---functions---\ngreet greeting:Greeting = Greeting;\n";
const SCHEMA_V2: &str = "greeting text:string = Greeting;\nfarewell text:string = Greeting;\n---functions---\ngreet greeting:Greeting = Greeting;\n";

const BUILD_RS: &str = r#"use std::io::Write;

fn main() {
    // The test's probe: one line per run of this script.
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(out_dir.join("runs.log"))
        .unwrap();
    writeln!(log, "run").unwrap();
    tl_codegen::compile_schemas(&["schema.tl"]).unwrap();
}
"#;

const LIB_RS: &str =
    "mod tl {\n    include!(concat!(env!(\"OUT_DIR\"), \"/tl.rs\"));\n}\npub use tl::*;\n";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

fn manifest(root: &Path) -> String {
    let path = |crate_dir: &str| {
        root.join(crate_dir)
            .display()
            .to_string()
            .replace('\\', "/")
    };
    format!(
        r#"[package]
name = "regeneration-scratch"
version = "0.0.0"
edition = "2021"
publish = false

# Not a member of the tl-rs workspace it sits under.
[workspace]

[dependencies]
tl-runtime = {{ path = "{runtime}" }}

[build-dependencies]
tl-codegen = {{ path = "{codegen}", default-features = false, features = ["pretty"] }}

[profile.dev]
debug = false
"#,
        runtime = path("tl-runtime"),
        codegen = path("tl-codegen"),
    )
}

/// Writes `text` unless the file already holds it (an unchanged file keeps its mtime).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes `text` so that its mtime is later than `than`'s, also on file systems with
/// coarse timestamps (cargo compares mtimes).
fn write_newer(path: &Path, text: &str, than: &Path) {
    for _ in 0..3 {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if mtime(path) > mtime(than) {
            return;
        }
        std::thread::sleep(Duration::from_millis(1100));
    }
    panic!(
        "{} does not get a newer mtime than {}",
        path.display(),
        than.display()
    );
}

struct Scratch {
    dir: PathBuf,
    target: PathBuf,
}

struct Build {
    out_dir: PathBuf,
    took: Duration,
}

impl Scratch {
    fn new() -> Scratch {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regeneration");
        let dir = base.join("crate");
        std::fs::create_dir_all(dir.join("src")).expect("scratch dir");
        write_if_changed(&dir.join("Cargo.toml"), &manifest(&repo_root()));
        write_if_changed(&dir.join("build.rs"), BUILD_RS);
        write_if_changed(&dir.join("src/lib.rs"), LIB_RS);
        write_if_changed(&dir.join("schema.tl"), SCHEMA_V1);
        // The workspace's versions: resolvable offline, and the same code as ours.
        let lock = std::fs::read_to_string(repo_root().join("Cargo.lock")).expect("Cargo.lock");
        write_if_changed(&dir.join("Cargo.lock"), &lock);
        Scratch {
            dir,
            target: base.join("target"),
        }
    }

    fn build(&self) -> Build {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let started = Instant::now();
        let output = Command::new(cargo)
            .args(["build", "--offline", "-j1", "--message-format=json"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .output()
            .expect("run cargo");
        let took = started.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "cargo build of the scratch crate failed:\n{}\n{stdout}",
            String::from_utf8_lossy(&output.stderr)
        );
        // Cargo reports the build script's OUT_DIR whether it ran or was fresh.
        let out_dir = stdout
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|m| m["reason"] == "build-script-executed")
            .filter(|m| {
                m["package_id"]
                    .as_str()
                    .is_some_and(|id| id.contains("regeneration-scratch"))
            })
            .find_map(|m| m["out_dir"].as_str().map(PathBuf::from))
            .expect("the scratch crate's build-script-executed message");
        Build { out_dir, took }
    }
}

impl Build {
    /// How often the build script has run with this OUT_DIR.
    fn runs(&self) -> usize {
        std::fs::read_to_string(self.out_dir.join("runs.log"))
            .map(|log| log.lines().count())
            .unwrap_or(0)
    }

    fn generated(&self) -> PathBuf {
        self.out_dir.join("tl.rs")
    }

    fn code(&self) -> String {
        std::fs::read_to_string(self.generated()).expect("generated tl.rs")
    }
}

#[test]
fn build_script_reruns_exactly_when_the_schema_changes() {
    let scratch = Scratch::new();
    let schema = scratch.dir.join("schema.tl");

    let first = scratch.build();
    let runs = first.runs();
    assert!(runs >= 1, "the build script never ran");
    assert!(first.code().contains("pub struct Greeting"));
    assert!(!first.code().contains("pub struct Farewell"));
    eprintln!(
        "first build (dependencies included when not built yet): {:?}",
        first.took
    );

    let again = scratch.build();
    assert_eq!(again.runs(), runs, "rebuilt with nothing changed");
    eprintln!("no-op build: {:?}", again.took);

    // Another file of the crate changes: the library rebuilds, the script does not run.
    write_newer(
        &scratch.dir.join("src/lib.rs"),
        &format!("{LIB_RS}// edited\n"),
        &first.generated(),
    );
    let edited = scratch.build();
    assert_eq!(edited.runs(), runs, "ran for a change to src/lib.rs");
    write_if_changed(&scratch.dir.join("src/lib.rs"), LIB_RS);

    // The schema changes: the script runs and the bindings have the new constructor.
    write_newer(&schema, SCHEMA_V2, &first.generated());
    let changed = scratch.build();
    assert_eq!(
        changed.runs(),
        runs + 1,
        "did not regenerate after the schema changed"
    );
    assert!(changed.code().contains("pub struct Farewell"));
    eprintln!("build after a schema change: {:?}", changed.took);

    let settled = scratch.build();
    assert_eq!(
        settled.runs(),
        runs + 1,
        "regenerated again with nothing changed"
    );

    // The schema is rewritten with the same text: the script runs (cargo sees an mtime)
    // but leaves tl.rs alone, so nothing that includes it has a reason to rebuild.
    let generated_at = mtime(&settled.generated());
    write_newer(&schema, SCHEMA_V2, &settled.generated());
    let touched = scratch.build();
    assert_eq!(touched.runs(), runs + 2);
    assert_eq!(
        mtime(&touched.generated()),
        generated_at,
        "tl.rs rewritten with the same code"
    );
}

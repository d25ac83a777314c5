#!/usr/bin/env bash
# Every benchmark of the performance issue, then one table of them all (ours, grammers',
# the ratio, the target, met or not): the codec and generator benches (benches/), the
# parser bench (tl-parser), and the compile time of the generated bindings
# (scripts/compile-time.sh) with our defaults and with the lean switches, rebuilding the
# bindings crate alone, and with the defaults from scratch (dependencies included).
#
#   scripts/benchmarks.sh                # everything, about 30 minutes on 2 cores
#   QUICK=1 scripts/benchmarks.sh        # criterion's --quick, one compile-time run each
#
# Run it on an otherwise idle machine: every figure is a time. The table is printed at the
# end and written to target/benchmarks.md, followed by the steadier instruction counts of
# scripts/instructions.sh when valgrind is installed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_INCREMENTAL=0
CRITERION_ARGS=()
if [ "${QUICK:-0}" = 1 ]; then
    CRITERION_ARGS=(--quick)
    export RUNS=${RUNS:-1}
fi
LEAN='.default_derives(false).conversions(false)'

cd "$ROOT/benches"
cargo bench --bench codec -- "${CRITERION_ARGS[@]}"
cargo bench --bench generator -- "${CRITERION_ARGS[@]}"
cd "$ROOT"
cargo bench -p tl-parser --bench parse -- "${CRITERION_ARGS[@]}"

rm -f "$ROOT/target/compile-time/results.tsv"
scripts/compile-time.sh
OURS_CONFIG="$LEAN" scripts/compile-time.sh
FROM_SCRATCH=1 scripts/compile-time.sh

cd "$ROOT/benches"
cargo run -q --release --example summary | tee "$ROOT/target/benchmarks.md"

# The instruction counts, when valgrind is there (a few minutes more).
if command -v valgrind >/dev/null; then
    echo
    "$ROOT/scripts/instructions.sh" | tee -a "$ROOT/target/benchmarks.md"
else
    echo "valgrind is not installed: no instruction counts (scripts/instructions.sh)" >&2
fi

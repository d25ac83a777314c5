#!/usr/bin/env bash
# The test loop from an empty target directory, as CI runs it: the wall time of the
# README's test command (`cargo test --workspace`, CI's environment) and the peak memory
# of the largest rustc, with the five largest listed.
#
#   scripts/test-loop.sh               # removes target/test-loop first (about 10 minutes)
#   TARGET=target scripts/test-loop.sh # in the usual target directory (not emptied)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${TARGET:-target/test-loop}
[ "$TARGET" = target ] || rm -rf "$TARGET"
mkdir -p "$TARGET"
export CARGO_TARGET_DIR=$ROOT/$TARGET
export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
export RUSTC_PEAK_LOG=$CARGO_TARGET_DIR/rustc-peak.tsv
export RUSTC_WRAPPER=$ROOT/scripts/rustc-peak.sh
: > "$RUSTC_PEAK_LOG"
start=$(date +%s)
cargo test --workspace "$@"
end=$(date +%s)
echo
echo "cargo test --workspace from an empty target: $((end - start)) s"
echo "largest rustc runs (peak MB, seconds, crate, kind):"
sort -n -r "$RUSTC_PEAK_LOG" | head -5 | awk -F'\t' '{printf "  %6.0f MB %7.1f s  %s (%s)\n", $1/1024, $2, $3, $4}'

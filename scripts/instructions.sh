#!/usr/bin/env bash
# Instructions per operation, ours against grammers (grammers-tl-types 0.11.0,
# grammers-tl-parser 1.2.2, grammers-tl-gen 0.11.0), counted by callgrind: a second view
# of the benchmarks that does not move with the machine's load, where criterion's timings
# swing by tens of percent between runs on a shared 2-core machine.
#
#   scripts/instructions.sh                 # every workload
#   WORKLOADS="encode-seed parse" scripts/instructions.sh
#
# Each workload runs twice per side under callgrind, with 0 and with N repetitions; the
# difference divided by N is the count per operation (start-up, payload loading and the
# decoding that builds the values to encode cancel out). Instructions are not time: cache
# misses, allocator behaviour and branch prediction are not in them (the 10,000 updates
# decode is 0.34 of grammers' instructions but 0.06 of its time, because grammers
# allocates 172 MB). Needs valgrind (Debian: `apt-get install valgrind`). Takes a few
# minutes: the generator runs alone take about a minute each under callgrind.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/benches"
command -v valgrind >/dev/null || {
    echo "valgrind is not installed (Debian: apt-get install valgrind)" >&2
    exit 1
}
export CARGO_INCREMENTAL=0
cargo build --release --example instructions >&2
BIN="$ROOT/benches/target/release/examples/instructions"

# workload and repetitions (enough to drown the noise of start-up, few enough to be quick)
ALL="encode-seed:100000 encode-messages:200 decode-messages:50 decode-updates:3 parse:5 generate:1 generate-plain:1"
WORKLOADS=${WORKLOADS:-$(for w in $ALL; do printf '%s ' "${w%%:*}"; done)}

count() { # workload side times -> instructions of the whole run
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" "$2" "$3" 2>&1 |
        sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

echo "| workload | ours (instructions/op) | grammers (instructions/op) | ratio (ours/theirs) |"
echo "|---|---|---|---|"
for w in $WORKLOADS; do
    n=""
    for pair in $ALL; do
        [ "${pair%%:*}" = "$w" ] && n=${pair#*:}
    done
    [ -n "$n" ] || { echo "unknown workload $w" >&2; exit 2; }
    per_op() { # side
        local base full
        base=$(count "$w" "$1" 0)
        full=$(count "$w" "$1" "$n")
        echo $(((full - base) / n))
    }
    ours=$(per_op ours)
    # grammers has one layout: both generate workloads compare against the same run.
    if [[ $w == generate* && -n ${generate_theirs:-} ]]; then
        theirs=$generate_theirs
    else
        theirs=$(per_op grammers)
    fi
    [[ $w == generate* ]] && generate_theirs=$theirs
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
    echo "| $w | $ours | $theirs | $ratio |"
done

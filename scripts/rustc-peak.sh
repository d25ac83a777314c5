#!/usr/bin/env bash
# A RUSTC_WRAPPER that logs, for every rustc run, its peak memory (KB), wall time (s) and
# the crate it compiled, to $RUSTC_PEAK_LOG (default target/rustc-peak.tsv). Used by
# scripts/test-loop.sh to find the largest rustc of a build.
log=${RUSTC_PEAK_LOG:-target/rustc-peak.tsv}
rustc=$1; shift
crate=unknown
prev=
for arg in "$@"; do
    [ "$prev" = --crate-name ] && crate=$arg
    prev=$arg
done
kind=lib
case " $* " in *" --test "*) kind=test ;; esac
case " $* " in *" build_script_build "*|*"build_script_"*) kind=build ;; esac
# Questions cargo asks rustc (-vV, --print) are not compilations: run them as they are.
[ "$crate" = unknown ] && exec "$rustc" "$@"
out=$(mktemp)
/usr/bin/time -f "%M	%e" -o "$out" "$rustc" "$@"
status=$?
printf '%s\t%s\t%s\n' "$(cat "$out")" "$crate" "$kind" >> "$log"
rm -f "$out"
exit $status

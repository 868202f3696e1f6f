#!/usr/bin/env bash
# Runs every fuzz target of a build folder configured with -DAUTHDECK_FUZZ=ON over its seed corpus
# (tests/fuzz/corpus/<target>/, with tests/fuzz/<target>.dict when there is one) for SECONDS each, and fails
# on the first crash, sanitizer report, leak or hang, printing the reproducer. New inputs the fuzzer finds go
# to a scratch folder, never into the tree. Usage: run-fuzz.sh BUILD [SECONDS_PER_TARGET] [TARGET...]
# FUZZ_SEED (default 1) fixes libFuzzer's mutations, so that a run goes down the same inputs each time and CI
# fails because of a change, not a roll of the dice; FUZZ_SEED=0 lets libFuzzer pick one (it prints it), for
# the longer runs that look for what no one has found yet.
set -uo pipefail

build=$(cd "${1:?usage: run-fuzz.sh BUILD [SECONDS] [TARGET...]}" && pwd)
seconds=${2:-20}
seed=${FUZZ_SEED:-1}
shift $(($# < 2 ? $# : 2))
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../sanitizers/sanitizer-env.sh"

targets=("$@")
if ((${#targets[@]} == 0)); then
    for exe in "$build"/tests/fuzz/fuzz_*; do
        [[ -x $exe && -f $exe ]] && targets+=("$(basename "$exe")")
    done
fi
if ((${#targets[@]} == 0)); then
    echo "run-fuzz.sh: no fuzz targets in $build/tests/fuzz (configure with -DAUTHDECK_FUZZ=ON)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for target in "${targets[@]}"; do
    seeds="$here/corpus/$target"
    mkdir -p "$work/$target"
    args=(-seed="$seed" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1
          -artifact_prefix="$work/$target/" "$work/$target/new")
    mkdir -p "$work/$target/new"
    [[ -f "$here/$target.dict" ]] && args=(-dict="$here/$target.dict" "${args[@]}")
    [[ -d $seeds ]] && args+=("$seeds")
    # The login server signs tokens on worker threads, where OpenSSL keeps per-thread state that lsan.supp
    # names by function: that needs the full unwinder on malloc (libcrypto has no frame pointers).
    options=$ASAN_OPTIONS
    [[ $target == fuzz_login_server_http ]] && options="fast_unwind_on_malloc=0:$ASAN_OPTIONS"
    echo "== $target: ${seconds}s over $(find "$seeds" -type f 2>/dev/null | wc -l) seed inputs, seed $seed"
    start=$(date +%s)
    # libFuzzer can stall while reporting an out-of-memory input under ASan: the run is killed a minute past
    # its time (the input it was on is then in the log's last "Running"/"MS:" lines).
    ASAN_OPTIONS=$options timeout -s KILL $((seconds + 60)) "$build/tests/fuzz/$target" "${args[@]}" >"$work/$target/log" 2>&1
    status=$?
    # The last status line of libFuzzer: coverage, features, corpus; then its final stats.
    grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$work/$target/log" | tail -1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/$target/log" | tr '\n' ' '
    echo "($(($(date +%s) - start))s)"
    if ((status != 0)); then
        failed=1
        echo "!! $target failed (exit $status):"
        grep -v -E '^#[0-9]+' "$work/$target/log" | tail -60
        for artifact in "$work/$target"/crash-* "$work/$target"/leak-* "$work/$target"/timeout-* \
                        "$work/$target"/oom-* "$work/$target"/slow-unit-*; do
            [[ -f $artifact ]] || continue
            echo "!! reproducer $(basename "$artifact") ($(stat -c %s "$artifact") bytes), base64:"
            base64 -w 120 "$artifact" | head -40
            echo "!! rerun: base64 -d > repro <<< '<the lines above>'; $build/tests/fuzz/$target repro"
        done
    fi
done
exit $failed

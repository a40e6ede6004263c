#!/usr/bin/env bash
# Compile-time overhead of ukcc: every C file of Lua 5.4 (Debian's source
# package, fetched by scripts/debian-source.sh into a cache outside the
# tree) compiled with `ukcc -c -O2`, against the very clang command ukcc
# runs for each (taken from `ukcc -###`), alternating rounds so that both
# see the same machine load. Many small files, as a build system sees
# them, so the driver's own start-up cost counts. Goal: ratio <= 1.03.
#   UKCC_BENCH_ROUNDS=N  alternating rounds (default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/compile
rounds=${UKCC_BENCH_ROUNDS:-3}
mkdir -p "$out"

src=$("$root/scripts/debian-source.sh" lua5.4)/src
files=("$src"/*.c)

# The baselines are ukcc's own clang command lines, run directly.
baseline=()
for f in "${files[@]}"; do
    baseline+=("$("$ukcc" -### -c -O2 "$f" -o "$out/$(basename "$f" .c)-clang.o" 2>&1)")
done

now() { date +%s%N; }
ukcc_ns=0 clang_ns=0
for ((i = 1; i <= rounds; i++)); do
    t0=$(now)
    for cmd in "${baseline[@]}"; do eval "$cmd"; done
    t1=$(now)
    for f in "${files[@]}"; do
        "$ukcc" -c -O2 "$f" -o "$out/$(basename "$f" .c)-ukcc.o"
    done
    t2=$(now)
    clang_ns=$((clang_ns + t1 - t0)); ukcc_ns=$((ukcc_ns + t2 - t1))
    printf 'compile: round %d  clang %.2fs  ukcc %.2fs\n' "$i" \
        "$(bc -l <<< "($t1 - $t0) / 10^9")" "$(bc -l <<< "($t2 - $t1) / 10^9")"
done
printf 'compile: Lua 5.4, %d files at -O2, %d rounds: ukcc/clang = %.4f (goal <= 1.03)\n' \
    "${#files[@]}" "$rounds" "$(bc -l <<< "$ukcc_ns / $clang_ns")"

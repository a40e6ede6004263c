#!/usr/bin/env bash
# Compile-time overhead of ukcc: `ukcc -c -O2 sqlite3.c` against the very
# clang command ukcc runs (taken from `ukcc -###`), alternating so that both
# see the same machine load. sqlite3.c comes from the npm package
# better-sqlite3 (deps/sqlite3/sqlite3.c), fetched with `npm pack` into
# bench/out, never committed. Goal: ratio <= 1.03.
#   UKCC_BENCH_ROUNDS=N  alternating pairs (default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out
rounds=${UKCC_BENCH_ROUNDS:-3}
mkdir -p "$out"

src=$out/sqlite3.c
if [ ! -f "$src" ]; then
    command -v npm >/dev/null || { echo "compile: npm is needed to fetch sqlite3.c" >&2; exit 1; }
    (cd "$out" && npm pack --silent better-sqlite3@12 >/dev/null &&
        tar xzf better-sqlite3-*.tgz package/deps/sqlite3/sqlite3.c &&
        mv package/deps/sqlite3/sqlite3.c . && rm -rf package better-sqlite3-*.tgz)
fi

# The baseline is ukcc's own clang command line, run directly.
baseline=$("$ukcc" -### -c -O2 "$src" -o "$out/sqlite3-clang.o" 2>&1)

now() { date +%s%N; }
ukcc_ns=0 clang_ns=0
for ((i = 1; i <= rounds; i++)); do
    t0=$(now); eval "$baseline"; t1=$(now)
    "$ukcc" -c -O2 "$src" -o "$out/sqlite3-ukcc.o"; t2=$(now)
    clang_ns=$((clang_ns + t1 - t0)); ukcc_ns=$((ukcc_ns + t2 - t1))
    printf 'compile: round %d  clang %.2fs  ukcc %.2fs\n' "$i" \
        "$(bc -l <<< "($t1 - $t0) / 10^9")" "$(bc -l <<< "($t2 - $t1) / 10^9")"
done
printf 'compile: sqlite3.c -O2, %d rounds: ukcc/clang = %.4f (goal <= 1.03)\n' \
    "$rounds" "$(bc -l <<< "$ukcc_ns / $clang_ns")"

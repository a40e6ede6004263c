#!/usr/bin/env bash
# The runtime's costs in hosted mode, each against Linux in the same run:
#  1. instructions rt spends dispatching getpid (callgrind; goal <= 100);
#  2. ns per trapped syscall and per __syscall_cp call, hosted vs Linux;
#  3. start-to-exit of a hosted hello against a static musl hello,
#     alternating (goal <= 1.5x).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
PATH=$PATH:/usr/lib/llvm-14/bin
out=$root/bench/out/rt
runs=${UKCC_BENCH_RUNS:-300}
mkdir -p "$out"

"$ukcc" --hosted -O2 "$root/bench/rt-syscall.c" -o "$out/rt-syscall"

# 1. callgrind counts instructions, repeatably; rt is not booted in
# passthrough, but rt_syscall(SYS_getpid) needs nothing booted.
# (valgrind 3.19 cannot read clang 14's DWARF 5: measure a copy without it)
if command -v valgrind >/dev/null; then
    calls=10000
    llvm-strip --strip-debug -o "$out/rt-syscall.nodebug" "$out/rt-syscall"
    UKCC_PASSTHROUGH=1 valgrind --tool=callgrind --toggle-collect=rt_syscall \
        --callgrind-out-file="$out/callgrind.out" \
        "$out/rt-syscall.nodebug" direct $calls >/dev/null 2>"$out/callgrind.log"
    total=$(sed -n 's/^summary: //p' "$out/callgrind.out")
    echo "rt: getpid dispatch: $((total / calls)) instructions per call (goal <= 100)"
fi

# 2. per-call cost
for kind in trap cp; do
    rt_ns=$("$out/rt-syscall" $kind 200000)
    linux_ns=$(UKCC_PASSTHROUGH=1 "$out/rt-syscall" $kind 200000)
    printf 'rt: %-4s %8.1f ns/call on rt, %6.1f ns on Linux: ratio %.2f\n' \
        "$kind" "$rt_ns" "$linux_ns" "$(bc -l <<< "$rt_ns / $linux_ns")"
done

# 3. start to exit, alternating
"$ukcc" --hosted -O2 "$root/examples/hello/hello.c" -o "$out/hello-hosted"
"$ukcc" -O2 "$root/examples/hello/hello.c" -o "$out/hello-static"
now() { date +%s%N; }
hosted=0 static=0
for ((i = 0; i < runs; i++)); do
    t0=$(now); "$out/hello-static" >/dev/null; t1=$(now)
    "$out/hello-hosted" >/dev/null; t2=$(now)
    static=$((static + t1 - t0)); hosted=$((hosted + t2 - t1))
done
printf 'rt: start to exit: hosted %.0f us, static musl %.0f us: ratio %.2f (goal <= 1.5)\n' \
    "$(bc -l <<< "$hosted / $runs / 1000")" "$(bc -l <<< "$static / $runs / 1000")" \
    "$(bc -l <<< "$hosted / $static")"

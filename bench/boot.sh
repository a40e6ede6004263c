#!/usr/bin/env bash
# PVH boot cost under QEMU (TCG): wall time from QEMU's launch to its exit
# for examples/hello against a minimal PVH stub (bench/pvh-stub.S), runs
# alternating (goal <= 1.10x); the guest's own time from entry to main
# (TSC); then the smallest -m with which hello still boots and exits 0
# (goal <= 4 MiB; test/boot/hello-runs-in-4-mib.test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/boot
runs=${UKCC_BENCH_RUNS:-20}
mkdir -p "$out"

"$ukcc" --target=xen-pvh -O2 "$root/examples/hello/hello.c" -o "$out/hello"
"$root/build/bin/ukcc-lds" --target=xen-pvh > "$out/stub.lds"
/usr/lib/llvm-14/bin/clang --target=x86_64-linux-musl -c "$root/bench/pvh-stub.S" -o "$out/stub.o"
/usr/lib/llvm-14/bin/ld.lld -static -nostdlib -z norelro -T "$out/stub.lds" "$out/stub.o" -o "$out/stub"

qemu() { # IMAGE MEM ARGS...
    local img=$1 mem=$2
    shift 2
    qemu-system-x86_64 -accel tcg -cpu max -m "$mem" -display none \
        -monitor none -serial null -no-reboot \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -kernel "$img" -append "$*" >/dev/null 2>&1 || true
}
now() { date +%s%N; }
hello=0 stub=0
for ((i = 0; i < runs; i++)); do
    t0=$(now); qemu "$out/stub" 64; t1=$(now)
    qemu "$out/hello" 64 hello; t2=$(now)
    stub=$((stub + t1 - t0)); hello=$((hello + t2 - t1))
done
printf 'boot: QEMU launch to exit: hello %.1f ms, stub %.1f ms: ratio %.2f (goal <= 1.10)\n' \
    "$(bc -l <<< "$hello / $runs / 1000000")" "$(bc -l <<< "$stub / $runs / 1000000")" \
    "$(bc -l <<< "$hello / $stub")"

# the guest's own time from entry to main, from the TSC (bench/entry-to-main.c)
"$ukcc" --target=xen-pvh -O2 "$root/bench/entry-to-main.c" -o "$out/entry"
total=0
for ((i = 0; i < 5; i++)); do
    us=$("$root/test/boot/run-qemu.sh" "$out/entry" | sed -n 's/^entry to main: \([0-9]*\) us$/\1/p')
    total=$((total + us))
done
echo "boot: guest time from entry to main: $((total / 5)) us (TSC, -m 64, mean of 5)"

# smallest memory (MiB) that still runs hello to a clean exit
boots() {
    "$root/test/boot/run-qemu.sh" "$out/hello" hello >/dev/null 2>&1 &&
        return 0
    return 1
}
lo=1 hi=64
while ((lo < hi)); do
    mid=$(((lo + hi) / 2))
    if UKCC_QEMU_ARGS="-m $mid" boots; then hi=$mid; else lo=$((mid + 1)); fi
done
echo "boot: smallest -m for hello: $lo MiB (goal <= 4)"

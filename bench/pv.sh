#!/usr/bin/env bash
# The Xen PV target on Xen 4.17 in QEMU (TCG), the image as PV dom0:
#  1. stripped size of examples/hello (xen-pv) against the harness's
#     minimal PV guest (test/xen/guests, no libc, no runtime);
#  2. boot-to-exit: QEMU launch to exit, and Xen's "guest run" stage (dom0
#     entered to shutdown), hello against the minimal guest, alternating;
#  3. ns per syscall in PV guest user mode (getpid loop; two CR3 switches
#     and an iret hypercall each -- a TCG figure, not a hardware one), and
#     per raise() to an empty handler (three syscalls, the handler entered
#     in user mode and left through a syscall);
#  4. the smallest xl memory a hello PV domU runs in (a Linux dom0 boot).
# Every run holds /tmp/ukcc-qemu.lock (one QEMU at a time on this machine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/pv
runs=${UKCC_BENCH_RUNS:-5}
mkdir -p "$out"

# -s: without the fault reports' function table (driver/symtab.c)
"$ukcc" --target=xen-pv -O2 -s "$root/examples/hello/hello.c" -o "$out/hello"
"$ukcc" --target=xen-pv -O2 -mno-red-zone "$root/test/boot/Inputs/pv-user-mode.c" \
    -o "$out/user-mode"
"$root/test/xen/build-guests.sh" "$out/guests" >/dev/null
/usr/lib/llvm-14/bin/llvm-strip -o "$out/hello.stripped" "$out/hello"
/usr/lib/llvm-14/bin/llvm-strip -o "$out/stub.stripped" "$out/guests/pv.elf"
h=$(stat -c %s "$out/hello.stripped") s=$(stat -c %s "$out/stub.stripped")
printf 'pv: size stripped: hello %d bytes, minimal PV guest %d bytes: ratio %.2f\n' \
    "$h" "$s" "$(bc -l <<< "$h / $s")"

run() { # IMAGE ARGS... -> "total guest-run" seconds
    flock /tmp/ukcc-qemu.lock "$root/test/xen/xenrun" dom0 --no-fetch --json "$@" |
        python3 -c 'import json,sys; r=json.load(sys.stdin); g=r["guests"][0]
assert g["outcome"] == "exit" and g["status"] == 0, g
start = dict(r["stages"])["guest run"]
print(r["seconds"], r["seconds"] - start)'
}
ht=0 hg=0 st=0 sg=0
for ((i = 0; i < runs; i++)); do
    read -r t g < <(run "$out/guests/pv.elf" exit=0)
    st=$(bc -l <<< "$st + $t") sg=$(bc -l <<< "$sg + $g")
    read -r t g < <(run "$out/hello" hello)
    ht=$(bc -l <<< "$ht + $t") hg=$(bc -l <<< "$hg + $g")
done
printf 'pv: dom0 launch to exit: hello %.2f s, minimal guest %.2f s: ratio %.2f\n' \
    "$(bc -l <<< "$ht / $runs")" "$(bc -l <<< "$st / $runs")" "$(bc -l <<< "$ht / $st")"
printf 'pv: dom0 guest run (entry to shutdown): hello %.0f ms, minimal guest %.0f ms\n' \
    "$(bc -l <<< "$hg / $runs * 1000")" "$(bc -l <<< "$sg / $runs * 1000")"

flock /tmp/ukcc-qemu.lock "$root/test/xen/xenrun" dom0 --no-fetch "$out/user-mode" \
    pv getpid 20000 | sed -n 's/.*| getpid: /pv: getpid in PV user mode: /p'
flock /tmp/ukcc-qemu.lock "$root/test/xen/xenrun" dom0 --no-fetch "$out/user-mode" \
    pv raise 5000 | sed -n 's/.*| raise: /pv: raise(SIGUSR2) to an empty handler in PV user mode: /p'

# the smallest PV domU (xl memory, MiB) hello runs in: one domU boot, one
# guest per size (no vif: nothing but the program's own needs)
mf=$out/memory.json
python3 -c 'import json, sys
print(json.dumps({"guests": [{"name": "m%d" % m, "type": "pv", "image": sys.argv[1],
    "args": "hello", "memory": m, "vif": False, "timeout": 20} for m in range(4, 17)]}))' \
    "$out/hello" > "$mf"
flock /tmp/ukcc-qemu.lock "$root/test/xen/xenrun" domu --no-fetch --json --manifest "$mf" |
    python3 -c 'import json, sys
ok = [g["memory"] for g in json.load(sys.stdin)["guests"]
      if g["outcome"] == "exit" and g["status"] == 0]
print("pv: smallest domU memory for hello: %s" % ("%d MiB" % min(ok) if ok else "none of 4-16 MiB"))'

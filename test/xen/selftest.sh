#!/bin/bash
# Self-test of the Xen harness: the minimal PV and PVH guests must come out
# of xenrun as exit, crash, hang or rejected exactly as they were told to,
# both as dom0 and as domUs (all domUs in one Linux dom0 boot).
#
# Usage: test/xen/selftest.sh [WORKDIR]
# Prints PASS/FAIL/SKIP per case and "N passed, N failed[, N skipped]".
# Exit: 0 all passed, 1 a case failed, 77 skipped (no Xen packages/QEMU).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d /tmp/ukcc-xen-selftest.XXXXXX)}
mkdir -p "$work"
pass=0 fail=0 skip=0
result() { # VERDICT NAME [WHY]
    echo "$1: $2${3:+ ($3)}"
    case $1 in PASS) pass=$((pass + 1)) ;; FAIL) fail=$((fail + 1)) ;;
        SKIP) skip=$((skip + 1)) ;; esac
}
summary() {
    echo "$pass passed, $fail failed$([ $skip = 0 ] || echo ", $skip skipped")"
    [ $fail = 0 ] || exit 1
    [ $skip = 0 ] || exit 77
    exit 0
}

dom0_cases="pv-exit pvh-exit pv-crash pvh-crash pv-hang pvh-hang pv-rejected"
domu_cases="pv-exit pvh-exit pv-crash pvh-crash pv-hang-vif pvh-hang pv-rejected
    linux-net"

if ! "$here/build-guests.sh" "$work" >"$work/build.log" 2>&1; then
    for c in $dom0_cases; do result FAIL "dom0 $c" "guest build failed: $work/build.log"; done
    for c in $domu_cases; do result FAIL "domu $c" "guest build failed"; done
    summary
fi
echo "not an ELF image" >"$work/bad.elf"
cache=${UKCC_XEN_CACHE:-$HOME/.cache/ukcc-xen}
if ! why=$("$here/fetch.sh" 2>&1 >/dev/null) ||
        ! command -v qemu-system-x86_64 >/dev/null ||
        ! why=$("$here/build-netpeer.sh" "$work/netpeer.cpio" 2>&1); then
    why=${why:-qemu-system-x86_64 not installed}
    for c in $dom0_cases; do result SKIP "dom0 $c" "$why"; done
    for c in $domu_cases; do result SKIP "domu $c" "$why"; done
    summary
fi

# The domU batch boots Linux (the slow part): start it first, in parallel.
# linux-net: Debian's Linux as a PV domU on the bridge; dom0 pings it,
# fetches a page with wget, then asks it to exit. Here Linux answers ping
# ~6 s after xl create; the generous timeout is for a loaded CI machine,
# where 60 s once ran out (a passing run still ends as soon as it exits).
# (@CACHE@ is replaced below: the heredoc is quoted to keep $ and \ as is.)
cat >"$work/domu.json" <<'JSON'
{"guests": [
 {"name": "pv-exit", "type": "pv", "image": "pv.elf", "args": "exit=3",
  "expect": {"outcome": "exit", "status": 3, "console": "hello from pv domU"}},
 {"name": "pvh-exit", "type": "pvh", "image": "pvh.elf", "args": "exit=0 a,b",
  "expect": {"outcome": "exit", "status": 0, "console": "cmdline: exit=0 a,b"}},
 {"name": "pv-crash", "type": "pv", "image": "pv.elf", "args": "crash",
  "expect": {"outcome": "crash"}},
 {"name": "pvh-crash", "type": "pvh", "image": "pvh.elf", "args": "crash",
  "expect": {"outcome": "crash"}},
 {"name": "pv-hang-vif", "type": "pv", "image": "pv.elf", "args": "hang",
  "timeout": 4,
  "dom0_cmd": "ls /sys/class/net/xenbr0/brif; xenstore-read /local/domain/0/backend/vif/$(xl domid g4)/0/hotplug-status",
  "expect": {"outcome": "hang", "dom0_cmd": "^vif[0-9]+\\.0\\n(.|\\n)*^connected$"}},
 {"name": "pvh-hang", "type": "pvh", "image": "pvh.elf", "args": "hang",
  "timeout": 4, "expect": {"outcome": "hang"}},
 {"name": "pv-rejected", "type": "pv", "image": "bad.elf",
  "expect": {"outcome": "rejected"}},
 {"name": "linux-net", "type": "pv", "image": "@CACHE@/vmlinuz",
  "ramdisk": "netpeer.cpio", "args": "console=hvc0 loglevel=1",
  "memory": 96, "timeout": 180,
  "dom0_cmd": "for i in $(seq 150); do ping -c 1 -W 1 10.0.0.2 && break; done; wget -q -O - http://10.0.0.2/index.html && wget -q -O - http://10.0.0.2/cgi-bin/exit",
  "expect": {"outcome": "exit", "status": 0,
   "dom0_cmd": "bytes from 10.0.0.2(.|\\n)*hello over the bridge(.|\\n)*^exit 0$"}}
]}
JSON
sed -i "s|@CACHE@|$cache|" "$work/domu.json"
"$here/xenrun" domu --no-fetch --log "$work/domu.log" --manifest "$work/domu.json" \
    >"$work/domu.out" 2>&1 &
domu_pid=$!

# dom0 cases: one short boot each; the exit code carries the outcome.
dom0_case() { # NAME EXPECTED-RC XENRUN-ARGS...
    local name=$1 want=$2 rc
    shift 2
    "$here/xenrun" dom0 --no-fetch --timeout 3 --log "$work/dom0-$name.log" "$@" \
        >"$work/dom0-$name.out" 2>&1
    rc=$?
    if [ $rc = "$want" ]; then
        result PASS "dom0 $name"
    else
        result FAIL "dom0 $name" "xenrun rc $rc, want $want: $(head -1 "$work/dom0-$name.out")"
    fi
}
dom0_case pv-exit 3 "$work/pv.elf" exit=3
dom0_case pvh-exit 0 --pvh "$work/pvh.elf" exit=0
dom0_case pv-crash 134 "$work/pv.elf" crash
dom0_case pvh-crash 134 --pvh "$work/pvh.elf" crash
dom0_case pv-hang 124 "$work/pv.elf" hang
dom0_case pvh-hang 124 --pvh "$work/pvh.elf" hang
dom0_case pv-rejected 126 "$work/bad.elf"

wait $domu_pid
for c in $domu_cases; do
    line=$(grep -m1 "^== [A-Z-]* $c " "$work/domu.out")
    case $line in
    "== PASS "*) result PASS "domu $c" ;;
    "") result FAIL "domu $c" "$(grep -m1 ERROR "$work/domu.out" || echo no result)" ;;
    *) result FAIL "domu $c" "${line#== FAIL }"
        # What the guest and the dom0 hook printed: CI keeps only stdout.
        sed -n "/^== [A-Z-]* $c /,/^==/{/^   /p}" "$work/domu.out" | tail -40 ;;
    esac
done
echo "logs: $work"
summary

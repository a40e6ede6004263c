#!/bin/sh
# run-qemu.sh IMAGE [ARGS...]: boots a xen-pvh image under QEMU (TCG) with
# ARGS as its command line, copies the console to stdout and exits with the
# program's status. The status comes from the last "UKCC-EXIT: n" line
# (isa-debug-exit makes QEMU exit with (n << 1) | 1, which keeps only 7
# bits), checked against QEMU's code. Harness results, as xenrun's:
#   124  the guest did not exit within UKCC_QEMU_TIMEOUT seconds (30)
#   125  QEMU failed to start (no UKCC-EXIT line, QEMU's own error code)
#   134  the guest stopped without a UKCC-EXIT line (triple fault)
# Extra QEMU options: UKCC_QEMU_ARGS. Standard input, unless it is a
# terminal, goes to the guest's COM1.
set -u
if [ $# -lt 1 ]; then
    echo "usage: run-qemu.sh IMAGE [ARGS...]" >&2
    exit 2
fi
image=$1
shift
[ -t 0 ] && exec </dev/null
log=$(mktemp)
trap 'rm -f "$log" "$log.txt"' EXIT
# shellcheck disable=SC2086
timeout "${UKCC_QEMU_TIMEOUT:-30}" qemu-system-x86_64 -accel tcg -cpu max \
    -m 64 -display none -monitor none -serial stdio -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel "$image" -append "$*" ${UKCC_QEMU_ARGS:-} >"$log"
code=$?
# COM1 ends lines in CR LF; with -nographic (UKCC_QEMU_ARGS) SeaBIOS's
# screen comes first: print only what follows it
tr -d '\r' <"$log" >"$log.txt"
awk 'FNR == NR { if (!b && /Booting from ROM\.\./) b = FNR; next }
     FNR >= b { if (FNR == b) sub(/.*Booting from ROM\.\./, ""); print }' \
    "$log.txt" "$log.txt"
status=$(sed -n 's/^.*UKCC-EXIT: \([0-9]*\)$/\1/p' "$log.txt" | tail -n 1)
if [ "$code" = 124 ]; then
    echo "run-qemu: timeout" >&2
    exit 124
fi
if [ -z "$status" ]; then
    if [ "$code" = 0 ]; then
        echo "run-qemu: the guest stopped without UKCC-EXIT" >&2
        exit 134
    fi
    echo "run-qemu: QEMU failed (exit code $code)" >&2
    exit 125
fi
# 0: the debug-exit device is missing and the guest reset instead
if [ "$code" != 0 ] && [ "$code" != $(((status << 1 | 1) & 255)) ]; then
    echo "run-qemu: QEMU exit code $code does not match UKCC-EXIT: $status" >&2
    exit 125
fi
exit "$status"

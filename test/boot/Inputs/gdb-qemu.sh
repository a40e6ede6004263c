#!/bin/sh
# gdb-qemu.sh UKCC_RUN IMAGE COMMANDS: runs IMAGE with `UKCC_RUN --gdb`
# (QEMU stopped at its first instruction, its gdbstub on a port ukcc-run
# picks and prints), attaches gdb in batch mode with the printed command
# and the gdb commands in the file COMMANDS, then prints the image's
# output and "status N", ukcc-run's exit status. Every wait is bounded, so
# a wedged QEMU or gdb fails the test instead of hanging it.
set -u
run=$1 image=$2 commands=$3
err=$image.gdb-err out=$image.gdb-out
rm -f "$err" "$out"
"$run" --timeout=120 --gdb "$image" > "$out" 2> "$err" < /dev/null &
pid=$!
i=0
until grep -q 'target remote' "$err" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 300 ] || ! kill -0 $pid 2>/dev/null; then
        cat "$err"
        echo "gdb-qemu.sh: ukcc-run printed no gdb command"
        exit 1
    fi
    sleep 0.1
done
cat "$err"
attach=$(sed -n "s/^ukcc-run: gdb: gdb -q .* -ex 'target remote \(.*\)'$/\1/p" "$err")
# (gdb retries the connection while QEMU starts listening: tcp auto-retry)
timeout 120 gdb -q -nx -batch "$image" -ex "target remote $attach" \
    -x "$commands" 2>&1
wait $pid
status=$?
cat "$out"
echo "status $status"

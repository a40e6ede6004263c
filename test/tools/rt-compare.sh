#!/bin/sh
# rt-compare IMAGE [ARGS...]: runs a --hosted image twice, on Linux
# (UKCC_PASSTHROUGH=1) and on ukcc's runtime, and fails unless both print
# the same standard output and exit with the same status: Linux is the
# reference. The runtime's own messages ("ukcc: ...", on the console, which
# is stdout) are not the program's output and are left out of the
# comparison. Prints the runtime's output and status for FileCheck.
img=$1
shift
cat > "$img.stdin" # both runs read the same standard input
UKCC_PASSTHROUGH=1 "$img" "$@" < "$img.stdin" > "$img.linux.out" 2>/dev/null
linux=$?
"$img" "$@" < "$img.stdin" > "$img.rt.out" 2>/dev/null
rt=$?
grep -v '^ukcc: ' "$img.rt.out" > "$img.rt.program.out"
if [ "$linux" != "$rt" ] || ! cmp -s "$img.linux.out" "$img.rt.program.out"; then
    echo "rt-compare: Linux and ukcc's runtime differ (status $linux vs $rt):"
    diff -u "$img.linux.out" "$img.rt.program.out"
    exit 1
fi
cat "$img.rt.out"
echo "status $rt"

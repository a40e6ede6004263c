#!/bin/sh
# rt-compare [-e NAME=VALUE]... [--pvh PVH-IMAGE] [--pv PV-IMAGE] IMAGE [ARGS...]: runs a
# --hosted image on Linux (UKCC_PASSTHROUGH=1) and on ukcc's runtime, and
# with --pvh boots the same program built for xen-pvh under QEMU too, and,
# with UKCC_RT_ON_XEN=dom0 or domu, on Xen 4.17 as that kind of PVH guest. Fails unless every run prints the same standard output and
# exits with the same status: Linux is the reference. --pv boots the
# program built for xen-pv on Xen 4.17 as a PV dom0 (UKCC_RT_PV=domu: as
# an xl-created PV domU). -e sets a variable
# in the program's environment (on PVH, through the command line). The
# runtime's own messages ("ukcc: ...", on the console) and the PVH exit
# line are not the program's output and are left out of the comparison.
# Prints the hosted run's output and status for FileCheck.
here=$(dirname "$0")
env_words=
pvh=
pv=
while :; do
    case $1 in
    -e) env_words="$env_words $2"; export "${2?}" ;;
    --pvh) pvh=$2 ;;
    --pv) pv=$2 ;;
    *) break ;;
    esac
    shift 2
done
img=$1
shift
cat > "$img.stdin" # every run reads the same standard input
UKCC_PASSTHROUGH=1 "$img" "$@" < "$img.stdin" > "$img.linux.out" 2>/dev/null
linux=$?
"$img" "$@" < "$img.stdin" > "$img.rt.out" 2>/dev/null
rt=$?
failed=0
compare() { # NAME STATUS OUTPUT
    grep -v -e '^ukcc: ' -e '^UKCC-EXIT: ' "$3" > "$3.program"
    if [ "$linux" != "$2" ] || ! cmp -s "$img.linux.out" "$3.program"; then
        echo "rt-compare: Linux and $1 differ (status $linux vs $2):"
        diff -u "$img.linux.out" "$3.program"
        failed=1
    fi
}
compare "ukcc's runtime (hosted)" "$rt" "$img.rt.out"
# the Xen command line: NAME=value words, --, argv0 and quoted args
set -- "$(basename "$img")" "$@"
words=
for a in "$@"; do
    words="$words '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
if [ -n "$pvh" ]; then
    # shellcheck disable=SC2086
    "$here/../boot/run-qemu.sh" "$pvh" $env_words -- $words \
        < "$img.stdin" > "$img.pvh.out" 2>/dev/null
    compare "ukcc's runtime on PVH (QEMU)" $? "$img.pvh.out"
    # UKCC_RT_ON_XEN=dom0 or domu: also on Xen 4.17, as that kind of PVH
    # guest (domu: xl create under a Linux dom0)
    case ${UKCC_RT_ON_XEN:-} in
    dom0 | domu)
        # shellcheck disable=SC2086
        "$here/../xen/xenrun" "$UKCC_RT_ON_XEN" --no-fetch --pvh --json \
            "$pvh" $env_words -- $words > "$img.xen.json" 2>/dev/null
        python3 -c 'import json, sys
g = json.load(open(sys.argv[1]))["guests"][0]
open(sys.argv[2], "w").write(g["console"] + "\n")
print(g["status"] if g["outcome"] == "exit" else 255)' \
            "$img.xen.json" "$img.xen.out" > "$img.xen.status"
        compare "ukcc's runtime on Xen (PVH $UKCC_RT_ON_XEN)" \
            "$(cat "$img.xen.status")" "$img.xen.out"
        ;;
    esac
fi
if [ -n "$pv" ]; then
    # shellcheck disable=SC2086
    "$here/../xen/xenrun" "${UKCC_RT_PV:-dom0}" --no-fetch --json \
        "$pv" $env_words -- $words > "$img.pv.json" 2>/dev/null
    python3 -c 'import json, sys
g = json.load(open(sys.argv[1]))["guests"][0]
open(sys.argv[2], "w").write(g["console"] + "\n")
print(g["status"] if g["outcome"] == "exit" else 255)' \
        "$img.pv.json" "$img.pv.out" > "$img.pv.status"
    compare "ukcc's runtime on Xen (PV ${UKCC_RT_PV:-dom0})" \
        "$(cat "$img.pv.status")" "$img.pv.out"
fi
[ "$failed" = 0 ] || exit 1
cat "$img.rt.out"
echo "status $rt"

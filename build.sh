#!/bin/sh
# One command from a fresh clone: install the Debian packages, configure and
# build ukcc, then compile examples/hello with it and run it on every target
# that exists so far.
set -eu
cd "$(dirname "$0")"

scripts/deps.sh
# Debian's Xen 4.17 and Linux for the Xen tests, unpacked into a cache
# outside the tree (never installed); without them those tests are skipped.
test/xen/fetch.sh || echo "build.sh: warning: no Xen packages; the Xen tests will be skipped" >&2
# Real programs the tests build with ukcc, from Debian's source packages.
for pkg in lua5.4 sqlite3; do
    scripts/debian-source.sh $pkg >/dev/null ||
        echo "build.sh: warning: no $pkg source; its test in test/programs will be skipped" >&2
done
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build

echo
echo "== examples/hello, built with build/bin/ukcc =="
mkdir -p build/examples
for target in posix xen-pvh; do
    image=build/examples/hello-$target
    build/bin/ukcc --target=$target -O2 -Wall -Wextra -o "$image" examples/hello/hello.c
    echo "-- $target: $image ($(wc -c < "$image") bytes)"
    case $target in
    posix) run="$image" ;;
    xen-pvh) run="test/boot/run-qemu.sh $image hello" ;; # QEMU -kernel, TCG
    esac
    status=0
    $run 7 || status=$?
    echo "-- $target: exit status $status (expected 7)"
    [ "$status" -eq 7 ]
done
# and the PVH image as dom0 on the real Xen hypervisor, when it is here
if [ -f "${UKCC_XEN_CACHE:-$HOME/.cache/ukcc-xen}/COMPLETE" ]; then
    echo "-- xen-pvh on Xen 4.17 (as PVH dom0, inside QEMU):"
    status=0
    test/xen/xenrun dom0 --no-fetch --pvh build/examples/hello-xen-pvh hello 7 || status=$?
    [ "$status" -eq 7 ]
fi

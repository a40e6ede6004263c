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
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build

echo
echo "== examples/hello, built with build/bin/ukcc =="
for target in posix; do
    image=build/examples/hello-$target
    mkdir -p build/examples
    build/bin/ukcc --target=$target -O2 -Wall -Wextra -o "$image" examples/hello/hello.c
    echo "-- $target: $image ($(wc -c < "$image") bytes)"
    status=0
    "$image" 7 || status=$?
    echo "-- $target: exit status $status (expected 7)"
    [ "$status" -eq 7 ]
done

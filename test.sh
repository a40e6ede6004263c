#!/usr/bin/env bash
# Runs the whole test suite (lit + FileCheck); configures and builds first if
# needed. On a fresh machine run ./build.sh once before: it installs packages.
set -euo pipefail
cd "$(dirname "$0")"

[ -f build/build.ninja ] ||
    cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cache=${UKCC_XEN_CACHE:-$HOME/.cache/ukcc-xen}
[ -f "$cache/COMPLETE" ] ||
    echo "test.sh: the Xen tests will be skipped: no Xen packages in $cache (run test/xen/fetch.sh)"
status=0
{ ninja -C build && ninja -C build check; } 2>&1 | tee build/test.log || status=$?

# One closing line in the form CI dashboards read.
count() { sed -n "s/^  $1 *: *\([0-9]*\)$/\1/p" build/test.log | tail -n 1; }
passed=$(count Passed); failed=$(count Failed); unsupported=$(count Unsupported)
unresolved=$(count Unresolved)
echo "${passed:-0} passed, $(( ${failed:-0} + ${unresolved:-0} )) failed, ${unsupported:-0} skipped"
exit $status

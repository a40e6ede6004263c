#!/bin/sh
# Runs the whole test suite (lit + FileCheck); builds first if needed.
# Run ./build.sh once before, on a fresh machine, to install the packages.
set -eu
cd "$(dirname "$0")"

[ -f build/build.ninja ] ||
    cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build check

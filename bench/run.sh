#!/usr/bin/env bash
# Benchmarks, each printed as a ratio against a baseline measured in the
# same run: ./bench/run.sh [compile|size]... (default: all).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for b in "${@:-compile size rt boot}"; do
    for one in $b; do
        "$here/$one.sh"
    done
done

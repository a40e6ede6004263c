#!/usr/bin/env bash
# Image size of every example on every target ukcc can build: the stripped
# file and its sections, against the same program linked by plain
# `clang -static` with musl (musl-gcc's recipe) as the baseline. posix-hosted
# is posix with --hosted (ukcc's runtime in the image). Ends with the goal
# line of issue 6: hello on xen-pvh, stripped, <= 64 KiB with musl's full
# printf (test/boot/hello-fits-goals.test checks it too). Linked with -s,
# without the function table for fault reports (driver/symtab.c).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/size
llvm=/usr/lib/llvm-14/bin
mkdir -p "$out"

targets="posix posix-hosted xen-pvh xen-pv"
for ex in "$root"/examples/*/; do
    name=$(basename "$ex")
    [ "$name" = tlstunnel ] && continue # links BearSSL (--tls): bench/tls.sh
    srcs=("$ex"*.c)
    base=$out/$name-musl-static
    musl-gcc -static -O2 "${srcs[@]}" -o "$base" 2>/dev/null ||
        clang --target=x86_64-linux-musl -nostdlibinc -isystem /usr/include/x86_64-linux-musl \
            -static -fuse-ld=lld -nostdlib -O2 "${srcs[@]}" /usr/lib/x86_64-linux-musl/{crt1.o,crti.o,libc.a,crtn.o} -o "$base"
    "$llvm/llvm-strip" "$base"
    base_size=$(stat -c %s "$base")
    for t in $targets; do
        img=$out/$name-$t
        case $t in
        posix-hosted) flags=(--target=posix --hosted) ;;
        *) flags=(--target="$t") ;;
        esac
        "$ukcc" "${flags[@]}" -O2 -s "${srcs[@]}" -o "$img"
        "$llvm/llvm-strip" "$img"
        size=$(stat -c %s "$img")
        printf 'size: %-10s %-12s %8d bytes stripped; musl-gcc -static %8d; ratio %.3f\n' \
            "$name" "$t" "$size" "$base_size" "$(bc -l <<< "$size / $base_size")"
        "$llvm/llvm-size" -A "$img" | awk -v n="$name" -v t="$t" \
            'NR > 2 && $2 > 0 && $1 != "Total" { printf "size:   %s %s %-16s %8d\n", n, t, $1, $2 }'
    done
done
hello=$(stat -c %s "$out/hello-xen-pvh")
printf 'size: goal: hello xen-pvh %d bytes stripped, goal <= 65536: %s\n' \
    "$hello" "$([ "$hello" -le 65536 ] && echo met || echo NOT met)"

#!/bin/bash
# Build the harness self-test guests with clang and ld.lld directly.
# Usage: test/xen/build-guests.sh OUTDIR   -> OUTDIR/pv.elf OUTDIR/pvh.elf
# Needs Xen's public headers (Debian: libxen-dev) in /usr/include/xen.
set -euo pipefail

src=$(cd "$(dirname "$0")/guests" && pwd)
out=${1:?usage: build-guests.sh OUTDIR}
CC=${CC:-clang}
LD=${LD:-ld.lld}
XEN_INCLUDE=${XEN_INCLUDE:-/usr/include}

[ -f "$XEN_INCLUDE/xen/xen.h" ] ||
    { echo "build-guests.sh: no $XEN_INCLUDE/xen/xen.h (apt-get install libxen-dev)" >&2; exit 2; }
mkdir -p "$out/inc"
# Only Xen's headers: -I/usr/include would let glibc's stdint.h in.
ln -sfn "$XEN_INCLUDE/xen" "$out/inc/xen"

# Latest interface version: otherwise the headers select old hypercall ABIs.
cflags="-target x86_64-unknown-none -ffreestanding -nostdlib -fno-pic
    -fno-stack-protector -mno-red-zone -mgeneral-regs-only -O2 -Wall -Werror
    -I$out/inc -D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__"

for kind in pv pvh; do
    objs=""
    for f in $kind.S $kind.c console.c main.c; do
        o=$out/$kind-${f%.*}.${f##*.}.o
        extra=""
        [ "${f##*.}" = S ] && extra=-D__ASSEMBLY__
        $CC $cflags $extra -c "$src/$f" -o "$o"
        objs="$objs $o"
    done
    # norelro: no dynamic linking here, and RELRO would add page padding.
    $LD -static -nostdlib -z norelro -z noexecstack -T "$src/guest.ld" \
        -o "$out/$kind.elf" $objs
done
echo "build-guests.sh: built $out/pv.elf $out/pvh.elf"

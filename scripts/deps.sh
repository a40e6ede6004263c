#!/bin/sh
# Installs the Debian 12 packages ukcc needs to build, test and benchmark.
# Idempotent: it asks apt only for what is missing.
set -eu

packages="clang-14 lld-14 llvm-14 llvm-14-tools libclang-rt-14-dev
  clang-format-14 cmake ninja-build make binutils python3 musl-dev musl-tools
  ccache distcc sccache bc linux-libc-dev qemu-system-x86 gdb strace valgrind meson libxen-dev cpio autoconf
  automake libtool python3-psutil iproute2 curl openssl libbearssl-dev
  busybox wrk tcl python3-scapy tcpdump"

missing=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
    command -v sudo >/dev/null || { echo "deps.sh: need root to install:$missing" >&2; exit 1; }
else
    sudo=
fi
echo "deps.sh: installing$missing"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing

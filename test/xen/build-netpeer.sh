#!/bin/bash
# Build the initramfs of the network peer guest (guests/netpeer) from the
# cache's busybox and xen-netfront.ko. Usage: build-netpeer.sh OUT.cpio
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${UKCC_XEN_CACHE:-$HOME/.cache/ukcc-xen}
out=$(realpath -m "${1:?usage: build-netpeer.sh OUT.cpio}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/www/cgi-bin"
cp "$cache/root/bin/busybox" "$tmp/bin/"
ln -s busybox "$tmp/bin/sh"
cp "$here/guests/netpeer/init" "$tmp/init"
cp "$here/guests/netpeer/exit.cgi" "$tmp/www/cgi-bin/exit"
cp "$(find "$cache/root/lib/modules" -name xen-netfront.ko | head -1)" "$tmp/"
(cd "$tmp" && find . | "$cache/root/bin/busybox" cpio -o -H newc >"$out" 2>/dev/null)

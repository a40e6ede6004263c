#!/bin/bash
# Fetch Debian's Xen 4.17, Linux 6.1, xl/xenstored, busybox and openssl (dom0's
# TLS client for HTTPS tests) into a cache
# outside the source tree, without installing any of them into the host.
#
# Usage: test/xen/fetch.sh [--refresh]
# Cache: ${UKCC_XEN_CACHE:-$HOME/.cache/ukcc-xen}
#   debs/     the downloaded .deb files
#   root/     all of them unpacked with dpkg -x (a dom0 root to copy from)
#   xen       xen.gz decompressed (QEMU's multiboot loader needs the ELF)
#   vmlinuz   link to the kernel (Xen unpacks a bzImage dom0 itself)
#   COMPLETE  written last; while it exists (and the cache has every tool
#             this version of the script wants) a rerun downloads nothing
# Exit status: 0 ready, 2 download/unpack failed (callers report SKIP).
set -euo pipefail

cache=${UKCC_XEN_CACHE:-$HOME/.cache/ukcc-xen}
refresh=0
[ "${1:-}" = --refresh ] && refresh=1

die() { echo "fetch.sh: $*" >&2; exit 2; }

# A cache made before a tool was added lacks it: then the missing packages
# are downloaded and everything is unpacked again.
complete() {
    [ -f "$cache/COMPLETE" ] && [ -x "$cache/root/usr/bin/openssl" ]
}

if [ $refresh = 0 ] && complete; then
    echo "fetch.sh: cache complete: $cache"
    exit 0
fi
# Parallel test runs may all find the cache empty: one fetches, the others
# wait for it and then see COMPLETE.
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ $refresh = 0 ] && complete; then
    echo "fetch.sh: cache complete: $cache"
    exit 0
fi

for tool in apt-get apt-cache dpkg readelf; do
    command -v $tool >/dev/null || die "missing host tool: $tool"
done
command -v qemu-system-x86_64 >/dev/null ||
    echo "fetch.sh: warning: qemu-system-x86_64 missing (apt-get install qemu-system-x86)" >&2

rm -f "$cache/COMPLETE"
mkdir -p "$cache/debs" "$cache/root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# apt's _apt user must be able to write the download folder.
chmod 755 "$tmp"

# linux-image-amd64 is a metapackage; the kernel is in its dependency.
kernel_pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
    sed -n 's/^ *Depends: \(linux-image-6\.1\.[^ ]*-amd64\)$/\1/p' | head -1)
if [ -z "$kernel_pkg" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    kernel_pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-6\.1\.[^ ]*-amd64\)$/\1/p' | head -1)
fi
[ -n "$kernel_pkg" ] || die "cannot resolve linux-image-amd64 to a 6.1 kernel package"

tools="xen-utils-4.17 xenstore-utils openssl"
top="xen-hypervisor-4.17-amd64 $kernel_pkg busybox-static $tools"

# The shared libraries of xl, xenstored and xenconsoled: follow Depends from
# the tools, but only through library packages (names lib* or zlib*), so
# python3, perl and friends stay out. The NEEDED check below proves it is
# enough.
libdeps() {
    apt-cache depends --no-recommends --no-suggests --no-conflicts \
        --no-breaks --no-replaces --no-enhances "$@" 2>/dev/null |
        sed -n 's/^ *\(Pre\)\{0,1\}Depends: \(lib[^ <>:]*\|zlib[^ <>:]*\).*/\2/p' |
        sort -u
}
libs=""
frontier=$tools
while [ -n "$frontier" ]; do
    new=""
    for p in $(libdeps $frontier); do
        case " $libs " in *" $p "*) ;; *) libs="$libs $p"; new="$new $p" ;; esac
    done
    frontier=$new
done

# Download only what is not in debs/ yet (package names are the file prefix).
want=""
for p in $top $libs; do
    ls "$cache/debs/${p}_"*.deb >/dev/null 2>&1 || want="$want $p"
done
if [ -n "$want" ]; then
    echo "fetch.sh: downloading:$want"
    if ! (cd "$tmp" && apt-get download -q $want >/dev/null 2>"$tmp/err"); then
        # Stale or missing package lists are the usual cause.
        apt-get update -qq >/dev/null 2>&1 || true
        (cd "$tmp" && apt-get download -q $want >/dev/null 2>"$tmp/err") ||
            die "apt-get download failed: $(tail -3 "$tmp/err" | tr '\n' ' ')"
    fi
    mv "$tmp"/*.deb "$cache/debs/"
fi

echo "fetch.sh: unpacking into $cache/root"
rm -rf "$cache/root"
mkdir -p "$cache/root"
for deb in "$cache/debs"/*.deb; do
    dpkg -x "$deb" "$cache/root" || die "dpkg -x failed: $deb"
done

r=$cache/root
# Keep only the kernel modules dom0 loads (dom0/modules): the rest is
# ~400 MB nobody reads.
keep=()
for m in $(grep -v '^#' "$(dirname "$0")/dom0/modules"); do
    keep+=(! -name "$m.ko")
done
# xen-netfront: for the network peer guest (build-netpeer.sh).
find "$r/lib/modules" -name '*.ko' "${keep[@]}" ! -name xen-netfront.ko -delete
xengz=$(ls "$r"/boot/xen-4.17-amd64.gz 2>/dev/null | head -1)
[ -n "$xengz" ] || die "no xen.gz in xen-hypervisor package"
gzip -dc "$xengz" >"$cache/xen" || die "cannot decompress $xengz"
vmlinuz=$(ls "$r"/boot/vmlinuz-6.1.* 2>/dev/null | head -1)
[ -n "$vmlinuz" ] || die "no vmlinuz in $kernel_pkg"
ln -sfn "${vmlinuz#$cache/}" "$cache/vmlinuz"

# Every NEEDED library of the dom0 binaries, transitively, must resolve
# inside root/ (xenrun copies the same closure into the initramfs).
libpath="$r/lib/x86_64-linux-gnu $r/usr/lib/x86_64-linux-gnu"
missing="" seen=" "
check() {
    local f=$1 so d found
    for so in $(readelf -d "$f" 2>/dev/null |
            sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        case "$seen" in *" $so "*) continue ;; esac
        seen="$seen$so "
        found=""
        for d in $libpath; do
            [ -e "$d/$so" ] && found="$d/$so" && break
        done
        if [ -n "$found" ]; then check "$found"; else missing="$missing $so"; fi
    done
}
for b in usr/lib/xen-4.17/bin/xl usr/lib/xen-4.17/bin/xenstored \
        usr/lib/xen-4.17/bin/xenconsoled usr/bin/xenstore usr/bin/openssl; do
    [ -f "$r/$b" ] || die "missing $b"
    check "$r/$b"
done
[ -z "$missing" ] || die "unresolved libraries:$missing"
[ -x "$r/bin/busybox" ] || die "no static busybox"

ls "$cache/debs" >"$cache/COMPLETE"
echo "fetch.sh: cache ready: $cache"

#!/bin/sh
# Fetches the upstream sources of a Debian 12 source package (its
# .orig tarball, as Debian ships it) into a cache outside the source tree,
# for tests and benchmarks that build real programs with ukcc. apt reads a
# private deb-src list, so the host's apt configuration is left alone.
#
# Usage: scripts/debian-source.sh PACKAGE
# Cache: ${UKCC_SRC_CACHE:-$HOME/.cache/ukcc-src}/PACKAGE/
#   src/      the unpacked upstream tree (its single top folder, renamed)
#   COMPLETE  written last; while it exists a rerun downloads nothing
# Prints the src/ path. Exit status: 0 ready, 2 download or unpack failed
# (callers report the tests as skipped), 1 bad usage.
set -eu

[ $# -eq 1 ] || { echo "usage: debian-source.sh PACKAGE" >&2; exit 1; }
pkg=$1
cache=${UKCC_SRC_CACHE:-$HOME/.cache/ukcc-src}/$pkg
die() { echo "debian-source.sh: $pkg: $*" >&2; exit 2; }

if [ -f "$cache/COMPLETE" ]; then
    echo "$cache/src"
    exit 0
fi
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$cache/COMPLETE" ]; then
    echo "$cache/src"
    exit 0
fi

apt=$cache/apt
rm -rf "$apt" "$cache/src"
mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/get"
cat > "$apt/parts/debian-src.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
opts="-q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$apt/parts
      -o Dir::State::Lists=$apt/lists -o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get $opts update >"$apt/log" 2>&1 || die "apt-get update failed (see $apt/log)"
# shellcheck disable=SC2086
(cd "$apt/get" && apt-get $opts source --download-only "$pkg") >>"$apt/log" 2>&1 ||
    die "apt-get source failed (see $apt/log)"
orig=$(ls "$apt/get/"*.orig.tar.* 2>/dev/null | head -n 1)
[ -n "$orig" ] || die "no .orig tarball among $(ls "$apt/get" | tr '\n' ' ')"
mkdir -p "$cache/unpack"
tar xf "$orig" -C "$cache/unpack" || die "cannot unpack $orig"
top=$(ls "$cache/unpack")
[ "$(echo "$top" | wc -l)" -eq 1 ] || die "$orig has more than one top folder"
mv "$cache/unpack/$top" "$cache/src"
rmdir "$cache/unpack"
rm -rf "$apt/get"
echo "$orig" > "$cache/COMPLETE"
echo "$cache/src"

#!/bin/sh
# farm-of-one.sh BIN WORK: builds test/run/Inputs/make-project four ways for
# each target (plainly with CC=ukcc, through distcc to a distccd on
# localhost, and twice through sccache) in four directories, and compares
# the images. It runs in network and mount namespaces of its own: distccd
# and sccache's server listen on a loopback nobody else sees, and the
# distccd "node" gets /usr/lib/distcc/ukcc (the masquerade link a farm's
# nodes need, README "Compile farms") on a bind mount, so the host's
# /usr/lib/distcc is left as it was. distccd gives up root for its own user,
# who may not reach a checkout under /root: it finds ukcc through a bind
# mount of the build tree where anyone may walk (a real node installs ukcc
# where everyone can read it).
set -eu
bin=$1 work=$2
if [ -z "${FARM_IN_NS:-}" ]; then
    FARM_IN_NS=1 exec unshare --net --mount "$0" "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
inputs=$here/../../run/Inputs
export PATH="$bin:$PATH"
ip link set lo up
rm -rf "$work" && mkdir -p "$work/masq" "$work/distcc" "$work/sccache"

# the node: distcc's own masquerade links, and ukcc's
for f in /usr/lib/distcc/*; do ln -s "$(readlink "$f")" "$work/masq/${f##*/}"; done
ln -s /usr/bin/distcc "$work/masq/ukcc"
mount --bind "$work/masq" /usr/lib/distcc
node=$(mktemp -d /tmp/ukcc-farm.XXXXXX) && chmod 755 "$node"
mkdir "$node/build" "$node/tmp" && chmod 1777 "$node/tmp"
mount --bind "$bin/.." "$node/build"
PATH="$node/build/bin:$PATH" TMPDIR="$node/tmp" distccd --no-detach --daemon \
    --allow 127.0.0.1 --listen 127.0.0.1 --log-stderr --log-level info \
    2>"$work/distccd.log" &
distccd=$!
export SCCACHE_DIR="$work/sccache" SCCACHE_IDLE_TIMEOUT=0
trap 'kill $distccd; sccache --stop-server >/dev/null 2>&1 || :
      umount "$node/build" && rm -rf "$node"' EXIT
# distccd listens once it has written its start line
for i in $(seq 100); do
    grep -q 'daemon started' "$work/distccd.log" && break
    kill -0 $distccd 2>/dev/null || break
    sleep 0.1
done
grep -q 'daemon started' "$work/distccd.log" ||
    { echo "farm-of-one.sh: distccd did not start:"; cat "$work/distccd.log"; exit 1; }

# the client: only the farm, no quiet fallback to a local compile
export DISTCC_HOSTS=127.0.0.1/2 DISTCC_DIR="$work/distcc"
export DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1

build() { # DIR CC CFLAGS
    rm -rf "$work/$1" && cp -r "$inputs/make-project" "$work/$1"
    make -s -C "$work/$1" -j2 CC="$2" CFLAGS="$3" >/dev/null
}
same() { # what A B
    if cmp -s "$2" "$3"; then echo "$1: same"; else echo "$1: DIFFERENT"; fi
}
for t in --target=xen-pvh --hosted; do
    for g in -O2 -g; do
        k=$(echo "${t#--}$g" | tr = -)
        build plain-$k "ukcc $t" "$g"
        build distcc-$k "distcc ukcc $t" "$g"
        build sccache1-$k "sccache ukcc $t" "$g"
        build sccache2-$k "sccache ukcc $t" "$g"
        if [ $g = -O2 ]; then
            same "distcc $t $g" "$work/plain-$k/wc" "$work/distcc-$k/wc"
        else
            # distccd compiles the preprocessed source: the line tables
            # differ (no DWARF 5 file checksums), and so the build ID that
            # hashes them; all else is the same
            for d in plain distcc; do
                llvm-objcopy --strip-debug "$work/$d-$k/wc" "$work/$d-$k/wc.s"
                "$here/no-build-id.py" "$work/$d-$k/wc.s" "$work/$d-$k/wc.s"
            done
            same "distcc $t $g, but for debug info and build ID" \
                "$work/plain-$k/wc.s" "$work/distcc-$k/wc.s"
        fi
        same "sccache miss $t $g" "$work/plain-$k/wc" "$work/sccache1-$k/wc"
        same "sccache hit $t $g" "$work/plain-$k/wc" "$work/sccache2-$k/wc"
    done
done
echo "distccd compiled $(grep -c 'COMPILE_OK' "$work/distccd.log") objects"
sccache --show-stats | grep -E '^Cache (hits|misses) +[0-9]'

#!/usr/bin/env bash
# Network throughput and request rate of examples/httpd: hosted mode (ukcc's
# runtime and TCP/IP stack, on a tap device) against the same source built
# as a native process (passthrough: Linux's own TCP over loopback), both
# measured in one run inside a private network namespace, with curl as the
# client. Prints MB/s, requests/s, connections/s and hosted/native ratios.
# Needs root (tap device, unshare -n). Usage: bench/net.sh [MB] [REQUESTS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/net
mb=${1:-500}
reqs=${2:-3000}
www=$root/examples/httpd/www
mkdir -p "$out"

if [ "${UKCC_BENCH_IN_NS:-}" != 1 ]; then
    "$ukcc" --hosted -O2 "$root/examples/httpd/httpd.c" -o "$out/httpd" \
        --embed "$www:$www"
    UKCC_BENCH_IN_NS=1 exec unshare -n "$0" "$@"
fi

ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_NET_TAP=tap0 UKCC_NET_ADDR=10.0.0.2/24 "$out/httpd" -q -p 80 -r "$www" &
hosted=$!
UKCC_PASSTHROUGH=1 "$out/httpd" -q -p 8080 -r "$www" &
native=$!
trap 'kill $hosted $native 2>/dev/null' EXIT
for url in http://10.0.0.2/ http://127.0.0.1:8080/; do
    for _ in $(seq 50); do curl -s -m 1 -o /dev/null "$url" && break; sleep 0.2; done
done

best_speed() { # URL: the best of three downloads, in MB/s
    local best=0 s
    for _ in 1 2 3; do
        s=$(curl -s -m 300 -o /dev/null -w '%{speed_download}' "$1")
        best=$(echo "if ($s > $best) $s else $best" | bc -l)
    done
    echo "$best / 1000000" | bc -l
}
rate() { # N CURL-ARGS...: requests per second for N requests
    local n=$1 t0 t1
    shift
    t0=$(date +%s%N)
    curl -s -m 300 -o /dev/null "$@"
    t1=$(date +%s%N)
    echo "$n * 1000000000 / ($t1 - $t0)" | bc -l
}
measure() { # BASE-URL NAME
    local base=$1
    tput[$2]=$(best_speed "$base/gen/$((mb * 1000000))")
    rps[$2]=$(rate "$reqs" "$base/hello.txt?[1-$reqs]")
    # 200, not more: libs/net keeps each server-closed connection in
    # TIME-WAIT for 60 s in one of its 256 slots, and drops SYNs when
    # they are all taken (Linux recycles TIME-WAIT instead)
    cps[$2]=$(rate 200 -H 'Connection: close' "$base/hello.txt?[1-200]")
}
declare -A tput rps cps
measure http://10.0.0.2 hosted
measure http://127.0.0.1:8080 native
printf 'net: %d MB download:     hosted %8.1f MB/s   native %8.1f MB/s   ratio %.2f\n' \
    "$mb" "${tput[hosted]}" "${tput[native]}" "$(echo "${tput[hosted]} / ${tput[native]}" | bc -l)"
printf 'net: keep-alive requests: hosted %8.0f req/s  native %8.0f req/s  ratio %.2f\n' \
    "${rps[hosted]}" "${rps[native]}" "$(echo "${rps[hosted]} / ${rps[native]}" | bc -l)"
printf 'net: 200 new connections: hosted %8.0f conn/s native %8.0f conn/s ratio %.2f\n' \
    "${cps[hosted]}" "${cps[native]}" "$(echo "${cps[hosted]} / ${cps[native]}" | bc -l)"
echo "net: hosted = ukcc's stack over a tap device; native = Linux TCP over loopback"

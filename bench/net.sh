#!/usr/bin/env bash
# Network throughput and request rate of examples/httpd: hosted mode (ukcc's
# runtime and TCP/IP stack, on a tap device) against the same source built
# as a native process (passthrough: Linux's own TCP over loopback), both
# measured in one run inside a private network namespace, with curl, wrk and
# Python as clients. Prints MB/s in both directions, requests/s,
# connections/s, memory per idle connection, ICMP echo time and
# hosted/native ratios.
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
    # the tree at a fixed mount point, as examples/httpd/Makefile does (the
    # checkout's own path would be refused under /tmp, rt's writable
    # directory); the native run reads the checkout's copy
    "$ukcc" --hosted -O2 "$root/examples/httpd/httpd.c" -o "$out/httpd" \
        --embed "$www:/srv/www"
    "$ukcc" --hosted -O2 "$root/bench/tcp-sink.c" -o "$out/tcp-sink"
    UKCC_BENCH_IN_NS=1 exec unshare -n "$0" "$@"
fi

ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_NET_TAP=tap0 UKCC_NET_ADDR=10.0.0.2/24 "$out/httpd" -q -p 80 -r /srv/www &
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
}
declare -A tput rps cps
measure http://10.0.0.2 hosted
measure http://127.0.0.1:8080 native
printf 'net: %d MB download:     hosted %8.1f MB/s   native %8.1f MB/s   ratio %.2f\n' \
    "$mb" "${tput[hosted]}" "${tput[native]}" "$(echo "${tput[hosted]} / ${tput[native]}" | bc -l)"
printf 'net: keep-alive requests: hosted %8.0f req/s  native %8.0f req/s  ratio %.2f\n' \
    "${rps[hosted]}" "${rps[native]}" "$(echo "${rps[hosted]} / ${rps[native]}" | bc -l)"

# keep-alive requests from wrk: 2 threads, 16 connections, 5 s
wrk_rps() { # URL
    wrk -t2 -c16 -d5s "$1" | sed -n 's/^Requests\/sec:[[:space:]]*//p'
}
wrk_h=$(wrk_rps http://10.0.0.2/hello.txt)
wrk_n=$(wrk_rps http://127.0.0.1:8080/hello.txt)
printf 'net: wrk keep-alive (16 conns): hosted %8.0f req/s  native %8.0f req/s  ratio %.2f\n' \
    "$wrk_h" "$wrk_n" "$(echo "$wrk_h / $wrk_n" | bc -l)"

# upload: the same number of megabytes sent to bench/tcp-sink, timed from
# connect until the sink has read the last byte and exited
upload() { # ADDRESS PORT: MB/s
    local sink t0 t1
    if [ "$1" = 10.0.1.2 ]; then
        UKCC_NET_TAP=tap1 UKCC_NET_ADDR=10.0.1.2/24 "$out/tcp-sink" "$2" >"$out/sink.out" &
    else
        UKCC_PASSTHROUGH=1 "$out/tcp-sink" "$2" >"$out/sink.out" &
    fi
    sink=$!
    t0=$(date +%s%N)
    python3 - "$1" "$2" "$mb" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
        break
    except OSError:
        time.sleep(0.05)
block = b"u" * 65536
left = int(sys.argv[3]) * 1000000
while left > 0:
    left -= s.send(block[:min(left, len(block))])
s.close()
PY
    wait $sink
    t1=$(date +%s%N)
    [ "$(cat "$out/sink.out")" = $((mb * 1000000)) ] || { echo "net: upload lost data" >&2; exit 1; }
    echo "$mb * 1000000000 / ($t1 - $t0)" | bc -l
}
ip tuntap add dev tap1 mode tap
ip addr add 10.0.1.1/24 dev tap1
ip link set tap1 up
up_h=$(upload 10.0.1.2 9000)
up_n=$(upload 127.0.0.1 9001)
printf 'net: %d MB upload:       hosted %8.1f MB/s   native %8.1f MB/s   ratio %.2f\n' \
    "$mb" "$up_h" "$up_n" "$(echo "$up_h / $up_n" | bc -l)"

# memory per idle connection: 100 idle connections held open for 2 s;
# hosted reads rt's free pages (httpd's /stats: the stack's connection
# slots are preallocated, and an idle connection's buffers are given back
# after 1 s), native the process's resident set
idle_mem() { # BASE-URL KIND PID
    local before after
    if [ "$2" = hosted ]; then
        before=$(curl -s "$1/stats" | sed -n 's/free_mem //p')
    else
        before=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$3/status")
    fi
    python3 - "$1" "$2" "$3" "$before" <<'PY'
import socket, sys, time, urllib.request
base, kind, pid, before = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
host, _, port = base[len("http://"):].partition(":")
conns = [socket.create_connection((host, int(port or 80))) for _ in range(100)]
time.sleep(2)  # past libs/net's 1 s idle release of buffers
if kind == "hosted":
    body = urllib.request.urlopen(base + "/stats").read().decode()
    used = before - int(body.split("free_mem ")[1])
else:
    rss = [l for l in open("/proc/%s/status" % pid) if l.startswith("VmRSS")]
    used = (int(rss[0].split()[1]) - before) * 1024
print(used / 100)
PY
}
mem_h=$(idle_mem http://10.0.0.2 hosted $hosted)
mem_n=$(idle_mem http://127.0.0.1:8080 native $native)
printf 'net: memory per idle connection: hosted %.0f B  native %.0f B (user space only; Linux keeps its socket buffers in the kernel)\n' \
    "$mem_h" "$mem_n"

# ICMP echo: 100,000 echo requests, each sent when the last reply came (as
# `ping -f` does; Debian's ping is not installed here, so Python's raw
# socket does it), to the hosted stack over the tap and to Linux's loopback
flood() { # ADDRESS: seconds for 100,000 echoes
    python3 - "$1" <<'PY'
import socket, struct, sys, time

def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff

r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
r.settimeout(2)
t0 = time.monotonic()
for seq in range(100000):
    body = struct.pack("!HH", 0x4242, seq & 0xffff) + b"x" * 56
    msg = struct.pack("!BBH", 8, 0, checksum(b"\x08\x00\x00\x00" + body)) + body
    r.sendto(msg, (sys.argv[1], 0))
    while True:
        p = r.recv(2048)
        icmp = p[(p[0] & 15) * 4:]
        if icmp[0] == 0 and icmp[4:8] == body[:4]:
            break
print(time.monotonic() - t0)
PY
}
ping_h=$(flood 10.0.0.2)
ping_n=$(flood 127.0.0.1)
printf 'net: 100,000 ICMP echoes: hosted %8.2f s       native %8.2f s       ratio %.2f\n' \
    "$ping_h" "$ping_n" "$(echo "$ping_n / $ping_h" | bc -l)"

# connections the server closes, one request each
for kind in hosted native; do
    base=http://10.0.0.2
    [ $kind = native ] && base=http://127.0.0.1:8080
    cps[$kind]=$(rate 1000 -H 'Connection: close' "$base/hello.txt?[1-1000]")
done
printf 'net: 1000 connections:    hosted %8.0f conn/s native %8.0f conn/s ratio %.2f\n' \
    "${cps[hosted]}" "${cps[native]}" "$(echo "${cps[hosted]} / ${cps[native]}" | bc -l)"
echo "net: hosted = ukcc's stack over a tap device; native = Linux TCP over loopback; ratio = hosted speed / native speed"

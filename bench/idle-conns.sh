#!/usr/bin/env bash
# Memory per idle connection of examples/httpd: hosted (ukcc's runtime and
# TCP/IP stack, on a tap device) against the same source built for Linux
# (--target=posix: Linux's own TCP, over loopback), both measured in one
# run inside a private network namespace. N clients each make one request
# and then hold their keep-alive connection idle; each server's resident
# set (VmRSS) before and after, divided by N, is its memory per idle
# connection. Linux keeps a socket's state and buffers in the kernel, not
# in the process, so for an honest comparison the kernel's TCP buffer
# memory (/proc/net/sockstat) and slab (/proc/meminfo) deltas per
# connection are printed too: in the hosted run they are the clients'
# sockets only, in the native run the clients' and the server's, so the
# server's kernel share is the difference. Also: the time a new client
# waits for an answer while the N idle ones are held.
# Needs root (tap device, unshare -n). Usage: bench/idle-conns.sh [N]
# (default 1000; 10,000 and more work: the clients raise RLIMIT_NOFILE).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/idle-conns
n=${1:-1000}
www=$root/examples/httpd/www
mkdir -p "$out"

if [ "${UKCC_BENCH_IN_NS:-}" != 1 ]; then
    "$ukcc" --hosted -O2 "$root/examples/httpd/httpd.c" -o "$out/httpd-hosted" \
        --embed "$www:/srv/www"
    "$ukcc" --target=posix -O2 "$root/examples/httpd/httpd.c" \
        -o "$out/httpd-posix" --embed "$www:/srv/www"
    UKCC_BENCH_IN_NS=1 exec unshare -n "$0" "$@"
fi

# the clients hold N sockets, the native server N more
ulimit -n "$(ulimit -Hn)"
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_NET_TAP=tap0 UKCC_NET_ADDR=10.0.0.2/24 "$out/httpd-hosted" -q -p 80 &
hosted=$!
"$out/httpd-posix" -q -p 8080 -r "$www" &
native=$!
trap 'kill $hosted $native 2>/dev/null' EXIT
for url in http://10.0.0.2/ http://127.0.0.1:8080/; do
    for _ in $(seq 50); do curl -s -m 1 -o /dev/null "$url" && break; sleep 0.2; done
done

idle() { # HOST PORT PID N: "answered rss_B kernel_tcp_B kernel_slab_B new_ms"
    python3 - "$@" <<'PY'
import resource, socket, sys, time
host, port, pid, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
REQ = b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"

def rss():
    for l in open("/proc/%s/status" % pid):
        if l.startswith("VmRSS:"):
            return int(l.split()[1]) * 1024

def tcp_mem():  # pages of TCP buffers, machine-wide
    for l in open("/proc/net/sockstat"):
        if l.startswith("TCP:"):
            f = l.split()
            return int(f[f.index("mem") + 1]) * 4096

def slab():
    for l in open("/proc/meminfo"):
        if l.startswith("Slab:"):
            return int(l.split()[1]) * 1024

def ask(s):
    s.sendall(REQ)
    got = b""
    while not got.endswith(b"plain text file\n"):
        chunk = s.recv(4096)
        if not chunk:
            raise OSError("closed")
        got += chunk

def answered_in(seconds):
    t = time.monotonic()
    s = socket.create_connection((host, port), timeout=5)
    ask(s)
    s.close()
    return (time.monotonic() - t) * 1000

answered_in(5)  # the server's first request out of the way
time.sleep(1.5)  # libs/net gives an idle connection's buffers back after 1 s
before = rss(), tcp_mem(), slab()
conns = []
for _ in range(n):
    try:
        s = socket.create_connection((host, port), timeout=5)
        ask(s)
        conns.append(s)
    except OSError:
        break
time.sleep(1.5)  # the held connections idle past that second
after = rss(), tcp_mem(), slab()
try:
    new_ms = answered_in(5)
except OSError:  # out of memory: the new client is not answered
    new_ms = -1
k = max(len(conns), 1)
print(len(conns), *[(a - b) / k for a, b in zip(after, before)], new_ms)
for s in conns:
    s.close()
PY
}
read -r got_h rss_h tcp_h slab_h new_h < <(idle 10.0.0.2 80 $hosted "$n")
read -r got_n rss_n tcp_n slab_n new_n < <(idle 127.0.0.1 8080 $native "$n")
for kind in h n; do
    got=got_$kind
    if [ "${!got}" != "$n" ]; then
        echo "idle-conns: $([ $kind = h ] && echo hosted || echo native) held only ${!got} of $n connections; figures are per connection held"
    fi
done
printf 'idle-conns: %d idle connections, memory per connection (server RSS): hosted %6.0f B   native %6.0f B   ratio %.2f\n' \
    "$n" "$rss_h" "$rss_n" "$(echo "$rss_h / $rss_n" | bc -l)"
printf 'idle-conns: kernel per connection, TCP buffers: hosted run %6.0f B   native run %6.0f B (clients%s)\n' \
    "$tcp_h" "$tcp_n" "; native: and the server's"
printf 'idle-conns: kernel per connection, slab:        hosted run %6.0f B   native run %6.0f B (machine-wide counters)\n' \
    "$slab_h" "$slab_n"
printf 'idle-conns: native server incl. its kernel share: %6.0f B; ratio hosted / that %.2f\n' \
    "$(echo "$rss_n + $slab_n - $slab_h + $tcp_n - $tcp_h" | bc -l)" \
    "$(echo "$rss_h / ($rss_n + $slab_n - $slab_h + $tcp_n - $tcp_h)" | bc -l)"
answered() { # MS: "%.1f ms", or that it was not answered
    if [ "${1%%.*}" = -1 ]; then echo "not answered"; else printf '%.1f ms' "$1"; fi
}
echo "idle-conns: a new client answered among them in: hosted $(answered "$new_h")   native $(answered "$new_n")"
echo "idle-conns: hosted = ukcc's stack over a tap device; native = Linux TCP over loopback; ratio = hosted / native"

#!/usr/bin/env bash
# TLS: examples/tlstunnel (posix, passthrough: Linux's sockets) against
# `openssl s_server` on the same machine in the same run, as ratios:
# handshakes per second with ECDSA P-256 and RSA-2048 keys (TLS 1.2, ECDHE,
# AES-128-GCM, no session reuse, measured by `openssl s_time -new`), and
# bulk download throughput (curl fetching a file: s_server -WWW serves it
# itself; the tunnel relays it from a plaintext backend that sendfile()s
# it). Then the stripped size of tlstunnel for posix and xen-pvh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ukcc=$root/build/bin/ukcc
out=$root/bench/out/tls
seconds=${TLS_BENCH_SECONDS:-5}
mbytes=${TLS_BENCH_MB:-256}
mkdir -p "$out"
rm -rf "$out/pki"
sh "$root/test/tls/Inputs/make-certs.sh" "$out/pki"
pki=$out/pki
srcs=("$root"/examples/tlstunnel/{main,options,relay}.c)
"$ukcc" --tls -O2 -o "$out/tlstunnel" "${srcs[@]}"
head -c $((mbytes << 20)) /dev/urandom > "$out/big"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
port() { python3 "$root/test/tls/Inputs/free-port.py"; }
wait_port() {
    for _ in $(seq 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" \
            2>/dev/null && return
        sleep 0.05
    done
}

# a plaintext backend: reads a request, sends the file, closes
bport=$(port)
python3 - "$bport" "$out/big" <<'PY' &
import os, socket, sys, threading
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(64)
size = os.path.getsize(sys.argv[2])
def serve(c):
    try:
        if c.recv(4096):
            c.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
            with open(sys.argv[2], "rb") as f:
                c.sendfile(f)
    except OSError:
        pass
    c.close()
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
pids+=($!)
wait_port "$bport"

# start KEY: the tunnel and s_server with the same keypair; sets tport sport
start() {
    tport=$(port)
    "$out/tlstunnel" --cert "$pki/$1.pem" --key "$pki/$1.key" --listen "$tport" \
        --backend "127.0.0.1:$bport" 2> /dev/null &
    pids+=($!)
    sport=$(port)
    (cd "$out" && exec openssl s_server -accept "$sport" -cert "$pki/$1.pem" \
        -key "$pki/$1.key" -quiet -WWW < /dev/null > /dev/null 2>&1) &
    pids+=($!)
    wait_port "$tport"
    wait_port "$sport"
}

handshakes() { # port cipher -> connections per second (wall clock)
    openssl s_time -connect "127.0.0.1:$1" -new -time "$seconds" -cipher "$2" \
        2>/dev/null | awk '/connections in [0-9]+ real seconds/ { printf "%.1f", $1 / $4 }'
}

bulk() { # port -> MB/s downloading the file, best of 3
    local best=0 v
    for _ in 1 2 3; do
        v=$(curl -s --cacert "$pki/ca.pem" --tlsv1.2 --tls-max 1.2 \
            --ciphers "$2" -o /dev/null -w '%{speed_download}' \
            "https://localhost:$1/big")
        best=$(python3 -c "print(max($best, $v / 1048576))")
    done
    printf '%.1f' "$best"
}

for key in ec rsa; do
    case $key in
        ec) cipher=ECDHE-ECDSA-AES128-GCM-SHA256 label="ECDSA P-256" ;;
        rsa) cipher=ECDHE-RSA-AES128-GCM-SHA256 label="RSA-2048" ;;
    esac
    start $key
    t=$(handshakes "$tport" $cipher)
    s=$(handshakes "$sport" $cipher)
    printf 'tls: handshakes/s %-11s tlstunnel %8s  openssl s_server %8s  ratio %.2f\n' \
        "$label" "$t" "$s" "$(python3 -c "print($t / $s)")"
    if [ $key = ec ]; then
        t=$(bulk "$tport" $cipher)
        s=$(bulk "$sport" $cipher)
        printf 'tls: bulk MB/s (%d MB, %s) tlstunnel %8s  openssl s_server %8s  ratio %.2f\n' \
            "$mbytes" "$cipher" "$t" "$s" "$(python3 -c "print($t / $s)")"
    fi
    kill "${pids[@]:1}" 2>/dev/null || true
    pids=("${pids[0]}")
done

for t in posix xen-pvh; do
    "$ukcc" --tls --target=$t -O2 -o "$out/tlstunnel-$t" "${srcs[@]}"
    /usr/lib/llvm-14/bin/llvm-strip "$out/tlstunnel-$t"
    printf 'tls: size tlstunnel %-8s %8d bytes stripped\n' $t "$(stat -c %s "$out/tlstunnel-$t")"
done
rm -f "$out/big"

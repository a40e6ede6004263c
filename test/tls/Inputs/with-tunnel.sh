#!/bin/sh
# with-tunnel.sh TUNNEL KEYBASE [TUNNEL-ARGS...] -- COMMAND...
# Starts the echo backend and TUNNEL (--cert KEYBASE.pem --key KEYBASE.key;
# KEYBASE "-": no default keypair) on free ports, runs COMMAND with $PORT set to the tunnel's port, stops
# both, then prints the tunnel's log, each line prefixed "log: ".
set -u
here=$(dirname "$0")
tunnel=$1 keybase=$2
shift 2
args=
while [ $# -gt 0 ] && [ "$1" != -- ]; do args="$args $1"; shift; done
shift
work=$(mktemp -d)
python3 "$here/echo-backend.py" "$work/bport" & backend=$!
trap 'kill $backend $tpid 2>/dev/null; rm -rf "$work"' EXIT
tpid=
for i in $(seq 50); do [ -s "$work/bport" ] && break; sleep 0.1; done
PORT=$(python3 "$here/free-port.py")
export PORT
keypair=
[ "$keybase" = - ] || keypair="--cert $keybase.pem --key $keybase.key"
# shellcheck disable=SC2086
"$tunnel" $keypair --listen "$PORT" \
  --backend "127.0.0.1:$(cat "$work/bport")" $args 2> "$work/log" & tpid=$!
# ready when the port accepts a connection
python3 - "$PORT" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()
        break
    except OSError:
        time.sleep(0.05)
PY
"$@"
status=$?
sleep 0.3
kill $tpid 2>/dev/null
wait $tpid 2>/dev/null
sed 's/^/log: /' "$work/log"
exit $status

# idle-timeouts-peer.sh HTTPD H K IDLE: examples/httpd with a header
# timeout of H s and a keep-alive timeout of K s, inside a fresh network
# namespace (unshare -n), run twice at once and checked by the same client
# (idle-timeouts-client.py, IDLE idle connections): (a) passthrough, on
# Linux's own sockets at 127.0.0.1:8080; (b) hosted, ukcc's TCP/IP stack
# over tap0 at 10.0.0.2:80. Each server's log goes to pass.log and tap.log.
set -e
httpd=$1 h=$2 k=$3 idle=$4 here=$(dirname "$0")
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_PASSTHROUGH=1 setsid "$httpd" -p 8080 -r "$here/../../../examples/httpd/www" \
    -T "$h" -K "$k" > pass.log 2>&1 &
pass=$!
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$httpd" -p 80 -r /srv/www \
    -T "$h" -K "$k" > tap.log 2>&1 &
tap=$!
trap 'kill -- -$pass -$tap 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for hp in 127.0.0.1:8080 10.0.0.2:80; do
    for i in $(seq 50); do
        curl -s -m 1 -o /dev/null http://$hp/probe && break
        sleep 0.2
    done
done
python3 "$here/idle-timeouts-client.py" 127.0.0.1 8080 "$h" "$k" "$idle" \
    | sed 's/^/passthrough /' > pass.out &
client=$!
python3 "$here/idle-timeouts-client.py" 10.0.0.2 80 "$h" "$k" "$idle" \
    | sed 's/^/tap /'
wait $client
cat pass.out
for log in pass tap; do
    echo "$log log: $(grep -c 'timed out (headers)' $log.log) headers," \
        "$(grep -c 'timed out (keep-alive)' $log.log) keep-alive timed out"
done

# tunnel-timeouts-peer.sh TUNNEL HTTPD PKI H K IDLE: examples/tlstunnel
# (hosted, ukcc's TCP/IP stack over tap0 at 10.0.0.2:443, its keypair
# embedded at /etc/tls) with a handshake timeout of H s and an idle
# timeout of K s, in front of examples/httpd on Linux's sockets (its own
# timeouts far longer) at 10.0.0.1:8080, inside a fresh network namespace
# (unshare -n); checked by idle-timeouts-client.py with IDLE idle
# connections. The tunnel's log goes to tunnel.log.
set -e
tunnel=$1 httpd=$2 pki=$3 h=$4 k=$5 idle=$6 here=$(dirname "$0")
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_PASSTHROUGH=1 setsid "$httpd" -p 8080 -r "$here/../../../examples/httpd/www" \
    -T 600 -K 600 -q > httpd.log 2>&1 &
backend=$!
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$tunnel" \
    --cert /etc/tls/ec.pem --key /etc/tls/ec.key --listen 443 \
    --backend 10.0.0.1:8080 --handshake-timeout "$h" --idle-timeout "$k" \
    > tunnel.log 2>&1 &
tun=$!
trap 'kill -- -$backend -$tun 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do
    curl -s -k -m 1 -o /dev/null https://10.0.0.2/probe && break
    sleep 0.2
done
python3 "$here/idle-timeouts-client.py" 10.0.0.2 443 "$h" "$k" "$idle" tls
echo "log: $(grep -c 'handshake timed out' tunnel.log) handshakes," \
    "$(grep -c 'idle timeout' tunnel.log) idle timed out"

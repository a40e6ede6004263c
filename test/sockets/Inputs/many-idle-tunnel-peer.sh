# many-idle-tunnel-peer.sh TUNNEL HTTPD N: examples/tlstunnel hosted on
# ukcc's TCP/IP stack over tap0 at 10.0.0.2:443 (its keypair embedded at
# /etc/tls), in front of examples/httpd on Linux's sockets at
# 10.0.0.1:8080, inside a fresh network namespace (unshare -n), against
# many-idle-client.py hold N over TLS.
set -e
tunnel=$1 httpd=$2 n=$3 here=$(dirname "$0")
ulimit -n "$(ulimit -Hn)" # the client holds N sockets, httpd N more
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_PASSTHROUGH=1 setsid "$httpd" -p 8080 -q \
    -r "$here/../../../examples/httpd/www" > httpd.log 2>&1 &
backend=$!
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$tunnel" \
    --cert /etc/tls/ec.pem --key /etc/tls/ec.key --listen 443 \
    --backend 10.0.0.1:8080 > tunnel.log 2>&1 &
tun=$!
trap 'kill -- -$backend -$tun 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do
    curl -s -k -m 1 -o /dev/null https://10.0.0.2/probe && break
    sleep 0.2
done
python3 "$here/many-idle-client.py" 10.0.0.2 443 hold "$n" tls

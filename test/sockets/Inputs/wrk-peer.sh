# wrk-peer.sh HTTPD C: examples/httpd (built with --tls, its certificate
# embedded at /pki), hosted on ukcc's TCP/IP stack over tap0 at 10.0.0.2
# inside a fresh network namespace (unshare -n), loaded by wrk with C
# connections for 3 s on HTTP (80) and then on HTTPS (443).
set -e
httpd=$1 c=$2
ulimit -n "$(ulimit -Hn)"
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$httpd" -q -p 80 -s 443 \
    -c /pki/server.pem -k /pki/server.key > tap.log 2>&1 &
tap=$!
trap 'kill -- -$tap 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do
    curl -s -m 1 -o /dev/null http://10.0.0.2/probe && break
    sleep 0.2
done
for scheme in http https; do
    echo "$scheme: $c connections"
    # wrk counts an answer slower than 2 s (its default) as a timeout; a
    # busy machine can be that slow, so here only 10 s counts
    wrk -c "$c" -t 2 -d 3s --timeout 10s "$scheme://10.0.0.2/hello.txt" \
        > wrk-$scheme.out
    grep -E 'requests in|Socket errors|Non-2xx' wrk-$scheme.out
done

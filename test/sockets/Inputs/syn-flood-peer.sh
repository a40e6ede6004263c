# syn-flood-peer.sh HTTPD PKI FLOOD.PY: inside a fresh network namespace
# (unshare -n), a tap device with Linux at 10.0.0.1 and httpd (built --tls
# --hosted, certificates embedded at /etc/tls) at 10.0.0.2 serving HTTP on
# 80 and HTTPS on 443; once it answers, the flood script runs.
set -e
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$1" -p 80 -s 443 \
  -r /srv/www -c /etc/tls/server.pem -k /etc/tls/server.key > httpd.log 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do
    curl -s -m 1 -o /dev/null http://10.0.0.2/probe && break
    sleep 0.2
done
python3 "$3" tap0 10.0.0.2 "$2/ca.pem"

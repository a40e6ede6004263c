# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1, httpd (hosted, ukcc's TCP/IP stack) at 10.0.0.2, then curl and
# the Python client. NETEM, if set, is a `tc qdisc ... netem` spec for tap0.
# Usage: httpd-peer.sh HTTPD ROOT CLIENT.PY
set -e
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
[ -z "${NETEM:-}" ] || tc qdisc add dev tap0 root netem $NETEM
# through ukcc-run, in a session of its own so that all of it is stopped
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$1" -p 80 -r "$2" > httpd.log 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do
    curl -s -m 1 -o /dev/null http://10.0.0.2/probe && break
    sleep 0.2
done
echo "page: $(curl -s -m 10 http://10.0.0.2/ | grep -o '<h1>.*</h1>')"
echo "missing: $(curl -s -m 10 -o /dev/null -w '%{http_code}' http://10.0.0.2/nope)"
echo "big: $(curl -s -m 120 http://10.0.0.2/gen/100000000 | sha256sum | cut -c1-64)"
python3 -c '
import hashlib
p = b"0123456789abcdefghijklmnopqrstuvwxyz\n"
n = 100000000
print("want:", hashlib.sha256(p * (n // 37) + p[:n % 37]).hexdigest())'
python3 "$3" 10.0.0.2
# one line per request, without the polls (/probe, /stats), whose number
# depends on timing
echo "log lines: $(grep -v -e /probe -e /stats httpd.log | grep -c '^10\.0\.0\.1:[0-9]* "')"
grep -m 1 '"GET /nope HTTP/1.1" 404' httpd.log

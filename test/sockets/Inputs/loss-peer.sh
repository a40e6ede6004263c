# Inside a fresh network namespace (unshare -n): Linux at 10.0.0.1 on tap0,
# whose frames lossy-relay.py moves to tap1, bridged to tap2, where httpd
# (hosted, ukcc's TCP/IP stack) is 10.0.0.2. Every frame either way is
# dropped with probability LOSS percent, and swapped with the next one with
# probability REORDER percent; the large response is SIZE bytes.
# Usage: loss-peer.sh HTTPD ROOT RELAY.PY LOSS REORDER SIZE
set -e
ip link set lo up
for t in tap0 tap1 tap2; do ip tuntap add dev $t mode tap; done
ip link add br0 type bridge
ip link set tap1 master br0
ip link set tap2 master br0
ip addr add 10.0.0.1/24 dev tap0
for l in tap0 tap1 tap2 br0; do ip link set $l up; done
python3 -u "$3" tap0 tap1 "$4" "$5" 1 > relay.out &
relay=$!
setsid ukcc-run --tap=tap2 --net=10.0.0.2/24 "$1" -p 80 -r "$2" > httpd.log 2>&1 &
pid=$!
trap 'kill -- -$pid; kill $relay' EXIT
trap 'exit 1' INT TERM
for i in $(seq 100); do
    curl -s -m 1 -o /dev/null http://10.0.0.2/probe && break
    sleep 0.2
done
echo "page: $(curl -s -m 30 http://10.0.0.2/ | grep -o '<h1>.*</h1>')"
echo "big: $(curl -s -m 300 http://10.0.0.2/gen/$6 | sha256sum | cut -c1-64)"
python3 -c '
import hashlib, sys
p = b"0123456789abcdefghijklmnopqrstuvwxyz\n"
n = int(sys.argv[1])
print("want:", hashlib.sha256(p * (n // 37) + p[:n % 37]).hexdigest())' "$6"
ok=0
for i in $(seq 100); do
    [ "$(curl -s -m 30 http://10.0.0.2/hello.txt)" = "plain text file" ] && ok=$((ok + 1))
done
echo "sequential: $ok of 100"

# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1 running linux-services.py, then the client at 10.0.0.2.
# Usage: client-peer.sh CLIENT SERVICES.PY
set -e
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
python3 -u "$2" 10.0.0.1 > services.out &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do grep -q ready services.out && break; sleep 0.1; done
UKCC_NET_TAP=tap0 UKCC_NET_ADDR=10.0.0.2/24 UKCC_NET_DNS=10.0.0.1 timeout 60 "$1"

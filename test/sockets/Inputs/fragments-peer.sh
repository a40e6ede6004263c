# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1, the hosted udp-size-echo at 10.0.0.2, and the attack script.
# Usage: fragments-peer.sh IMAGE ATTACK.PY
set -e
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_NET_TAP=tap0 UKCC_NET_ADDR=10.0.0.2/24 "$1" &
pid=$!
trap 'kill $pid 2>/dev/null || :' EXIT
python3 "$2" tap0 10.0.0.2
wait $pid
echo "server exit $?"

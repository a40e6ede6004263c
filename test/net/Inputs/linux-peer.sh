# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1, tap-peer (libs/net) at 10.0.0.2, then the Python client.
# Usage: linux-peer.sh TAP-PEER CLIENT.PY [MODE [LOSS [REORDER]]]
# (MODE goes to the client, LOSS and REORDER percents to tap-peer.)
set -e
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
"$1" tap0 10.0.0.2/24 ${4:-} ${5:-} > peer.out &
pid=$!
python3 "$2" 10.0.0.2 ${3:-basic} || true
wait $pid
cat peer.out

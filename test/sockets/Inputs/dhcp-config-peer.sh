# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1 running busybox udhcpd, and a hosted image with no UKCC_NET_ADDR
# on it, which must configure itself from the lease.
# Usage: dhcp-config-peer.sh IMAGE
set -e
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
cat > udhcpd.conf <<CONF
start 10.0.0.100
end 10.0.0.110
interface tap0
lease_file $PWD/leases
pidfile $PWD/udhcpd.pid
option subnet 255.255.255.0
option router 10.0.0.1
option dns 10.0.0.53
option lease 600
CONF
touch leases
busybox udhcpd -f udhcpd.conf 2> udhcpd.log &
server=$!
# the image's first DISCOVER must find the server listening (rt would
# survive losing it, but 3-5 s later: this test is about the lease)
for i in $(seq 100); do
    ss -uln | grep -q ':67 ' && break
    sleep 0.05
done
UKCC_NET_TAP=tap0 "$1" || echo "status $?"
kill $server

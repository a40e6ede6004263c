# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1 running busybox udhcpd (8 s leases, so a renewal comes at 4 s),
# and tap-peer (libs/net) configuring itself by DHCP.
# Usage: dhcp-peer.sh TAP-PEER
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
min_lease 8
option subnet 255.255.255.0
option router 10.0.0.1
option dns 10.0.0.53
option lease 8
CONF
touch leases
busybox udhcpd -f udhcpd.conf 2> udhcpd.log &
server=$!
"$1" tap0 dhcp
kill $server

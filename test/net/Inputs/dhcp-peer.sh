# Inside a fresh network namespace (unshare -n): a tap device with Linux at
# 10.0.0.1 running busybox udhcpd (leases of LEASE seconds, addresses
# 10.0.0.100-110, router 10.0.0.1, DNS 10.0.0.53), then COMMAND, a client
# on tap0 that configures itself by DHCP.
# Usage: dhcp-peer.sh LEASE COMMAND [ARGS...]
set -e
lease=$1
shift
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
min_lease $lease
option subnet 255.255.255.0
option router 10.0.0.1
option dns 10.0.0.53
option lease $lease
CONF
touch leases
busybox udhcpd -f udhcpd.conf 2> udhcpd.log &
server=$!
# the client's first DISCOVER must find the server listening (a client
# survives losing it, but 3-5 s later: these tests are about the lease)
for i in $(seq 100); do
    ss -uln | grep -q ':67 ' && break
    sleep 0.05
done
"$@" || echo "status $?"
kill $server

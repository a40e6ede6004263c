# many-idle-peer.sh HTTPD MODE N: examples/httpd, hosted on ukcc's TCP/IP
# stack over tap0 at 10.0.0.2:80 inside a fresh network namespace
# (unshare -n), against many-idle-client.py MODE N; the server's log goes
# to tap.log.
set -e
httpd=$1 mode=$2 n=$3 here=$(dirname "$0")
ulimit -n "$(ulimit -Hn)" # the client holds N sockets
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$httpd" -q -p 80 -r /srv/www \
    > tap.log 2>&1 &
tap=$!
trap 'kill -- -$tap 2>/dev/null' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do
    curl -s -m 1 -o /dev/null http://10.0.0.2/probe && break
    sleep 0.2
done
python3 "$here/many-idle-client.py" 10.0.0.2 80 "$mode" "$n"

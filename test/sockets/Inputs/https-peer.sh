# https-peer.sh HTTPD PKI WWW GEN: HTTPS from examples/httpd (built --tls
# --hosted, WWW embedded at /srv/www), inside a fresh network namespace
# (unshare -n), run twice at once: (a) passthrough, Linux's own sockets on
# 127.0.0.1 (ports 8080 and 8443, files from WWW on the host); (b) hosted,
# ukcc's TCP/IP stack over tap0 at 10.0.0.2 (ports 80 and 443, files from
# the embedded tree). The same checks run against each with curl
# --cacert; GEN is the size of the generated download. Rates go to rates.
set -e
httpd=$1 pki=$2 www=$3 gen=$4 here=$(dirname "$0")
ip link set lo up
ip tuntap add dev tap0 mode tap
ip addr add 10.0.0.1/24 dev tap0
ip link set tap0 up
UKCC_PASSTHROUGH=1 setsid "$httpd" -p 8080 -s 8443 -r "$www" \
  -c "$pki/server.pem" -k "$pki/server.key" > pass.log 2>&1 &
pass=$!
setsid ukcc-run --tap=tap0 --net=10.0.0.2/24 "$httpd" -p 80 -s 443 \
  -r /srv/www -c /etc/tls/server.pem -k /etc/tls/server.key > tap.log 2>&1 &
tap=$!
trap 'kill -- -$pass -$tap 2>/dev/null' EXIT
trap 'exit 1' INT TERM
: > rates
c="curl -s -m 120 --cacert $pki/ca.pem"

# checks LABEL HOST PLAINPORT TLSPORT
checks() {
  u=https://$2:$4
  for i in $(seq 50); do
    curl -s -m 1 -o /dev/null http://$2:$3/probe && break
    sleep 0.2
  done
  echo "$1 page: $($c $u/ | grep -o '<h1>.*</h1>')"
  echo "$1 plain http: $(curl -s -m 10 http://$2:$3/hello.txt)"
  echo "$1 unknown CA: curl exit $(curl -s -m 10 -o /dev/null $u/ || echo $?)"
  echo "$1 file: $($c $u/big.bin | sha256sum | cut -c1-64)"
  echo "$1 gen: $($c $u/gen/$gen | sha256sum | cut -c1-64)"
  echo "$1 keep-alive: $($c -w '%{http_code}/%{num_connects} ' \
    -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
    $u/ $u/hello.txt $u/nope $u/gen/100000)"
  python3 "$here/bad-tls-client.py" $2 $4 truncated > held.out & held=$!
  sleep 0.3
  python3 "$here/bad-tls-client.py" $2 $4 garbage
  echo "$1 while a handshake stalls: $($c $u/hello.txt)"
  wait $held
  cat held.out
  echo "$1 after the bad clients: $($c $u/hello.txt)"
  echo "$1 $($c -o /dev/null -w '%{size_download} bytes at %{speed_download} B/s' $u/gen/$gen)" >> rates
}
checks passthrough 127.0.0.1 8080 8443
checks tap 10.0.0.2 80 443
python3 -c '
import hashlib, sys
p = b"0123456789abcdefghijklmnopqrstuvwxyz\n"
n = int(sys.argv[1])
print("want gen:", hashlib.sha256(p * (n // 37) + p[:n % 37]).hexdigest())' $gen
echo "want file: $(sha256sum < $www/big.bin | cut -c1-64)"
sed 's/^/pass.log: /' pass.log
sed 's/^/tap.log: /' tap.log

#!/bin/sh
# against-s-server.sh CLIENT PKI: runs CLIENT against openssl s_server with
# each of the test certificates, printing "NAME: " and what CLIENT says.
client=$1 pki=$2 here=$(dirname "$0")
for name in ec rsa expired selfsigned wrongname; do
  port=$(python3 "$here/free-port.py")
  openssl s_server -accept $port -cert "$pki/$name.pem" -key "$pki/$name.key" \
    -quiet -naccept 1 < /dev/null > /dev/null 2>&1 & server=$!
  for i in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port)).close()" \
      2>/dev/null && break
    sleep 0.1
  done
  # the probe above used s_server's one accept: start it again
  wait $server
  openssl s_server -accept $port -cert "$pki/$name.pem" -key "$pki/$name.key" \
    -quiet -naccept 1 < /dev/null > /dev/null 2>&1 & server=$!
  sleep 0.5
  echo "$name: $("$client" 127.0.0.1 $port localhost "$pki/ca.pem")"
  kill $server 2>/dev/null
  wait $server 2>/dev/null
done
# ALPN: s_server picks from what the client offers
port=$(python3 "$here/free-port.py")
openssl s_server -accept $port -cert "$pki/ec.pem" -key "$pki/ec.key" \
  -alpn http/1.1 -quiet -naccept 1 < /dev/null > /dev/null 2>&1 & server=$!
sleep 0.5
echo "alpn: $(ALPN=h2,http/1.1 "$client" 127.0.0.1 $port localhost "$pki/ca.pem" | tr '\n' ' ')"
kill $server 2>/dev/null
wait $server 2>/dev/null
echo "missing anchors: $("$client" 127.0.0.1 1 localhost "$pki/nothing.pem")"

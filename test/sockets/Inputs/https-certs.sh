#!/bin/sh
# https-certs.sh DIR: a test CA (DIR/ca.pem) and an ECDSA P-256 server
# certificate it signed (DIR/server.pem, key DIR/server.key) valid for the
# addresses httpd's HTTPS tests use: 10.0.0.2 (tap, Xen), 127.0.0.1 and
# localhost (passthrough). Made at test time with Debian's openssl.
set -e
mkdir -p "$1"
cd "$1"
q() { "$@" >/dev/null 2>&1 || { echo "https-certs: failed: $*" >&2; exit 1; }; }
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout ca.key -out ca.pem -days 30 -subj /CN=ukcc-httpd-test-ca
q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key
q openssl req -new -key server.key -subj /CN=httpd -out server.csr
printf 'subjectAltName=IP:10.0.0.2,IP:127.0.0.1,DNS:localhost\n' > san.ext
q openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -days 30 -extfile san.ext -out server.pem
rm -f ca.key server.csr san.ext ca.srl

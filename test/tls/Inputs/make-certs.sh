#!/bin/sh
# Makes the test PKI in directory $1 with Debian's openssl: a CA (RSA-2048),
# server keypairs for "localhost" (ECDSA P-256 and RSA-2048), an expired
# one, a self-signed one, and one for the wrong name.
set -e
d=$1
mkdir -p "$d"
cd "$d"
q() { "$@" >/dev/null 2>&1 || { echo "make-certs: failed: $*" >&2; exit 1; }; }

q openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem \
  -days 30 -subj /CN=ukcc-test-ca
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san-localhost.ext
printf 'subjectAltName=DNS:elsewhere.example\n' > san-elsewhere.ext

# name key-kind ext: a key and a certificate signed by the CA
issue() {
  case $2 in
    ec) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $1.key ;;
    rsa) q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $1.key ;;
  esac
  q openssl req -new -key $1.key -subj /CN=$1 -out $1.csr
  q openssl x509 -req -in $1.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
    -days 30 -extfile $3 -out $1.pem
}
issue ec ec san-localhost.ext
issue rsa rsa san-localhost.ext
issue wrongname ec san-elsewhere.ext

# expired: openssl 3.0's x509 cannot backdate, its ca command can
q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out expired.key
q openssl req -new -key expired.key -subj /CN=localhost -out expired.csr
mkdir -p ca.db
: > ca.db/index.txt
echo 1000 > ca.db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
database = ca.db/index.txt
serial = ca.db/serial
new_certs_dir = ca.db
default_md = sha256
policy = any
copy_extensions = none
x509_extensions = ext
[any]
commonName = supplied
[ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
CNF
q openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key \
  -in expired.csr -out expired.pem -notext \
  -startdate 20200101000000Z -enddate 20200201000000Z

# self-signed, for localhost
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout selfsigned.key -out selfsigned.pem -days 30 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost

#!/bin/sh
# Good clients through the tunnel on $PORT: openssl s_client and curl, each
# verifying the tunnel's certificate for "localhost" against $1/ca.pem.
pki=$1
(echo "hello through s_client"; sleep 1) |
  timeout 10 openssl s_client -connect 127.0.0.1:$PORT -servername localhost \
    -verify_return_error -CAfile "$pki/ca.pem" -quiet -no_ign_eof 2>/dev/null
# the echo backend returns curl's own request: read it as HTTP/0.9
timeout 10 curl -sS --http0.9 --cacert "$pki/ca.pem" -H 'X-Probe: curl-ok' \
  https://localhost:$PORT/ -m 5 2>&1 | grep -a X-Probe | tr -d '\r'

#!/bin/sh
# Bad clients against the tunnel on $PORT (run with --sni localhost): a
# truncated handshake holds a connection open while garbage arrives on
# another and a good client is served; then the refused ones.
pki=$1 here=$(dirname "$0")
python3 "$here/raw-client.py" $PORT truncated & held=$!
sleep 0.3
python3 "$here/raw-client.py" $PORT garbage
s_client() {
  timeout 10 openssl s_client -connect 127.0.0.1:$PORT -CAfile "$pki/ca.pem" \
    -verify_return_error "$@" < /dev/null > /dev/null 2>&1 &&
    echo accepted || echo refused
}
echo "good while a handshake hangs:" $( (echo still-served; sleep 1) |
  timeout 10 openssl s_client -connect 127.0.0.1:$PORT -servername localhost \
    -verify_return_error -CAfile "$pki/ca.pem" -quiet -no_ign_eof 2>/dev/null)
echo "wrong sni: $(s_client -servername elsewhere.example)"
echo "no sni: $(s_client -noservername)"
echo "tls 1.1 only: $(s_client -servername localhost -tls1_1 -cipher DEFAULT@SECLEVEL=0)"
echo "tls 1.0 only: $(s_client -servername localhost -tls1 -cipher DEFAULT@SECLEVEL=0)"
wait $held

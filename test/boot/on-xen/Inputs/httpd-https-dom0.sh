# dom0's side of httpd-https-on-xen.test (busybox sh; /tmp/ca.pem is
# written before this runs): HTTP with busybox wget and HTTPS with
# openssl s_client against httpd in the PVH domU at 10.0.0.2, then
# xl destroy (a server does not exit by itself). Every step has a time
# limit, so that a stuck one still leaves the others' output.
now() { cut -d' ' -f1 /proc/uptime; }
rate() { awk -v b=$1 -v s=$2 -v e=$(now) 'BEGIN { printf "%.2f MB/s", b / (e - s) / 1e6 }'; }
# up when it answers HTTP: a ping can be answered before httpd listens
i=0
until timeout 5 wget -q -O /dev/null http://10.0.0.2/hello.txt 2>/dev/null; do
    i=$((i + 1)); [ $i -ge 60 ] && break
    sleep 1
done
# https PATH [EXTRA-REQUEST]: the raw response to GET PATH over TLS,
# certificate checked against the CA and the address
https() {
    printf 'GET %s HTTP/1.1\r\nHost: 10.0.0.2\r\n%b\r\n' "$1" "${2:-Connection: close\r\n}" |
        timeout 60 openssl s_client -quiet -connect 10.0.0.2:443 -CAfile /tmp/ca.pem \
            -verify_return_error -verify_ip 10.0.0.2 2>/tmp/s_client.err
}
echo "http page: $(timeout 20 wget -q -O - http://10.0.0.2/ | grep -o '<h1>.*</h1>')"
s=$(now)
echo "http file: $(timeout 60 wget -q -O - http://10.0.0.2/big.bin | sha256sum | cut -c1-64)"
echo "http rate: $(rate $BIG $s)"
echo "https page: $(https / | grep -o '<h1>.*</h1>')"
grep -o 'verify return:1' /tmp/s_client.err | head -1
s=$(now)
echo "https file: $(https /big.bin | tail -c $BIG | sha256sum | cut -c1-64)"
echo "https rate: $(rate $BIG $s)"
echo "https keep-alive: $(https /hello.txt 'Connection: keep-alive\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' |
    grep -o '^HTTP/1.1 [0-9]*' | tr '\n' ' ')"
echo "garbage: $(echo 'GET / HTTP/1.0' | timeout 10 nc 10.0.0.2 443 | wc -c) bytes back"
echo "https after garbage: $(https /hello.txt | tail -1)"
echo "untrusted: $(printf 'x' | timeout 20 openssl s_client -quiet -connect 10.0.0.2:443 -verify_return_error 2>&1 >/dev/null | grep -o 'unable to get local issuer certificate' | head -1)"
xl destroy g0

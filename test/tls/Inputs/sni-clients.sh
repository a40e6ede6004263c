#!/bin/sh
# Which certificate the tunnel on $PORT serves for each SNI name given
# (none: "-"), verified for that name against $1/ca.pem: one line per name,
# "NAME: subject=CN = ..." or "NAME: refused".
pki=$1
shift
for name in "$@"; do
  if [ "$name" = - ]; then
    sni=-noservername verify=
  else
    sni="-servername $name" verify="-verify_hostname $name"
  fi
  # shellcheck disable=SC2086
  subject=$(timeout 10 openssl s_client -connect 127.0.0.1:$PORT $sni $verify \
    -verify_return_error -CAfile "$pki/ca.pem" </dev/null 2>/dev/null |
    openssl x509 -noout -subject 2>/dev/null)
  echo "$name: ${subject:-refused}"
done

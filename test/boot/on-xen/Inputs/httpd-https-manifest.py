# httpd-https-manifest.py CA.PEM BIGSIZE OUT.json: the one-guest manifest
# of httpd-https-on-xen.test, with the CA and the big file's size handed
# to dom0's script (httpd-https-dom0.sh) in front of it.
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
with open(sys.argv[1]) as f:
    ca = f.read()
with open(os.path.join(here, "httpd-https-dom0.sh")) as f:
    script = f.read()
cmd = "cat > /tmp/ca.pem <<'PEM'\n%sPEM\nBIG=%s\n%s" % (ca, sys.argv[2], script)
json.dump({"dom0_tools": ["usr/bin/openssl"], "guests": [{
    "name": "httpd", "type": "pvh", "image": "httpd.img", "memory": 32,
    "timeout": 200, "expect": {"outcome": "noexit"},
    "args": "UKCC_NET_ADDR=10.0.0.2/24 -- httpd -p 80 -s 443 -r /srv/www "
            "-c /etc/tls/server.pem -k /etc/tls/server.key",
    "dom0_cmd": cmd}]}, open(sys.argv[3], "w"), indent=1)

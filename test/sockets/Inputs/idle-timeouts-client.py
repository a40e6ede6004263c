# Idle timeouts of a server started with a header timeout of H seconds and
# a keep-alive timeout of K (httpd -T H -K K; with "tls", tlstunnel
# --handshake-timeout H --idle-timeout K in front of an httpd): idle
# connections, a stalled half-request (with tls: half a ClientHello), a
# request (a ClientHello) sent one byte at a time and a silent connection
# are closed by the server on time (never before; on a busy machine, at
# most SLACK late); one in use is not; a new client is answered at once
# while IDLE others are held. Each close is seen as it happens (select on
# every socket), not slept for.
# Usage: idle-timeouts-client.py HOST PORT H K IDLE [tls]
import selectors
import socket
import ssl
import sys
import time

host, port = sys.argv[1], int(sys.argv[2])
H, K, IDLE = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
TLS = len(sys.argv) > 6 and sys.argv[6] == "tls"
SLACK = 1.0
REQ = b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE


def connect(handshake=True):
    s = socket.create_connection((host, port), timeout=10)
    if TLS and handshake:
        s = ctx.wrap_socket(s)
    return s


def answer(s):
    """One whole response to REQ (hello.txt's body is known to end so)."""
    got = b""
    while not got.endswith(b"plain text file\n"):
        chunk = s.recv(4096)
        if not chunk:
            raise EOFError("closed before the answer")
        got += chunk
    return got


def client_hello():
    """The first flight of a TLS handshake, as bytes to send by hand."""
    out = ssl.MemoryBIO()
    obj = ctx.wrap_bio(ssl.MemoryBIO(), out)
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return out.read()


def request(s):
    s.sendall(REQ)
    return answer(s).split(b" ")[1]


sel = selectors.DefaultSelector()
closed = {}  # name -> seconds from its last activity to the server's close
start = {}


def watch(name, s, since):
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, name)
    start[name] = since


# IDLE keep-alive connections, each after one request answered: K each
idle = []
for i in range(IDLE):
    s = connect()
    ok = request(s) == b"200"
    if not ok:
        print("idle", i, "not answered")
    watch("idle%d" % i, s, time.monotonic())
    idle.append(s)
# silent (no byte, no handshake), a half request, one dribbling: H each
silent = connect(handshake=False)
watch("silent", silent, time.monotonic())
half = connect(handshake=False)
if TLS:
    half.sendall(client_hello()[:10])
else:
    half.sendall(b"GET /hello.txt HTTP/1.1\r\nHost:")
watch("half", half, time.monotonic())
drip = connect(handshake=False)
drip_req, drip_at = client_hello() if TLS else REQ[:-4], 0
drip_start = time.monotonic()
drip.sendall(drip_req[:1])
drip_at = 1

# a new client among them all is answered at once
t = time.monotonic()
new = connect()
new_ok = request(new) == b"200"
new_s = time.monotonic() - t
new.close()
print("new client answered among %d idle: %s, under 0.5 s: %s" %
      (IDLE, new_ok, new_s < 0.5))

# one connection in use past both timeouts: a request every H/3, for
# H + K; the dribbling one sends a byte each H/10 (it must not stretch H)
busy = connect()
busy_ok, busy_n = True, 0
end = time.monotonic() + H + K + SLACK
next_busy = next_drip = time.monotonic()
watch("drip", drip, drip_start)
while time.monotonic() < end:
    now = time.monotonic()
    if now >= next_busy:
        try:
            busy_ok &= request(busy) == b"200"
        except (OSError, EOFError) as e:
            busy_ok = False
            print("busy: request %d: %s" % (busy_n, e))
        busy_n += 1
        next_busy = now + H / 3
    if now >= next_drip and "drip" not in closed and drip_at < len(drip_req):
        try:
            drip.send(drip_req[drip_at:drip_at + 1])
            drip_at += 1
        except OSError:
            pass
        next_drip = now + H / 10
    wait = max(0.0, min(next_busy, next_drip, end) - time.monotonic())
    for key, _ in sel.select(timeout=wait):
        name, s = key.data, key.fileobj
        try:
            data = s.recv(4096)
        except ssl.SSLWantReadError:
            continue
        except (ConnectionResetError, ssl.SSLError):
            data = b""
        except BlockingIOError:
            continue
        if data == b"":
            closed[name] = time.monotonic() - start[name]
            sel.unregister(s)
print("in use past both timeouts: %d requests, all answered, still open: %s"
      % (busy_n, busy_ok))


def on_time(name, limit):
    t = closed.get(name)
    return t is not None and limit - 0.05 <= t <= limit + SLACK


print("silent closed on time: %s" % on_time("silent", H))
print("half request closed on time: %s" % on_time("half", H))
print("dribbling request closed on time: %s (%d of %d bytes sent)" %
      (on_time("drip", H), drip_at, len(drip_req)))
late = [n for n in start if n.startswith("idle") and not on_time(n, K)]
print("idle closed on time: %d of %d%s" % (IDLE - len(late), IDLE,
      "" if not late else " (%s: %s)" % (late[0], closed.get(late[0]))))

# many-idle-client.py HOST PORT hold N | exhaust MAX  [tls]
#  hold N: N keep-alive connections, each answered once and then held
#    idle; while all are held a new client is answered (within a second),
#    and then every 100th held connection answers a second request: the
#    server kept them, none was dropped or left silent.
#  exhaust MAX: connections are opened and held until the server has no
#    memory for one more (at most MAX); the one it cannot take must be
#    told so at once (a RST, or a close before the answer), not left
#    without a word; once the held ones close, a new client is answered.
#  tls: each connection speaks TLS (certificates are not checked).
import resource
import socket
import ssl
import sys
import time

host, port, mode, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
TLS = sys.argv[5:] == ["tls"]
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
REQ = b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def ask(s):
    s.sendall(REQ)
    got = b""
    while not got.endswith(b"plain text file\n"):
        chunk = s.recv(4096)
        if not chunk:
            raise EOFError("closed before the answer")
        got += chunk


def connect_and_ask(timeout):
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        if TLS:
            s = ctx.wrap_socket(s)
        ask(s)
    except BaseException:
        s.close()
        raise
    return s


def new_client():
    t = time.monotonic()
    try:
        connect_and_ask(5).close()
    except OSError as e:
        return "not answered (%s)" % type(e).__name__
    return "answered within a second: %s" % (time.monotonic() - t < 1.0)


held = []
if mode == "hold":
    for i in range(n):
        try:
            held.append(connect_and_ask(10))
        except (OSError, EOFError) as e:
            print("connection %d of %d failed: %r" % (i + 1, n, e))
            break
    print("held: %d of %d" % (len(held), n))
    print("new client among them:", new_client())
    sample = held[::100]
    ok = 0
    for s in sample:
        try:
            ask(s)
            ok += 1
        except (OSError, EOFError):
            pass
    print("held ones asked again: %d of %d answered" % (ok, len(sample)))
else:
    failure = None
    for i in range(n):
        t = time.monotonic()
        try:
            held.append(connect_and_ask(10))
        except socket.timeout:
            failure = "silent for %.0f s" % (time.monotonic() - t)
            break
        except (ConnectionError, EOFError) as e:
            failure = "told at once: %s (%s)" % (time.monotonic() - t < 3.0,
                                                 type(e).__name__)
            break
    print("held until memory ran out: %s (%d held)" %
          (failure is not None and len(held) > 0, len(held)))
    print("the next one:", failure)
    for s in held:
        s.close()
    time.sleep(1)
    print("new client after they closed:", new_client())

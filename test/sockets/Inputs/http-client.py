# HTTP checks against httpd at HOST:80, one line per check for FileCheck.
# Usage: http-client.py HOST
import socket
import sys
import threading
import time

host = sys.argv[1]


def connect():
    return socket.create_connection((host, 80), timeout=20)


def response(f):
    """Reads one response from a file-like socket: (status, headers, body)."""
    status = f.readline().decode()
    headers = {}
    while True:
        line = f.readline().decode()
        if line in ("\r\n", ""):
            break
        k, v = line.split(":", 1)
        headers[k.strip().lower()] = v.strip()
    body = f.read(int(headers.get("content-length", "0")))
    return status.split(" ", 2)[1], headers, body


def raw(request):
    s = connect()
    s.sendall(request)
    f = s.makefile("rb")
    r = response(f)
    rest = f.read()  # the server closes: asked to, or after a 400
    s.close()
    return r, rest


# several requests, one connection, pipelined in one write too
s = connect()
f = s.makefile("rb")
statuses = []
for path in ("/", "/hello.txt", "/nope", "/"):
    s.sendall(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path.encode())
    statuses.append(response(f)[0])
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /hello.txt HTTP/1.1\r\n\r\n")
a, b = response(f), f.readline()
statuses += [a[0], b.decode().split(" ")[1]]
print("keep-alive on one connection:", " ".join(statuses))
s.close()

(st, h, body), rest = raw(b"BREW / HTTP/1.1\r\nConnection: close\r\n\r\n")
print("BREW:", st, "Allow:", h.get("allow"))
(st, h, body), rest = raw(b"GET /\r\n\r\n")
print("malformed:", st, "then closed:", rest == b"")
(st, h, body), rest = raw(b"GET /../etc/passwd HTTP/1.1\r\nConnection: close\r\n\r\n")
print("dot-dot:", st)
(st, h, body), rest = raw(b"HEAD /hello.txt HTTP/1.0\r\n\r\n")
print("HEAD:", st, "length", h.get("content-length"), "body", len(body))

def stats():
    s = connect()
    s.sendall(b"GET /stats HTTP/1.1\r\nHost: x\r\n\r\n")
    body = response(s.makefile("rb"))[2].decode()
    s.close()
    return {k: int(v) for k, v in (line.split() for line in body.splitlines())}


# what the server holds now, to compare after 2,200 more connections
time.sleep(1.5)  # past libs/net's 1 s release of idle connections' buffers
before = stats()

# 200 connections at once, each with a request in flight
conns = [connect() for _ in range(200)]
for c in conns:
    c.sendall(b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n")
ok = sum(response(c.makefile("rb"))[2] == b"plain text file\n" for c in conns)
for c in conns:
    c.close()
print("concurrent: %d of 200 answered" % ok)

# 200 concurrent clients in threads, each fetching 5 times
results = []


def client():
    c = connect()
    f = c.makefile("rb")
    n = 0
    for _ in range(5):
        c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        n += response(f)[0] == "200"
    c.close()
    results.append(n)


threads = [threading.Thread(target=client) for _ in range(200)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threads: %d of 1000 answered" % sum(results))

# 1000 sequential connections
ok = 0
for i in range(1000):
    c = connect()
    c.sendall(b"GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n")
    ok += response(c.makefile("rb"))[0] == "200"
    c.close()
print("sequential: %d of 1000 answered" % ok)

# every connection has gone: the same descriptors as before and no less free
# memory (the last closes may still be in flight: look again for a while;
# a connection that was idling when "before" was taken may have given its
# buffers back since, so more free memory is not a leak)
for _ in range(25):
    after = stats()
    if (after["open_fds"] == before["open_fds"] and
            after["free_mem"] >= before["free_mem"]):
        break
    time.sleep(0.2)
print("leaks: descriptors %s, memory %s" % (
    "none" if after["open_fds"] == before["open_fds"] else
    "%s -> %s" % (before["open_fds"], after["open_fds"]),
    "none" if after["free_mem"] >= before["free_mem"] else
    "%s -> %s free" % (before["free_mem"], after["free_mem"])))

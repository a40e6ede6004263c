# Linux-side services for client-over-tap: TCP echo on port 7, a listener
# on port 10 that resets each connection, UDP echo on port 7, and a DNS
# server on port 53 that answers A queries for peer.test with ADDR.
# Usage: linux-services.py ADDR (prints "ready" once all listen)
import socket
import struct
import sys
import threading

addr = sys.argv[1]


def echo_tcp():
    l = socket.socket()
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((addr, 7))
    l.listen(16)
    while True:
        c, _ = l.accept()
        threading.Thread(target=echo_one, args=(c,), daemon=True).start()


def echo_one(c):
    while True:
        b = c.recv(65536)
        if not b:
            break
        c.sendall(b)
    c.close()


def resetter():
    l = socket.socket()
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((addr, 10))
    l.listen(4)
    while True:
        c, _ = l.accept()
        c.recv(100)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()


def echo_udp():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, 7))
    while True:
        b, peer = u.recvfrom(65536)
        u.sendto(b, peer)


def dns():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, 53))
    while True:
        q, peer = u.recvfrom(512)
        tid, flags, qd = struct.unpack("!HHH", q[:6])
        end = 12
        while q[end]:
            end += q[end] + 1
        qname = q[12:end + 1]
        qtype = struct.unpack("!H", q[end + 1:end + 3])[0]
        question = q[12:end + 5]
        name = ".".join(p.decode() for p in _labels(qname))
        answers = b""
        if name == "peer.test" and qtype == 1:
            answers = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + \
                socket.inet_aton(addr)
        rcode = 0 if name == "peer.test" else 3
        hdr = struct.pack("!HHHHHH", tid, 0x8180 | rcode, 1,
                          1 if answers else 0, 0, 0)
        u.sendto(hdr + question + answers, peer)


def _labels(qname):
    i = 0
    while qname[i]:
        yield qname[i + 1:i + 1 + qname[i]]
        i += qname[i] + 1


for f in (echo_tcp, resetter, echo_udp, dns):
    threading.Thread(target=f, daemon=True).start()
print("ready", flush=True)
threading.Event().wait()

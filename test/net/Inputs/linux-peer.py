# Linux's stack as the peer of libs/net (tap-peer on a tap device in this
# network namespace): ping, UDP echo, TCP echo of a large stream, many
# short connections, and a closed port. Prints one line per check.
import hashlib, os, socket, struct, sys, threading, time

PEER = sys.argv[1]
MODE = sys.argv[2] if len(sys.argv) > 2 else "basic"


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ping(seq, size):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(2)
    data = bytes((i + seq) & 0xFF for i in range(size))
    hdr = struct.pack("!BBHHH", 8, 0, 0, 0x77, seq)
    pkt = hdr[:2] + struct.pack("!H", checksum(hdr + data)) + hdr[4:] + data
    s.sendto(pkt, (PEER, 0))
    while True:
        reply = s.recv(65535)
        icmp = reply[(reply[0] & 15) * 4:]
        if icmp[0] == 0 and struct.unpack("!HH", icmp[4:8]) == (0x77, seq):
            return icmp[8:] == data and checksum(icmp) == 0


def udp_echo():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    ok = True
    for n in (0, 1, 100, 1472):
        msg = os.urandom(n)
        s.sendto(msg, (PEER, 7))
        data, addr = s.recvfrom(2048)
        ok = ok and data == msg and addr == (PEER, 7)
    return ok


def tcp_echo(size):
    s = socket.create_connection((PEER, 7), timeout=10)
    msg = os.urandom(size)
    got = bytearray()
    t = threading.Thread(target=s.sendall, args=(msg,))
    t.start()
    while len(got) < size:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    t.join()
    s.shutdown(socket.SHUT_WR)
    eof = s.recv(1) == b""
    s.close()
    return bytes(got) == msg and eof


def tcp_bulk(size):
    """size bytes through the echo port; both directions' sha256 match."""
    s = socket.create_connection((PEER, 7), timeout=240)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    msg = os.urandom(size)
    h = hashlib.sha256()
    n = 0
    t0 = time.monotonic()
    t = threading.Thread(target=s.sendall, args=(msg,))
    t.start()
    while n < size:
        chunk = s.recv(1 << 16)
        if not chunk:
            break
        h.update(chunk)
        n += len(chunk)
    t.join()
    dt = time.monotonic() - t0
    s.shutdown(socket.SHUT_WR)
    eof = s.recv(1) == b""
    s.close()
    print("bulk %d bytes in %.2f s: %.1f MB/s each way" % (n, dt, n / dt / 1e6),
          file=sys.stderr)
    return h.hexdigest() == hashlib.sha256(msg).hexdigest() and eof


def tcp_concurrent(count, size):
    """count connections open at once, each echoing size bytes."""
    socks = [socket.create_connection((PEER, 7), timeout=30)
             for _ in range(count)]
    msgs = [os.urandom(size) for _ in socks]
    for s, m in zip(socks, msgs):
        s.sendall(m)
    ok = True
    for s, m in zip(socks, msgs):
        got = bytearray()
        while len(got) < size:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        s.shutdown(socket.SHUT_WR)
        ok = ok and bytes(got) == m and s.recv(1) == b""
        s.close()
    return ok


def closed_port():
    try:
        socket.create_connection((PEER, 8), timeout=2)
    except ConnectionRefusedError:
        return True
    return False


LOCAL = "10.0.0.1"
SYN, RST, PSH, ACK = 2, 4, 8, 16


class Blind:
    """An off-path attacker on a Linux connection to tap-peer's echo port
    who knows the sequence numbers (read off the tap) and forges segments
    from a raw socket: each forged segment must leave the stream alone."""

    def __init__(self):
        self.tap = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                 socket.htons(3))  # ETH_P_ALL: both ways
        self.tap.bind(("tap0", 0))
        self.tap.setblocking(False)
        self.raw = socket.socket(socket.AF_INET, socket.SOCK_RAW,
                                 socket.IPPROTO_TCP)
        self.s = socket.create_connection((PEER, 7), timeout=2)
        self.port = self.s.getsockname()[1]
        self.nxt = self.una = 0

    def segments(self):
        """(from us?, seq, ack, flags, payload) of the connection's
        segments captured since the last call."""
        out = []
        while True:
            try:
                f = self.tap.recv(65535)
            except BlockingIOError:
                return out
            if len(f) < 54 or f[12:14] != b"\x08\x00" or f[23] != 6:
                continue
            ip = f[14:]
            t = ip[(ip[0] & 15) * 4:struct.unpack("!H", ip[2:4])[0]]
            sport, dport, seq, ack, off, fl = struct.unpack("!HHIIBB", t[:14])
            mine = (sport, dport) == (self.port, 7)
            if mine or (sport, dport) == (7, self.port):
                out.append((mine, seq, ack, fl, t[(off >> 4) * 4:]))

    def echo(self, msg):
        """A real exchange; afterwards, Linux's SND.NXT and tap-peer's
        SND.UNA (what Linux acknowledged) from the last segments."""
        self.s.sendall(msg)
        got = b""
        while len(got) < len(msg):
            got += self.s.recv(4096)
        time.sleep(0.6)  # ACKs settle; tap-peer's 500 ms limit passes
        for mine, seq, ack, fl, data in self.segments():
            if mine:
                self.nxt, self.una = seq + len(data), ack
        return got == msg

    def forge(self, seq, ack, flags, data=b""):
        t = struct.pack("!HHIIBBHHH", self.port, 7, seq & 0xFFFFFFFF,
                        ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0) + data
        pseudo = (socket.inet_aton(LOCAL) + socket.inet_aton(PEER) +
                  struct.pack("!BBH", 0, 6, len(t)))
        t = t[:16] + struct.pack("!H", checksum(pseudo + t)) + t[18:]
        self.raw.sendto(t, (PEER, 0))

    def answers(self):
        """tap-peer's segments since the last look (at forged ones)."""
        time.sleep(0.2)
        return [x[1:] for x in self.segments() if not x[0]]

    def challenged(self, answers):
        """Exactly one answer, a bare ACK of where the stream really is."""
        return answers == [(self.una, self.nxt, ACK, b"")]

    def quiet(self):
        """Nothing arrived on the Linux socket (the echo of injected data)."""
        self.s.settimeout(0.3)
        try:
            return self.s.recv(4096) == b"never"
        except socket.timeout:
            return True
        finally:
            self.s.settimeout(2)


def blind_attacks():
    b = Blind()
    ok = b.echo(b"ping")
    for back in (1 << 30, 1 << 20):
        b.forge(b.nxt, b.una - back, ACK | PSH, b"GET /admin\r\n")
        print("injection with ack = SND.UNA - 2^%d dropped, challenged:" %
              (back.bit_length() - 1),
              ok and b.challenged(b.answers()) and b.quiet() and
              b.echo(b"hello"))
    for _ in range(10):  # at once: within tap-peer's 500 ms
        b.forge(b.nxt, b.una - (1 << 30), ACK | PSH, b"x")
    print("10 injections, 1 challenge ACK:",
          b.challenged(b.answers()) and b.quiet() and b.echo(b"after"))
    b.forge(b.nxt, b.una + 100000, ACK | PSH, b"GET /admin\r\n")
    print("ack beyond SND.NXT dropped, answered:",
          b.challenged(b.answers()) and b.quiet() and b.echo(b"again"))
    b.forge(b.nxt + 100, 0, RST)
    print("rst in window challenged:",
          b.challenged(b.answers()) and b.echo(b"still"))
    b.forge(b.nxt + 5, 0, SYN)
    print("syn challenged:", b.challenged(b.answers()) and b.echo(b"there"))
    b.forge(b.nxt, 0, RST)
    quiet = b.answers() == []
    try:
        b.s.sendall(b"gone")
        reset = b.s.recv(10) == b""
    except ConnectionResetError:
        reset = True
    print("exact rst resets:", quiet and reset)
    b.s.close()


def attempt(f, *args):
    try:
        return f(*args)
    except OSError as e:
        return e


if MODE == "basic":
    print("ping 56:", attempt(ping, 1, 56))
    print("ping 1472:", attempt(ping, 2, 1472))
    print("udp echo:", attempt(udp_echo))
    print("tcp echo 1 MB:", attempt(tcp_echo, 1 << 20))
    print("tcp 50 sequential:", all(attempt(tcp_echo, 1000) is True
                                    for _ in range(50)))
    print("tcp refused:", attempt(closed_port))
elif MODE == "blind":
    attempt(blind_attacks)
else:  # lossy: bulk data and many connections through loss and reordering
    print("tcp bulk 10 MB sha256:", attempt(tcp_bulk, 10 << 20))
    print("tcp 200 concurrent:", attempt(tcp_concurrent, 200, 10000))
    print("tcp 100 sequential:", all(attempt(tcp_echo, 1000) is True
                                     for _ in range(100)))
sys.stdout.flush()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(os.urandom(4000), (PEER, 9))  # Linux fragments it: 1480+1480+1048
time.sleep(0.2)
# tap-peer may drop any one frame on a lossy link: say it more than once
# (once it has quit, the rest go nowhere)
for _ in range(10):
    u.sendto(b"quit", (PEER, 9))
    time.sleep(0.1)

# A differential test of libs/net against Linux (linux-differential.test).
# Inside a fresh network namespace: the same server program (the
# differential-server.c of this directory) runs on two stacks at the same
# address, 10.0.0.2:
#   linux  Linux's own stack, on tap1, whose other end this script holds
#   ukcc   libs/net, the program built with ukcc --hosted, on tap0, whose
#          other end is read and written here through a packet socket
# This script is the only peer either has (10.0.0.1): it forges every
# segment with scapy and reads the answers off the wire, so no kernel
# socket of its own interferes (neither tap has 10.0.0.1 as an address).
#
# Each case brings a fresh connection (its own source port) to a state,
# sends one odd segment, and records the answer: every segment the target
# sends until the echo reply to a ping sent right after the odd segment
# (both stacks process input in order, so this needs no timing guess).
# Then a survival probe, one byte of data far outside the window, must
# draw an ACK that says where the connection stands, or a RST if it is
# gone. The two targets' normalised answers are compared; a difference
# fails the test unless EXPECTED (below) lists it with its reason.
#
# Usage: differential.py SERVER-LINUX SERVER-UKCC [NAME-SUBSTRING]
import ctypes, fcntl, logging, os, select, signal, socket, struct, \
    subprocess, sys, time

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.config import conf
conf.ipv6_enabled = False
from scapy.compat import raw
from scapy.layers.inet import ICMP, IP, TCP, IPOption_NOP
from scapy.layers.l2 import ARP, Ether
from scapy.packet import Raw

ME_IP, PEER_IP = "10.0.0.1", "10.0.0.2"
ME_MAC, PEER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
HOLD, CLOSE, FINISH, TALK, CLOSED, DEAF = 7, 8, 9, 10, 11, 12
TALK_BYTES = 1000  # as differential-server.c
M = 0xFFFFFFFF
FAR = 1 << 30  # a sequence offset outside any window


def after(a, b):
    return 0 < (a - b) & M < 1 << 31


# ---- the wire ----

class Target:
    """One stack under test, behind its end of a tap."""

    def __init__(self, name, send, recv, fd):
        self.name, self._send, self._recv, self.fd = name, send, recv, fd
        self.mac = PEER_MAC

    def send(self, frame):
        self._send(frame)

    def read(self, timeout):
        """The next IPv4 datagram from PEER_IP as (proto, header, body),
        or None after timeout seconds; answers ARP for ME_IP meanwhile."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            f = self._recv()
            if f is None or len(f) < 34:
                continue
            if f[12:14] == b"\x08\x06":
                self._arp(f)
                continue
            if f[12:14] != b"\x08\x00" or f[26:30] != socket.inet_aton(PEER_IP):
                continue
            ip = f[14:]
            ihl, total = (ip[0] & 15) * 4, struct.unpack("!H", ip[2:4])[0]
            return ip[9], ip[:ihl], ip[ihl:total]

    def _arp(self, f):
        a = Ether(f)[ARP]
        if a.op == 1 and a.pdst == ME_IP:
            self.send(raw(Ether(src=ME_MAC, dst=a.hwsrc) /
                          ARP(op=2, hwsrc=ME_MAC, psrc=ME_IP,
                              hwdst=a.hwsrc, pdst=a.psrc)))


def tap_target(name):
    """Linux's stack on a tap whose far end is this process."""
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, 0x400454CA,  # TUNSETIFF: IFF_TAP | IFF_NO_PI
                struct.pack("16sH", name.encode(), 0x0002 | 0x1000))
    for cmd in (["addr", "add", PEER_IP + "/24", "dev", name],
                ["link", "set", name, "address", PEER_MAC, "up"],
                ["neigh", "replace", ME_IP, "lladdr", ME_MAC, "nud",
                 "permanent", "dev", name]):
        subprocess.check_call(["ip"] + cmd)
    return Target("linux", lambda f: os.write(fd, f),
                  lambda: os.read(fd, 65536), fd)


def packet_target(name):
    """A stack that holds the tap itself: its frames are read and
    written on the kernel's side of the tap (which has no address)."""
    subprocess.check_call(["ip", "tuntap", "add", "dev", name, "mode", "tap"])
    subprocess.check_call(["ip", "link", "set", name, "address",
                           "02:00:00:00:00:fe", "up"])
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.bind((name, 0))

    def recv():
        f, addr = s.recvfrom(65536)
        return None if addr[2] == socket.PACKET_OUTGOING else f
    return Target("ukcc", s.send, recv, s.fileno())


# ---- a connection, as this end sees it ----

class Conn:
    def __init__(self, t, index, port):
        self.t, self.port = t, port
        self.sport = 20000 + index
        self.isn = (0x9E3779B9 * (index + 1)) & M
        self.nxt = self.isn          # our next sequence number (its RCV.NXT)
        self.peer = None             # its SND.NXT as far as we saw
        self.una = None              # what we acknowledged (its SND.UNA)
        self.wnd = 0                 # its last window, in bytes
        self.shift = 0               # its window scale
        self.new = None              # a new connection's SND.NXT (reuse)
        self.seen = []               # data segment sizes during the setup
        self.marker = index * 4

    def frame(self, flags, seq, ack=0, data=b"", window=65535, options=(),
              dataofs=None, urgptr=0, ttl=64, ipopts=None, chksum=None):
        ip = IP(src=ME_IP, dst=PEER_IP, ttl=ttl)
        if ipopts:
            ip.options = ipopts
        tcp = TCP(sport=self.sport, dport=self.port, seq=seq & M,
                  ack=(ack & M) if "A" in flags else 0, flags=flags,
                  window=window, urgptr=urgptr, options=list(options))
        if dataofs is not None:
            tcp.dataofs = dataofs
        if chksum is not None:
            tcp.chksum = chksum
        return raw(Ether(src=ME_MAC, dst=self.t.mac) / ip / tcp / Raw(data))

    def send(self, flags, seq=None, ack=None, data=b"", **kw):
        self.t.send(self.frame(flags, self.nxt if seq is None else seq,
                               self.una if ack is None else ack, data, **kw))

    def segments(self, timeout):
        """Yields this connection's segments from the target."""
        end = time.monotonic() + timeout
        while True:
            p = self.t.read(end - time.monotonic())
            if p is None:
                return
            seg = tcp_parse(p)
            if seg and (seg["sport"], seg["dport"]) == (self.port, self.sport):
                yield seg

    def expect(self, what, timeout=3):
        """Reads until a segment satisfies what(seg), tracking the
        target's sequence space; False if none came."""
        for seg in self.segments(timeout):
            end = (seg["seq"] + len(seg["data"]) + ("S" in seg["flags"]) +
                   ("F" in seg["flags"])) & M
            if "S" in seg["flags"]:
                self.peer = self.una = (seg["seq"] + 1) & M
            if seg["data"]:
                self.seen.append(len(seg["data"]))
            if after(end, self.peer):
                self.peer = end
            if "S" in seg["flags"]:
                self.shift = seg["wscale"]
            # RFC 7323 2.2: a SYN's window is never scaled
            self.wnd = seg["wnd"] << (0 if "S" in seg["flags"] else
                                      self.shift)
            if what(seg):
                return seg
        raise RuntimeError("%s: no expected answer in setup" % self.t.name)

    def ping(self):
        self.marker += 1
        self.t.send(raw(Ether(src=ME_MAC, dst=self.t.mac) /
                        IP(src=ME_IP, dst=PEER_IP) /
                        ICMP(id=0x5151, seq=self.marker) / Raw(b"mark")))

    def until_marker(self):
        """Segments of this connection until the echo reply to ping()."""
        out, end = [], time.monotonic() + 5
        while True:
            p = self.t.read(end - time.monotonic())
            if p is None:
                return out + [{"lost": True}]
            proto, _, body = p
            if proto == 1 and len(body) >= 8 and body[0] == 0 and \
                    struct.unpack("!HH", body[4:8]) == (0x5151, self.marker):
                return out
            seg = tcp_parse(p)
            if seg and (seg["sport"], seg["dport"]) == (self.port, self.sport):
                out.append(seg)


def tcp_parse(p):
    proto, _, t = p
    if proto != 6 or len(t) < 20:
        return None
    sport, dport, seq, ack, off, fl, wnd = struct.unpack("!HHIIBBH", t[:16])
    names = "".join(c for i, c in enumerate("FSRPAUEC") if fl >> i & 1)
    opts, o, wscale = [], t[20:(off >> 4) * 4], 0
    while o and o[0] != 0:
        if o[0] == 1:
            o = o[1:]
            continue
        if len(o) < 2 or o[1] < 2:
            break
        kind, val = o[0], o[2:o[1]]
        if kind == 3 and len(val) == 1:
            wscale = min(val[0], 14)
        opts.append({2: "mss%d" % (struct.unpack("!H", val)[0]
                                   if len(val) == 2 else -1),
                     3: "ws", 4: "sackok", 8: "ts"}.get(kind, "opt%d" % kind))
        o = o[o[1]:]
    return {"sport": sport, "dport": dport, "seq": seq, "ack": ack,
            "flags": names, "wnd": wnd, "opts": opts, "wscale": wscale,
            "data": t[(off >> 4) * 4:]}


# ---- normalising answers ----

def rel(x, refs):
    """x as one of the reference points +- a small offset, else "new"."""
    for name, v in refs:
        if v is None:
            continue
        d = (x - v) & M
        if d < 1 << 20:
            return name + ("+%d" % d if d else "")
        if d > M - (1 << 20):
            return "%s-%d" % (name, M + 1 - d)
    return "new"


def describe(seg, c, sent):
    """One answer segment relative to the connection and to the segment
    it answers (sent: its seq and ack as q and a)."""
    if seg.get("lost"):
        return "MARKER-LOST"
    refs = [("N", c.new), ("S", c.peer), ("U", c.una), ("R", c.nxt),
            ("q", sent[0]), ("a", sent[1]), ("0", 0)]
    if "S" in seg["flags"] and (seg["seq"] + 1) & M != c.peer:
        seq = "new"  # a fresh ISN: its value is the stack's secret
    else:
        seq = rel(seg["seq"], refs[:3] + refs[5:])
    out = seg["flags"] + " seq=" + seq
    if "A" in seg["flags"]:
        out += " ack=" + rel(seg["ack"], refs[3:5] + refs[6:])
    if seg["data"]:
        out += " len=%d" % len(seg["data"])
    if seg["wnd"] == 0 and "R" not in seg["flags"]:
        out += " w0"
    if "S" in seg["flags"]:
        # The SYN's own options: which, not their values, but MSS's value.
        out += " <" + ",".join(seg["opts"]) + ">"
    return out


# ---- states ----
# Each brings c to a state and leaves c.nxt, c.peer and c.una there.

def handshake(c, options=(("MSS", 1460),), ack=True):
    c.send("S", seq=c.isn, options=options)
    c.expect(lambda s: s["flags"] == "SA")
    c.nxt = (c.isn + 1) & M
    if ack:
        c.send("A")


def st_listen(c):
    c.port = HOLD
    c.una = 0x01020304  # an ACK field for segments that carry one


def st_closed(c):
    c.port = CLOSED
    c.una = 0x01020304


def st_syn_received(c):
    c.port = HOLD
    handshake(c, ack=False)
    c.una = (c.peer - 1) & M  # our ACK of its SYN is still to come


def st_established(c):
    c.port = HOLD
    handshake(c)
    c.send("PA", data=b"x" * 20)
    c.nxt = (c.nxt + 20) & M
    c.expect(lambda s: s["ack"] == c.nxt)


def st_wscale(c):  # both scale windows (RFC 7323)
    c.port = HOLD
    handshake(c, options=(("MSS", 1460), ("WScale", 7)))
    c.send("PA", data=b"x" * 20)
    c.nxt = (c.nxt + 20) & M
    c.expect(lambda s: s["ack"] == c.nxt)


def st_in_flight(c):
    c.port = TALK
    handshake(c)
    c.expect(lambda s: (s["seq"] + len(s["data"]) - c.una) & M == TALK_BYTES)


def st_talk_mss0(c):
    """MSS 0 in the SYN: the sizes of its data segments say what MSS the
    target took, and what it sends before an ACK (Nagle) and after."""
    c.port = TALK
    handshake(c, options=(("MSS", 0),))
    c.expect(lambda s: s["data"])
    c.ping()
    for s in c.until_marker():  # all that went out back to back
        c.seen.append(len(s["data"]))
        c.peer = (s["seq"] + len(s["data"])) & M
    c.seen.append("ack")
    while sum(n for n in c.seen if n != "ack") < TALK_BYTES:
        c.una = c.peer
        c.send("A")
        c.expect(lambda s: s["data"])


def st_close_wait(c):
    st_established(c)
    c.send("FA")
    c.nxt = (c.nxt + 1) & M
    c.expect(lambda s: s["ack"] == c.nxt)


def st_last_ack(c):
    c.port = CLOSE
    handshake(c)
    c.send("FA")
    c.nxt = (c.nxt + 1) & M
    c.expect(lambda s: "F" in s["flags"] and s["ack"] == c.nxt)


def st_fin_wait_1(c):  # its FIN is not acknowledged
    c.port = FINISH
    handshake(c)
    c.expect(lambda s: "F" in s["flags"])


def st_fin_wait_2(c):
    st_fin_wait_1(c)
    c.una = c.peer
    c.send("A")


def st_closing(c):  # both FINs crossed: ours acknowledged, its not
    st_fin_wait_1(c)
    c.send("FA")
    c.nxt = (c.nxt + 1) & M
    c.expect(lambda s: s["ack"] == c.nxt)


def st_time_wait(c):
    st_fin_wait_1(c)
    c.una = c.peer
    c.send("FA")
    c.nxt = (c.nxt + 1) & M
    c.expect(lambda s: s["ack"] == c.nxt)


def st_zero_window(c):  # a reader that never reads: fill its window
    c.port = DEAF
    handshake(c)
    for _ in range(50):
        room = c.wnd
        while room:  # fill the window it offers, then wait for the ACK
            n = min(1460, room)
            c.send("A", data=b"z" * n)
            c.nxt = (c.nxt + n) & M
            room -= n
        last = c.expect(lambda s: s["ack"] == c.nxt or s["wnd"] == 0)
        if c.wnd == 0:
            c.nxt = last["ack"]  # what it took
            return
    raise RuntimeError("window never closed")


STATES = {
    "LISTEN": st_listen, "CLOSED": st_closed, "SYN-RCVD": st_syn_received,
    "ESTAB": st_established, "ESTAB-inflight": st_in_flight,
    "ESTAB-mss0": st_talk_mss0, "ESTAB-wscale": st_wscale, "CLOSE-WAIT": st_close_wait,
    "LAST-ACK": st_last_ack, "FIN-WAIT-1": st_fin_wait_1,
    "FIN-WAIT-2": st_fin_wait_2, "CLOSING": st_closing,
    "TIME-WAIT": st_time_wait, "ZERO-WND": st_zero_window,
}

# ---- odd segments ----
# Each is (flags, seq, ack, data, extra): seq and ack are functions of the
# connection, data bytes, extra keyword arguments of Conn.frame.

R = lambda c: c.nxt                 # noqa: E731  exactly at RCV.NXT
U = lambda c: c.una                 # noqa: E731  its SND.UNA: no news
S = lambda c: c.peer                # noqa: E731  its SND.NXT


def at(f, k):
    return lambda c: f(c) + k


D = b"0123456789"
MSS = (("MSS", 1460),)
ODD = {
    # RFC 9293 3.10.7.4 first check / RFC 5961 3: RST
    "rst-exact": ("R", R, U, b"", {}),
    "rst-ack-exact": ("RA", R, U, b"", {}),
    "rst-in-window": ("R", at(R, 100), U, b"", {}),
    "rst-left": ("R", at(R, -1), U, b"", {}),
    "rst-far": ("R", at(R, FAR), U, b"", {}),
    "rst-right-edge": ("R", lambda c: c.nxt + c.wnd, U, b"", {}),
    "rst-ack-unsent": ("RA", R, at(S, 1000), b"", {}),
    # RFC 5961 4: SYN
    "syn-exact": ("S", R, U, b"", {"options": MSS}),
    "syn-in-window": ("S", at(R, 10), U, b"", {"options": MSS}),
    "syn-far": ("S", at(R, FAR), U, b"", {"options": MSS}),
    "syn-isn": ("S", lambda c: c.isn, U, b"", {"options": MSS}),
    "syn-ack": ("SA", R, U, b"", {}),
    # RFC 5961 5: ACK
    "ack-too-old": ("A", R, at(U, -FAR), b"", {}),
    "ack-too-old-data": ("PA", R, at(U, -FAR), D, {}),
    "ack-old-data": ("PA", R, at(U, -100), D, {}),
    "ack-unsent": ("A", R, at(S, 1000), b"", {}),
    "ack-unsent-data": ("PA", R, at(S, 1000), D, {}),
    "ack-partial": ("A", R, at(U, 500), b"", {}),
    "ack-all": ("A", R, S, b"", {}),
    # RFC 9293: data and the receive window
    "data-exact": ("PA", R, U, D, {}),
    "data-old": ("PA", at(R, -10), U, D, {}),
    "data-overlap-left": ("PA", at(R, -5), U, D, {}),
    "data-ooo": ("PA", at(R, 100), U, D, {}),
    "data-right-edge": ("PA", lambda c: c.nxt + c.wnd - 5, U, D, {}),
    "data-far": ("PA", at(R, FAR), U, D, {}),
    "data-ack-all": ("PA", R, S, D, {}),
    # empty segments at the right edge: accepted (Linux, BSD), and past it
    "ack-right-edge": ("A", lambda c: c.nxt + c.wnd, U, b"", {}),
    "ack-past-right-edge": ("A", lambda c: c.nxt + c.wnd + 1, U, b"", {}),
    "zero-window-probe": ("A", R, U, b"p", {}),
    # control bits
    "fin-exact": ("FA", R, U, b"", {}),
    "fin-ack-all": ("FA", R, S, b"", {}),
    "fin-again": ("FA", at(R, -1), U, b"", {}),
    "fin-ooo": ("FA", at(R, 100), U, b"", {}),
    "fin-no-ack": ("F", R, U, b"", {}),
    "syn-fin": ("SF", R, U, b"", {}),
    "syn-rst": ("SR", R, U, b"", {}),
    "no-flags": ("", R, U, b"", {}),
    "no-flags-data": ("", R, U, D, {}),
    "data-no-ack": ("P", R, U, D, {}),
    "urg": ("PAU", R, U, D, {"urgptr": 3}),
    "all-flags": ("FSRPAUEC", R, U, D, {}),
    # malformed headers and options
    "doff-4": ("PA", R, U, D, {"dataofs": 4}),
    "doff-15": ("PA", R, U, D, {"dataofs": 15}),
    "bad-checksum": ("PA", R, U, D, {"chksum": 0x1234}),
    "syn-data": ("S", R, U, D, {"options": MSS}),
    "syn-mss0": ("S", R, U, b"", {"options": (("MSS", 0),)}),
    "syn-ws15": ("S", R, U, b"", {"options": MSS + (("WScale", 15),)}),
    # dataofs 6 and these 4 bytes as options: MSS claims 4, 3 are left
    "syn-opt-truncated": ("S", R, U, b"\x01\x02\x04\x05", {"dataofs": 6}),
    "syn-opt-len0": ("S", R, U, b"\x99\x00\x01\x01", {"dataofs": 6}),
    "syn-opt-len1": ("S", R, U, b"\x02\x01\x01\x01", {"dataofs": 6}),
    "syn-ttl0": ("S", R, U, b"", {"options": MSS, "ttl": 0}),
    "syn-ipopts": ("S", R, U, b"", {"options": MSS,
                                    "ipopts": [IPOption_NOP()] * 4}),
    "ack": ("A", R, at(R, 12345), b"", {}),
    "ack-data": ("PA", R, at(R, 12345), D, {}),
}

# The corpus: state and the odd segments sent to a fresh connection in it.
CORPUS = [
    ("LISTEN", ["syn-exact", "syn-data", "syn-mss0", "syn-ws15",
                "syn-opt-truncated", "syn-opt-len0", "syn-opt-len1",
                "syn-ttl0", "syn-ipopts", "syn-fin", "syn-rst", "syn-ack",
                "ack", "ack-data", "rst-exact", "fin-no-ack", "no-flags",
                "data-no-ack", "all-flags", "doff-4", "doff-15",
                "bad-checksum"]),
    ("CLOSED", ["syn-exact", "syn-data", "syn-fin", "ack", "ack-data",
                "rst-exact", "fin-no-ack", "no-flags", "data-no-ack",
                "all-flags"]),
    ("SYN-RCVD", ["syn-isn", "syn-in-window", "syn-far", "rst-exact",
                  "rst-in-window", "rst-far", "ack-all", "ack-unsent",
                  "ack-too-old", "ack", "fin-no-ack", "data-no-ack",
                  "syn-ack", "all-flags", "data-ack-all", "fin-ack-all",
                  "rst-ack-unsent"]),
    ("ESTAB", ["rst-exact", "rst-ack-exact", "rst-in-window", "rst-left",
               "rst-far", "rst-right-edge", "rst-ack-unsent",
               "ack-right-edge", "ack-past-right-edge", "syn-exact", "syn-in-window", "syn-far",
               "syn-isn", "syn-ack", "ack-too-old", "ack-too-old-data",
               "ack-old-data", "ack-unsent", "ack-unsent-data",
               "data-exact", "data-old", "data-overlap-left", "data-ooo",
               "data-right-edge", "data-far", "fin-exact", "fin-ooo",
               "fin-no-ack", "syn-fin", "no-flags", "no-flags-data",
               "data-no-ack", "urg", "all-flags", "doff-4", "doff-15",
               "bad-checksum"]),
    ("ESTAB-inflight", ["ack-partial", "ack-all", "ack-unsent",
                        "ack-old-data", "ack-too-old-data", "rst-in-window",
                        "syn-in-window", "data-exact"]),
    ("ESTAB-mss0", ["ack-all"]),
    ("ESTAB-wscale", ["ack-right-edge", "ack-past-right-edge",
                      "rst-right-edge", "data-right-edge", "rst-in-window",
                      "data-far"]),
    ("CLOSE-WAIT", ["data-exact", "fin-again", "rst-exact", "rst-in-window",
                    "syn-in-window", "ack-unsent", "fin-no-ack"]),
    ("LAST-ACK", ["ack-all", "fin-again", "data-exact", "rst-exact",
                  "rst-in-window", "syn-in-window", "ack-unsent"]),
    ("FIN-WAIT-1", ["data-exact", "fin-exact", "fin-ack-all", "ack-all",
                    "rst-in-window", "syn-in-window", "ack-unsent"]),
    ("FIN-WAIT-2", ["data-exact", "fin-exact", "rst-exact", "rst-in-window",
                    "syn-in-window", "ack-unsent"]),
    ("CLOSING", ["ack-all", "rst-in-window", "syn-in-window", "fin-again"]),
    ("TIME-WAIT", ["fin-again", "syn-far", "syn-isn", "rst-exact",
                   "rst-in-window", "data-exact", "ack-unsent"]),
    ("ZERO-WND", ["zero-window-probe", "ack-all", "rst-exact",
                  "rst-in-window", "data-ooo"]),
]

# Differences the test accepts, each with why; anything else fails it.
LINUX = object()  # in EXPECTED: "the same as Linux"
# Keyed by (state, odd segment, "answer" or "probe"); the value lists the
# answers ukcc may give there (LINUX: Linux's, whatever it is) and why it
# differs. ukcc's answer is pinned, so a change on our side still fails;
# Linux's is free, as it is not the reference in these cases.
DACK = ("timing: ukcc delays the ACK of in-order data up to 40 ms "
        "(RFC 9293 3.8.6.3, RFC 5681 4.2), Linux ACKs at once in its "
        "quick-ACK mode at the start of a connection")
FIN_ACK = ("timing: Linux delays the ACK of a FIN (it enters ping-pong "
           "mode, hoping to send its own FIN with it); ukcc ACKs a FIN at "
           "once")
SYN_RECV = ("Linux's request sockets (tcp_check_req) reset and drop an "
            "embryonic connection on a SYN in the window or an ACK that "
            "is wrong with it; ukcc applies RFC 5961 4.2 in SYN-RECEIVED "
            "too: a challenge ACK, so a blind SYN cannot kill a handshake")
RST_EDGE = ("a RST at RCV.NXT + RCV.WND: outside the window, so dropped "
            "(RFC 5961 3.2); Linux's tcp_sequence() takes the right edge as "
            "in for every segment, and answers with a challenge ACK")
FAST = ("Linux may take data whose ACK is 2^30 below SND.UNA: its "
        "header-prediction fast path queues in-order data before tcp_ack() "
        "makes the RFC 5961 5.2 check; whether a segment takes that path "
        "depends on its receive memory accounting (here: always with data "
        "in flight, sometimes without). ukcc drops it with a challenge "
        "ACK, as the RFC says")
EXPECTED = {
    ("SYN-RCVD", "syn-in-window", "answer"): (["A seq=S ack=R"], SYN_RECV),
    ("SYN-RCVD", "syn-in-window", "probe"): (
        ["A seq=S ack=R"], "Linux dropped the connection; ukcc has it"),
    ("SYN-RCVD", "syn-ack", "answer"): (["A seq=S ack=R"], SYN_RECV),
    ("SYN-RCVD", "data-ack-all", "answer"): (["-", LINUX], DACK),
    ("SYN-RCVD", "fin-ack-all", "answer"): (["A seq=S ack=R+1"], FIN_ACK),
    ("ESTAB", "rst-right-edge", "answer"): (["-"], RST_EDGE),
    ("ESTAB-wscale", "rst-right-edge", "answer"): (["-"], RST_EDGE),
    ("ESTAB", "ack-old-data", "answer"): (
        ["-", "A seq=S ack=R+10"],
        "the ACK is 100 below SND.UNA, within RFC 5961 5.2's MAX.SND.WND "
        "but before the ISS: Linux also rejects ACKs of bytes never sent "
        "(min(max_window, bytes_acked), 2023); ukcc takes the data (DACK)"),
    ("ESTAB", "ack-old-data", "probe"): (["A seq=S ack=R+10"],
                                        "ukcc took the data: see above"),
    ("ESTAB", "data-exact", "answer"): (["-", LINUX], DACK),
    ("ESTAB", "data-overlap-left", "answer"): (["-", LINUX], DACK),
    ("ESTAB", "urg", "answer"): (["-", LINUX], DACK),
    ("ESTAB", "fin-exact", "answer"): (["A seq=S ack=R+1"], FIN_ACK),
    ("ESTAB-inflight", "ack-old-data", "answer"): (["-", LINUX], DACK),
    ("ESTAB-inflight", "data-exact", "answer"): (["-", LINUX], DACK),
    ("ESTAB", "ack-too-old-data", "answer"): (["A seq=S ack=R"], FAST),
    ("ESTAB", "ack-too-old-data", "probe"): (
        ["A seq=S ack=R"], "ukcc dropped the data: see above"),
    ("ESTAB-inflight", "ack-too-old-data", "answer"): (["A seq=S ack=R"],
                                                      FAST),
    ("ESTAB-inflight", "ack-too-old-data", "probe"): (
        ["A seq=S ack=R"], "ukcc dropped the data: see above"),
    ("ESTAB-mss0", "ack-all", "answer"): (
        ["- data 536 ack 464"],
        "both take MSS 0 as none (536); Nagle: Linux's (Minshall's "
        "variant) sends the short tail behind a full segment, ukcc's "
        "(RFC 9293 3.7.4) holds it until the ACK"),
    ("CLOSE-WAIT", "data-exact", "answer"): (
        ["A seq=S ack=R"],
        "data after the peer's FIN: RFC 9293 says ignore the text; Linux "
        "drops it silently, ukcc with an ACK saying where the stream ended"),
    ("LAST-ACK", "data-exact", "answer"): (
        ["A seq=S ack=R"], "data after the peer's FIN: as CLOSE-WAIT"),
    ("FIN-WAIT-1", "data-exact", "answer"): (["-", LINUX], DACK),
    ("FIN-WAIT-2", "data-exact", "answer"): (["-", LINUX], DACK),
    ("TIME-WAIT", "rst-in-window", "answer"): (
        ["A seq=S ack=R"],
        "Linux's TIME-WAIT sockets do not apply RFC 5961: they drop a RST "
        "that is not exact; ukcc sends the challenge ACK of RFC 5961 3.2, "
        "TIME-WAIT being a synchronized state"),
    ("TIME-WAIT", "ack-unsent", "answer"): (
        ["A seq=S ack=R"],
        "an ACK of unsent data: RFC 5961 5.2's ACK (ukcc); Linux's "
        "TIME-WAIT sockets drop it silently"),
}


def run(t, index, state, odd):
    c = Conn(t, index, HOLD)
    try:
        STATES[state](c)
    except RuntimeError as e:
        return {"answer": "SETUP FAILED: %s" % e, "probe": "-"}
    setup = list(c.seen)
    flags, seq, ack, data, extra = ODD[odd]
    sent = (seq(c) & M, ack(c) & M)
    c.t.send(c.frame(flags, sent[0], sent[1], data, **extra))
    c.ping()
    segs = c.until_marker()
    answer = [describe(s, c, sent) for s in segs]
    for seg in segs:  # a SYN it accepted: the probe's answer is about it
        if seg.get("flags") == "SA" and (seg["seq"] + 1) & M != c.peer:
            c.new = (seg["seq"] + 1) & M
    # The survival probe: a byte far right of any window, which RFC 9293
    # answers with an ACK in every synchronized state. It carries an ACK
    # of what we acknowledged before; where the target waits for the ACK
    # of its SYN (SYN-RECEIVED, or a SYN of the odd segment accepted), it
    # carries none, as any would be wrong and Linux checks the ACK first.
    completes = state == "SYN-RCVD" and "A" in flags and \
        not set("SR") & set(flags) and sent[1] == c.peer
    synced = (state not in ("LISTEN", "CLOSED", "SYN-RCVD") or completes) \
        and c.new is None
    probe = ((c.nxt + FAR) & M, c.una)
    c.t.send(c.frame("PA" if synced else "P", probe[0], probe[1], b"?"))
    c.ping()
    after_ = [describe(s, c, probe) for s in c.until_marker()]
    c.send("R", seq=c.nxt)  # frees what is left, on both stacks alike
    row = {"answer": " | ".join(answer) or "-",
           "probe": after_[-1] if after_ else "-"}
    if state == "ESTAB-mss0":
        row["answer"] += " data " + " ".join(map(str, setup))
    return row


def main():
    linux_bin, ukcc_bin = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    for k, v in (("net.ipv6.conf.all.disable_ipv6", "1"),
                 ("net.ipv6.conf.default.disable_ipv6", "1"),
                 # one challenge ACK per connection: never rate-limited,
                 # whatever the host's defaults
                 ("net.ipv4.tcp_challenge_ack_limit", "2147483647")):
        with open("/proc/sys/" + k.replace(".", "/"), "w") as f:
            f.write(v)
    subprocess.check_call(["ip", "link", "set", "lo", "up"])
    linux = tap_target("tap1")
    ukcc = packet_target("tap0")
    # The servers die with this script, however it ends (timeout's TERM
    # included): none may outlive the namespace's last user.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    libc = ctypes.CDLL(None)
    die_with_parent = lambda: libc.prctl(1, signal.SIGKILL)  # noqa: E731
    procs = [subprocess.Popen([linux_bin], stdout=subprocess.PIPE,
                              preexec_fn=die_with_parent),
             subprocess.Popen([ukcc_bin], stdout=subprocess.PIPE,
                              preexec_fn=die_with_parent,
                              env=dict(os.environ, UKCC_NET_TAP="tap0",
                                       UKCC_NET_ADDR=PEER_IP + "/24",
                                       UKCC_NET_MAC=PEER_MAC))]
    try:
        for p in procs:
            if p.stdout.readline() != b"ready\n":
                raise RuntimeError("a server did not start")
        table, bad, index = [], 0, 0
        t0 = time.monotonic()
        for state, odds in CORPUS:
            for odd in odds:
                index += 1
                name = state + " " + odd
                if only not in name:
                    continue
                a, b = run(linux, index, state, odd), run(ukcc, index, state,
                                                          odd)
                for field in ("answer", "probe"):
                    want = EXPECTED.get((state, odd, field))
                    if want is None:
                        ok = a[field] == b[field]
                        verdict = "same" if ok else "DIFFERENT"
                    else:
                        ok = b[field] in [a[field] if w == LINUX else w
                                          for w in want[0]]
                        verdict = ("same" if a[field] == b[field] else
                                   "expected") if ok else "NOT AS EXPECTED"
                        verdict += ": " + want[1]
                    bad += not ok
                    table.append((name if field == "answer" else "",
                                  field, a[field], b[field], verdict))
        w = [max(len(r[i]) for r in table) for i in range(4)]
        print("%-*s  %-*s  %-*s  %-*s  %s" % (w[0], "case", w[1], "",
                                              w[2], "linux", w[3], "ukcc",
                                              "verdict"))
        for r in table:
            print("%-*s  %-*s  %-*s  %-*s  %s" % (w[0], r[0], w[1], r[1],
                                                  w[2], r[2], w[3], r[3],
                                                  r[4]))
        print("%d cases in %.1f s; %d unexpected differences" %
              (index, time.monotonic() - t0, bad))
        return 1 if bad else 0
    finally:
        for p in procs:
            p.kill()
            p.wait()


sys.exit(main())

# Fills the image's reassembly with first fragments that never complete,
# from forged on-link sources, then checks that a legitimate fragmented
# datagram (3,000 bytes of UDP, which Linux splits for the 1,500-byte MTU)
# is still reassembled and answered at once. "At once" is given 5 s, not
# the 1 s: the stale fragments would hold the slots for 30 s, and a
# test on a loaded machine must not fail on a slow answer.
# Usage: stale-fragments.py TAP IMAGE-IP
import socket, struct, subprocess, sys, time

tap, ip = sys.argv[1], sys.argv[2]
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.settimeout(0.2)

def ask(size, wait):
    end = time.monotonic() + wait
    while time.monotonic() < end:
        udp.sendto(b"x" * size, (ip, 7777))
        try:
            return udp.recv(64).decode()
        except socket.timeout:
            pass
    return None

print("up:", ask(10, 15))
def mac_after(word, *cmd):
    out = subprocess.run(["ip", *cmd], capture_output=True, text=True).stdout
    words = out.split()
    return bytes.fromhex(words[words.index(word) + 1].replace(":", ""))

their = mac_after("lladdr", "neigh", "show", ip, "dev", tap)
ours = mac_after("link/ether", "link", "show", tap)

def csum(b):
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    s = (s & 0xffff) + (s >> 16)
    return ~((s & 0xffff) + (s >> 16)) & 0xffff

raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
raw.bind((tap, 0))
dst = socket.inet_aton(ip)
for i in range(64):  # many more than the image has slots for
    src = socket.inet_aton(f"10.0.0.{50 + i}")
    payload = bytes(1480)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0x5000 + i,
                      0x2000, 64, 17, 0, src, dst)  # MF, offset 0
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    raw.send(their + ours + b"\x08\x00" + hdr + payload)
t = time.monotonic()
answer = ask(3000, 5.0)
print("fragmented after the flood:", answer,
      "at once" if answer and time.monotonic() - t < 5.0 else "late")
print("answered within a second:", time.monotonic() - t < 1.0, file=sys.stderr)
udp.sendto(b"quit", (ip, 7777))

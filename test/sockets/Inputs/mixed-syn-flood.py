# The mixed SYN flood of issue #14 over a tap: 1,000 SYNs in 0.4 s to
# httpd's HTTP and HTTPS ports (80, 443), half forged from 120 on-link
# addresses that never answer ARP, half from the real peer (10.0.0.1,
# whose kernel resets the SYN-ACKs it did not ask for); then 240 ARP
# requests to the image from forged senders, and 8 more forged SYNs, so
# the pending ARP queue is full of frames that will never leave. Then a
# legitimate curl on each port, timed from the flood's last frame.
#
# Before the TCP fix the forged half-open children of the two listeners
# held all 256 TCP slots through their SYN-ACK retries (63 s), and every
# new SYN or cookie ACK was dropped: curl failed for a minute. "Within a
# second" means on the first SYN (Linux resends it after 1 s); the times
# are printed. Before the ARP fix the forged senders evicted the real
# peer's entry (the one closest to expiry), so the image had to ask for
# 10.0.0.1 again before answering curl: ARP requests the image sends for
# it after the flood are counted from a packet socket on the tap.
# Usage: mixed-syn-flood.py TAP IMAGE-IP CA.PEM
import socket, struct, subprocess, sys, time

tap, ip, ca = sys.argv[1], sys.argv[2], sys.argv[3]
N, SECONDS = 1000, 0.4


def mac_after(word, *cmd):
    out = subprocess.run(["ip", *cmd], capture_output=True, text=True).stdout
    words = out.split()
    return bytes.fromhex(words[words.index(word) + 1].replace(":", ""))


def csum(b):
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    s = (s & 0xffff) + (s >> 16)
    return ~((s & 0xffff) + (s >> 16)) & 0xffff


their = mac_after("lladdr", "neigh", "show", ip, "dev", tap)
ours = mac_after("link/ether", "link", "show", tap)
dst = socket.inet_aton(ip)


def forged_mac(src):
    return b"\x02\x66" + src


def syn(src, mac, sport, dport, i):
    isn = (i * 2654435761) & 0xffffffff
    tcp = struct.pack("!HHIIBBHHHBBH", sport, dport, isn, 0, 6 << 4, 0x02,
                      64240, 0, 0, 2, 4, 1460)  # SYN, MSS option
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), i, 0, 64, 6, 0,
                      src, dst)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return their + mac + b"\x08\x00" + hdr + tcp


frames = []
for i in range(N):
    real = i % 2 == 0
    src = socket.inet_aton("10.0.0.1" if real else f"10.0.0.{10 + i // 2 % 120}")
    frames.append(syn(src, ours if real else forged_mac(src), 20000 + i,
                      80 if i % 4 < 2 else 443, i))
for i in range(240):  # who-has 10.0.0.2, from forged senders
    src = socket.inet_aton(f"10.0.0.{130 + i % 120}")
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, forged_mac(src),
                      src, bytes(6), dst)
    frames.append(b"\xff" * 6 + forged_mac(src) + b"\x08\x06" + arp + bytes(18))
for i in range(8):
    src = socket.inet_aton(f"10.0.0.{10 + i}")
    frames.append(syn(src, forged_mac(src), 30000 + i, 80, N + i))

raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
raw.bind((tap, 0))
t0 = time.monotonic()
for k, f in enumerate(frames):
    raw.send(f)
    pause = t0 + SECONDS * (k + 1) / N - time.monotonic()
    if k < N and pause > 0:
        time.sleep(pause)
end = time.monotonic()
sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
sniff.bind((tap, 0x0806))
print(f"flood: {N} SYNs to ports 80 and 443, half forged, then forged ARP, "
      f"{'in under a second' if end - t0 < 1 else f'slow ({end - t0:.2f} s)'}")
for name, url in (("http", f"http://{ip}/hello.txt"),
                  ("https", f"https://{ip}/hello.txt")):
    t = time.monotonic()
    r = subprocess.run(["curl", "-s", "-m", "5", "--cacert", ca, url],
                       capture_output=True, text=True)
    took = time.monotonic() - t
    print(f"{name} after the flood: {r.stdout.strip() or f'curl exit {r.returncode}'}"
          f" in {took:.3f} s ({time.monotonic() - end:.3f} s after its end)",
          flush=True)
sniff.setblocking(False)
asked = 0
while True:
    try:
        f = sniff.recv(128)
    except BlockingIOError:
        break
    asked += f[20:22] == b"\0\1" and f[28:32] == dst and f[38:42] == socket.inet_aton("10.0.0.1")
print(f"ARP requests from the image for the peer after the flood: {asked}")

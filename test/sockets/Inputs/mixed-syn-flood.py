# The mixed SYN flood of issue #14 over a tap: 1,000 SYNs in 0.4 s to
# httpd's HTTP and HTTPS ports (80, 443), half forged from 240 on-link
# addresses that never answer ARP, half from the real peer (10.0.0.1,
# whose kernel resets the SYN-ACKs it did not ask for). Then a legitimate
# curl on each port, timed from the flood's last frame. Before the fix the
# forged half-open children of the two listeners held all 256 TCP slots
# through their SYN-ACK retries (63 s) and every new SYN or cookie ACK
# was dropped: curl failed for a minute. Served "within a second" means
# on the first SYN (Linux resends a SYN after 1 s), printed with the time.
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
frames = []
for i in range(N):
    real = i % 2 == 0
    src = socket.inet_aton("10.0.0.1" if real else f"10.0.0.{10 + i // 2 % 240}")
    mac = ours if real else bytes([2, 0x66, 0, 0, 0, 10 + i // 2 % 240])
    dport = 80 if i % 4 < 2 else 443
    isn = (i * 2654435761) & 0xffffffff
    tcp = struct.pack("!HHIIBBHHHBBH", 20000 + i, dport, isn, 0, 6 << 4, 0x02,
                      64240, 0, 0, 2, 4, 1460)  # SYN, MSS option
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), i, 0, 64, 6, 0,
                      src, dst)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    frames.append(their + mac + b"\x08\x00" + hdr + tcp)

raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
raw.bind((tap, 0))
t0 = time.monotonic()
for k, f in enumerate(frames):
    raw.send(f)
    pause = t0 + SECONDS * (k + 1) / N - time.monotonic()
    if pause > 0:
        time.sleep(pause)
end = time.monotonic()
print(f"flood: {N} SYNs to ports 80 and 443, half forged, "
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

# Moves Ethernet frames between two tap devices, dropping a share of them
# and swapping some with the next frame the same way (this kernel has no
# netem): the Linux side's tap and a tap bridged to the image's.
# Usage: lossy-relay.py TAP-A TAP-B LOSS-PERCENT REORDER-PERCENT SEED
import fcntl
import os
import random
import select
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TAP, IFF_NO_PI = 0x0002, 0x1000


def tap(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


a, b = tap(sys.argv[1]), tap(sys.argv[2])
loss = float(sys.argv[3]) / 100
reorder = float(sys.argv[4]) / 100
rng = random.Random(int(sys.argv[5]))
other = {a: b, b: a}
held = {a: None, b: None}  # a frame that waits to go after the next one
print("ready", flush=True)
while True:
    # a held frame goes out after 1 ms at the latest, so a quiet link
    # still delivers it (late, as a reordered frame is)
    ready = select.select([a, b], [], [], 0.001)[0]
    for fd in (a, b):
        if fd not in ready and held[fd] is not None:
            os.write(other[fd], held[fd])
            held[fd] = None
    for fd in ready:
        frame = os.read(fd, 65536)
        if rng.random() < loss:
            continue
        if held[fd] is None and rng.random() < reorder:
            held[fd] = frame
            continue
        os.write(other[fd], frame)
        if held[fd] is not None:
            os.write(other[fd], held[fd])
            held[fd] = None

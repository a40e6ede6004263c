# rss-while-held.py IMAGE ARGS...: runs IMAGE, waits for its line "held"
# (it then holds its memory until its stdin ends), and prints the
# process's resident set as the host sees it, in MiB, rounded up.
import subprocess
import sys

p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE)
for line in p.stdout:
    if line.strip() == b"held":
        break
for line in open("/proc/%d/status" % p.pid):
    if line.startswith("VmRSS:"):
        kib = int(line.split()[1])
p.stdin.close()
p.wait()
print("resident: %d MiB" % -(-kib // 1024))

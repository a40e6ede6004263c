#!/usr/bin/python3
# no-build-id.py IN OUT: copies an ELF file with the bytes of its GNU build
# ID note (a hash lld takes of the whole file, debug sections included) set
# to zero, so that two images can be compared without it.
import struct
import sys

data = bytearray(open(sys.argv[1], "rb").read())
# a note: namesz, descsz, type (3, NT_GNU_BUILD_ID), "GNU\0", the ID
head = struct.pack("<III4s", 4, 8, 3, b"GNU\0")
at = data.find(head)
if at < 0:
    sys.exit("%s: no 8-byte GNU build ID note" % sys.argv[1])
data[at + len(head):at + len(head) + 8] = bytes(8)
open(sys.argv[2], "wb").write(data)

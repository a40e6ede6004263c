# bad-tls-client.py HOST PORT truncated|garbage: a client that is not a
# good TLS client. truncated: a handshake record that announces 512 bytes,
# 11 of them sent, then silence for 3 s. garbage: plaintext HTTP and junk
# where a ClientHello belongs, then whatever comes back until the server
# closes the connection.
import socket
import sys
import time

s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
if sys.argv[3] == "truncated":
    s.sendall(bytes([0x16, 3, 1, 2, 0, 1, 0, 1, 0xFC, 3, 3]))
    time.sleep(3)
    s.close()
    print("truncated: client gave up")
else:
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + bytes(range(256)) * 4)
    back = b""
    try:
        while True:
            d = s.recv(4096)
            if not d:
                break
            back += d
    except (ConnectionResetError, socket.timeout):
        pass
    print("garbage: closed by the server, answered %s" %
          ("an alert" if back[:1] == b"\x15" else "%d bytes" % len(back)))

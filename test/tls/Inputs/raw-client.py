# raw-client.py PORT truncated|garbage: a client that is not a good TLS
# client. truncated: a handshake record that announces 512 bytes, 11 of
# them sent, held open for 10 s. garbage: plaintext HTTP, then what the
# tunnel answers (a TLS alert, or nothing) until it closes the connection.
import socket
import sys
import time

s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
if sys.argv[2] == "truncated":
    s.sendall(bytes([0x16, 3, 1, 2, 0, 1, 0, 1, 0xFC, 3, 3]))
    time.sleep(10)
    s.close()
    print("truncated: client gave up")
else:
    s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n" + bytes(range(256)) * 4)
    s.settimeout(5)
    back = b""
    try:
        while True:
            d = s.recv(4096)
            if not d:
                break
            back += d
    except ConnectionResetError:
        pass
    kind = "alert" if back[:1] == b"\x15" else "no alert"
    print("garbage: closed by the tunnel after %d bytes (%s)" % (len(back), kind))

"""traffic.py: bounded test traffic between two network namespaces for
the live-capture test (tests/live/run.sh).  Standard library only.

    traffic.py server ADDR        (in the server namespace)
    traffic.py client ADDR CMD    (in the client namespace)

server: a TCP echo server on ADDR:8080 and a UDP echo server on
ADDR:9999, until killed.
client CMD:
    fin     one TCP session, 3 request/reply rounds, closed with FIN
    rst     one TCP session, one round, aborted with RST (SO_LINGER 0)
    refused a connection to the closed port 8081 (answered by RST)
    udp     3 UDP request/reply exchanges
    hold    a TCP session that sends a round every 0.5 s until killed
            (a flow still open when the capture stops)
"""
import socket
import struct
import sys
import threading
import time

PORT_TCP, PORT_CLOSED, PORT_UDP = 8080, 8081, 9999


def serve_tcp(addr):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, PORT_TCP))
    s.listen(16)
    while True:
        c, _ = s.accept()
        threading.Thread(target=echo, args=(c,), daemon=True).start()


def echo(c):
    try:
        while True:
            d = c.recv(4096)
            if not d:
                break
            c.sendall(d)
    except OSError:
        pass
    c.close()


def serve_udp(addr):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, PORT_UDP))
    while True:
        d, peer = s.recvfrom(4096)
        s.sendto(d, peer)


def session(addr, rounds):
    c = socket.create_connection((addr, PORT_TCP), timeout=5)
    for i in range(rounds):
        c.sendall(b"hello %d\n" % i)
        c.recv(4096)
        time.sleep(0.05)
    return c


def main():
    role, addr = sys.argv[1], sys.argv[2]
    if role == "server":
        threading.Thread(target=serve_udp, args=(addr,), daemon=True).start()
        serve_tcp(addr)
        return
    cmd = sys.argv[3]
    if cmd == "fin":
        session(addr, 3).close()
    elif cmd == "rst":
        c = session(addr, 1)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
        c.close()
    elif cmd == "refused":
        try:
            socket.create_connection((addr, PORT_CLOSED), timeout=5)
        except ConnectionRefusedError:
            pass
    elif cmd == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(5)
        for i in range(3):
            s.sendto(b"ping %d" % i, (addr, PORT_UDP))
            s.recvfrom(4096)
    elif cmd == "hold":
        c = session(addr, 1)
        while True:
            time.sleep(0.5)
            c.sendall(b"still here\n")
            c.recv(4096)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""gen-demo.py: the small capture `make demo` runs the whole pipeline on.

Run from anywhere: /usr/bin/python3 tests/captures/gen-demo.py
Writes demo-mixed.pcap beside this script.  Deterministic: fixed
timestamps, addresses, sequence numbers and IP ids.  demo-alert.fast
(written by hand) holds one Snort fast alert on flow D.

T0 = 1577836800 = 2020-01-01T00:00:00Z; times are seconds after T0.

A  0.0  HTTP 10.0.0.5:41000 -> 10.0.0.80:80: handshake, GET, 200 OK with
        a small page, FIN teardown.
B  1.0  DNS 10.0.0.5:53001 -> 10.0.0.53:53, query and answer (UDP).
C  2.0  ICMP echo 10.0.0.5 -> 10.0.0.1 (id 9), request and reply.
D  3.0  Telnet 10.0.0.66:42000 -> 10.0.0.23:23: "login:" root, password,
        "Last login:", a root prompt, `cat /etc/shadow`, exit (KDD content
        features: logged_in, root_shell, num_access_files, is_host_login).
E  6.0  FTP 10.0.0.66:42001 -> 10.0.0.21:21: anonymous login (230), STOR,
        QUIT (is_guest_login, num_file_creations).
F  8.0  A SYN scan 10.0.0.66:50000 -> 10.0.0.80, ports 20 to 31, each
        answered by RST+ACK (KDD flag REJ, the rerror and count features).
"""
import os
from decimal import Decimal

from scapy.all import Ether, ICMP, IP, Raw, TCP, UDP, wrpcap

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1577836800
MAC_C = "02:00:00:00:00:01"
MAC_S = "02:00:00:00:00:02"

pkts = []
ipid = [0]


def add(t, l3, c2s=True):
    """Append l3 in an Ethernet frame at T0 + t seconds (t a string)."""
    ipid[0] += 1
    l3[IP].id = ipid[0]
    eth = Ether(src=MAC_C if c2s else MAC_S, dst=MAC_S if c2s else MAC_C)
    p = eth / l3
    p.time = Decimal(T0) + Decimal(t)
    pkts.append(p)


class Conn:
    """A TCP connection; keeps both sides' next sequence numbers."""

    def __init__(self, cli, sport, srv, dport, cseq, sseq):
        self.cli, self.sport, self.srv, self.dport = cli, sport, srv, dport
        self.seq = {True: cseq, False: sseq}

    def send(self, t, c2s, flags, data=b""):
        src, dst = (self.cli, self.srv) if c2s else (self.srv, self.cli)
        sp, dp = (self.sport, self.dport) if c2s else (self.dport, self.sport)
        ack = self.seq[not c2s] if "A" in flags else 0
        l4 = TCP(sport=sp, dport=dp, flags=flags, seq=self.seq[c2s],
                 ack=ack, window=64240)
        pkt = IP(src=src, dst=dst) / l4
        if data:
            pkt = pkt / Raw(load=data)
        add(t, pkt, c2s)
        self.seq[c2s] += len(data) + (1 if "S" in flags or "F" in flags
                                      else 0)

    def open(self, t):
        self.send(t, True, "S")
        self.send("%.4f" % (Decimal(t) + Decimal("0.0005")), False, "SA")
        self.send("%.4f" % (Decimal(t) + Decimal("0.0010")), True, "A")

    def talk(self, t, lines):
        """lines: (c2s, bytes) sent 50 ms apart, each ACKed 1 ms later."""
        t = Decimal(t)
        for c2s, data in lines:
            self.send("%.4f" % t, c2s, "PA", data)
            self.send("%.4f" % (t + Decimal("0.001")), not c2s, "A")
            t += Decimal("0.05")
        return t

    def close(self, t):
        t = Decimal(t)
        self.send("%.4f" % t, True, "FA")
        self.send("%.4f" % (t + Decimal("0.0005")), False, "FA")
        self.send("%.4f" % (t + Decimal("0.0010")), True, "A")


# A: HTTP.
a = Conn("10.0.0.5", 41000, "10.0.0.80", 80, 1000, 5000)
a.open("0.0")
t = a.talk("0.01", [
    (True, b"GET / HTTP/1.1\r\nHost: www.example.test\r\n\r\n"),
    (False, b"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n"
            b"<html>hello</html>\r\n")])
a.close(t)

# B: DNS query and answer.
add("1.0", IP(src="10.0.0.5", dst="10.0.0.53") /
    UDP(sport=53001, dport=53) / Raw(load=b"\x12\x34" + b"q" * 30))
add("1.002", IP(src="10.0.0.53", dst="10.0.0.5") /
    UDP(sport=53, dport=53001) / Raw(load=b"\x12\x34" + b"a" * 46), False)

# C: ping.
add("2.0", IP(src="10.0.0.5", dst="10.0.0.1") /
    ICMP(type=8, id=9, seq=1) / Raw(load=b"p" * 56))
add("2.0004", IP(src="10.0.0.1", dst="10.0.0.5") /
    ICMP(type=0, id=9, seq=1) / Raw(load=b"p" * 56), False)

# D: telnet root login.
d = Conn("10.0.0.66", 42000, "10.0.0.23", 23, 7000, 9000)
d.open("3.0")
t = d.talk("3.01", [
    (False, b"Debian GNU/Linux 11\r\nlogin: "),
    (True, b"root\r\n"),
    (False, b"root\r\nPassword: "),
    (True, b"toor\r\n"),
    (False, b"\r\nLast login: Tue Dec 31 23:00:00 2019\r\nroot@box:~# "),
    (True, b"cat /etc/shadow\r\n"),
    (False, b"cat /etc/shadow\r\nroot:$6$x:18000:0:99999:7:::\r\n"
            b"root@box:~# "),
    (True, b"exit\r\n"),
    (False, b"exit\r\nlogout\r\n")])
d.close(t)

# E: anonymous FTP upload (control connection only).
e = Conn("10.0.0.66", 42001, "10.0.0.21", 21, 3000, 4000)
e.open("6.0")
t = e.talk("6.01", [
    (False, b"220 demo FTP server ready\r\n"),
    (True, b"USER anonymous\r\n"),
    (False, b"331 Guest login ok, send your email as password\r\n"),
    (True, b"PASS guest@\r\n"),
    (False, b"230 Guest login ok\r\n"),
    (True, b"STOR evil.sh\r\n"),
    (False, b"553 Permission denied\r\n"),
    (True, b"QUIT\r\n"),
    (False, b"221 Goodbye\r\n")])
e.close(t)

# F: SYN scan answered by RST+ACK.
for i, port in enumerate(range(20, 32)):
    t = Decimal("8.0") + Decimal(i) * Decimal("0.01")
    add("%.4f" % t, IP(src="10.0.0.66", dst="10.0.0.80") /
        TCP(sport=50000, dport=port, flags="S", seq=11111, window=1024))
    add("%.4f" % (t + Decimal("0.0002")), IP(src="10.0.0.80",
        dst="10.0.0.66") / TCP(sport=port, dport=50000, flags="RA", seq=0,
                               ack=11112, window=0), False)

wrpcap(os.path.join(HERE, "demo-mixed.pcap"), pkts)

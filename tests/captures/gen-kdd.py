#!/usr/bin/python3
# gen-kdd.py: deterministic captures for the flow2kdd shell tests (kdd-*.pcap).
#   /usr/bin/python3 tests/captures/gen-kdd.py [OUTDIR]
# Fixed timestamps, addresses, ports and sequence numbers; no randomness.
# The expected feature values are derived by hand in each t34NN test from
# what is written here.
import os
import sys

from scapy.all import IP, TCP, UDP, ICMP, Ether, Raw, wrpcap

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
T0 = 1000000000.0
MAC_A = "02:00:00:00:00:01"
MAC_B = "02:00:00:00:00:02"


def pkt(ts, ip):
    p = Ether(src=MAC_A, dst=MAC_B) / ip
    p.time = ts
    return p


class Tcp:
    """One TCP connection with correct sequence/ack numbers."""

    def __init__(self, cli, cport, srv, sport, isn_c=1000, isn_s=5000):
        self.c = (cli, cport)
        self.s = (srv, sport)
        self.seq = {0: isn_c, 1: isn_s}
        self.pkts = []

    def send(self, ts, d, flags, data=b""):
        src, dst = (self.c, self.s) if d == 0 else (self.s, self.c)
        ack = self.seq[1 - d] if "A" in flags else 0
        p = pkt(ts, IP(src=src[0], dst=dst[0]) /
                TCP(sport=src[1], dport=dst[1], flags=flags,
                    seq=self.seq[d], ack=ack, window=8192) /
                (Raw(data) if data else b""))
        self.pkts.append(p)
        self.seq[d] += len(data) + (1 if ("S" in flags or "F" in flags) else 0)
        return ts

    def handshake(self, ts):
        self.send(ts, 0, "S")
        self.send(ts + 0.001, 1, "SA")
        self.send(ts + 0.002, 0, "A")
        return ts + 0.002

    def close(self, ts):
        self.send(ts, 0, "FA")
        self.send(ts + 0.001, 1, "FA")
        self.send(ts + 0.002, 0, "A")
        return ts + 0.002


def synscan():
    # nmap-like SYN scan from 10.0.0.66:40000 against 10.0.0.1, one probe
    # every 0.1 s.  closed: RST/ACK (REJ); open: SYN/ACK then the scanner's
    # RST (RSTO); filtered: no answer (S0).
    probes = [(1, "closed"), (22, "open"), (2, "closed"), (111, "filtered"),
              (3, "closed"), (80, "open"), (4, "closed"), (113, "filtered"),
              (5, "closed"), (135, "filtered")]
    out = []
    for i, (port, state) in enumerate(probes):
        ts = T0 + i * 0.1
        out.append(pkt(ts, IP(src="10.0.0.66", dst="10.0.0.1") /
                       TCP(sport=40000, dport=port, flags="S", seq=7000 + i)))
        if state == "closed":
            out.append(pkt(ts + 0.001, IP(src="10.0.0.1", dst="10.0.0.66") /
                           TCP(sport=port, dport=40000, flags="RA", seq=0,
                               ack=7001 + i)))
        elif state == "open":
            out.append(pkt(ts + 0.001, IP(src="10.0.0.1", dst="10.0.0.66") /
                           TCP(sport=port, dport=40000, flags="SA",
                               seq=9000 + i, ack=7001 + i)))
            out.append(pkt(ts + 0.002, IP(src="10.0.0.66", dst="10.0.0.1") /
                           TCP(sport=40000, dport=port, flags="R",
                               seq=7001 + i)))
    wrpcap(os.path.join(OUT, "kdd-synscan.pcap"), out)


def telnet():
    # Telnet in line mode with server echo: option negotiation, two wrong
    # passwords ("Login incorrect" twice), then a login and one command.
    t = Tcp("10.0.0.2", 40001, "10.0.0.1", 23)
    ts = t.handshake(T0)
    steps = [
        (1, b"\xff\xfd\x18\xff\xfb\x01"),
        (0, b"\xff\xfb\x18"),
        (1, b"\r\nkdd-test\r\nlogin: "),
        (0, b"alice\r\n"), (1, b"alice\r\nPassword: "),
        (0, b"wrong1\r\n"), (1, b"\r\nLogin incorrect\r\nlogin: "),
        (0, b"alice\r\n"), (1, b"alice\r\nPassword: "),
        (0, b"wrong2\r\n"), (1, b"\r\nLogin incorrect\r\nlogin: "),
        (0, b"alice\r\n"), (1, b"alice\r\nPassword: "),
        (0, b"secret\r\n"),
        (1, b"\r\nLast login: Sun Nov  1 10:00:00 from 10.0.0.2\r\n$ "),
        (0, b"ls\r\n"), (1, b"ls\r\nnotes.txt\r\n$ "),
        (0, b"exit\r\n"), (1, b"exit\r\n"),
    ]
    for d, data in steps:
        ts += 0.05
        t.send(ts, d, "PA", data)
    t.close(ts + 0.05)
    wrpcap(os.path.join(OUT, "kdd-telnet.pcap"), t.pkts)


def ftp_anon():
    # Anonymous FTP: USER anonymous, 230, PASV -> 227 port 195*256+80 =
    # 50000, RETR over a passive data connection, QUIT.
    c = Tcp("10.0.0.2", 40002, "10.0.0.1", 21)
    ts = c.handshake(T0)
    for d, data in [
            (1, b"220 kdd-test FTP server ready\r\n"),
            (0, b"USER anonymous\r\n"),
            (1, b"331 Guest login ok, send your e-mail as password.\r\n"),
            (0, b"PASS guest@example.org\r\n"),
            (1, b"230 Guest login ok, access restrictions apply.\r\n"),
            (0, b"PASV\r\n"),
            (1, b"227 Entering Passive Mode (10,0,0,1,195,80)\r\n"),
            (0, b"RETR README\r\n")]:
        ts += 0.05
        c.send(ts, d, "PA", data)
    dc = Tcp("10.0.0.2", 40003, "10.0.0.1", 50000, 20000, 30000)
    dts = dc.handshake(ts + 0.01)
    dc.send(dts + 0.01, 1, "PA", b"x" * 300)
    dc.send(dts + 0.02, 1, "FA")
    dc.send(dts + 0.021, 0, "FA")
    dc.send(dts + 0.022, 1, "A")
    ts = dts + 0.1
    for d, data in [(1, b"150 Opening data connection.\r\n"),
                    (1, b"226 Transfer complete.\r\n"),
                    (0, b"QUIT\r\n"), (1, b"221 Goodbye.\r\n")]:
        ts += 0.05
        c.send(ts, d, "PA", data)
    c.close(ts + 0.05)
    pk = sorted(c.pkts + dc.pkts, key=lambda p: float(p.time))
    wrpcap(os.path.join(OUT, "kdd-ftp-anon.pcap"), pk)


def fragments():
    # Teardrop-like: a UDP datagram to 10.0.0.1:161 in two fragments whose
    # second (offset 16) overlaps the first (bytes 0..31), then one
    # ordinary datagram to port 53 (no anomaly).
    udp = bytes(UDP(sport=1024, dport=161, len=8 + 40) / Raw(b"A" * 40))
    f1 = pkt(T0, IP(src="10.0.0.7", dst="10.0.0.1", id=777, flags="MF",
                    frag=0, proto=17) / Raw(udp[:32]))
    f2 = pkt(T0 + 0.001, IP(src="10.0.0.7", dst="10.0.0.1", id=777, flags=0,
                            frag=2, proto=17) / Raw(udp[16:]))
    ok = pkt(T0 + 0.5, IP(src="10.0.0.7", dst="10.0.0.1") /
             UDP(sport=1025, dport=53) / Raw(b"B" * 20))
    wrpcap(os.path.join(OUT, "kdd-frag.pcap"), [f1, f2, ok])


def smurf():
    # Smurf-like: 20 echo replies with 1024 data bytes from 20 "amplifiers"
    # 10.1.0.1..20 to the victim 10.0.0.99, 0.05 s apart.
    out = []
    for i in range(20):
        out.append(pkt(T0 + i * 0.05,
                       IP(src="10.1.0.%d" % (i + 1), dst="10.0.0.99") /
                       ICMP(type=0, id=0x4242, seq=i) / Raw(b"\0" * 1024)))
    wrpcap(os.path.join(OUT, "kdd-smurf.pcap"), out)


synscan()
telnet()
ftp_anon()
fragments()
smurf()

#!/usr/bin/python3
"""gen-flow.py: crafted captures for the pkt2flow and flow2csv tests.

Run from anywhere: /usr/bin/python3 tests/captures/gen-flow.py
Writes flow-*.pcap beside this script.  Deterministic: fixed timestamps,
addresses, sequence numbers and IP ids, and a fixed random seed.  The
expected flows of each capture are described where it is built, and the
shell tests t2xxx-pkt2flow-*.sh state them again by hand.
"""
import os
import random

from scapy.all import (Dot1Q, Ether, ICMP, ICMPv6EchoReply,
                       ICMPv6EchoRequest, IP, IPv6, Raw, TCP, UDP,
                       fragment, wrpcap)
from scapy.layers.inet import IPerror, UDPerror

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1700000000
CLI = "10.0.0.1"
SRV = "10.0.0.2"
CLI6 = "2001:db8::1"
SRV6 = "2001:db8::2"
MAC_C = "02:00:00:00:00:01"
MAC_S = "02:00:00:00:00:02"


class Cap:
    """Packets with explicit times; IP ids count up from 1."""

    def __init__(self):
        self.pkts = []
        self.ipid = 0

    def add(self, t, l3, vlan=None, frm_cli=True):
        src, dst = (MAC_C, MAC_S) if frm_cli else (MAC_S, MAC_C)
        eth = Ether(src=src, dst=dst)
        if vlan is not None:
            eth = eth / Dot1Q(vlan=vlan)
        if IP in l3:
            self.ipid += 1
            l3[IP].id = self.ipid
        p = eth / l3
        p.time = T0 + t
        self.pkts.append(p)

    def write(self, name):
        wrpcap(os.path.join(HERE, name), self.pkts)


class Conn:
    """One TCP connection; tracks both sides' next sequence numbers."""

    def __init__(self, cap, sport=40000, dport=80, vlan=None,
                 cseq=1000, sseq=5000):
        self.cap, self.sport, self.dport, self.vlan = cap, sport, dport, vlan
        self.nxt = {True: cseq, False: sseq}

    def send(self, t, cli, flags, data=b"", seq=None):
        s = self.nxt[cli] if seq is None else seq
        ack = self.nxt[not cli] if "A" in flags else 0
        ip = IP(src=CLI, dst=SRV) if cli else IP(src=SRV, dst=CLI)
        sp, dp = (self.sport, self.dport) if cli else (self.dport, self.sport)
        l4 = TCP(sport=sp, dport=dp, flags=flags, seq=s, ack=ack,
                 window=8192)
        pkt = ip / l4 / Raw(data) if data else ip / l4
        self.cap.add(t, pkt, self.vlan, cli)
        if seq is None:
            self.nxt[cli] = s + len(data) + ("S" in flags) + ("F" in flags)

    def c(self, t, flags, data=b"", seq=None):
        self.send(t, True, flags, data, seq)

    def s(self, t, flags, data=b"", seq=None):
        self.send(t, False, flags, data, seq)


def handshake(k, t):
    k.c(t, "S")
    k.s(t + 0.010, "SA")
    k.c(t + 0.020, "A")


def fin_teardown(k, t):
    """Client FIN, server FIN, final ACK from the client."""
    k.c(t, "FA")
    k.s(t + 0.010, "FA")
    k.c(t + 0.020, "A")


def gen_fin():
    """One flow, 12 packets: handshake (3), request and response with ACKs
    (4), FIN/FIN/ACK (3), then 0.3 s later the server's retransmitted FIN
    and the client's repeated ACK (2), absorbed while lingering."""
    cap = Cap()
    k = Conn(cap)
    handshake(k, 0.0)
    k.c(0.100, "PA", b"GET / HTTP/1.0\r\n\r\n")
    k.s(0.110, "A")
    k.s(0.120, "PA", b"HTTP/1.0 200 OK\r\n\r\nhello")
    k.c(0.130, "A")
    fin_teardown(k, 0.200)
    fin_seq = k.nxt[False] - 1
    k.s(0.520, "FA", seq=fin_seq)
    k.c(0.530, "A")
    cap.write("flow-fin.pcap")


def gen_rst():
    """One flow, 8 packets, reason rst: handshake, one request, the
    server's RST and two retransmitted RSTs, a late client segment."""
    cap = Cap()
    k = Conn(cap, sport=40001)
    handshake(k, 0.0)
    k.c(0.100, "PA", b"hello")
    rseq = k.nxt[False]
    k.s(0.110, "R", seq=rseq)
    k.s(0.210, "R", seq=rseq)
    k.s(0.410, "R", seq=rseq)
    k.c(0.500, "PA", b"again", seq=k.nxt[True])
    cap.write("flow-rst.pcap")


def gen_cicfin():
    """pkt2flow --fin-closes as the 2018 CICFlowMeter code splits flows
    (t2100).  Connection B (port 40011): handshake, a RST and its
    retransmission, a new SYN handshake on the same ports, the client's
    FIN, the server's FIN/ACK and the last ACK.  Connection C (port
    40012): handshake at 2 s, data at 100 s, then at 125 s (after a 120 s
    active timeout) the server's FIN/ACK, the client's ACK and FIN/ACK,
    and the server's last ACK."""
    cap = Cap()
    b = Conn(cap, sport=40011)
    handshake(b, 0.0)
    b.c(0.100, "RA")
    b.c(0.200, "RA", seq=b.nxt[True])
    b2 = Conn(cap, sport=40011, cseq=90000, sseq=70000)
    handshake(b2, 0.300)
    b2.c(0.400, "FA")
    b2.s(0.410, "FA")
    b2.c(0.420, "A")
    k = Conn(cap, sport=40012)
    handshake(k, 2.0)
    k.c(100.0, "PA", b"data")
    k.s(100.010, "A")
    k.s(125.0, "FA")
    k.c(125.010, "A")
    k.c(125.020, "FA")
    k.s(125.030, "A")
    cap.write("flow-cicfin.pcap")


def gen_reuse():
    """Two flows on one 5-tuple: a connection closed by FIN (8 packets,
    reason fin), then 0.5 s later, still within the linger, a new SYN
    whose connection ends with a RST from the client (4 packets, reason
    rst)."""
    cap = Cap()
    k = Conn(cap, sport=40002)
    handshake(k, 0.0)
    k.c(0.100, "PA", b"one")
    k.s(0.110, "A")
    fin_teardown(k, 0.200)
    k2 = Conn(cap, sport=40002, cseq=90000, sseq=70000)
    handshake(k2, 0.720)
    k2.c(0.800, "RA")
    cap.write("flow-reuse.pcap")


def gen_idle():
    """UDP 10.0.0.1:5353 <-> 10.0.0.2:53: a query and answer at 0 s, and
    again at 200 s.  Idle timeout 120 s: two flows of 2 packets (idle,
    eof); idle timeout 300 s: one flow of 4 packets."""
    cap = Cap()
    for t in (0.0, 200.0):
        cap.add(t, IP(src=CLI, dst=SRV) / UDP(sport=5353, dport=53) /
                Raw(b"q" * 20))
        cap.add(t + 0.05, IP(src=SRV, dst=CLI) / UDP(sport=53, dport=5353) /
                Raw(b"a" * 40), frm_cli=False)
    cap.write("flow-idle.pcap")


def gen_synack():
    """Capture starts at the server's SYN+ACK: one flow whose originator
    is the client 10.0.0.1:40003 (the SYN+ACK's receiver); 5 packets,
    2 from the server (backward)."""
    cap = Cap()
    k = Conn(cap, sport=40003)
    k.nxt[True] = 1001   # the SYN was sent before the capture began
    k.s(0.0, "SA")
    k.c(0.010, "A")
    k.c(0.020, "PA", b"data")
    k.s(0.030, "PA", b"reply")
    k.c(0.040, "A")
    cap.write("flow-synack.pcap")


def gen_frag():
    """A 3000-byte UDP datagram 10.0.0.1:4000 -> 10.0.0.2:4001 in three
    IPv4 fragments, then a reply: one flow of 4 packets (3 forward).
    Another flow 10.0.0.1:4002 -> 10.0.0.2:4001, 1 packet, in between."""
    cap = Cap()
    dgram = IP(src=CLI, dst=SRV, id=777) / UDP(sport=4000, dport=4001) / \
        Raw(b"x" * 3000)
    frags = fragment(dgram, fragsize=1480)
    assert len(frags) == 3
    for i, f in enumerate(frags):
        p = Ether(src=MAC_C, dst=MAC_S) / f
        p.time = T0 + 0.001 * i
        cap.pkts.append(p)
        if i == 0:
            q = Ether(src=MAC_C, dst=MAC_S) / IP(src=CLI, dst=SRV, id=900) \
                / UDP(sport=4002, dport=4001) / Raw(b"y" * 10)
            q.time = T0 + 0.0005
            cap.pkts.append(q)
    r = Ether(src=MAC_S, dst=MAC_C) / IP(src=SRV, dst=CLI, id=901) / \
        UDP(sport=4001, dport=4000) / Raw(b"ok")
    r.time = T0 + 0.1
    cap.pkts.append(r)
    cap.write("flow-frag.pcap")


def gen_vlan():
    """The same UDP 5-tuple on VLAN 10 and VLAN 20, a request and a reply
    on each: two flows of 2 packets (vlan 10, 20); with --no-vlan one
    flow of 4."""
    cap = Cap()
    for i, v in enumerate((10, 20)):
        t = 0.1 * i
        cap.add(t, IP(src=CLI, dst=SRV) / UDP(sport=6000, dport=7000) /
                Raw(b"v"), vlan=v)
        cap.add(t + 0.01, IP(src=SRV, dst=CLI) / UDP(sport=7000, dport=6000)
                / Raw(b"w"), vlan=v, frm_cli=False)
    cap.write("flow-vlan.pcap")


def gen_icmp():
    """ICMP keying: echo id 256 (2 requests, 2 replies: one flow of 4),
    echo id 512 (1+1: one flow of 2), two destination-unreachable messages
    from 10.0.0.2 (one flow of 2, type 3), an ICMPv6 echo with id 7 (one
    flow of 2).  Four flows."""
    cap = Cap()
    for seq in (1, 2):
        t = seq * 1.0
        cap.add(t, IP(src=CLI, dst=SRV) / ICMP(type=8, id=256, seq=seq))
        cap.add(t + 0.01, IP(src=SRV, dst=CLI) / ICMP(type=0, id=256,
                seq=seq), frm_cli=False)
    cap.add(3.0, IP(src=CLI, dst=SRV) / ICMP(type=8, id=512, seq=1))
    cap.add(3.01, IP(src=SRV, dst=CLI) / ICMP(type=0, id=512, seq=1),
            frm_cli=False)
    for i in range(2):
        err = IP(src=CLI, dst=SRV) / UDP(sport=5000 + i, dport=9)
        cap.add(4.0 + i, IP(src=SRV, dst=CLI) / ICMP(type=3, code=3) /
                IPerror(bytes(err[IP])[:28]), frm_cli=False)
    cap.add(6.0, IPv6(src=CLI6, dst=SRV6) / ICMPv6EchoRequest(id=7, seq=1))
    cap.add(6.01, IPv6(src=SRV6, dst=CLI6) / ICMPv6EchoReply(id=7, seq=1),
            frm_cli=False)
    cap.write("flow-icmp.pcap")


def gen_ooo():
    """Out-of-order timestamps: UDP 10.0.0.1:7777 -> 10.0.0.2:7 at 5 s,
    a reply at 6 s, then a packet stamped 4 s: one flow of 3 packets,
    first 5 s, last 6 s (duration 1 s, never negative), one packet out of
    order."""
    cap = Cap()
    cap.add(5.0, IP(src=CLI, dst=SRV) / UDP(sport=7777, dport=7) / Raw(b"a"))
    cap.add(6.0, IP(src=SRV, dst=CLI) / UDP(sport=7, dport=7777) / Raw(b"b"),
            frm_cli=False)
    cap.add(4.0, IP(src=CLI, dst=SRV) / UDP(sport=7777, dport=7) / Raw(b"c"))
    cap.write("flow-ooo.pcap")


def gen_mixed():
    """Random but seeded traffic for the scapy cross-check: 40 TCP
    connections (some closed by FIN, some by RST, some left open), 30 UDP
    exchanges, IPv4 and IPv6, two client hosts, interleaved in time, with
    one port reused after a close."""
    rng = random.Random(20261121)
    events = []   # (time, l3, from_client)

    def tcp_conn(t, cli, srv, sport, dport, end):
        nxt = {True: rng.randrange(1 << 31), False: rng.randrange(1 << 31)}
        v6 = ":" in cli

        def pk(t, frm, flags, data=b""):
            s = nxt[frm]
            ack = nxt[not frm] if "A" in flags else 0
            a, b = (cli, srv) if frm else (srv, cli)
            sp, dp = (sport, dport) if frm else (dport, sport)
            ip = IPv6(src=a, dst=b) if v6 else IP(src=a, dst=b)
            p = ip / TCP(sport=sp, dport=dp, flags=flags, seq=s, ack=ack)
            if data:
                p = p / Raw(data)
            events.append((t, p, frm))
            nxt[frm] = s + len(data) + ("S" in flags) + ("F" in flags)
        pk(t, True, "S")
        pk(t + 0.01, False, "SA")
        pk(t + 0.02, True, "A")
        t += 0.03
        for _ in range(rng.randrange(1, 5)):
            pk(t, True, "PA", bytes(rng.randrange(1, 200)))
            pk(t + 0.005, False, "PA", bytes(rng.randrange(1, 600)))
            pk(t + 0.010, True, "A")
            t += 0.02 + rng.random() * 0.5
        if end == "fin":
            pk(t, True, "FA")
            pk(t + 0.01, False, "FA")
            pk(t + 0.02, True, "A")
        elif end == "rst":
            pk(t, False, "RA")
        return t + 0.03

    def udp_x(t, cli, srv, sport, dport):
        v6 = ":" in cli
        for i in range(rng.randrange(1, 4)):
            a = IPv6(src=cli, dst=srv) if v6 else IP(src=cli, dst=srv)
            b = IPv6(src=srv, dst=cli) if v6 else IP(src=srv, dst=cli)
            events.append((t, a / UDP(sport=sport, dport=dport) /
                           Raw(bytes(rng.randrange(1, 500))), True))
            events.append((t + 0.002, b / UDP(sport=dport, dport=sport) /
                           Raw(bytes(rng.randrange(1, 500))), False))
            t += 0.05
    clients = ["10.1.0.1", "10.1.0.2", "2001:db8:1::1"]
    servers = {"10.1.0.1": "10.2.0.1", "10.1.0.2": "10.2.0.2",
               "2001:db8:1::1": "2001:db8:2::1"}
    for i in range(40):
        cli = clients[i % 3]
        end = ("fin", "fin", "rst", "open")[i % 4]
        tcp_conn(rng.random() * 20, cli, servers[cli], 30000 + i,
                 rng.choice((22, 80, 443)), end)
    for i in range(30):
        cli = clients[i % 3]
        udp_x(rng.random() * 20, cli, servers[cli], 50000 + i,
              rng.choice((53, 123)))
    # Port reuse: a second connection on 10.1.0.1:30000's tuple, later.
    end0 = tcp_conn(30.0, "10.1.0.1", "10.2.0.1", 29999, 80, "fin")
    tcp_conn(end0 + 0.5, "10.1.0.1", "10.2.0.1", 29999, 80, "fin")
    events.sort(key=lambda e: e[0])
    cap = Cap()
    for t, p, frm in events:
        cap.add(round(t, 6), p, frm_cli=frm)
    cap.write("flow-mixed.pcap")


def main():
    gen_fin()
    gen_rst()
    gen_cicfin()
    gen_reuse()
    gen_idle()
    gen_synack()
    gen_frag()
    gen_vlan()
    gen_icmp()
    gen_ooo()
    gen_mixed()


if __name__ == "__main__":
    main()

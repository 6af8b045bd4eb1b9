#!/usr/bin/python3
"""gen-cic.py: a crafted capture for the flow2cic shell tests.

Run from anywhere: /usr/bin/python3 tests/captures/gen-cic.py
Writes cic-basic.pcap beside this script.  Deterministic: fixed
timestamps (exact microseconds, as Decimals), addresses, sequence numbers
and IP ids.  The flows and the values the tests expect of them are
described here and worked out by hand in t3120-flow2cic-pipeline.sh.

T0 = 1700000000 = 2023-11-14T22:13:20Z; times below are us after T0.

A  TCP 10.1.0.1:40000 -> 10.1.0.2:80, handshake, data, FIN teardown.
   Bare ACKs/FINs are Ethernet-padded to 60 bytes (6 bytes of padding,
   which flow2cic must not count as payload).
     t     dir  flags     payload  hdr
     0     C>S  S         0        24 (MSS option)  win 64240
     100   S>C  SA        0        24 (MSS option)  win 65160
     200   C>S  A         0 (+6 pad)                win 502
     1000  C>S  PA        100                       win 502
     1200  S>C  A         0 (+6 pad)                win 509
     1500  S>C  PA        300                       win 509
     1600  S>C  PA        200                       win 509
     1700  C>S  A         0 (+6 pad)                win 502
     2000  C>S  FA        0 (+6 pad)                win 502
     2100  S>C  FA        0 (+6 pad)                win 509
     2200  C>S  A         0 (+6 pad)                win 502
B  UDP 10.1.0.3:5353 -> 10.1.0.4:53: fwd 40 B at 10000000, bwd 80 B at
   10500000, fwd 40 B at 12000000 (1.5 s gap), fwd 40 B at 18000000
   (6 s gap), bwd 80 B at 18000500.
C  ICMP echo 10.1.0.1 -> 10.1.0.9 (id 7): request 56 B at 20000000,
   reply at 20001000.
D  IPv6 TCP 2001:db8::1:40001 -> 2001:db8::2:443: SYN at 21000000,
   RST+ACK at 21000500.
E  UDP in VLAN 100, 10.1.0.5:9999 -> 10.1.0.6:9999, one 10-byte packet
   at 22000000.
"""
import os
from decimal import Decimal

from scapy.all import (Dot1Q, Ether, ICMP, IP, IPv6, Padding, Raw, TCP,
                       UDP, wrpcap)

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1700000000
MAC_A = "02:00:00:00:00:01"
MAC_B = "02:00:00:00:00:02"

pkts = []
ipid = [0]


def add(us, l3, fwd=True, vlan=None, pad=0):
    eth = Ether(src=MAC_A if fwd else MAC_B, dst=MAC_B if fwd else MAC_A)
    if vlan is not None:
        eth = eth / Dot1Q(vlan=vlan)
    if IP in l3:
        ipid[0] += 1
        l3[IP].id = ipid[0]
    p = eth / l3
    if pad:
        p = p / Padding(load=b"\0" * pad)
    p.time = Decimal(T0) + Decimal(us) / Decimal(1000000)
    pkts.append(p)


def tcp_a(us, c2s, flags, seq, ack, data=b"", win=0, mss=False):
    ip = IP(src="10.1.0.1", dst="10.1.0.2") if c2s else \
        IP(src="10.1.0.2", dst="10.1.0.1")
    sp, dp = (40000, 80) if c2s else (80, 40000)
    opts = [("MSS", 1460)] if mss else []
    l4 = TCP(sport=sp, dport=dp, flags=flags, seq=seq, ack=ack,
             window=win, options=opts)
    pkt = ip / l4
    if data:
        pkt = pkt / Raw(load=data)
    add(us, pkt, fwd=c2s, pad=0 if data or mss else 6)


# A: client seq 1000, server seq 5000.
tcp_a(0, True, "S", 1000, 0, win=64240, mss=True)
tcp_a(100, False, "SA", 5000, 1001, win=65160, mss=True)
tcp_a(200, True, "A", 1001, 5001, win=502)
tcp_a(1000, True, "PA", 1001, 5001, b"q" * 100, win=502)
tcp_a(1200, False, "A", 5001, 1101, win=509)
tcp_a(1500, False, "PA", 5001, 1101, b"r" * 300, win=509)
tcp_a(1600, False, "PA", 5301, 1101, b"s" * 200, win=509)
tcp_a(1700, True, "A", 1101, 5501, win=502)
tcp_a(2000, True, "FA", 1101, 5501, win=502)
tcp_a(2100, False, "FA", 5501, 1102, win=509)
tcp_a(2200, True, "A", 1102, 5502, win=502)

# B: UDP with a 1.5 s and a 6 s gap.
for us, fwd, n in ((10000000, True, 40), (10500000, False, 80),
                   (12000000, True, 40), (18000000, True, 40),
                   (18000500, False, 80)):
    ip = IP(src="10.1.0.3", dst="10.1.0.4") if fwd else \
        IP(src="10.1.0.4", dst="10.1.0.3")
    udp = UDP(sport=5353, dport=53) if fwd else UDP(sport=53, dport=5353)
    add(us, ip / udp / Raw(load=b"u" * n), fwd=fwd)

# C: ICMP echo request and reply, 56 bytes of data.
add(20000000, IP(src="10.1.0.1", dst="10.1.0.9") /
    ICMP(type=8, id=7, seq=1) / Raw(load=b"i" * 56))
add(20001000, IP(src="10.1.0.9", dst="10.1.0.1") /
    ICMP(type=0, id=7, seq=1) / Raw(load=b"i" * 56), fwd=False)

# D: IPv6 SYN answered by RST+ACK.
add(21000000, IPv6(src="2001:db8::1", dst="2001:db8::2") /
    TCP(sport=40001, dport=443, flags="S", seq=77, window=1000))
add(21000500, IPv6(src="2001:db8::2", dst="2001:db8::1") /
    TCP(sport=443, dport=40001, flags="RA", seq=0, ack=78, window=0),
    fwd=False)

# E: one UDP packet in VLAN 100.
add(22000000, IP(src="10.1.0.5", dst="10.1.0.6") /
    UDP(sport=9999, dport=9999) / Raw(load=b"v" * 10), vlan=100)

wrpcap(os.path.join(HERE, "cic-basic.pcap"), pkts)

#!/usr/bin/python3
# gen-snort-u2.py: write snort-events.unified2, a small unified2 log made
# from the documented record layouts (Snort's unified2.h: record header,
# Unified2IDSEvent, Unified2IDSEventIPv6, Unified2Event (event3),
# Serial_Unified2Packet, extra data), all big-endian.  Deterministic.
import ipaddress
import os
import struct
import sys

T = 1580140864          # 2020-01-27T16:01:04Z


def rec(rtype, body):
    return struct.pack(">II", rtype, len(body)) + body


def ev4(rtype, sid, usec, cls, prio, src, dst, sp, dp, proto):
    b = struct.pack(">IIIIIIIII", 0, sid, T, usec, sid, 1, 2, cls, prio)
    b += ipaddress.IPv4Address(src).packed + ipaddress.IPv4Address(dst).packed
    b += struct.pack(">HHBBBB", sp, dp, proto, 0, 0, 0)
    if rtype == 104:
        b += struct.pack(">IHH", 0, 7, 0)
    return rec(rtype, b)


def ev6(sid, usec, src, dst, sp, dp, proto):
    b = struct.pack(">IIIIIIIII", 0, sid, T, usec, sid, 1, 1, 0, 3)
    b += ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed
    b += struct.pack(">HHBBBB", sp, dp, proto, 0, 0, 0)
    return rec(72, b)


def ev3(sid, usec, src, dst, sp, dp, proto):
    b = struct.pack(">IIIIIIIIIIII", 0, sid, T, usec, 1, sid, 0, 0, 0, 0, 0, 0)
    b += ipaddress.IPv6Address("::ffff:" + src).packed
    b += ipaddress.IPv6Address("::ffff:" + dst).packed
    b += struct.pack(">IHHHHBBBB", 0, sp, dp, 0, 0, 0x44, proto, 0, 0)
    b += b"http".ljust(64, b"\0")
    return rec(114, b)


def packet(sid, data):
    b = struct.pack(">IIIIIII", 0, sid, T, T, 0, 1, len(data)) + data
    return rec(2, b)


out = b""
out += ev4(7, 1001, 877970, 1, 2, "10.0.2.2", "10.0.2.15", 56642, 22, 6)
out += packet(1001, bytes(range(60)))
out += ev4(104, 1002, 1, 2, 3, "10.0.0.1", "10.0.0.2", 8, 0, 1)
out += rec(110, struct.pack(">IIIIIII", 4, 28, 0, 1002, T, 1, 1)[:24] + b"abcd")
out += ev6(1003, 2, "2001:db8::1", "2001:db8::2", 53, 1053, 17)
out += ev3(1004, 3, "10.4.10.181", "65.55.251.108", 39701, 443, 6)

path = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])),
                    "snort-events.unified2")
with open(path, "wb") as f:
    f.write(out)

#!/usr/bin/python3
# gen-seeds-record.py: write seed record streams for fuzz_record, encoded
# by hand from the layout in libcommon/record.h (independent of the C
# encoder).  Deterministic.  Run from tests/fuzz: /usr/bin/python3
# gen-seeds-record.py
import struct

def pad8(b):
    return b + b"\0" * (-len(b) % 8)

def opt(t, val):
    return struct.pack("<HHI", t, 0, len(val)) + pad8(val)

def header(flags=0, snap=0, opts=b""):
    body = opts + struct.pack("<HHI", 0, 0, 0)  # NF_OPT_END
    hlen = 32 + len(body)
    return (b"\x89NFEAT\r\n" + struct.pack("<HHIIIII", 1, 0, hlen, flags,
            snap, 0, 0) + body)

def rec(t, body):
    body = pad8(body)
    return struct.pack("<HHI", t, 0, 8 + len(body)) + body

def pkt(ts, flow_id=0, snip=b"", frame=b"", proto=6, flags=0x12, d=0):
    b = struct.pack("<QQIIIIHHBBBB", ts, flow_id, 60, 60, 0, 0, 0xffff,
                    0xffff, 4, proto, 64, d)
    b += bytes([10, 0, 0, 1]) + b"\0" * 12 + bytes([10, 0, 0, 2]) + b"\0" * 12
    b += struct.pack("<HHBBHIHBB", 1234, 80, 0, 0, 0, 77, 0, 2, flags)
    b += struct.pack("<IIHHHBBHHIII", 1000, 2000, 65535, 0, 1460, 7, 0, 20,
                     20, len(snip), len(snip), len(frame))
    assert len(b) == 120
    return rec(1, b + snip + frame)

def flow(t, fid, first, last, reason=0, fwd=0, bwd=0):
    b = struct.pack("<QQQ", fid, first, last)
    b += bytes([10, 0, 0, 1]) + b"\0" * 12 + bytes([10, 0, 0, 2]) + b"\0" * 12
    b += struct.pack("<HHBBBBHBBIQQQ", 1234, 80, 6, 4, reason, 0, 0xffff, 0,
                     0, 0, fwd, bwd, 0)
    assert len(b) == 96
    return rec(t, b)

def end(ctrs, flags=0):
    b = struct.pack("<II", flags, len(ctrs))
    for n, v in ctrs:
        b += n.encode().ljust(32, b"\0") + struct.pack("<Q", v)
    return rec(5, b)

prov = opt(1, b"pcap2pkt 0.1.0 -r x.pcap\0")
iface = opt(2, struct.pack("<IIII", 1, 96, 9, 0) + b"x.pcap\0")
fcfg = opt(3, struct.pack("<QQQII", 120 * 10**9, 0, 2 * 10**9, 1000, 0))
seeds = {
    "empty-stream": header() + end([]),
    "pkts": header(0, 16, prov + iface) + pkt(1, snip=b"GET / HTTP/1.1\r\n")
    + pkt(2, proto=17) + end([("pcap2pkt.packets", 2)]),
    "flows": header(4, 0, prov + iface + fcfg)
    + flow(2, 1, 5, 5) + pkt(5, 1) + pkt(6, 1, d=1) + rec(4, struct.pack("<Q", 9))
    + flow(3, 1, 5, 6, 1, 1, 1)
    + end([("pcap2pkt.packets", 2), ("pkt2flow.packets", 2),
           ("pkt2flow.evicted", 0)]),
    "frames": header(2, 0, iface) + pkt(7, frame=bytes(range(60)))
    + rec(77, b"unknown type") + end([], 1),
    "truncated": header(4, 0, fcfg) + flow(2, 3, 1, 1) + pkt(1, 3),
}
for name, data in seeds.items():
    with open("seeds-record/" + name + ".nfs", "wb") as f:
        f.write(data)

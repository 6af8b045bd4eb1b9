#!/usr/bin/python3
"""gen-pcap2pkt.py: tiny captures for the pcap2pkt/pktdump tests, and the
pktdump --csv rows expected from them.

Run with Debian's /usr/bin/python3 (scapy) from tests/captures:
    /usr/bin/python3 gen-pcap2pkt.py
Deterministic: fixed timestamps, no randomness.  The expected rows are
written from the field values this script puts into the packets (read back
through scapy's own dissection), never from netfeat's output.

Files (prefix p2p-):
  p2p-basic.pcap        TCP handshake + data, UDP, ICMP echo, IPv6 UDP,
                        ARP; microsecond pcap, Ethernet
  p2p-second.pcap       two later packets (for several -r in order)
  p2p-nsec.pcap         nanosecond pcap, big-endian header
  p2p-multi-le.pcapng   pcapng, little-endian, interfaces Ethernet and raw
                        IP (LINKTYPE_RAW 101, if_tsresol 10^-9)
  p2p-multi-be.pcapng   the same packets, big-endian, if_tsresol 2^-20 on
                        the raw-IP interface, an SPB-free obsolete PB too
  p2p-badts.pcap        usec field >= 1000000, and time going backwards
  p2p-corrupt-*.pcap    damaged copies of p2p-basic.pcap
  *.expected.csv        expected `pktdump --csv` rows (PKT rows only)
  p2p-corrupt.table     name, byte offset of the damage, good packets
"""
import struct

from scapy.all import (ARP, ICMP, IP, UDP, TCP, Ether, IPv6, Raw, raw)

T0 = 1500000000  # 2017-07-14 02:40:00 UTC
MAC_A = "02:00:00:00:00:01"
MAC_B = "02:00:00:00:00:02"


def basic_packets():
    """(ts_sec, ts_usec, frame) for p2p-basic.pcap."""
    e = Ether(src=MAC_A, dst=MAC_B)
    r = Ether(src=MAC_B, dst=MAC_A)
    pk = [
        (0, 100, e / IP(src="10.0.0.1", dst="10.0.0.2", id=1, ttl=64) /
         TCP(sport=40000, dport=80, flags="S", seq=1000, window=64240,
             options=[("MSS", 1460), ("WScale", 7)])),
        (0, 200, r / IP(src="10.0.0.2", dst="10.0.0.1", id=0, ttl=63) /
         TCP(sport=80, dport=40000, flags="SA", seq=5000, ack=1001,
             window=65160)),
        (0, 300, e / IP(src="10.0.0.1", dst="10.0.0.2", id=2, ttl=64) /
         TCP(sport=40000, dport=80, flags="PA", seq=1001, ack=5001,
             window=502) / Raw(b"GET / HTTP/1.0\r\n\r\n")),
        (1, 0, e / IP(src="10.0.0.1", dst="10.0.0.53", id=3, ttl=64) /
         UDP(sport=5353, dport=53) / Raw(b"\x12\x34" + b"q" * 20)),
        (1, 500, e / IP(src="10.0.0.1", dst="10.0.0.2", id=4, ttl=64) /
         ICMP(type=8, code=0, id=7, seq=1) / Raw(b"ping" * 8)),
        (2, 0, Ether(src=MAC_A, dst=MAC_B, type=0x86dd) /
         IPv6(src="2001:db8::1", dst="2001:db8:0:0:1::2", hlim=60) /
         UDP(sport=1234, dport=4321) / Raw(b"v6data")),
        (2, 999999, Ether(src=MAC_A, dst="ff:ff:ff:ff:ff:ff") /
         ARP(psrc="10.0.0.1", pdst="10.0.0.9", hwsrc=MAC_A)),
    ]
    return [(T0 + s, us, raw(p)) for s, us, p in pk]


def second_packets():
    e = Ether(src=MAC_A, dst=MAC_B)
    pk = [
        (10, 0, e / IP(src="192.0.2.1", dst="192.0.2.2", id=77, ttl=5) /
         UDP(sport=7, dport=9) / Raw(b"x" * 10)),
        (11, 250000, e / IP(src="192.0.2.2", dst="192.0.2.1", id=78,
                            ttl=6, flags="DF") /
         TCP(sport=9, dport=7, flags="R", seq=42, window=0)),
    ]
    return [(T0 + s, us, raw(p)) for s, us, p in pk]


def pcap_bytes(pkts, nsec=False, big=False, snaplen=65535, linktype=1):
    """A pcap file: pkts are (sec, frac, frame[, wirelen])."""
    o = ">" if big else "<"
    magic = 0xa1b23c4d if nsec else 0xa1b2c3d4
    out = struct.pack(o + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for p in pkts:
        sec, frac, fr = p[0], p[1], p[2]
        wire = p[3] if len(p) > 3 else len(fr)
        out += struct.pack(o + "IIII", sec, frac, len(fr), wire) + fr
    return out


def row(ts_ns, frame, ifindex=0, status=0, l3=None):
    """The expected pktdump --csv row for a frame, from scapy's dissection
    of the frame (Ethernet, or raw IP when l3 is given)."""
    p = l3 if l3 is not None else Ether(frame)
    ts = "%d.%09d" % (ts_ns // 10**9, ts_ns % 10**9)
    f = {"rec": "pkt", "ts": ts, "wire_len": len(frame),
         "cap_len": len(frame), "ifindex": ifindex, "ip_version": 0,
         "status": status}
    ip = p[IP] if IP in p else (p[IPv6] if IPv6 in p else None)
    if ip is not None:
        f["ip_version"] = ip.version
        f["src"], f["dst"] = ip.src, ip.dst
        f["frag_offset"], f["more_fragments"] = 0, 0
        if ip.version == 4:
            f["proto"], f["ttl"], f["ip_id"] = ip.proto, ip.ttl, ip.id
            f["ip_hdr_len"] = ip.ihl * 4
            iplen = ip.len - ip.ihl * 4
            f["frag_offset"] = ip.frag * 8
            f["more_fragments"] = 1 if ip.flags.MF else 0
        else:
            f["proto"], f["ttl"] = ip.nh, ip.hlim
            f["ip_hdr_len"] = 40
            iplen = ip.plen
        l4 = ip.payload
        if TCP in ip:
            t = ip[TCP]
            f.update(sport=t.sport, dport=t.dport, tcp_flags=int(t.flags),
                     seq=t.seq, ack=t.ack, window=t.window,
                     urg_ptr=t.urgptr, l4_hdr_len=t.dataofs * 4)
            f["payload_len"] = iplen - t.dataofs * 4
        elif UDP in ip:
            u = ip[UDP]
            f.update(sport=u.sport, dport=u.dport, l4_hdr_len=8)
            f["payload_len"] = iplen - 8
        elif ICMP in ip:
            c = ip[ICMP]
            f.update(icmp_type=c.type, icmp_code=c.code, l4_hdr_len=8)
            f["payload_len"] = iplen - 8
        else:
            f["payload_len"] = iplen
        del l4
    cols = ("rec,ts,wire_len,cap_len,ifindex,vlan,ip_version,src,dst,"
            "proto,sport,dport,icmp_type,icmp_code,tcp_flags,seq,ack,"
            "window,urg_ptr,ttl,ip_id,frag_offset,more_fragments,"
            "ip_hdr_len,l4_hdr_len,payload_len,status,flow_id,dir,"
            "reason").split(",")
    return ",".join(str(f.get(c, "")) for c in cols) + "\n"


def write(name, data):
    with open(name, "wb") as fp:
        fp.write(data)


# --- pcapng, written block by block (draft-ietf-opsawg-pcapng) ----------

def ng_block(o, btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack(o + "II", btype, n) + body + struct.pack(o + "I", n)


def ng_opt(o, code, val):
    return struct.pack(o + "HH", code, len(val)) + val + \
        b"\0" * (-len(val) % 4)


def pcapng_bytes(big, pkts):
    """pkts: (iface, ts_units, frame, kind) with kind "epb" or "pb".
    Interface 0 Ethernet (default 10^-6 s), interface 1 LINKTYPE_RAW with
    10^-9 (little-endian file) or 2^-20 (big-endian file)."""
    o = ">" if big else "<"
    out = ng_block(o, 0x0A0D0D0A, struct.pack(o + "IHHq", 0x1A2B3C4D, 1,
                                              0, -1) +
                   ng_opt(o, 0, b""))
    out += ng_block(o, 1, struct.pack(o + "HHI", 1, 0, 65535))
    res = bytes([0x80 | 20]) if big else bytes([9])
    out += ng_block(o, 1, struct.pack(o + "HHI", 101, 0, 65535) +
                    ng_opt(o, 9, res) + ng_opt(o, 0, b""))
    # A name resolution block, to be skipped.
    out += ng_block(o, 4, struct.pack(o + "HH", 0, 0))
    for ifc, t, fr, kind in pkts:
        if kind == "epb":
            out += ng_block(o, 6, struct.pack(o + "IIIII", ifc, t >> 32,
                                              t & 0xffffffff, len(fr),
                                              len(fr)) + fr)
        else:
            out += ng_block(o, 2, struct.pack(o + "HHIIII", ifc, 0, t >> 32,
                                              t & 0xffffffff, len(fr),
                                              len(fr)) + fr)
    return out


def main():
    basic = basic_packets()
    second = second_packets()
    write("p2p-basic.pcap", pcap_bytes(basic))
    write("p2p-second.pcap", pcap_bytes(second))
    with open("p2p-basic.expected.csv", "w") as fp:
        for s, us, fr in basic:
            fp.write(row(s * 10**9 + us * 1000, fr))
    with open("p2p-second.expected.csv", "w") as fp:
        for s, us, fr in second:
            fp.write(row(s * 10**9 + us * 1000, fr))

    # Nanosecond pcap, big-endian header and records.
    ns = [(T0 + 20, 123456789, basic[0][2]), (T0 + 20, 999999999,
                                              basic[3][2])]
    write("p2p-nsec.pcap", pcap_bytes(ns, nsec=True, big=True))
    with open("p2p-nsec.expected.csv", "w") as fp:
        for s, f, fr in ns:
            fp.write(row(s * 10**9 + f, fr))

    # pcapng with an Ethernet and a raw-IP interface.
    rawip = raw(IP(src="172.16.0.1", dst="172.16.0.2", id=9, ttl=33) /
                TCP(sport=443, dport=50000, flags="FA", seq=7, ack=8,
                    window=100))
    rawip6 = raw(IPv6(src="fe80::1", dst="ff02::1", hlim=1, nh=17) /
                 UDP(sport=521, dport=521) / Raw(b"rip"))
    for big, name in ((False, "le"), (True, "be")):
        t_eth = (T0 + 30) * 10**6 + 5          # 10^-6 units
        if big:
            t_raw = ((T0 + 31) << 20) | (1 << 19)   # 0.5 s in 2^-20
            ns_raw = (T0 + 31) * 10**9 + 500000000
        else:
            t_raw = (T0 + 31) * 10**9 + 42          # 10^-9 units
            ns_raw = (T0 + 31) * 10**9 + 42
        pk = [(0, t_eth, basic[1][2], "epb"),
              (1, t_raw, rawip, "epb"),
              (1, t_raw + 1 if not big else t_raw + (1 << 10), rawip6,
               "pb"),
              (0, t_eth + 1, basic[6][2], "epb")]
        write("p2p-multi-%s.pcapng" % name, pcapng_bytes(big, pk))
        ns2 = ns_raw + (1 if not big else (1 << 10) * 10**9 // (1 << 20))
        with open("p2p-multi-%s.expected.csv" % name, "w") as fp:
            fp.write(row(t_eth * 1000, basic[1][2], 0))
            fp.write(row(ns_raw, rawip, 1, l3=IP(rawip)))
            fp.write(row(ns2, rawip6, 1, l3=IPv6(rawip6)))
            # Earlier than the raw-IP packets before it: time-backwards.
            fp.write(row((t_eth + 1) * 1000, basic[6][2], 0,
                         status=0x800))

    # Invalid and backward timestamps (status bits 0x400 and 0x800).
    bad = [(T0 + 40, 5, basic[0][2]),
           (T0 + 40, 1000000, basic[1][2]),      # usec >= 1e6: bad
           (T0 + 39, 0, basic[2][2])]            # goes backwards
    write("p2p-badts.pcap", pcap_bytes(bad))
    with open("p2p-badts.expected.csv", "w") as fp:
        fp.write(row((T0 + 40) * 10**9 + 5000, basic[0][2]))
        # The invalid fraction is carried into the seconds.
        fp.write(row((T0 + 41) * 10**9, basic[1][2], status=0x400))
        fp.write(row((T0 + 39) * 10**9, basic[2][2], status=0x800))

    # Damaged copies of p2p-basic.pcap: offsets of records.
    good = pcap_bytes(basic)
    offs = [24]
    for _, _, fr in basic:
        offs.append(offs[-1] + 16 + len(fr))
    third = offs[2]
    table = []
    # Truncated global header: 20 of 24 bytes.
    write("p2p-corrupt-shorthdr.pcap", good[:20])
    table.append(("p2p-corrupt-shorthdr.pcap", 0, 0))
    # Bad magic.
    write("p2p-corrupt-magic.pcap", b"\xde\xad\xbe\xef" + good[4:])
    table.append(("p2p-corrupt-magic.pcap", 0, 0))
    # Truncated record header (third record: 7 of its 16 header bytes).
    write("p2p-corrupt-trunchdr.pcap", good[:third + 7])
    table.append(("p2p-corrupt-trunchdr.pcap", third, 2))
    # Truncated record data (third record: header and 10 data bytes).
    write("p2p-corrupt-truncdata.pcap", good[:third + 16 + 10])
    table.append(("p2p-corrupt-truncdata.pcap", third, 2))
    # Absurd caplen in the third record.
    b = bytearray(good)
    struct.pack_into("<I", b, third + 8, 0x7fffffff)
    write("p2p-corrupt-hugecaplen.pcap", bytes(b))
    table.append(("p2p-corrupt-hugecaplen.pcap", third, 2))
    # pcapng whose second packet block's trailer length is wrong.
    ng = bytearray(pcapng_bytes(False, [(0, 1, basic[0][2], "epb"),
                                        (0, 2, basic[1][2], "epb")]))
    n = len(ng)
    blk2 = n - (12 + 20 + len(basic[1][2]) + (-len(basic[1][2]) % 4))
    struct.pack_into("<I", ng, n - 4, 12345)
    write("p2p-corrupt-ngtrailer.pcapng", bytes(ng))
    table.append(("p2p-corrupt-ngtrailer.pcapng", blk2, 1))
    # pcapng cut inside its second packet block.
    write("p2p-corrupt-ngtrunc.pcapng", bytes(ng[:blk2 + 30]))
    table.append(("p2p-corrupt-ngtrunc.pcapng", blk2, 1))
    with open("p2p-corrupt.table", "w") as fp:
        for t in table:
            fp.write("%s %d %d\n" % t)


if __name__ == "__main__":
    main()

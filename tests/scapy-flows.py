#!/usr/bin/python3
"""scapy-flows.py: the basic unidirectional flow table of captures, computed
with scapy, independently of netfeat, for the flow2csv cross-check.

usage: scapy-flows.py FILE.pcap...  > table.csv

Prints the columns of `flow2csv --columns basic`:
src_ip,dst_ip,src_port,dst_port,protocol,duration,pkt_count,byte_count,
syn_count,fin_count,rst_count,psh_count,ack_count

The flow rules are the ones pkt2flow(1) documents for --unidirectional,
written again here from the manual, not from the C code:
  - IPv4 and IPv6 packets only; the key is (source, destination, source
    port, destination port, protocol, outer VLAN id, ICMP key type);
  - ICMP/ICMPv6 echo request and reply: the echo identifier as both ports
    and the message type as key type; other ICMP: ports 0, the type;
  - non-first IP fragments take the ports of their datagram's first
    fragment (source, destination, protocol, IP id), 0 if unseen;
  - a flow ends when no packet came for more than 120 s, and a TCP SYN
    without ACK on a flow that has seen FIN or RST starts a new flow;
  - duration = last - first packet time; byte_count = wire lengths.
Rows are printed in order of flow start (the test compares them
order-insensitively).
"""
import sys

from scapy.all import (Dot1AD, Dot1Q, ICMP, IP, IPv6, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, PcapReader, TCP, UDP)

IDLE = 120.0
EXT6 = (IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, IPv6ExtHdrDestOpt,
        IPv6ExtHdrFragment)
FLAG_BITS = {"syn": 0x02, "fin": 0x01, "rst": 0x04, "psh": 0x08,
             "ack": 0x10}


def l3_info(p):
    """(ip version, src, dst, protocol, L4 layer or None, frag info)."""
    if IP in p:
        ip = p[IP]
        first = ip.frag == 0
        more = bool(ip.flags & 1)
        frag = None
        if not first or more:
            frag = ((ip.src, ip.dst, ip.proto, ip.id), first)
        l4 = ip.payload if first else None
        return 4, ip.src, ip.dst, ip.proto, l4, frag
    ip6 = p[IPv6]
    nh, layer, frag = ip6.nh, ip6.payload, None
    while isinstance(layer, EXT6):
        if isinstance(layer, IPv6ExtHdrFragment):
            first = layer.offset == 0
            frag = ((ip6.src, ip6.dst, layer.nh, layer.id), first)
            nh = layer.nh
            layer = layer.payload if first else None
            break
        nh, layer = layer.nh, layer.payload
    return 6, ip6.src, ip6.dst, nh, layer, frag


def ports_of(ver, proto, l4):
    """(sport, dport, ICMP key type, TCP flags) from the L4 header."""
    if l4 is None:
        return 0, 0, 0, 0
    if proto == 6 and isinstance(l4, TCP):
        return l4.sport, l4.dport, 0, int(l4.flags)
    if proto == 17 and isinstance(l4, UDP):
        return l4.sport, l4.dport, 0, 0
    if proto == 132 and len(bytes(l4)) >= 4:
        b = bytes(l4)
        return (b[0] << 8) | b[1], (b[2] << 8) | b[3], 0, 0
    if (ver, proto) in ((4, 1), (6, 58)) and len(bytes(l4)) >= 8:
        b = bytes(l4)
        typ = b[0]
        echo = (8, 0) if ver == 4 else (128, 129)
        if typ in echo:
            ident = (b[4] << 8) | b[5]
            return ident, ident, typ, 0
        return 0, 0, typ, 0
    return 0, 0, 0, 0


def main(paths):
    rows = []
    for path in paths:
        flows = {}        # key -> open row (dict)
        frags = {}        # datagram -> ports
        for p in PcapReader(path):
            if IP not in p and IPv6 not in p:
                continue
            t = float(p.time)
            wire = p.wirelen if p.wirelen is not None else len(p)
            vlan = None
            if Dot1Q in p or Dot1AD in p:
                vlan = (p[Dot1AD] if Dot1AD in p else p[Dot1Q]).vlan
            ver, src, dst, proto, l4, frag = l3_info(p)
            sport, dport, ktype, flags = ports_of(ver, proto, l4)
            if frag is not None:
                dg, first = frag
                if first:
                    frags[dg] = (sport, dport, ktype)
                else:
                    sport, dport, ktype = frags.get(dg, (0, 0, 0))
            key = (ver, src, dst, sport, dport, proto, vlan, ktype)
            f = flows.get(key)
            if f is not None and t - f["last"] > IDLE:
                f = None
            if (f is not None and proto == 6 and f["closing"] and
                    flags & 0x12 == 0x02):
                f = None
            if f is None:
                f = {"src": src, "dst": dst, "sport": sport,
                     "dport": dport, "proto": proto, "first": t,
                     "last": t, "pkts": 0, "bytes": 0, "closing": False}
                for n in FLAG_BITS:
                    f[n] = 0
                flows[key] = f
                rows.append(f)
            f["last"] = max(f["last"], t)
            f["pkts"] += 1
            f["bytes"] += wire
            for n, bit in FLAG_BITS.items():
                if flags & bit:
                    f[n] += 1
            if flags & 0x05:
                f["closing"] = True
    print("src_ip,dst_ip,src_port,dst_port,protocol,duration,pkt_count,"
          "byte_count,syn_count,fin_count,rst_count,psh_count,ack_count")
    for f in rows:
        print("%s,%s,%d,%d,%d,%.6f,%d,%d,%d,%d,%d,%d,%d" % (
            f["src"], f["dst"], f["sport"], f["dport"], f["proto"],
            f["last"] - f["first"], f["pkts"], f["bytes"], f["syn"],
            f["fin"], f["rst"], f["psh"], f["ack"]))


if __name__ == "__main__":
    main(sys.argv[1:])

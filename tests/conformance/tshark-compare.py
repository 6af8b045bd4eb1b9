#!/usr/bin/python3
"""tshark-compare.py: compare `pktdump --csv` rows with a tshark golden tsv.

usage: tshark-compare.py STEM OURS.csv TSHARK.tsv SNAPLEN [MAXLINES]
(SNAPLEN: the capture's snap length, from pktdump -v; 0 if unknown.)
Prints one line "STEM frames compared agree accepted unexplained" and, for
each disagreement, a line "  frame N field: ours=X tshark=Y [reason]".
Exit 0 if every disagreement is accepted, 1 otherwise.  Standard library
only.

The accepted differences are the table ACCEPTED below: each is a rule
(a function of our row, tshark's row and the field) and its reason.
"""
import csv
import sys

# Layers tshark names in frame.protocols that are IPv6 extension headers.
V6EXT = {"ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts",
         "ipv6.shim6", "ah", "ipv6.mipv6"}
V6EXT_NH = {0, 43, 44, 51, 60, 135, 139, 140}

# Link layers netfeat decodes: tshark's name for a capture whose first
# layer is none of these means we report the frame as non-IP.
LINKS = {"eth", "sll", "sll2", "raw", "null", "loop", "ppp", "ip", "ipv6",
         "pppoes", "vlan", "mpls"}


def tshark_ns(s):
    """tshark's frame.time_epoch as ns (None when negative).  A fraction
    of more than 9 digits is the invalid field printed literally."""
    if s.startswith("-"):
        return None
    sec, _, frac = s.partition(".")
    if len(frac) <= 9:
        return int(sec) * 10**9 + int(frac.ljust(9, "0"))
    return int(sec) * 10**9 + int(frac)


def layers(row):
    return row["frame.protocols"].split(":")


def outer_ip(row):
    """(version, index in layers) of the first IP header, or (0, -1)."""
    for i, l in enumerate(layers(row)):
        if l == "ip":
            return 4, i
        if l == "ipv6":
            return 6, i
    return 0, -1


def outer_l4(row):
    """The layer right after the outer IP header (and its IPv6 extension
    headers): tcp, udp, icmp, icmpv6, or something else."""
    v, i = outer_ip(row)
    if v == 0:
        return ""
    ls = layers(row)[i + 1:]
    while ls and ls[0] in V6EXT:
        ls = ls[1:]
    return ls[0] if ls else ""


def num(s):
    if s == "":
        return None
    return int(s, 16) if s.startswith("0x") else int(s)


def expected(t):
    """What tshark says, per our column, for the layers we decode."""
    e = {"ts": tshark_ns(t["frame.time_epoch"]),
         "wire_len": num(t["frame.len"]), "cap_len": num(t["frame.cap_len"])}
    if t["vlan.id"]:
        e["vlan"] = num(t["vlan.id"])
    v, _ = outer_ip(t)
    e["ip_version"] = v
    if v == 4:
        e["src"], e["dst"] = t["ip.src"], t["ip.dst"]
        e["proto"] = num(t["ip.proto"])
        e["ttl"] = num(t["ip.ttl"])
        e["ip_id"] = num(t["ip.id"])
        e["more_fragments"] = num(t["ip.flags.mf"])
        if t["ip.frag_offset"]:
            e["frag_offset"] = num(t["ip.frag_offset"]) * 8
        e["ip_hdr_len"] = num(t["ip.hdr_len"])
    elif v == 6:
        e["src"], e["dst"] = t["ipv6.src"], t["ipv6.dst"]
        nh = num(t["ipv6.nxt"])
        if nh is not None and nh not in V6EXT_NH:
            e["proto"] = nh
    l4 = outer_l4(t)
    if l4 == "tcp":
        e["sport"], e["dport"] = num(t["tcp.srcport"]), num(t["tcp.dstport"])
        if t["tcp.flags"]:
            e["tcp_flags"] = num(t["tcp.flags"]) & 0xFF
        e["seq"], e["ack"] = num(t["tcp.seq_raw"]), num(t["tcp.ack_raw"])
        e["window"] = num(t["tcp.window_size_value"])
        e["urg_ptr"] = num(t["tcp.urgent_pointer"])
        e["l4_hdr_len"] = num(t["tcp.hdr_len"])
        if t["tcp.len"]:
            e["payload_len"] = num(t["tcp.len"])
    elif l4 == "udp":
        e["sport"], e["dport"] = num(t["udp.srcport"]), num(t["udp.dstport"])
    elif l4 == "icmp":
        e["icmp_type"], e["icmp_code"] = num(t["icmp.type"]), \
            num(t["icmp.code"])
    elif l4 == "icmpv6":
        e["icmp_type"], e["icmp_code"] = num(t["icmpv6.type"]), \
            num(t["icmpv6.code"])
    return e


def ours(r):
    o = {}
    for k, val in r.items():
        if k in ("rec", "src", "dst", "reason"):
            o[k] = val if val != "" else None
        elif k == "ts":
            sec, _, frac = val.partition(".")
            o[k] = int(sec) * 10**9 + int(frac)
        else:
            o[k] = num(val)
    return o


ST_TRUNCATED, ST_MALFORMED, ST_LINK_UNSUP = 0x1, 0x2, 0x4
ST_L4_TRUNC, ST_BAD_TS = 0x200, 0x400

# Accepted differences: (name, rule(ours, tshark row, field), reason).
ACCEPTED = [
    ("truncated-l4",
     lambda o, t, f: o["status"] & (ST_TRUNCATED | ST_L4_TRUNC)
     and f in ("sport", "dport", "icmp_type", "icmp_code", "tcp_flags",
               "seq", "ack", "window", "urg_ptr", "l4_hdr_len",
               "payload_len"),
     "frame cut inside the L4 header: tshark shows the fields it could "
     "read, we leave a header that is not whole undecoded"),
    ("snaplen-clamp",
     lambda o, t, f: f == "cap_len" and SNAPLEN and
     o["cap_len"] == SNAPLEN and num(t["frame.cap_len"]) > SNAPLEN,
     "record longer than the file's snap length: libpcap 1.10 keeps only "
     "snaplen bytes of it, tshark reads the whole record"),
    ("ip-header-cut",
     lambda o, t, f: o["status"] & ST_TRUNCATED and (
         (o["ip_version"] == 0 and
          f in ("ip_version", "src", "dst", "ip_id", "ip_hdr_len", "ttl",
                "proto", "frag_offset", "more_fragments")) or
         (o["ip_version"] in (4, 6) and f in ("src", "dst") and
          t[("ip." if o["ip_version"] == 4 else "ipv6.") + f] == "")),
     "IP header cut: a frame cut inside the fixed IP header is reported as "
     "not IP (ip_version 0, status truncated) so that no flow is keyed on "
     "addresses that were not captured; one cut in its options keeps the "
     "fixed header's addresses; tshark shows what it could read and "
     "leaves the rest empty"),
    ("partial-l4-in-fragment",
     lambda o, t, f: o["l4_hdr_len"] is None and o["more_fragments"] and
     (o["frag_offset"] or 0) == 0 and f in ("sport", "dport"),
     "first fragment holding only part of the TCP header: tshark shows the "
     "ports it can read, we decode L4 only from a whole header"),
    ("8021ad-outer-vlan",
     lambda o, t, f: f == "vlan" and "ieee8021ad" in t["frame.protocols"],
     "802.1ad: tshark's vlan.id is the first 802.1Q (customer) tag, our "
     "vlan is the outermost (service) tag"),
    ("ipv4-linktype-holds-ipv6",
     lambda o, t, f: t["frame.protocols"].startswith("ip:ipv6:") and
     o["ip_version"] == 6 and f in ("ip_version", "src", "dst"),
     "LINKTYPE_IPV4 frame holding an IPv6 packet: both decode the IPv6 "
     "header (tshark lists an empty ip layer first); we follow the version "
     "nibble"),
    ("malformed-header",
     lambda o, t, f: o["status"] & ST_MALFORMED and
     f not in ("ts", "wire_len", "cap_len"),
     "header with impossible fields (bad IHL, total length, data offset): "
     "we stop decoding at it (status malformed), tshark shows raw fields"),
]


SNAPLEN = 0


def main():
    global SNAPLEN
    stem, ocsv, ttsv = sys.argv[1:4]
    SNAPLEN = int(sys.argv[4])
    with open(ocsv, newline="") as fp:
        rows = [r for r in csv.DictReader(fp) if r["rec"] == "pkt"]
    with open(ttsv, newline="") as fp:
        trows = list(csv.DictReader(fp, delimiter="\t",
                                    quoting=csv.QUOTE_NONE))
    n = min(len(rows), len(trows))
    agree = accepted = bad = 0
    lines = []
    if len(rows) != len(trows):
        bad += 1
        lines.append("  frame count: ours=%d tshark=%d" %
                     (len(rows), len(trows)))
    for i in range(n):
        o, t = ours(rows[i]), trows[i]
        for f, want in expected(t).items():
            got = o.get(f)
            if want is None or got == want:
                agree += 1
                continue
            why = [a for a in ACCEPTED if a[1](o, t, f)]
            if why:
                accepted += 1
                lines.append("  frame %d %s: ours=%s tshark=%s [%s]" %
                             (i + 1, f, got, want, why[0][0]))
            else:
                bad += 1
                lines.append("  frame %d %s: ours=%s tshark=%s "
                             "UNEXPLAINED (%s)" %
                             (i + 1, f, got, want, t["frame.protocols"]))
    print("%-45s %6d %6d %7d %7d %5d" % (stem, len(trows), n, agree,
                                          accepted, bad))
    for l in lines[:int(sys.argv[5]) if len(sys.argv) > 5 else 20]:
        print(l)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

# pktdump prints every record type, text and CSV, from a stream written
# here byte by byte after the layout table in libcommon/record.h.
. "$NF_TESTDIR/lib.sh"
$PY - <<'PYEOF' || fail "stream writer"
import struct
def rec(t, body):
    n = 8 + len(body)
    body += b"\0" * (-n % 8)
    return struct.pack("<HHI", t, 0, 8 + len(body)) + body
opt = b"test 1.0 -x"
opt = struct.pack("<HHI", 1, 0, len(opt)) + opt + b"\0" * (-len(opt) % 8)
hdr = b"\x89NFEAT\r\n" + struct.pack("<HHIIIII", 1, 0, 32 + len(opt),
                                      0x4, 0, 0, 0) + opt
v4 = lambda a: bytes(a) + b"\0" * 12
v6 = bytes.fromhex("20010db8000000000000000000000001")
def flow(t, fid, first, last, src, dst, sp, dp, proto, ipv, reason, vlan,
         fwd, bwd):
    return rec(t, struct.pack("<QQQ", fid, first, last) + src + dst +
               struct.pack("<HHBBBBHBBI", sp, dp, proto, ipv, reason, 0,
                           vlan, 0, 0, 0) + struct.pack("<QQQ", fwd, bwd, 0))
T = 1500000000 * 10**9
s = hdr
s += flow(2, 5, T + 1, T + 1, v4([10, 0, 0, 1]), v4([10, 0, 0, 2]), 1234,
          80, 6, 4, 0, 0xFFFF, 0, 0)
# PKT: ts, flow_id, wire, cap, ifindex, status, vlan, vlan2, ipv, proto,
# ttl, dir, src, dst, sport, dport, itype, icode, iid, ipid, fragoff,
# fragflags, tcpflags, seq, ack, win, urg, mss, wscale, flags2, iphl,
# l4hl, paylen, sniplen, framelen.
pkt = struct.pack("<QQIIIIHHBBBB", T + 2, 5, 60, 60, 0, 0, 100, 0xFFFF, 4,
                  6, 63, 1) + v4([10, 0, 0, 2]) + v4([10, 0, 0, 1]) + \
    struct.pack("<HHBBHIHBBIIHHHBBHHIII", 80, 1234, 0, 0, 0, 4660, 0, 2, 0x12,
                7, 1235, 512, 0, 1460, 0xFF, 0, 20, 20, 6, 0, 0)
s += rec(1, pkt)
s += rec(4, struct.pack("<Q", T + 3))
s += rec(99, b"\0" * 8)
s += flow(3, 5, T + 1, T + 4, v4([10, 0, 0, 1]), v4([10, 0, 0, 2]), 1234,
          80, 6, 4, 1, 0xFFFF, 3, 2)
s += flow(3, 6, T + 2, T + 5, v6, v6, 0, 0, 58, 6, 5, 7, 1, 0)
ctr = b"".join(n.encode().ljust(32, b"\0") + struct.pack("<Q", v)
               for n, v in (("pcap2pkt.read", 9), ("pkt2flow.flows", 2)))
s += rec(5, struct.pack("<II", 0, 2) + ctr)
open("s.bin", "wb").write(s)
open("trunc.bin", "wb").write(s[:-20])
PYEOF
cat >want.csv <<'CSV'
rec,ts,wire_len,cap_len,ifindex,vlan,ip_version,src,dst,proto,sport,dport,icmp_type,icmp_code,tcp_flags,seq,ack,window,urg_ptr,ttl,ip_id,frag_offset,more_fragments,ip_hdr_len,l4_hdr_len,payload_len,status,flow_id,dir,reason
flow_begin,1500000000.000000001,,,,,4,10.0.0.1,10.0.0.2,6,1234,80,,,,,,,,,,,,,,,,5,,
pkt,1500000000.000000002,60,60,0,100,4,10.0.0.2,10.0.0.1,6,80,1234,,,18,7,1235,512,0,63,4660,0,0,20,20,6,0,5,1,
tick,1500000000.000000003,,,,,,,,,,,,,,,,,,,,,,,,,,,,
type99,,,,,,,,,,,,,,,,,,,,,,,,,,,,,
flow_end,1500000000.000000004,,,,,4,10.0.0.1,10.0.0.2,6,1234,80,,,,,,,,,,,,,,,,5,,fin
flow_end,1500000000.000000005,,,,7,6,2001:db8::1,2001:db8::1,58,,,0,,,,,,,,,,,,,,,6,,eof
end,,,,,,,,,,,,,,,,,,,,,,,,,,0,,,
CSV
pktdump --csv s.bin >got.csv || fail "pktdump --csv"
same want.csv got.csv
cat >want.txt <<'TXT'
1500000000.000000001 FLOW_BEGIN flow 5 tcp 10.0.0.1.1234 > 10.0.0.2.80
1500000000.000000002 vlan 100 IP 10.0.0.2.80 > 10.0.0.1.1234: tcp Flags [S.], seq 7, ack 1235, win 512, length 6, wire 60 cap 60 flow 5 bwd
1500000000.000000003 TICK
RECORD type 99 length 16
1500000000.000000004 FLOW_END flow 5 tcp 10.0.0.1.1234 > 10.0.0.2.80 reason fin fwd 3 bwd 2 first 1500000000.000000001
1500000000.000000005 FLOW_END flow 6 vlan 7 icmp6 2001:db8::1 > 2001:db8::1 type 0 reason eof fwd 1 bwd 0 first 1500000000.000000002
END pcap2pkt.read=9 pkt2flow.flows=2
TXT
pktdump s.bin >got.txt || fail "pktdump"
same want.txt got.txt
pktdump -v s.bin | head -n 2 >got.txt
printf '# netfeat record stream 1.0 flags flows snap_payload 0\n# prov 0: test 1.0 -x\n' >want.txt
same want.txt got.txt
# Truncated stream: everything before the damage, then the message, exit 1.
pktdump --csv trunc.bin >t.csv 2>t.err
[ $? = 1 ] || fail "truncated stream: not exit 1"
head -n 7 want.csv >w.csv
same w.csv t.csv
grep -q '^pktdump: .*offset' t.err || fail "message: $(cat t.err)"
pktdump <trunc.bin >t.txt 2>t.err
[ $? = 1 ] || fail "truncated stream on stdin: not exit 1"
[ "$(wc -l <t.txt)" = 6 ] || fail "text lines before the damage"
exit 0

# -P N keeps the first N payload bytes; --frames keeps the whole frame.
. "$NF_TESTDIR/lib.sh"
need_scapy
B=$CAPS/p2p-basic.pcap
# Expected bytes straight from the capture, read by scapy.
$PY - "$B" >want.txt <<'PYEOF' || fail "scapy"
import sys
from scapy.all import rdpcap, IP, IPv6, TCP, UDP, ICMP, Raw
for p in rdpcap(sys.argv[1]):
    pay = b""
    for l4 in (TCP, UDP, ICMP):
        if l4 in p:
            pay = bytes(p[l4].payload)
    print("snip", pay[:4].hex() if pay else "-")
    print("frame", bytes(p).hex())
PYEOF
pcap2pkt -q -P 4 --frames -r $B >s.bin || fail "pcap2pkt -P 4 --frames"
pktdump -v -x s.bin >s.txt || fail "pktdump -x"
grep -q '^# netfeat record stream 1.0 flags frames snap_payload 4$' s.txt ||
    fail "header: $(head -n 1 s.txt)"
# One "snip" (or "-") and one "frame" line per packet, in order.
awk '/^[0-9]/ { if (n++) { if (!s) print "snip -" }; s = 0 }
    /^\tsnip / { print "snip", $2; s = 1 }
    /^\tframe / { if (!s) print "snip -"; s = 1; print "frame", $2 }' \
    s.txt >got.txt
same want.txt got.txt
# Without options, no snippet and no frame.
pcap2pkt -q -r $B | pktdump -v -x >n.txt
grep -q 'flags none snap_payload 0$' n.txt || fail "plain header"
! grep -q '	snip\|	frame' n.txt || fail "bytes without -P/--frames"
# Frames cost space: the stream grows by about the frame bytes.
pcap2pkt -q -r $B | wc -c >plain.n
pcap2pkt -q --frames -r $B | wc -c >frames.n
[ "$(cat frames.n)" -gt "$(($(cat plain.n) + 400))" ] || fail "frames size"
exit 0

# A BPF filter as trailing arguments selects packets like tcpdump; -c
# stops after COUNT packets.
. "$NF_TESTDIR/lib.sh"
B=$CAPS/p2p-basic
pcap2pkt -q -r $B.pcap tcp | pktdump --csv | grep '^pkt,' >tcp.csv ||
    fail "filter tcp"
grep '^pkt,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,4,[^,]*,[^,]*,6,' $B.expected.csv \
    >want.csv
same want.csv tcp.csv
pcap2pkt -q -r $B.pcap udp and port 53 | pktdump --csv | grep '^pkt,' \
    >dns.csv || fail "filter udp and port 53"
grep ',5353,53,' $B.expected.csv >want.csv
same want.csv dns.csv
# Per link type: the raw-IP interface of the pcapng file matches too.
pcap2pkt -q -r "$CAPS/p2p-multi-le.pcapng" host 172.16.0.1 | pktdump --csv |
    grep '^pkt,' >raw.csv || fail "filter on raw IP"
grep ',172.16.0.1,' "$CAPS/p2p-multi-le.expected.csv" >want.csv
same want.csv raw.csv
# Counted in END and the summary.
pcap2pkt -r $B.pcap tcp 2>sum.txt | pktdump | tail -n 1 >end.txt
grep -q 'pcap2pkt.read=7 pcap2pkt.written=3 pcap2pkt.filtered=4' end.txt ||
    fail "END counters: $(cat end.txt)"
grep -q 'read 7, written 3, filtered 4' sum.txt || fail "summary: $(cat sum.txt)"
expect_exit 1 pcap2pkt -q -r $B.pcap 'tcp and and' >/dev/null 2>err.txt
grep -q "bad filter" err.txt || fail "bad filter message: $(cat err.txt)"
# -c
pcap2pkt -q -c 2 -r $B.pcap | pktdump --csv | grep '^pkt,' >c2.csv ||
    fail "-c 2"
head -n 2 $B.expected.csv >want.csv
same want.csv c2.csv
pcap2pkt -q -c 1 -r $B.pcap udp | pktdump --csv | grep '^pkt,' >c1.csv
grep ',5353,53,' $B.expected.csv >want.csv
same want.csv c1.csv
exit 0

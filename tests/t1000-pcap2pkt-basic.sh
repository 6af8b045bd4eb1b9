# pcap2pkt on tiny captures: every PKT field as pktdump --csv prints it
# equals what the generator (scapy) put into the frames.
. "$NF_TESTDIR/lib.sh"
for f in basic second nsec multi-le multi-be badts; do
	in=$(ls "$CAPS"/p2p-$f.pcap*) || fail "no capture for $f"
	pcap2pkt -q -r "$in" >$f.bin || fail "pcap2pkt -r $in"
	pktdump --csv $f.bin >$f.csv || fail "pktdump $f"
	grep '^pkt,' $f.csv >$f.pkt
	same "$CAPS/p2p-$f.expected.csv" $f.pkt
	# The last row is END, complete (status 0).
	tail -n 1 $f.csv | grep -q '^end,\(,\)*0,,,$' || fail "$f: END row"
done
# Bad and backward timestamps are counted in END and in the summary.
pcap2pkt -r "$CAPS/p2p-badts.pcap" >b.bin 2>b.err || fail "badts"
pktdump b.bin | tail -n 1 >b.end
grep -q 'pcap2pkt.bad_ts=1' b.end || fail "END lacks bad_ts=1: $(cat b.end)"
grep -q 'pcap2pkt.ts_back=1' b.end || fail "END lacks ts_back=1"
grep -q 'bad_ts 1' b.err || fail "summary lacks bad_ts: $(cat b.err)"
grep -q 'ts_back 1' b.err || fail "summary lacks ts_back"
# Header: one interface per file, link type and snap length from the file.
pcap2pkt -q -r "$CAPS/p2p-multi-le.pcapng" -r "$CAPS/p2p-basic.pcap" |
    pktdump -v >h.txt || fail "pktdump -v"
grep -q '^# iface 0: linktype 1 snaplen 65535 tsprec 9 .*p2p-multi-le' h.txt &&
grep -q '^# iface 1: linktype 101 snaplen 65535 tsprec 9 ' h.txt &&
grep -q '^# iface 2: linktype 1 snaplen 65535 tsprec 9 .*p2p-basic' h.txt ||
    fail "interfaces in header: $(grep iface h.txt)"
grep -q '^# prov 0: pcap2pkt [^ ]* -r ' h.txt || fail "provenance"
exit 0

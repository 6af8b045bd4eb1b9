# flow2cic on a truncated stream: rows for the flows still open, a message
# naming the stream, exit 1.
. "$NF_TESTDIR/lib.sh"
command -v pcap2pkt >/dev/null && command -v pkt2flow >/dev/null ||
	skip "pcap2pkt/pkt2flow not built"

pcap2pkt -q -r "$CAPS/cic-basic.pcap" >pkt &&
	pkt2flow pkt >flows || fail "pipeline failed"
flow2cic flows >full.csv || fail "full stream exited $?"
[ "$(wc -l <full.csv)" = 6 ] || fail "expected 5 flows"
# Cut the stream inside its records (after about a third of it): every
# flow begun before the cut gets a row, from the packets it had.
size=$(wc -c <flows)
head -c $((size / 3 + 3)) flows >cut
expect_exit 1 flow2cic cut >cut.csv 2>err
grep -q "^flow2cic: .*truncated" err || fail "no truncation message: $(cat err)"
n=$(($(wc -l <cut.csv) - 1))
[ "$n" -ge 1 ] || fail "no row for the open flows"
# The first flow (A, 11 packets, ends at FIN) was complete or open; its
# row is there either way.
grep -q '^10.1.0.1-10.1.0.2-40000-80-6,' cut.csv || fail "flow A missing"
# Empty input (no header at all) is an error too, without rows.
: >empty
expect_exit 1 flow2cic empty >e.csv 2>err
exit 0

# A truncated stream: rows for the flows still open, end_reason
# truncated, exit 1; usage errors exit 2; a stream without flows is
# refused.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-reuse.pcap
size=$(wc -c < fl.nf)
# Keep flow 1 whole and flow 2 open: cut inside flow 2's third packet.
# From the end (record.h): END (16 + 40 per counter), FLOW_END (104),
# the last PKT (128), half of the third.
nctr=$(pktdump fl.nf | tail -n 1 | tr ' ' '\n' | grep -c =)
head -c $((size - 16 - 40 * nctr - 104 - 128 - 64)) fl.nf > cut.nf
expect_exit 1 flow2csv cut.nf > rows.csv 2> err
grep -q '^flow2csv: truncated stream at offset [0-9]* ' err ||
    fail "no truncation message"
cut -d, -f1,11,12,25 rows.csv > got
printf '%s\n' 'flow_id,fwd_packets,bwd_packets,end_reason' '1,5,3,fin' \
    '2,1,1,truncated' > want
same want got
expect_exit 2 flow2csv --columns wide fl.nf 2> /dev/null
expect_exit 2 flow2csv a b 2> /dev/null
flow2csv --help > out || fail "--help"
grep -q '^usage: flow2csv ' out || fail "--help prints no usage"
pcap2pkt -q -r "$CAPS/flow-fin.pcap" > pk.nf || fail pcap2pkt
expect_exit 1 flow2csv pk.nf 2> err
grep -q 'pkt2flow' err || fail "no hint to run pkt2flow"

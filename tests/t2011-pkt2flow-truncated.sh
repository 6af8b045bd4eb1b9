# A truncated input stream: message with the offset, open flows end with
# reason truncated, END says incomplete, exit 1.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
pcap2pkt -q -r "$CAPS/flow-fin.pcap" > pk.nf || fail pcap2pkt
size=$(wc -c < pk.nf)
# Cut in the middle of the stream, inside a record.
head -c $((size / 2 + 3)) pk.nf > cut.nf
expect_exit 1 pkt2flow cut.nf > fl.nf 2> err
grep -q '^pkt2flow: truncated stream at offset [0-9]* ' err ||
    fail "no truncation message"
events > got
tail -n 2 got > last
printf '%s\n' 'flow_end 1 truncated' 'end' > want
same want last
pktdump fl.nf | tail -n 1 | grep -q '^END incomplete\| incomplete' ||
    fail "END not marked incomplete"

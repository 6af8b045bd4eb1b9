# Several -r files are read in order (ifindex per file); no -r reads
# stdin (pcap and pcapng); a missing file is an error before any output.
. "$NF_TESTDIR/lib.sh"
pcap2pkt -q -r "$CAPS/p2p-basic.pcap" -r "$CAPS/p2p-second.pcap" >two.bin ||
    fail "two -r"
pktdump --csv two.bin | grep '^pkt,' >two.csv
# The second file's packets are on interface 1.
{ cat "$CAPS/p2p-basic.expected.csv"
  sed 's/^\(pkt,[^,]*,[^,]*,[^,]*,\)0,/\11,/' "$CAPS/p2p-second.expected.csv"
} >want.csv
same want.csv two.csv
for f in p2p-basic.pcap p2p-nsec.pcap p2p-multi-be.pcapng; do
	pcap2pkt -q -r "$CAPS/$f" | pktdump --csv | cat >file.csv ||
	    fail "-r $f"
	pcap2pkt -q <"$CAPS/$f" | pktdump --csv >stdin.csv || fail "stdin $f"
	cat "$CAPS/$f" | pcap2pkt -q -r - | pktdump --csv >pipe.csv ||
	    fail "pipe $f"
	same file.csv stdin.csv
	same file.csv pipe.csv
done
# Concatenated pcapng files: two sections, little- then big-endian; the
# second section's interfaces match the first's and share their index.
cat "$CAPS/p2p-multi-le.pcapng" "$CAPS/p2p-multi-be.pcapng" >cat.pcapng
pcap2pkt -q -r cat.pcapng 2>cat.err | pktdump --csv | grep '^pkt,' |
    cut -d, -f1-26 >cat.csv || fail "concatenated sections"
cat "$CAPS/p2p-multi-le.expected.csv" "$CAPS/p2p-multi-be.expected.csv" |
    cut -d, -f1-26 >want.csv
same want.csv cat.csv
[ ! -s cat.err ] || fail "warning for matching interfaces: $(cat cat.err)"
expect_exit 1 pcap2pkt -r nonexistent.pcap >out.bin 2>err.txt
grep -q "nonexistent.pcap" err.txt || fail "message lacks the file name"
[ ! -s out.bin ] || fail "output written for a missing file"
exit 0

# flow2kdd: overlapping UDP fragments (teardrop-like) give wrong_fragment.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-frag.pcap" fr.csv
# gen-kdd.py fragments: the second fragment (offset 16) overlaps the
# first (0..31) -> 1; the later plain datagram to port 53 -> 0.  SNMP's
# unnamed port 161 is "private" (rule lt1024).
echo "protocol_type=udp service=private flag=SF wrong_fragment=1 " > want1
row 1 fr.csv protocol_type service flag wrong_fragment > got1
same want1 got1
echo "service=domain_u wrong_fragment=0 src_bytes=20 " > want2
row 2 fr.csv service wrong_fragment src_bytes > got2
same want2 got2
# The reference rule names 161 "other".
flow2kdd --private-rule ge49152 fr.csv.flow > ref.csv || fail ge49152
[ "$(col service ref.csv | head -n 1)" = other ] || fail "ge49152 rule"
exit 0

# Corrupt capture files: exit 1, a message naming the file and the byte
# offset of the bad record, every good packet before it written, END
# marked incomplete.  The table (file, offset, good packets) comes from
# the generator, which knows where it put the damage.
. "$NF_TESTDIR/lib.sh"
while read -r f off good; do
	pcap2pkt -q -r "$CAPS/$f" >out.bin 2>err.txt
	rc=$?
	[ $rc = 1 ] || fail "$f: exit $rc, expected 1"
	grep -q "'$CAPS/$f' at offset $off:" err.txt ||
	    fail "$f: message lacks file and offset $off: $(cat err.txt)"
	pktdump --csv out.bin >out.csv || fail "$f: output stream not complete"
	head -n "$good" "$CAPS/p2p-basic.expected.csv" >want.csv
	case $f in
	*.pcapng)
		# The pcapng damage copies start with packet 1 at time 1 us.
		grep -c '^pkt,' out.csv >n.txt
		[ "$(cat n.txt)" = "$good" ] || fail "$f: $(cat n.txt) packets"
		;;
	*)
		grep '^pkt,' out.csv >got.csv
		same want.csv got.csv
		;;
	esac
	tail -n 1 out.csv | grep -q '^end,\(,\)*1,,,$' ||
	    fail "$f: END not incomplete: $(tail -n 1 out.csv)"
	# The same through stdin.
	pcap2pkt -q <"$CAPS/$f" >in.bin 2>err.txt
	[ $? = 1 ] || fail "$f on stdin: not exit 1"
	grep -q "'<stdin>' at offset $off:" err.txt ||
	    fail "$f on stdin: $(cat err.txt)"
done <"$CAPS/p2p-corrupt.table"
# A corrupt second file: the first file's packets all come out first.
pcap2pkt -q -r "$CAPS/p2p-second.pcap" -r "$CAPS/p2p-corrupt-magic.pcap" \
    >two.bin 2>err.txt
[ $? = 1 ] || fail "corrupt second file: not exit 1"
[ "$(pktdump --csv two.bin | grep -c '^pkt,')" = 2 ] || fail "good prefix"
exit 0

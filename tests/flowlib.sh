# flowlib.sh: helpers of the pkt2flow and flow2csv shell tests, sourced
# after lib.sh.  Intermediate files, so that no pipe hides a crash.

[ -x "$NF_BIN/pcap2pkt" ] || skip "pcap2pkt not built"

# tag CAPTURE [PKT2FLOW-OPTION...]: pcap2pkt then pkt2flow into fl.nf.
tag() {
	cap=$1; shift
	pcap2pkt -q -r "$CAPS/$cap" > pk.nf || fail "pcap2pkt -r $cap"
	pkt2flow "$@" pk.nf > fl.nf || fail "pkt2flow $* on $cap"
}

# events [FILE]: one line per record: "rec flow_id dir reason" (fields
# that the record lacks are left out), from pktdump --csv.
events() {
	pktdump --csv "${1:-fl.nf}" > ev.csv || fail "pktdump --csv"
	awk -F, 'NR > 1 { s = $1; for (i = 28; i <= 30; i++)
	    if ($i != "") s = s " " $i; print s }' ev.csv
}

# rows [FLOW2CSV-OPTION...]: flow2csv of fl.nf into rows.csv.
rows() {
	flow2csv "$@" fl.nf > rows.csv || fail "flow2csv $*"
}

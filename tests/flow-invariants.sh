# flow-invariants.sh EVENTS: check the flow structure of an events listing
# (lines "flow_begin ID", "pkt ID DIR", "flow_end ID REASON", "end" as
# flowlib.sh's events prints them).  Exit 1 with a message on the first
# violation.
awk '
$1 == "flow_begin" {
	if ($2 in state) { print "flow " $2 " begun twice"; bad = 1; exit }
	state[$2] = "open"; next
}
$1 == "pkt" {
	if ($2 == 0) { print "IP packet without flow at line " NR; bad = 1; exit }
	if (state[$2] != "open") { print "packet of flow " $2 " outside it, line " NR; bad = 1; exit }
	next
}
$1 == "flow_end" {
	if (state[$2] != "open") { print "flow_end of flow " $2 " not open"; bad = 1; exit }
	state[$2] = "ended"; next
}
END {
	if (bad) exit 1
	for (f in state) if (state[f] != "ended") { print "flow " f " never ended"; exit 1 }
}' "$1"

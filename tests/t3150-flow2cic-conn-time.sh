# Total Connection Flow Time chains flows continued after pkt2flow's active
# timeout.  flow-idle.pcap: a UDP query/answer at 0 s and 0.05 s and again
# at 200 s and 200.05 s (tcpdump -tt shows 1700000000.000000 ... .050000
# and 1700000200.000000 ... .050000).  With --idle-timeout 300
# --active-timeout 100 the first flow ends (active) when the 200 s packet
# comes and the second continues it: Flow Duration 50000 us each; Total
# Connection Flow Time 50000 for the first, 200.05 s - 0 s = 200050000 for
# the second.  Without the active timeout (idle 120 s) the two flows are
# unrelated: 50000 each.
. "$NF_TESTDIR/lib.sh"
command -v pcap2pkt >/dev/null && command -v pkt2flow >/dev/null ||
	skip "pcap2pkt/pkt2flow not built"

# conn CSV: "Flow Duration,Total Connection Flow Time" of every row.
conn() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) {
		if ($i == "Flow Duration") d = i
		if ($i == "Total Connection Flow Time") t = i } next }
	    { print $d "," $t }' "$1"
}

pcap2pkt -q -r "$CAPS/flow-idle.pcap" >pkt || fail "pcap2pkt failed"
pkt2flow --idle-timeout 300 --active-timeout 100 pkt >flows ||
	fail "pkt2flow failed"
flow2cic --header engelen flows >out.csv || fail "flow2cic exited $?"
conn out.csv >got
printf '%s\n' 50000,50000 50000,200050000 >want
same want got

pkt2flow pkt >flows2 || fail "pkt2flow failed"
flow2cic --header engelen flows2 >out2.csv || fail "flow2cic exited $?"
conn out2.csv >got
printf '%s\n' 50000,50000 50000,50000 >want
same want got

exit 0

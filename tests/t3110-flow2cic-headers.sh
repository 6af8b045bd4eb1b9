# flow2cic --header: column counts and names of each layout (spec/cic.md
# section 1: 84, 85 with Fwd Header Length twice, 80, 94).
. "$NF_TESTDIR/lib.sh"
command -v pcap2pkt >/dev/null && command -v pkt2flow >/dev/null ||
	skip "pcap2pkt/pkt2flow not built"

pcap2pkt -q -r "$CAPS/cic-basic.pcap" >pkt &&
	pkt2flow pkt >flows || fail "pipeline failed"

ncols() { head -1 "$1" | tr ',' '\n' | wc -l; }
for m in "cicflowmeter 84" "cic2017 85" "cic2018 80" "engelen 94"; do
	set -- $m
	flow2cic --header "$1" flows >"$1.csv" || fail "--header $1 exited $?"
	[ "$(ncols "$1.csv")" = "$2" ] ||
		fail "--header $1: $(ncols "$1.csv") columns, expected $2"
	# Every data row has as many fields as the header (no quoted commas
	# in these flows), and there is one row per flow.
	awk -F, -v n="$2" 'NR > 1 && NF != n { exit 1 }' "$1.csv" ||
		fail "--header $1: a row has the wrong field count"
	[ "$(wc -l <"$1.csv")" = 6 ] || fail "--header $1: expected 5 rows"
done
# The default is cicflowmeter.
flow2cic flows >default.csv && same cicflowmeter.csv default.csv

head -1 cicflowmeter.csv | grep -q '^Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Total Fwd Packet,' ||
	fail "cicflowmeter header start"
head -1 cicflowmeter.csv | grep -q ',Idle Max,Idle Min,Label$' ||
	fail "cicflowmeter header end"
[ "$(head -1 cic2017.csv | tr ',' '\n' | grep -c '^Fwd Header Length$')" = 2 ] ||
	fail "cic2017: Fwd Header Length not twice"
head -1 cic2017.csv | grep -q '^Flow ID,Source IP,Source Port,Destination IP,Destination Port,Protocol,Timestamp,Flow Duration,Total Fwd Packets,Total Backward Packets,' ||
	fail "cic2017 header start"
head -1 cic2017.csv | grep -q ',CWE Flag Count,' || fail "cic2017: CWE"
head -1 cic2018.csv | grep -q '^Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,' ||
	fail "cic2018 header start"
head -1 engelen.csv | grep -q ',Bwd URG Flags,Fwd RST Flags,Bwd RST Flags,Fwd Header Length,' ||
	fail "engelen RST columns"
head -1 engelen.csv | grep -q ',Idle Min,ICMP Code,ICMP Type,Fwd TCP Retrans. Count,Bwd TCP Retrans. Count,Total TCP Retrans. Count,Total Connection Flow Time,Label$' ||
	fail "engelen tail columns"

# --label fills the Label column; a label with a comma is quoted.
flow2cic --label 'DoS, slow' flows >lab.csv || fail "--label"
[ "$(tail -1 lab.csv | sed 's/.*,\("[^"]*"\)$/\1/')" = '"DoS, slow"' ] ||
	fail "label: $(tail -1 lab.csv)"
exit 0

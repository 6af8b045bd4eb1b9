# t9200: a SYN flood from random sources (every packet its own flow)
# through pkt2flow --max-flows 1000.  Hand computation: the 200 000 flows
# are all distinct and no timeout passes (1 us apart), so the table fills
# at 1000 and each later flow evicts one: 199 000 evictions, 1000 flows
# left at end of input.  Counted by streamstat (independent of the
# stage's own summary), in END and on stderr.
. "$NF_TESTDIR/lib.sh"

for p in pcap2pkt pkt2flow; do
	[ -x "$NF_BIN/$p" ] || skip "$p not built yet"
done
N=200000
MAX=1000
"$NF_TOOLS/gencap" --syn-flood -n $N --seed 9200 -w flood.pcap ||
    fail "gencap"
pcap2pkt -r flood.pcap >flood.pkt 2>/dev/null || fail "pcap2pkt"
expect_exit 0 pkt2flow --max-flows $MAX flood.pkt >flood.flows 2>flood.err
"$NF_TOOLS/streamstat" flood.flows >ss.txt || fail "streamstat"
count() { awk -v k="$1" '$1 == k { print $2 }' ss.txt; }
want() { [ "$(count "$1")" = "$2" ] || fail "$1 is $(count "$1"), want $2"; }

want pkt $N
want pkt_tagged $N
want flow_begin $N
want flow_end $N
want flow_end.evicted $((N - MAX))
want flow_end.eof $MAX
want neg_duration 0
want end 1
# END: pcap2pkt's packet count is carried, and pkt2flow counts the
# evictions (whatever the counter's exact name).
[ "$(awk '$1 ~ /^end\.pcap2pkt\./ && $2 == '$N'' ss.txt | wc -l)" -gt 0 ] ||
    fail "no pcap2pkt counter of $N packets in END"
[ "$(awk '$1 ~ /^end\.pkt2flow\..*evict/ && $2 == '$((N - MAX))'' ss.txt |
    wc -l)" -gt 0 ] || fail "no pkt2flow eviction counter of $((N - MAX)) in END"
grep -i "evict" flood.err | grep -q "$((N - MAX))" ||
    fail "evictions not reported on stderr: $(cat flood.err)"

# Every flow gives one row downstream, evicted ones included.
if [ -x "$NF_BIN/flow2cic" ]; then
	expect_exit 0 flow2cic flood.flows >flood.csv 2>/dev/null
	[ $(($(wc -l <flood.csv) - 1)) = $N ] ||
	    fail "flow2cic wrote $(($(wc -l <flood.csv) - 1)) rows, want $N"
fi

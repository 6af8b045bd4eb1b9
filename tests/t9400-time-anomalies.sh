# t9400: time anomalies (issue 8).  gencap --time-anomalies makes about 1%
# of the timestamps go back 1-5 s, some zero, packet 501 jump ten years
# ahead and, in pcapng, packet 701 lie past 2106 (2^32 + 86400 s, the
# value tshark shows for it).  Through every stage, each run bounded in
# time and memory: no negative duration anywhere, the out-of-order packets
# counted by pkt2flow, the 2106 time kept exactly.
. "$NF_TESTDIR/lib.sh"

for p in pcap2pkt pkt2flow pktdump; do
	[ -x "$NF_BIN/$p" ] || skip "$p not built yet"
done
# bounded CMD...: at most 20 s and 1 GiB of address space (no address
# space limit under AddressSanitizer, which reserves terabytes of shadow).
vlimit=1048576
grep -q __asan_init "$NF_BIN/pcap2pkt" && vlimit=unlimited
bounded() { ( ulimit -v $vlimit; exec timeout -s KILL 20 "$@" ); }
# nonneg FILE COLUMN: every value of the named CSV column is >= 0.
nonneg() {
	awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i
	    if (!k) exit 3; next } $k < 0 { print "row " NR ": " $k; bad = 1 }
	    END { exit bad }' "$1"
}

for fmt in pcap pcapng; do
	opt=; [ $fmt = pcapng ] && opt=--pcapng
	"$NF_TOOLS/gencap" -n 5000 --seed 9400 --time-anomalies $opt \
	    -w an.$fmt || fail "gencap"
	expect_exit 0 bounded pcap2pkt -r an.$fmt >an.pkt 2>p2p.err
	expect_exit 0 bounded pkt2flow an.pkt >an.flows 2>p2f.err
	"$NF_TOOLS/streamstat" an.flows >ss.txt || fail "streamstat"
	grep -qx "pkt 5000" ss.txt || fail "$fmt: packets lost: $(head -2 ss.txt)"
	grep -qx "pkt_tagged 5000" ss.txt || fail "$fmt: untagged packets"
	grep -qx "neg_duration 0" ss.txt ||
	    fail "$fmt: FLOW_END with last_ts < first_ts"
	# Counted: some pkt2flow END counter of out-of-order time is > 0.
	awk '$1 ~ /^end\.pkt2flow\..*(order|back)/ && $2 > 0 { ok = 1 }
	    END { exit !ok }' ss.txt ||
	    fail "$fmt: out-of-order timestamps not counted in END"
	if [ $fmt = pcapng ]; then
		expect_exit 0 bounded pktdump --csv an.pkt >an.csv
		grep -q ",4295053696\.000000000," an.csv ||
		    fail "the timestamp past 2106 was not kept"
	fi
	if [ -x "$NF_BIN/flow2csv" ]; then
		expect_exit 0 bounded flow2csv an.flows >flows.csv
		nonneg flows.csv duration || fail "$fmt: flow2csv duration < 0"
		awk -F, 'NR > 1 && $3 < $2 { exit 1 }' flows.csv ||
		    fail "$fmt: flow2csv end before start"
		echo "$fmt: $(awk -F, 'NR > 1 && $4 > 86400' flows.csv |
		    wc -l) flows last over a day (zero or far-ahead times)"
	fi
	if [ -x "$NF_BIN/flow2cic" ]; then
		expect_exit 0 bounded flow2cic an.flows >cic.csv 2>cic.err
		nonneg cic.csv "Flow Duration" ||
		    fail "$fmt: flow2cic Flow Duration < 0"
	fi
	if [ -x "$NF_BIN/flow2kdd" ]; then
		expect_exit 0 bounded flow2kdd an.flows >kdd.csv 2>kdd.err
		head -n 1 kdd.csv | tr , '\n' | grep -qx duration &&
		    { nonneg kdd.csv duration || fail "$fmt: flow2kdd duration < 0"; }
	fi
done
